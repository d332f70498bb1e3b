// The investor's screen: identity and credentials (with expiry), cash, holdings across
// securities (with documents), "can I send this?" before signing a transfer, redemption,
// offerings (subscribe, withdraw, refunds), dividends (pending and past, with claim) and
// ballots (with vote).
import { useEffect, useMemo, useState } from 'react';
import { useApp, useChainData } from '../state';
import { stoaRpc, code, variant, chainSeconds, variantDocs } from '../chain';
import { units, parseUnits, when } from '../format';
import { TxButton } from '../tx';
import { AddressField, Addr, ErrorNote, Section, SelectField, TextField, normaliseAddress } from '../ui';
import { allSecurities, assetBalance, assets, ballots, cost, distributions, documents, offerings } from '../securities';
import type { SecurityView } from '../securities';
import { explainReason } from '../reasons';
import type { Reason } from '../reasons';

export function InvestorTab() {
  const { account } = useApp();
  if (!account) return <p className="note">Choose an account to see its holdings.</p>;
  return (
    <div className="grid">
      <Identity address={account.address} />
      <Cash address={account.address} />
      <Holdings address={account.address} />
      <Transfer address={account.address} />
      <Redeem address={account.address} />
      <Offerings address={account.address} />
      <Dividends address={account.address} />
      <Ballots address={account.address} />
    </div>
  );
}

