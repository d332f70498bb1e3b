// Institutions (docs/governance.md, runtime/src/configs/institutions.rs): acting as a multisig
// account (pallet-multisig) or as a proxied account (pallet-proxy) while signing with one of
// the user's own keys. `wrapCall` turns any call of any screen into what the signer signs:
// `proxy.proxy(real, type, call)`, or the multisig approval that this signature is
// (`approveAsMulti`; `asMulti` with the call for the last approval; `asMultiThreshold1`),
// with the reasons the chain would refuse it, where its state (or the runtime's proxy filter,
// mirrored below) tells in advance.
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { encodeMultiAddress, sortAddresses, blake2AsHex } from '@polkadot/util-crypto';
import type { Chain } from './chain';
import type { Account } from './accounts';
import { units } from './format';

/** A multisig account the user defined in this page (its address follows from the rest). */
export interface MultisigDef {
  address: string;
  signatories: string[]; // sorted, in the chain's address format
  threshold: number;
  name: string;
}

/** Whom the actions of every screen are for. */
export type Acting =
  | { kind: 'self' }
  | { kind: 'proxy'; real: string; proxyType: string }
  | { kind: 'multisig'; multisig: MultisigDef };

export const SELF: Acting = { kind: 'self' };

export function actingKey(a: Acting): string {
  if (a.kind === 'proxy') return `proxy:${a.real}:${a.proxyType}`;
  if (a.kind === 'multisig') return `multisig:${a.multisig.address}`;
  return 'self';
}

/** The multisig account of `signatories` with `threshold` (pallet_multisig::multi_account_id). */
export function multisigAddress(signatories: string[], threshold: number, ss58: number): string {
  return encodeMultiAddress(signatories, threshold, ss58);
}

export function defineMultisig(signatories: string[], threshold: number, ss58: number, name?: string): MultisigDef {
  const sorted = sortAddresses([...new Set(signatories)], ss58);
  const address = multisigAddress(sorted, threshold, ss58);
  return { address, signatories: sorted, threshold, name: name || `Multisig ${threshold} of ${sorted.length}` };
}

/** The signatories other than `who`, sorted as the pallet requires. */
export function otherSignatories(m: MultisigDef, who: string, ss58: number): string[] {
  return sortAddresses(m.signatories.filter((s) => s !== who), ss58);
}

// ---- the runtime's proxy filter (InstanceFilter<RuntimeCall> for ProxyType), mirrored

const ISSUANCE_STAFF: Record<string, string[]> = {
  issuance: ['setDocument', 'removeDocument', 'issue', 'batchIssue', 'forceRedeem', 'forcedTransfer', 'freezeHolder', 'unfreezeHolder', 'setFrozenAmount', 'pause', 'resume', 'markMatured', 'openOffering', 'cancelOffering'],
  compliance: ['setRules', 'approveTransfer', 'cancelApproval'],
  corporateActions: ['createCheckpoint', 'createDistribution', 'cancelDistribution', 'split', 'openBallot', 'cancelBallot', 'setDebtSchedule', 'redeemAtMaturity'],
};
const QUALIFIER_STAFF: Record<string, string[]> = {
  credentials: ['createInvestor', 'setInvestorJurisdiction', 'requestWalletLink', 'unlinkWallet', 'recoverWallet', 'attest', 'revoke', 'blockInvestor', 'unblockInvestor', 'blockWallet', 'unblockWallet'],
};
const MOVES_MONEY: Record<string, string[]> = {
  issuance: ['transfer', 'transferKeepHolding', 'redeem', 'subscribe'],
};
// Signing for another account, or approving a call seen only as a hash: only `Any` may.
const ACTS_FOR_ANOTHER: Record<string, string[]> = {
  proxy: ['proxy', 'proxyAnnounced'],
  multisig: ['asMulti', 'asMultiThreshold1', 'approveAsMulti'],
};
// Security administration beyond the Issuance kind's list: the issuer's own acts.
const ISSUER_ONLY: Record<string, string[]> = { issuance: ['setAgent', 'createSecurity'] };
const NON_TRANSFER_PALLETS = ['system', 'session', 'masterNodes', 'utility', 'council', 'councilMembership', 'preimage', 'whitelist', 'multisig', 'proxy', 'credentials', 'compliance', 'shardCredentials', 'issuance', 'corporateActions'];
const BATCHES = ['batch', 'batchAll', 'forceBatch'];

