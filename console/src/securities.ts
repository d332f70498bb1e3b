// Reading securities, settlement assets, distributions and ballots from chain state.
import type { Chain } from './chain';
import { code, text, variant } from './chain';

export interface SecurityView {
  id: number;
  issuer: number;
  name: string;
  symbol: string;
  kind: string;
  decimals: number;
  isin: string;
  cusip: string | null;
  lei: string | null;
  figi: string | null;
  authorisedSupply: bigint;
  totalSupply: bigint;
  holders: number;
  documents: number;
  status: string;
  /** A debt or hybrid security's yearly coupon (basis points) and maturity (Unix seconds, none for a perpetual hybrid). */
  debt: { couponBps: number; maturity: number | null } | null;
}

function toView(id: number, s: any): SecurityView {
  const ids = s.identifiers;
  const opt = (o: any) => (o.isSome ? code(o.unwrap()) : null);
  return {
    id,
    issuer: s.issuer.toNumber(),
    name: text(s.name),
    symbol: text(s.symbol),
    kind: variant(s.kind.toJSON()),
    decimals: s.decimals.toNumber(),
    isin: code(ids.isin),
    cusip: opt(ids.cusip),
    lei: opt(ids.lei),
    figi: opt(ids.figi),
    authorisedSupply: s.authorisedSupply.toBigInt(),
    totalSupply: s.totalSupply.toBigInt(),
    holders: s.holders.toNumber(),
    documents: s.documents.toNumber(),
    status: s.status.toString(),
    debt: s.kind.isDebt ? { couponBps: s.kind.asDebt.couponBps.toNumber(), maturity: s.kind.asDebt.maturity.toNumber() }
      : s.kind.isHybrid ? { couponBps: s.kind.asHybrid.couponBps.toNumber(), maturity: s.kind.asHybrid.maturity.isSome ? s.kind.asHybrid.maturity.unwrap().toNumber() : null }
      : null,
  };
}

export async function security(chain: Chain, id: number): Promise<SecurityView | null> {
  const s: any = await chain.api.query.issuance.securities(id);
  return s.isSome ? toView(id, s.unwrap()) : null;
}

export async function allSecurities(chain: Chain): Promise<SecurityView[]> {
  const entries = await chain.api.query.issuance.securities.entries();
  return entries
    .map(([key, value]: any) => toView(key.args[0].toNumber(), value.unwrap()))
    .sort((a, b) => a.id - b.id);
}

export interface DocumentView { name: string; uri: string; hash: string }

export async function documents(chain: Chain, id: number): Promise<DocumentView[]> {
  const entries = await chain.api.query.issuance.documents.entries(id);
  return entries.map(([key, value]: any) => {
    const d = value.unwrap ? value.unwrap() : value;
    // `.hash` is every codec's own hash (polkadot-js renames the field `hash_`): read it from JSON.
    return { name: text(key.args[1]), uri: text(d.uri), hash: String(d.toJSON().hash) };
  });
}

export interface AssetView { id: number; symbol: string; name: string; decimals: number }

/** Settlement assets (pallet-assets) with their metadata. */
export async function assets(chain: Chain): Promise<AssetView[]> {
  const entries = await chain.api.query.assets.metadata.entries();
  return entries
    .map(([key, m]: any) => ({ id: key.args[0].toNumber(), symbol: text(m.symbol), name: text(m.name), decimals: m.decimals.toNumber() }))
    .sort((a, b) => a.id - b.id);
}