function Identity({ address }: { address: string }) {
  const { chain } = useApp();
  const info = useChainData(() => stoaRpc(chain, 'credentials_account', [address]), [address]);
  const now = useChainData(() => chainSeconds(chain), []);
  const kindDocs = useMemo(() => variantDocs(chain, 'CredentialKind'), [chain]);
  const v = info.data;
  const inv = v?.investor;
  return (
    <Section title="Identity and credentials" id="identity">
      <ErrorNote error={info.error} />
      {v && !inv && !v.protocolHolder && <p>This account is not linked to an investor: it cannot hold securities until a qualifier onboards it.</p>}
      {v?.pendingLink !== null && v?.pendingLink !== undefined && (
        <div className="callout">
          <p>A qualifier invited this wallet to investor #{v.pendingLink}. Accept to link it.</p>
          <TxButton label={`Accept link to investor #${v.pendingLink}`} tx={chain.api.tx.credentials.acceptWalletLink(v.pendingLink)} testid="accept-link" />
        </div>
      )}
      {v?.blocked && <p className="error" role="alert">Blocked: {variant(v.blocked)}. Transfers to and from this account are refused.</p>}
      {inv && (
        <>
          <dl className="facts">
            <dt>Investor</dt><dd data-testid="investor-id">#{inv.id}</dd>
            <dt>Kind</dt><dd>{variant(inv.kind)}</dd>
            <dt>Jurisdiction</dt><dd>{code(inv.jurisdiction)}</dd>
            <dt>Qualifier</dt><dd>#{inv.qualifier}</dd>
            <dt>Wallets</dt><dd>{inv.wallets.map((w: string) => <Addr key={w} address={w} />)}</dd>
          </dl>
          <table>
            <caption>Credentials</caption>
            <thead><tr><th scope="col">Kind</th><th scope="col">Qualifier</th><th scope="col">Issued</th><th scope="col">Expires</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {inv.credentials.map((c: any, i: number) => {
                const soon = c.expiresAt && now.data && c.expiresAt - now.data < 30 * 86400;
                return (
                  <tr key={i}>
                    <td title={kindDocs.get(variant(c.kind))}>{variant(c.kind)}</td>
                    <td>#{c.qualifier}</td>
                    <td>{c.issuedAt === 0 ? 'at genesis' : when(c.issuedAt)}</td>
                    <td>{c.expiresAt ? when(c.expiresAt) : 'never'}{soon && c.valid ? ' (soon)' : ''}</td>
                    <td>{c.valid ? <span className="ok">valid</span> : <span className="bad">{c.revokedAt ? 'revoked' : 'not counted'}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

function Cash({ address }: { address: string }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const account: any = await chain.api.query.system.account(address);
    const list = await assets(chain);
    const balances = await Promise.all(list.map((a) => assetBalance(chain, a.id, address)));
    return { free: account.data.free.toBigInt(), assets: list.map((a, i) => ({ ...a, balance: balances[i] })) };
  }, [address]);
  return (
    <Section title="Cash" id="cash">
      <ErrorNote error={data.error} />
      {data.data && (
        <dl className="facts" data-testid="cash">
          <dt>{chain.tokenSymbol} (fees)</dt><dd>{units(data.data.free, chain.tokenDecimals)}</dd>
          {data.data.assets.map((a) => <FragmentPair key={a.id} term={`${a.symbol} (asset ${a.id})`} value={units(a.balance, a.decimals)} testid={`asset-${a.id}`} />)}
        </dl>
      )}
    </Section>
  );
}

function FragmentPair({ term, value, testid }: { term: string; value: string; testid?: string }) {
  return <><dt>{term}</dt><dd data-testid={testid}>{value}</dd></>;
}

function Holdings({ address }: { address: string }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const holdings: any[] = await stoaRpc(chain, 'issuance_holdings', [address]);
    const secs = await allSecurities(chain);
    const docs = await Promise.all(holdings.map((h) => documents(chain, h.security)));
    return holdings.map((h, i) => ({ ...h, sec: secs.find((s) => s.id === h.security), docs: docs[i] }));
  }, [address]);
  return (
    <Section title="Holdings" id="holdings">
      <ErrorNote error={data.error} />
      {data.data && data.data.length === 0 && <p>No holdings.</p>}
      {data.data && data.data.length > 0 && (
        <table data-testid="holdings">
          <thead><tr><th scope="col">Security</th><th scope="col">ISIN</th><th scope="col" className="num">Balance</th><th scope="col" className="num">Frozen</th><th scope="col">Documents</th></tr></thead>
          <tbody>
            {data.data.map((h) => (
              <tr key={h.security}>
                <td>{h.sec ? `${h.sec.symbol} — ${h.sec.name}` : `#${h.security}`} {h.holderFrozen && <span className="bad">holder frozen</span>}</td>
                <td><code>{h.sec?.isin}</code></td>
                <td className="num">{units(BigInt(h.balance), h.sec?.decimals ?? 0)}</td>
                <td className="num">{units(BigInt(h.frozen), h.sec?.decimals ?? 0)}</td>
                <td>{h.docs.length === 0 ? '—' : h.docs.map((d: any) => <div key={d.name}><a href={d.uri} rel="noreferrer noopener" target="_blank">{d.name}</a> <code title="content hash">{d.hash.slice(0, 10)}…</code></div>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** An amount as the RPC's NumberOrHex: a JSON number when exact, else 0x-hex. */
const numberOrHex = (v: bigint) => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : `0x${v.toString(16)}`);

/** Pre-flight: every reason compliance_canTransfer gives, explained, before signing. */
function Transfer({ address }: { address: string }) {
  const { chain } = useApp();
  const holdings = useChainData(() => stoaRpc<any[]>(chain, 'issuance_holdings', [address]), [address]);
  const secs = useChainData(() => allSecurities(chain), []);
  const [security, setSecurity] = useState('');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const held = holdings.data ?? [];
  useEffect(() => {
    if (!security && held[0]) setSecurity(String(held[0].security));
  }, [held, security]);
  const sec: SecurityView | undefined = secs.data?.find((s) => String(s.id) === security);
  const toAddress = normaliseAddress(to, chain.ss58);
  const value = sec ? parseUnits(amount, sec.decimals) : null;
  const amountError = amount && value === null ? `A number with at most ${sec?.decimals ?? 0} decimals.` : null;
  const ready = sec && toAddress && value !== null && value > 0n;
  const check = useChainData(async () => {
    if (!ready) return null;
    return stoaRpc<{ allowed: boolean; reasons: Reason[] }>(chain, 'compliance_canTransfer', [sec!.id, address, toAddress, numberOrHex(value!)]);
  }, [ready ? `${security}|${toAddress}|${value}` : null, address]);
  const report = ready ? check.data : null;
  const tx = ready ? chain.api.tx.issuance.transfer(sec!.id, toAddress!, value!) : null;
  return (
    <Section title="Send securities" id="transfer">
      {held.length === 0 ? <p>Nothing to send.</p> : (
        <form className="form" onSubmit={(e) => e.preventDefault()}>
          <SelectField label="Security" value={security} onChange={setSecurity}
            options={held.map((h) => { const s = secs.data?.find((x) => x.id === h.security); return [String(h.security), s ? `${s.symbol} (balance ${units(BigInt(h.balance), s.decimals)})` : `#${h.security}`]; })} />
          <AddressField label="To" value={to} onChange={setTo} />
          <TextField label="Amount" value={amount} onChange={setAmount} inputMode="decimal" error={amountError} />
          <div className="preflight" aria-live="polite" data-testid="preflight">
            {!ready ? <p className="hint">The chain checks the transfer against every rule as you type.</p>
              : check.error ? <p className="error">Pre-flight check failed: {check.error}</p>
              : !report ? <p>Checking with the chain…</p>
              : report.allowed ? <p className="ok" data-verdict="allowed">✓ The chain would accept this transfer now.</p>
              : (
                <div data-verdict="refused">
                  <p className="bad"><strong>✗ The chain would refuse this transfer</strong> ({report.reasons.length} reason{report.reasons.length === 1 ? '' : 's'}):</p>
                  <ul className="reasons">
                    {report.reasons.map((r, i) => {
                      const x = explainReason(chain, r);
                      return <li key={i}><code>{x.code}</code> <strong>{x.name}</strong>: {x.words}</li>;
                    })}
                  </ul>
                </div>
              )}
          </div>
          <TxButton label="Sign transfer" tx={tx} blocker={report && !report.allowed ? 'Refused by the pre-flight check: fix the reasons above first.' : null} testid="transfer-tx" />
        </form>
      )}
    </Section>
  );
}

/** Redeeming (burning) the account's own units, where the security's status and freezes allow it. */
function Redeem({ address }: { address: string }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const [holdings, secs] = await Promise.all([stoaRpc<any[]>(chain, 'issuance_holdings', [address]), allSecurities(chain)]);
    return holdings.filter((h) => BigInt(h.balance) > 0n).map((h) => ({ ...h, sec: secs.find((s) => s.id === h.security) as SecurityView | undefined }));
  }, [address]);
  const [security, setSecurity] = useState('');
  const [amount, setAmount] = useState('');
  const held = data.data ?? [];
  useEffect(() => {
    if (!held.find((h) => String(h.security) === security) && held[0]) setSecurity(String(held[0].security));
  }, [held, security]);
  const h = held.find((x) => String(x.security) === security);
  const sec = h?.sec;
  const available = h ? BigInt(h.balance) - BigInt(h.frozen) : 0n;
  const value = sec ? parseUnits(amount, sec.decimals) : null;
  const amountError = amount && value === null ? `A number with at most ${sec?.decimals ?? 0} decimals.` : null;
  const blocker = !sec ? null
    : sec.status === 'Paused' ? `${sec.symbol} is paused: holders cannot redeem until it resumes.`
    : h.holderFrozen ? `Your holding of ${sec.symbol} is frozen.`
    : value !== null && value > (available < 0n ? 0n : available) ? `You can redeem at most ${units(available < 0n ? 0n : available, sec.decimals)} (your balance less frozen units).`
    : null;
  const tx = sec && value && value > 0n ? chain.api.tx.issuance.redeem(sec.id, value) : null;
  return (
    <Section title="Redeem" id="redeem">
      <ErrorNote error={data.error} />
      {held.length === 0 ? <p>Nothing to redeem.</p> : (
        <form className="form two" onSubmit={(e) => e.preventDefault()}>
          <SelectField label="Security" value={security} onChange={setSecurity}
            options={held.map((x) => [String(x.security), x.sec ? `${x.sec.symbol} (balance ${units(BigInt(x.balance), x.sec.decimals)}, ${x.sec.status.toLowerCase()})` : `#${x.security}`])} />
          <TextField label="Units to redeem" value={amount} onChange={setAmount} inputMode="decimal" error={amountError} />
          <p className="hint">Redeeming burns the units; the chain pays nothing for them by itself (what the issuer pays back, if anything, is settled outside this call; a debt security's principal is repaid by the chain at maturity). Allowed while the security is active or matured, not while it is paused.</p>
          <TxButton label="Redeem" tx={tx} blocker={blocker} testid="redeem-tx" />
        </form>
      )}
    </Section>
  );
}

function Offerings({ address }: { address: string }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const [list, secs, assetList, now] = await Promise.all([offerings(chain), allSecurities(chain), assets(chain), chainSeconds(chain)]);
    const [mine, refunds] = await Promise.all([
      Promise.all(list.map((o) => chain.api.query.issuance.subscriptions(o.id, address))),
      Promise.all(list.map((o) => chain.api.query.issuance.deferredRefunds(o.id, address))),
    ]);
    return list
      .map((o, i) => ({
        o, sec: secs.find((s) => s.id === o.security), asset: assetList.find((a) => a.id === o.asset), now,
        sub: (mine[i] as any).isSome ? (mine[i] as any).unwrap() : null,
        refund: (refunds[i] as any).isSome ? ((refunds[i] as any).unwrap().toBigInt() as bigint) : null,
      }))
      .filter((r) => r.o.status === 'Open' || r.sub || r.refund);
  }, [address]);
  return (
    <Section title="Offerings" id="investor-offerings">
      <ErrorNote error={data.error} />
      {(data.data ?? []).length === 0 && <p>No open offerings.</p>}
      {(data.data ?? []).map((r) => <OfferingRow key={r.o.id} row={r} />)}
    </Section>
  );
}

function OfferingRow({ row }: { row: any }) {
  const { chain } = useApp();
  const { o, sec, asset, sub, refund, now } = row;
  const [amount, setAmount] = useState('');
  const dec = sec?.decimals ?? 0;
  const value = parseUnits(amount, dec);
  const open = o.status === 'Open' && now >= o.startsAt && now < o.endsAt;
  const price = (u: bigint) => `${units(cost(u, o.price, dec), asset?.decimals ?? 0)} ${asset?.symbol ?? ''}`;
  return (
    <article className="distribution" data-testid={`investor-offering-${o.id}`}>
      <h3>{sec?.symbol ?? `#${o.security}`} offering #{o.id} · {units(o.price, asset?.decimals ?? 0)} {asset?.symbol} per unit · {o.status}</h3>
      <p className="hint">{when(o.startsAt)} – {when(o.endsAt)} · {units(o.minSubscription, dec)}–{units(o.maxSubscription, dec)} units per subscriber · {units(o.subscribed, dec)} of {units(o.hardCap, dec)} subscribed</p>
      {sub && <p>Your subscription: {units(sub.units.toBigInt(), dec)} units, {units(sub.paid.toBigInt(), asset?.decimals ?? 0)} {asset?.symbol} in escrow.</p>}
      {sub && o.status === 'Refunding' && (
        <div className="callout">
          <p>This offering was cancelled or closed below its soft cap: every subscription is refunded as the offering is settled. Anyone may settle it.</p>
          <TxButton label="Settle the next 50 subscriptions (refunds)" tx={chain.api.tx.issuance.settleOffering(o.id, 50)} testid={`refund-settle-${o.id}`} />
        </div>
      )}
      {sub && o.status === 'Open' && now >= o.endsAt && (
        <div className="callout">
          <p>The offering closed {when(o.endsAt)}: it settles (or refunds everyone, below its soft cap) when someone settles it. Anyone may.</p>
          <TxButton label="Settle the next 50 subscriptions" tx={chain.api.tx.issuance.settleOffering(o.id, 50)} testid={`investor-settle-${o.id}`} />
        </div>
      )}
      {refund !== null && (
        <div className="callout" data-testid={`refund-${o.id}`}>
          <p>A refund of <strong>{units(refund, asset?.decimals ?? 0)} {asset?.symbol}</strong> is waiting for you: the chain could not pay it when the offering settled (this account could not receive {asset?.symbol} then). Claim it once it can.</p>
          <TxButton label="Claim refund" tx={chain.api.tx.issuance.claimRefund(o.id)} testid={`claim-refund-${o.id}`} />
        </div>
      )}
      {open && (
        <div className="form two">
          <TextField label="Units to subscribe" value={amount} onChange={setAmount} inputMode="decimal" hint={value ? `Costs ${price(value)} (paid into escrow now).` : undefined} />
          <TxButton label="Subscribe" tx={value && value > 0n ? chain.api.tx.issuance.subscribe(o.id, value) : null} testid={`subscribe-${o.id}`} />
          {sub && <TxButton label="Withdraw subscription" tx={chain.api.tx.issuance.withdrawSubscription(o.id)} />}
        </div>
      )}
    </article>
  );
}

function Dividends({ address }: { address: string }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const [list, secs, assetList, now] = await Promise.all([distributions(chain), allSecurities(chain), assets(chain), chainSeconds(chain)]);
    const rows = [];
    for (const d of list) {
      if (d.recordAt > now) continue; // no entitlement before the record date
      let e: any;
      try { e = await stoaRpc(chain, 'corporateActions_entitlement', [d.id, address]); } catch { continue; }
      if (!e || BigInt(e.units) === 0n) continue;
      rows.push({ d, e, sec: secs.find((s) => s.id === d.security), asset: assetList.find((a) => a.id === d.asset) });
    }
    return { rows, now };
  }, [address]);
  const rows = data.data?.rows ?? [];
  const pending = rows.filter((r) => !r.e.paid && r.d.status !== 'Closed');
  const past = rows.filter((r) => r.e.paid || r.d.status === 'Closed');
  const table = (list: typeof rows, claim: boolean, testid: string) => (
    <table data-testid={testid}>
      <thead><tr><th scope="col">#</th><th scope="col">Security</th><th scope="col">Record date</th><th scope="col">Pay date</th><th scope="col" className="num">Units</th><th scope="col" className="num">Gross</th><th scope="col" className="num">Withheld</th><th scope="col" className="num">Net</th><th scope="col">Status</th>{claim && <th scope="col">Claim</th>}</tr></thead>
      <tbody>
        {list.map(({ d, e, sec, asset }) => {
          const dec = asset?.decimals ?? 0;
          const sym = asset?.symbol ?? `asset ${d.asset}`;
          const claimable = claim && (d.status === 'Paying' || d.status === 'Pushed');
          return (
            <tr key={d.id}>
              <td>{d.id}</td>
              <td>{sec?.symbol ?? `#${d.security}`}</td>
              <td>{when(d.recordAt)}</td>
              <td>{when(d.payAt)}</td>
              <td className="num">{units(BigInt(e.units), sec?.decimals ?? 0)}</td>
              <td className="num">{units(BigInt(e.gross), dec)} {sym}</td>
              <td className="num">{units(BigInt(e.withheld), dec)}</td>
              <td className="num">{units(BigInt(e.net), dec)} {sym}</td>
              <td>{e.paid ? <span className="ok">paid</span> : d.status}</td>
              {claim && <td>{claimable ? <TxButton label="Claim" tx={chain.api.tx.corporateActions.claim(d.id)} /> : 'from the pay date'}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  return (
    <Section title="Dividends" id="dividends">
      <ErrorNote error={data.error} />
      <h3>Pending</h3>
      {pending.length ? table(pending, true, 'dividends-pending') : <p>None pending.</p>}
      <h3>Past</h3>
      {past.length ? table(past, false, 'dividends-past') : <p>None yet.</p>}
    </Section>
  );
}

function Ballots({ address }: { address: string }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const [list, secs, now, who] = await Promise.all([ballots(chain), allSecurities(chain), chainSeconds(chain), stoaRpc(chain, 'credentials_account', [address])]);
    const investor = who?.investor?.id;
    const rows = [];
    for (const b of list) {
      let weight: bigint | null = null;
      try { weight = BigInt(await stoaRpc(chain, 'corporateActions_balanceAt', [b.security, b.checkpoint, address])); } catch { weight = null; }
      if (!weight) continue;
      const voted = investor === undefined ? false : (await chain.api.query.corporateActions.votes(b.id, investor) as any).isSome;
      const results = await stoaRpc(chain, 'corporateActions_ballotResults', [b.id]);
      rows.push({ b, weight, voted, results, sec: secs.find((s) => s.id === b.security) });
    }
    return { rows, now };
  }, [address]);
  return (
    <Section title="Ballots" id="ballots">
      <ErrorNote error={data.error} />
      {data.data && data.data.rows.length === 0 && <p>No ballots for your record-date holdings.</p>}
      {data.data?.rows.map((r) => <BallotCard key={r.b.id} row={r} now={data.data!.now} />)}
    </Section>
  );
}

function BallotCard({ row, now }: { row: any; now: number }) {
  const { chain } = useApp();
  const { b, weight, voted, results, sec } = row;
  const [choices, setChoices] = useState<number[]>(b.motions.map(() => 0));
  const open = now >= b.startsAt && now < b.endsAt && !results.closed;
  return (
    <article className="ballot" data-testid={`ballot-${b.id}`}>
      <h3>Ballot #{b.id} · {sec?.symbol ?? `security ${b.security}`}</h3>
      <p className="hint">Voting {when(b.startsAt)} – {when(b.endsAt)} · your weight {units(weight, sec?.decimals ?? 0)} units at the record date · {results.voters} voter(s){results.closed ? ' · closed' : ''}</p>
      {b.motions.map((m: any, i: number) => (
        <fieldset key={i} disabled={!open || voted}>
          <legend>{m.title}</legend>
          {m.choices.map((c: string, j: number) => {
            const tally = BigInt(results.tallies[i]?.[j] ?? 0);
            return (
              <label key={j} className="choice">
                <input type="radio" name={`ballot-${b.id}-${i}`} checked={choices[i] === j} onChange={() => setChoices(choices.map((x, k) => (k === i ? j : x)))} />
                {c} <span className="tally">({units(tally, sec?.decimals ?? 0)} units)</span>
              </label>
            );
          })}
        </fieldset>
      ))}
      {voted ? <p className="ok">Your investor has voted.</p> : open ? <TxButton label="Vote" tx={chain.api.tx.corporateActions.vote(b.id, choices)} testid={`vote-${b.id}`} /> : <p>Voting is not open.</p>}
    </article>
  );
}
