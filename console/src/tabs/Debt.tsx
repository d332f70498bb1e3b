// A debt (or hybrid) security's coupon schedule on the issuer's screen: set it
// (corporateActions.setDebtSchedule), and follow every coupon and the principal as the chain has
// them: scheduled (from the schedule and the coupon calendar), created and paid (the coupon's
// distribution and corporateActions_distributionProgress), or missed (MissedCoupons), with
// *Retry* (retryCoupon) and, for a principal missed at maturity, *Repay principal*
// (redeemAtMaturity).
import { useEffect, useState } from 'react';
import { useApp, useChainData } from '../state';
import { chainSeconds, stoaRpc } from '../chain';
import { parseUnits, units, when } from '../format';
import { TxButton } from '../tx';
import { Addr, ErrorNote, Section, SelectField, TextField } from '../ui';
import { assetBalance, assets, debtSchedule, distributions, missedCoupons, nextCalendarDate } from '../securities';
import type { DistributionView, SecurityView } from '../securities';
import { couponDate, couponDates, couponPerUnit, paymentFor } from '../debt';

const MONTHS: [string, string][] = [['12', 'Every 12 months (yearly)'], ['6', 'Every 6 months'], ['3', 'Every 3 months (quarterly)'], ['1', 'Every month']];
const PAST_SHOWN = 24;
const UPCOMING_SHOWN = 12;

interface Progress { active: boolean; pushed: boolean; closed: boolean; payments: number; paid: string | number; withheld: string | number; remaining: string | number }

