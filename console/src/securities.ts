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
  recordAt: number;
  asset: number;
  amount: { perUnit?: bigint; total?: bigint };
  funder: string;
  payAt: number;
  expiresAt: number;
  status: string;
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
      recordAt: d.recordAt.toNumber(),
      asset: d.asset.toNumber(),
      amount,
      funder: d.funder.toString(),
      payAt: d.payAt.toNumber(),
      expiresAt: d.expiresAt.toNumber(),
      status: d.status.toString(),
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