const listed = (table: Record<string, string[]>, section: string, method: string) => (table[section] ?? []).includes(method);
const isBatch = (section: string, method: string) => section === 'utility' && BATCHES.includes(method);

/** Whether a proxy of `type` may sign a call `section.method` (the runtime's `filter`). */
function typeFilter(type: string, section: string, method: string): boolean {
  switch (type) {
    case 'Any': return true;
    case 'NonTransfer':
      return NON_TRANSFER_PALLETS.includes(section) && !listed(MOVES_MONEY, section, method) &&
        !listed(ACTS_FOR_ANOTHER, section, method) && !listed(ISSUANCE_STAFF, section, method) &&
        !listed(ISSUER_ONLY, section, method);
    case 'Issuance': return listed(ISSUANCE_STAFF, section, method) || isBatch(section, method);
    case 'Governance': return section === 'council' || isBatch(section, method);
    case 'Qualifier': return listed(QUALIFIER_STAFF, section, method) || isBatch(section, method);
    case 'CancelProxy': return (section === 'proxy' && method === 'rejectAnnouncement') || (section === 'multisig' && method === 'cancelAsMulti') || isBatch(section, method);
    default: return true; // a kind this console does not know: the chain decides
  }
}

/** `ProxyType::is_superset`. */
export function isSuperset(type: string, other: string): boolean {
  if (type === other || type === 'Any') return true;
  if (other === 'Any') return false;
  return type === 'NonTransfer' && ['Governance', 'Qualifier', 'CancelProxy'].includes(other);
}

/**
 * The first call inside `call` (itself or one of a batch's calls, one by one, as the chain
 * applies the filter) that a proxy of `type` may not sign, as `section.method`; null if none.
 */
export function refusedByProxyType(type: string, call: any): string | null {
  const section: string = call.section;
  const method: string = call.method;
  if (section === 'proxy' && (method === 'addProxy' || method === 'removeProxy')) {
    const other = call.args[1]?.toString();
    if (other && !isSuperset(type, other)) return `${section}.${method}(${other})`;
  }
  if (section === 'proxy' && (method === 'removeProxies' || method === 'killPure') && type !== 'Any') return `${section}.${method}`;
  if (!typeFilter(type, section, method)) return `${section}.${method}`;
  if (isBatch(section, method)) {
    for (const inner of call.args[0] as any[]) {
      const refused = refusedByProxyType(type, inner);
      if (refused) return refused;
    }
  }
  return null;
}

/** The proxy kinds of the runtime (stoa_primitives::ProxyType), with their docs, from the metadata. */
export function proxyTypes(chain: Chain): { name: string; docs: string }[] {
  for (const { type } of chain.api.registry.lookup.types) {
    const path = type.path.map(String);
    if (path[path.length - 1] !== 'ProxyType' || !type.def.isVariant) continue;
    return type.def.asVariant.variants.map((v) => ({ name: v.name.toString(), docs: v.docs.map(String).join(' ').trim() }));
  }
  return [];
}

/** A pallet error in words from the metadata: `section.Name: docs`. */
export function errorWords(chain: Chain, section: string, name: string): string {
  const meta = (chain.api.errors as any)[section]?.[name]?.meta;
  const docs = meta ? meta.docs.map(String).join(' ').trim() : '';
  return `${section}.${name}${docs ? `: ${docs}` : ''}`;
}

// ---- chain state

export interface ProxyDef { delegate: string; proxyType: string; delay: number }

/** An account's proxies and the deposit held for them (`proxy.proxies`). */
export async function proxiesOf(chain: Chain, real: string): Promise<{ proxies: ProxyDef[]; deposit: bigint }> {
  const [defs, deposit]: any = await chain.api.query.proxy.proxies(real);
  return {
    proxies: (defs as any[]).map((d) => ({ delegate: d.delegate.toString(), proxyType: d.proxyType.toString(), delay: d.delay.toNumber() })),
    deposit: deposit.toBigInt(),
  };
}