/** A datetime-local value (UTC) as Unix seconds, or null. */
function utcSeconds(local: string): number | null {
  if (!local) return null;
  const t = new Date(`${local}Z`).getTime();
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

/** Where a coupon or repayment distribution stands, in words, from its record and the RPC's progress. */
function paymentState(d: DistributionView, p: Progress | null, sym: string, dec: number, now: number): { state: string; words: string } {
  const paid = p ? BigInt(p.paid) : d.paid;
  const withheld = p ? BigInt(p.withheld) : d.withheld;
  const left = p ? BigInt(p.remaining) : 0n;
  const money = `${units(paid, dec)} ${sym} paid${withheld > 0n ? `, ${units(withheld, dec)} ${sym} withheld` : ''}`;
  const burnt = d.redemption ? ', their units burnt' : '';
  switch (d.status) {
    case 'Created':
      return { state: 'paying', words: now >= d.payAt ? 'created; the chain starts paying in the next blocks' : `created; paid from ${when(d.payAt)}` };
    case 'Paying':
      return { state: 'paying', words: `paying: ${p?.payments ?? d.payments} holder(s) paid so far (${money})` };
    case 'Pushed':
      return { state: 'paid', words: `paid to ${p?.payments ?? d.payments} holder(s)${burnt} (${money})${left > 0n ? `; ${units(left, dec)} ${sym} left in escrow for holders who claim until ${when(d.expiresAt)}` : ''}` };
    default: // Closed
      if (d.supply === 0n && d.payments === 0) return { state: 'defaulted', words: 'not paid: the reserve could not cover it when payment started; the distribution closed and its reserve went back' };
      return { state: 'paid', words: `paid to ${d.payments} holder(s)${burnt} (${money}); closed after expiry` };
  }
}

export function DebtService({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const terms = sec.debt!;
  const assetList = useChainData(() => assets(chain), [], false);
  const data = useChainData(async () => {
    const [schedule, missed, now, all, next] = await Promise.all([
      debtSchedule(chain, sec.id), missedCoupons(chain, sec.id), chainSeconds(chain), distributions(chain), nextCalendarDate(chain, sec.id),
    ]);
    const mine = all.filter((d) => d.security === sec.id && (d.couponNumber !== null || d.redemption));
    const progress = await Promise.all(mine.map((d) => stoaRpc<Progress>(chain, 'corporateActions_distributionProgress', [d.id]).catch(() => null)));
    const reserve = schedule ? await assetBalance(chain, schedule.asset, schedule.funder) : null;
    return { schedule, missed, now, next, reserve, payments: mine.map((d, i) => ({ d, p: progress[i] })) };
  }, [sec.id]);
  const v = data.data;
  const schedule = v?.schedule ?? null;
  const asset = assetList.data?.find((a) => a.id === schedule?.asset);
  const dec = asset?.decimals ?? 0;
  const sym = asset?.symbol ?? (schedule ? `asset ${schedule.asset}` : '');
  const rate = `${terms.couponBps / 100}% a year`;
  return (
    <Section title="Debt schedule and coupons" id="debt">
      <ErrorNote error={data.error} />
      <p className="hint">{sec.kind.startsWith('Hybrid') ? 'Hybrid' : 'Debt'} security: coupon {rate}, {terms.maturity !== null ? `maturing ${when(terms.maturity)}` : 'no maturity'}.</p>
      {v && !schedule && <SetSchedule sec={sec} now={v.now} onDone={() => data.reload()} />}
      {v && schedule && (() => {
        const perCoupon = couponPerUnit(schedule.faceValue, terms.couponBps, schedule.months);
        const byNumber = new Map(v.payments.filter(({ d }) => d.couponNumber !== null).map((x) => [x.d.couponNumber!, x]));
        const missed = new Map(v.missed.map((m) => [m.number, m]));
        const redemption = v.payments.find(({ d }) => d.redemption) ?? null;
        const firstPast = Math.max(1, schedule.coupons - PAST_SHOWN + 1);
        const upcomingAll = couponDates(schedule.firstCoupon, schedule.months, schedule.maturity, schedule.coupons + 1, 10_000);
        const upcoming = upcomingAll.slice(0, UPCOMING_SHOWN);
        // What the next scheduled payment needs from the reserve at today's supply.
        const nextNeeds = upcoming.length ? paymentFor(sec.totalSupply, perCoupon, sec.decimals)
          : schedule.maturity !== null && !schedule.redeemed ? paymentFor(sec.totalSupply, schedule.faceValue, sec.decimals) : null;
        const short = nextNeeds !== null && v.reserve !== null && v.reserve < nextNeeds;
        const rows: JSX.Element[] = [];
        for (let n = firstPast; n <= schedule.coupons; n += 1) {
          const m = missed.get(n);
          const created = byNumber.get(n);
          const date = m ? m.dueAt : couponDate(schedule.firstCoupon, schedule.months, n);
          let state = 'created';
          let words: string = '';
          let action: JSX.Element | null = null;
          let perUnit = created?.d.amount.perUnit ?? m?.rate ?? perCoupon;
          if (m) {
            state = 'missed';
            words = `missed on its date: the reserve could not cover it (or the security's job list was full). Owed to the holders of ${when(m.dueAt)} until it is retried.`;
            action = <TxButton label={`Retry coupon ${n}`} tx={chain.api.tx.corporateActions.retryCoupon(sec.id, n)} testid={`retry-coupon-${n}`} />;
          } else if (created) {
            ({ state, words } = paymentState(created.d, created.p, sym, dec, v.now));
          } else {
            words = 'created by the chain (its distribution is no longer stored)';
          }
          rows.push(
            <tr key={n} data-testid={`coupon-${n}`} data-state={state}>
              <th scope="row">Coupon {n}</th><td>{when(date)}</td><td className="num">{units(perUnit, dec)} {sym}</td>
              <td><span className={state === 'paid' ? 'ok' : state === 'missed' || state === 'defaulted' ? 'bad' : ''}>{state}</span>: {words}</td>
              <td>{action}</td>
            </tr>,
          );
        }
        for (const [n, date] of upcoming) {
          const due = date <= v.now;
          rows.push(
            <tr key={n} data-testid={`coupon-${n}`} data-state={due ? 'due' : 'scheduled'}>
              <th scope="row">Coupon {n}</th><td>{when(date)}</td><td className="num">{units(perCoupon, dec)} {sym}</td>
              <td>{due ? 'due: the chain creates it in the next block' : 'scheduled'}</td><td />
            </tr>,
          );
        }
        let principal: JSX.Element | null = null;
        if (schedule.maturity !== null) {
          let state = 'scheduled';
          let words = `repaid at maturity: ${units(schedule.faceValue, dec)} ${sym} per unit, the units burnt`;
          let action: JSX.Element | null = null;
          if (redemption) ({ state, words } = paymentState(redemption.d, redemption.p, sym, dec, v.now));
          else if (schedule.redeemed) { state = 'paying'; words = 'put up for repayment'; }
          else if (schedule.maturity <= v.now && v.next !== null && v.next <= v.now) { state = 'due'; words = 'due: the chain creates the repayment in the next block'; }
          else if (schedule.maturity <= v.now) {
            state = 'missed';
            words = 'missed at maturity: the reserve could not cover the principal. Repaying it now takes it from the signing agent\'s account.';
            action = <TxButton label="Repay principal" tx={chain.api.tx.corporateActions.redeemAtMaturity(sec.id)} testid="redeem-at-maturity-tx" />;
          }
          principal = (
            <tr data-testid="principal" data-state={state}>
              <th scope="row">Principal</th><td>{when(schedule.maturity)}</td><td className="num">{units(schedule.faceValue, dec)} {sym}</td>
              <td><span className={state === 'paid' ? 'ok' : state === 'missed' || state === 'defaulted' ? 'bad' : ''}>{state}</span>: {words}</td>
              <td>{action}</td>
            </tr>
          );
        }
        return (
          <>
            <dl className="facts" data-testid="debt-schedule">
              <dt>Settled in</dt><dd>{sym}</dd>
              <dt>Face value</dt><dd>{units(schedule.faceValue, dec)} {sym} per unit</dd>
              <dt>Coupons</dt><dd>{rate}, every {schedule.months} month{schedule.months === 1 ? '' : 's'}: {units(perCoupon, dec)} {sym} per unit each; first {when(schedule.firstCoupon)}</dd>
              <dt>Created so far</dt><dd data-testid="coupons-created">{schedule.coupons} coupon{schedule.coupons === 1 ? '' : 's'}{schedule.defaults ? `; ${schedule.defaults} payment(s) missed on their date so far` : ''}</dd>
              <dt>Next date</dt><dd>{v.next !== null ? when(v.next) : schedule.redeemed || schedule.maturity === null ? '—' : 'none left in the calendar'}</dd>
              <dt>Reserve</dt><dd data-testid="debt-reserve"><Addr address={schedule.funder} />: {units(v.reserve ?? 0n, dec)} {sym}{nextNeeds !== null && <> · the next payment needs {units(nextNeeds, dec)} {sym} at today's supply</>}</dd>
            </dl>
            {short && <p className="bad" role="status">The reserve cannot cover the next payment: fund it in {sym} before {when(v.next)}, or the chain will record the payment as missed.</p>}
            <table data-testid="coupons">
              <caption>Coupons and principal{firstPast > 1 ? ` (from coupon ${firstPast})` : ''}</caption>
              <thead><tr><th scope="col">Payment</th><th scope="col">Date</th><th scope="col" className="num">Per unit</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
              <tbody>
                {rows}
                {upcomingAll.length > upcoming.length && <tr><td colSpan={5}>…and {upcomingAll.length - upcoming.length} more coupons until maturity.</td></tr>}
                {principal}
              </tbody>
            </table>
          </>
        );
      })()}
    </Section>
  );
}

function SetSchedule({ sec, now, onDone }: { sec: SecurityView; now: number; onDone: () => void }) {
  const { chain, account } = useApp();
  const terms = sec.debt!;
  const assetList = useChainData(() => assets(chain), [], false);
  const [asset, setAsset] = useState('1');
  const [face, setFace] = useState('100');
  const [months, setMonths] = useState('12');
  const [first, setFirst] = useState('');
  useEffect(() => {
    // Proposed: a period from now (the issuer changes it to the bond's real coupon date).
    if (!first && now) setFirst(new Date(Math.min(couponDate(now, Number(months), 2), terms.maturity ?? Infinity) * 1000).toISOString().slice(0, 19));
  }, [now]);
  const a = assetList.data?.find((x) => String(x.id) === asset);
  const faceValue = a ? parseUnits(face, a.decimals) : null;
  const firstAt = utcSeconds(first);
  const m = Number(months);
  const faceError = face && faceValue === null ? `A number with at most ${a?.decimals ?? 0} decimals.` : faceValue === 0n ? 'The face value must be above zero.' : null;
  const firstError = firstAt === null ? (first ? 'Not a date and time.' : null)
    : firstAt <= now ? `Must be in the future (the chain's time is ${when(now)}).`
    : terms.maturity !== null && firstAt > terms.maturity ? `Must be at or before maturity (${when(terms.maturity)}).` : null;
  const perCoupon = faceValue ? couponPerUnit(faceValue, terms.couponBps, m) : null;
  const count = firstAt && terms.maturity !== null ? couponDates(firstAt, m, terms.maturity, 1, 10_000).length : null;
  const tx = a && faceValue && faceValue > 0n && firstAt && !firstError ? chain.api.tx.corporateActions.setDebtSchedule(sec.id, a.id, faceValue, m, firstAt) : null;
  return (
    <form className="form two" onSubmit={(e) => e.preventDefault()}>
      <SelectField label="Settled in" value={asset} onChange={setAsset} options={(assetList.data ?? []).map((x) => [String(x.id), `${x.symbol} — ${x.name}`])} />
      <TextField label={`Face value per whole unit (${a?.symbol ?? ''})`} value={face} onChange={setFace} inputMode="decimal" error={faceError} />
      <SelectField label="Coupon frequency" value={months} onChange={setMonths} options={MONTHS} />
      <TextField label="First coupon (UTC)" type="datetime-local" step={1} value={first} onChange={setFirst} error={firstError}
        hint="Later coupons fall on the same day of the month (the last day of shorter months), as the chain counts them." />
      <p className="hint" data-testid="coupon-preview">
        {perCoupon !== null && a ? <>Each coupon: <strong>{units(perCoupon, a.decimals)} {a.symbol}</strong> per unit ({terms.couponBps / 100}% a year × {m}/12 of {units(faceValue!, a.decimals)}){count !== null ? `; ${count} coupon${count === 1 ? '' : 's'} until maturity, then the face value` : ''}.</> : 'Each coupon is the face value × the yearly rate × months / 12, rounded down.'}
      </p>
      <p className="hint">Coupons and the principal are paid from the signing account{account ? ` (${account.name})` : ''}, the issuer's reserve: keep it funded in the settlement asset before each date, or the chain records the payment as missed (it stays owed and can be retried).</p>
      <TxButton label="Set debt schedule" tx={tx} testid="debt-schedule-tx" onDone={onDone} />
    </form>
  );
}