export async function assetBalance(chain: Chain, asset: number, who: string): Promise<bigint> {
  const a: any = await chain.api.query.assets.account(asset, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
}

export interface DistributionView {
  id: number;
  security: number;
  kind: string;
  /** The coupon's number, for a coupon the chain created from a debt schedule. */
  couponNumber: number | null;
  /** Whether it repays a debt security's principal (its units are burnt as holders are paid). */
  redemption: boolean;
  recordAt: number;
  asset: number;
  amount: { perUnit?: bigint; total?: bigint };
  funder: string;
  payAt: number;
  expiresAt: number;
  status: string;
  /** The record date's supply, set when payment starts (0: never started). */
  supply: bigint;
  payments: number;
  paid: bigint;
  withheld: bigint;
  withholding: [string, number][];
}

export async function distributions(chain: Chain): Promise<DistributionView[]> {
  const entries = await chain.api.query.corporateActions.distributions.entries();
  return entries.map(([key, value]: any) => {
    const d = value.unwrap();
    const amount = d.amount.isPerUnit ? { perUnit: d.amount.asPerUnit.toBigInt() } : { total: d.amount.asTotal.toBigInt() };
    return {
      id: key.args[0].toNumber(),
      security: d.security.toNumber(),
      kind: variant(d.kind.toJSON()),
      couponNumber: d.kind.isCoupon ? d.kind.asCoupon.number.toNumber() : null,
      redemption: d.kind.isRedemption,
      recordAt: d.recordAt.toNumber(),
      asset: d.asset.toNumber(),
      amount,
      funder: d.funder.toString(),
      payAt: d.payAt.toNumber(),
      expiresAt: d.expiresAt.toNumber(),
      status: d.status.toString(),
      supply: d.supply.toBigInt(),
      payments: d.payments.toNumber(),
      paid: d.paid.toBigInt(),
      withheld: d.withheld.toBigInt(),
      withholding: d.withholding.map(([j, p]: any) => [code(j), p.toNumber() / 10_000_000] as [string, number]),
    } as DistributionView;
  }).sort((a, b) => b.id - a.id);
}

export interface BallotView {
  id: number;
  security: number;
  checkpoint: number;
  startsAt: number;
  endsAt: number;
  motions: { title: string; choices: string[] }[];
  tallies: bigint[][];
  voters: number;
}

export async function ballots(chain: Chain): Promise<BallotView[]> {
  const entries = await chain.api.query.corporateActions.ballots.entries();
  return entries.map(([key, value]: any) => {
    const b = value.unwrap();
    return {
      id: key.args[0].toNumber(),
      security: b.security.toNumber(),
      checkpoint: b.checkpoint.toNumber(),
      startsAt: b.startsAt.toNumber(),
      endsAt: b.endsAt.toNumber(),
      motions: b.motions.map((m: any) => ({ title: text(m.title), choices: m.choices.map((c: any) => text(c)) })),
      tallies: b.tallies.map((t: any) => t.map((x: any) => x.toBigInt())),
      voters: b.voters.toNumber(),
    };
  }).sort((a, b) => b.id - a.id);
}

export interface OfferingView {
  id: number;
  security: number;
  asset: number;
  price: bigint;
  startsAt: number;
  endsAt: number;
  minSubscription: bigint;
  maxSubscription: bigint;
  softCap: bigint;
  hardCap: bigint;
  subscribed: bigint;
  subscribers: number;
  proceedsTo: string;
  status: string;
}

export async function offerings(chain: Chain): Promise<OfferingView[]> {
  const entries = await chain.api.query.issuance.offerings.entries();
  return entries.map(([key, value]: any) => {
    const o = value.unwrap();
    return {
      id: key.args[0].toNumber(),
      security: o.security.toNumber(),
      asset: o.asset.toNumber(),
      price: o.price.toBigInt(),
      startsAt: o.startsAt.toNumber(),
      endsAt: o.endsAt.toNumber(),
      minSubscription: o.minSubscription.toBigInt(),
      maxSubscription: o.maxSubscription.toBigInt(),
      softCap: o.softCap.toBigInt(),
      hardCap: o.hardCap.toBigInt(),
      subscribed: o.subscribed.toBigInt(),
      subscribers: o.subscribers.toNumber(),
      proceedsTo: o.proceedsTo.toString(),
      status: o.status.toString(),
    };
  }).sort((a, b) => b.id - a.id);
}

/** The cost of `units` smallest units of a security at `price` per whole unit (rounded up). */
export function cost(units: bigint, price: bigint, decimals: number): bigint {
  const base = 10n ** BigInt(decimals);
  return (units * price + base - 1n) / base;
}

/** What a distribution is, in words: "Dividend #3", "Coupon 2 (#5)", "Principal repayment (#7)". */
export function distributionTitle(d: DistributionView): string {
  if (d.couponNumber !== null) return `Coupon ${d.couponNumber} (distribution #${d.id})`;
  if (d.redemption) return `Principal repayment (distribution #${d.id})`;
  return `Dividend #${d.id}`;
}

export interface DebtScheduleView {
  asset: number;
  faceValue: bigint;
  months: number;
  firstCoupon: number;
  coupons: number;
  maturity: number | null;
  funder: string;
  defaults: number;
  redeemed: boolean;
}

/** A debt security's coupon schedule (corporateActions.DebtSchedules), or null. */
export async function debtSchedule(chain: Chain, security: number): Promise<DebtScheduleView | null> {
  const v: any = await chain.api.query.corporateActions.debtSchedules(security);
  if (v.isNone) return null;
  const s = v.unwrap();
  return {
    asset: s.asset.toNumber(),
    faceValue: s.faceValue.toBigInt(),
    months: s.months.toNumber(),
    firstCoupon: s.firstCoupon.toNumber(),
    coupons: s.coupons.toNumber(),
    maturity: s.maturity.isSome ? s.maturity.unwrap().toNumber() : null,
    funder: s.funder.toString(),
    defaults: s.defaults.toNumber(),
    redeemed: s.redeemed.isTrue,
  };
}

export interface MissedCouponView { number: number; checkpoint: number; rate: bigint; dueAt: number }

/** Coupons the chain could not create on their date, owed until retried (corporateActions.MissedCoupons). */
export async function missedCoupons(chain: Chain, security: number): Promise<MissedCouponView[]> {
  const entries = await chain.api.query.corporateActions.missedCoupons.entries(security);
  return entries.map(([k, v]: any) => {
    const m = v.unwrap();
    return { number: k.args[1].toNumber(), checkpoint: m.checkpoint.toNumber(), rate: m.rate.toBigInt(), dueAt: m.dueAt.toNumber() };
  }).sort((a, b) => a.number - b.number);
}

/** The security's next coupon or maturity date in the chain's coupon calendar (corporateActions.CouponCalendar), or null. */
export async function nextCalendarDate(chain: Chain, security: number): Promise<number | null> {
  const entries = await chain.api.query.corporateActions.couponCalendar.entries();
  for (const [k] of entries as any[]) {
    if (k.args[1].toNumber() !== security) continue;
    // The date is the key's 8 big-endian bytes.
    const bytes: Uint8Array = k.args[0].toU8a(true);
    let at = 0;
    for (const b of bytes) at = at * 256 + b;
    return at;
  }
  return null;
}