/** Every account `delegate` is a proxy for, with the kind and delay (a scan of `proxy.proxies`). */
export async function proxiedBy(chain: Chain, delegate: string): Promise<(ProxyDef & { real: string })[]> {
  const entries: any[] = await chain.api.query.proxy.proxies.entries();
  const out: (ProxyDef & { real: string })[] = [];
  for (const [key, value] of entries) {
    const real = key.args[0].toString();
    for (const d of value[0] as any[]) {
      if (d.delegate.toString() === delegate) out.push({ real, delegate, proxyType: d.proxyType.toString(), delay: d.delay.toNumber() });
    }
  }
  return out;
}

export interface PendingOp {
  hash: string;
  when: { height: number; index: number };
  deposit: bigint;
  depositor: string;
  approvals: string[];
}

function pendingOp(hash: string, m: any): PendingOp {
  return {
    hash,
    when: { height: m.when.height.toNumber(), index: m.when.index.toNumber() },
    deposit: m.deposit.toBigInt(),
    depositor: m.depositor.toString(),
    approvals: (m.approvals as any[]).map(String),
  };
}

/** The pending operations of a multisig account (`multisig.multisigs`). */
export async function pendingOps(chain: Chain, address: string): Promise<PendingOp[]> {
  const entries: any[] = await chain.api.query.multisig.multisigs.entries(address);
  return entries.map(([key, value]) => pendingOp(key.args[1].toHex(), value.unwrap()))
    .sort((a, b) => a.when.height - b.when.height || a.when.index - b.when.index);
}

export async function pendingOp1(chain: Chain, address: string, hash: string): Promise<PendingOp | null> {
  const m: any = await chain.api.query.multisig.multisigs(address, hash);
  return m.isSome ? pendingOp(hash, m.unwrap()) : null;
}

/** What opening a multisig operation holds from its depositor: base + factor × threshold. */
export function multisigDeposit(chain: Chain, threshold: number): bigint {
  const c: any = chain.api.consts.multisig;
  return c.depositBase.toBigInt() + c.depositFactor.toBigInt() * BigInt(threshold);
}

/** The weight bound of a multisig's final approval: the call's weight (`paymentInfo`). */
export async function callWeight(call: SubmittableExtrinsic<'promise'>, origin: string) {
  return (await call.paymentInfo(origin)).weight;
}

/** The hash of SCALE-encoded call data, as the multisig pallet keys operations. */
export function callHash(callHex: string): string {
  return blake2AsHex(callHex);
}

/** A call's `section.method(args)` in short words (for the approvals list). */
export function describeCall(call: any): string {
  const human: any = call.toHuman();
  const args = human?.args && typeof human.args === 'object' ? Object.entries(human.args).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ') : '';
  return `${call.section}.${call.method}(${args})`;
}

// ---- wrapping a screen's call

export interface Wrapped {
  /** What the signer signs, or null if it would be refused (see `blocker`). */
  tx: SubmittableExtrinsic<'promise'> | null;
  blocker: string | null;
  /** What this signature does, in words (shown with the fee). */
  note: string;
  /** A multisig operation: its call hash and call data (kept for the other signatories). */
  multisig?: { address: string; hash: string; callHex: string; executes: boolean; approval: number };
}

type NameOf = (address: string) => string;

/**
 * What `signer` signs to make `call` on behalf of `acting`, with the reasons the chain would
 * refuse it that its state tells now.
 */
export async function wrapCall(chain: Chain, acting: Acting, signer: Account, call: SubmittableExtrinsic<'promise'>, nameOf: NameOf): Promise<Wrapped> {
  const api = chain.api;
  const inner = `${call.method.section}.${call.method.method}`;
  if (acting.kind === 'self') return { tx: call, blocker: null, note: '' };

  if (acting.kind === 'proxy') {
    const { real, proxyType } = acting;
    const who = nameOf(real);
    const { proxies } = await proxiesOf(chain, real);
    const def = proxies.find((d) => d.delegate === signer.address && d.proxyType === proxyType);
    const base = { tx: null, note: `acts as ${who} through its ${proxyType} proxy (proxy.proxy)` };
    if (!def) return { ...base, blocker: `${signer.name} is not a ${proxyType} proxy of ${who}: ${errorWords(chain, 'proxy', 'NotProxy')}` };
    if (def.delay > 0) return { ...base, blocker: `${signer.name}'s proxy of ${who} is time-delayed (${def.delay} blocks): the call must be announced first, which this console does not do (${errorWords(chain, 'proxy', 'Unannounced')})` };
    const refused = refusedByProxyType(proxyType, call.method);
    if (refused) return { ...base, blocker: `A ${proxyType} proxy may not sign ${refused}: the chain would refuse it (${errorWords(chain, 'system', 'CallFiltered')}).` };
    return { ...base, tx: api.tx.proxy.proxy(real, proxyType, call), blocker: null };
  }

  const m = acting.multisig;
  const who = m.name;
  if (!m.signatories.includes(signer.address)) {
    return { tx: null, note: `as ${who}`, blocker: `${signer.name} is not a signatory of ${who} (its signatories: ${m.signatories.map(nameOf).join(', ')}).` };
  }
  const others = otherSignatories(m, signer.address, chain.ss58);
  const callHex = call.method.toHex();
  const hash = call.method.hash.toHex();
  if (m.threshold <= 1) {
    return { tx: api.tx.multisig.asMultiThreshold1(others, call), blocker: null, note: `as ${who}, alone (multisig.asMultiThreshold1)`, multisig: { address: m.address, hash, callHex, executes: true, approval: 1 } };
  }
  const op = await pendingOp1(chain, m.address, hash);
  const zero = { refTime: 0, proofSize: 0 };
  if (!op) {
    const deposit = multisigDeposit(chain, m.threshold);
    const account: any = await api.query.system.account(signer.address);
    const free = account.data.free.toBigInt() - account.data.frozen.toBigInt();
    const note = `proposes ${inner} as ${who}: approval 1 of ${m.threshold} (multisig.approveAsMulti; ${units(deposit, chain.tokenDecimals)} ${chain.tokenSymbol} held from ${signer.name} until it executes or is cancelled)`;
    if (free < deposit) return { tx: null, note, blocker: `Opening the operation holds ${units(deposit, chain.tokenDecimals)} ${chain.tokenSymbol} from ${signer.name}, who has ${units(free, chain.tokenDecimals)} free (balances.InsufficientBalance).` };
    return { tx: api.tx.multisig.approveAsMulti(m.threshold, others, null, hash, zero), blocker: null, note, multisig: { address: m.address, hash, callHex, executes: false, approval: 1 } };
  }
  const mine = op.approvals.includes(signer.address);
  const count = op.approvals.length + (mine ? 0 : 1);
  if (mine && op.approvals.length < m.threshold) {
    return { tx: null, note: `as ${who}`, blocker: `${signer.name} already approved this operation (${errorWords(chain, 'multisig', 'AlreadyApproved')}); ${m.threshold - op.approvals.length} more signator${m.threshold - op.approvals.length === 1 ? 'y' : 'ies'} must approve it.` };
  }
  const timepoint = op.when;
  if (count >= m.threshold) {
    const weight = await callWeight(call, m.address);
    return {
      tx: api.tx.multisig.asMulti(m.threshold, others, timepoint, call, weight), blocker: null,
      note: `executes ${inner} as ${who}: approval ${count} of ${m.threshold}, the last (multisig.asMulti with the call)`,
      multisig: { address: m.address, hash, callHex, executes: true, approval: count },
    };
  }
  return {
    tx: api.tx.multisig.approveAsMulti(m.threshold, others, timepoint, hash, zero), blocker: null,
    note: `approves ${inner} as ${who}: approval ${count} of ${m.threshold} (multisig.approveAsMulti)`,
    multisig: { address: m.address, hash, callHex, executes: false, approval: count },
  };
}
