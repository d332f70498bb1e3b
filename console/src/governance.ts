// The council's powers (docs/governance.md, runtime/src/configs/governance.rs): every call the
// council may dispatch, the share of the council its origin needs (one member alone, a
// majority, two thirds; root through the whitelist), the fields to build it, and pre-checks
// against chain state for the calls whose failure the state tells in advance.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { normaliseAddress } from './ui';

/** The share of the council a call's origin needs. */
export type Need = 'member' | 'majority' | 'twoThirds';

/** Ayes a motion needs for `need` with `members` members (the origins' arithmetic). */
export function ayesNeeded(need: Need, members: number): number {
  if (need === 'member') return 1;
  // EnsureProportionMoreThan<1, 2>: ayes * 2 > members.
  if (need === 'majority') return Math.floor(members / 2) + 1;
  // EnsureProportionAtLeast<2, 3>: ayes * 3 >= members * 2.
  return Math.ceil((2 * members) / 3);
}

export const NEED_WORDS: Record<Need, string> = {
  member: 'one member alone (council.execute)',
  majority: 'a majority (more than half of the members)',
  twoThirds: 'two thirds of the members',
};

export type FieldKind = 'address' | 'text' | 'jurisdiction' | 'jurisdictions' | 'kinds' | 'number' | 'hash' | 'slash' | 'blockReason' | 'call';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  placeholder?: string;
  hint?: string;
}

export type Values = Record<string, string>;

export interface Template {
  id: string;
  label: string;
  need: Need;
  /** A root call: the motion whitelists its hash and dispatches it (two thirds). */
  root?: boolean;
  fields: FieldSpec[];
  /** The call, or null while the fields are incomplete. */
  build: (api: ApiPromise, v: Values, ss58: number) => SubmittableExtrinsic<'promise'> | null;
  /** Why the chain would refuse the call now, if its state says so. */
  check?: (api: ApiPromise, v: Values, ss58: number) => Promise<string | null>;
}

const addr = (v: string | undefined, ss58: number) => (v ? normaliseAddress(v, ss58) : null);
const num = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v.trim()) : null);
const codes = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean).map((j) => j.toUpperCase());
const oneCode = (v: string | undefined) => { const c = codes(v); return c.length === 1 && /^[A-Z]{2}$/.test(c[0]) ? c[0] : null; };
const words = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean);
const hash = (v: string | undefined) => (!v ? null : /^0x[0-9a-fA-F]{64}$/.test(v.trim()) ? v.trim() : null);

/** The protocol holder's record, for the checks of the guardian's block and its settlement. */
async function protocolHolder(api: ApiPromise, account: string | null) {
  if (!account) return null;
  const h: any = await api.query.credentials.protocolHolders(account);
  return h.isSome ? h.unwrap() : null;
}

async function qualifierStatus(api: ApiPromise, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const q: any = await api.query.credentials.qualifiers(id);
  return q.isSome ? q.unwrap().status.toString() : null;
}

const F = {
  account: (label = 'Account'): FieldSpec => ({ key: 'account', label, kind: 'address' }),
  name: (placeholder = ''): FieldSpec => ({ key: 'name', label: 'Name', kind: 'text', placeholder }),
  jurisdiction: (): FieldSpec => ({ key: 'jurisdiction', label: 'Jurisdiction', kind: 'jurisdiction', placeholder: 'DE' }),
  jurisdictions: (): FieldSpec => ({ key: 'jurisdictions', label: 'Jurisdictions', kind: 'jurisdictions', placeholder: 'DE, AT', hint: 'Two-letter codes, separated by commas.' }),
  kinds: (): FieldSpec => ({ key: 'kinds', label: 'Trusted for (credential kinds)', kind: 'kinds', placeholder: 'Kyc, AmlScreening' }),
  qualifier: (): FieldSpec => ({ key: 'qualifier', label: 'Qualifier id', kind: 'number' }),
  investor: (): FieldSpec => ({ key: 'investor', label: 'Investor id', kind: 'number' }),
  shard: (): FieldSpec => ({ key: 'shard', label: 'Shard (parachain id)', kind: 'number', placeholder: '2001' }),
};

/** Every power of the council, in the order of docs/governance.md's table. */
export const TEMPLATES: Template[] = [
  // ---- one member alone, urgent
  {
    id: 'blockProtocolHolder', label: 'Block a protocol holder (urgent)', need: 'member',
    fields: [F.account('Protocol holder'), { key: 'reason', label: 'Reason', kind: 'blockReason' }],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a && v.reason ? api.tx.credentials.blockProtocolHolder(a, v.reason as any) : null; },
    check: async (api, v, ss) => {
      const h = await protocolHolder(api, addr(v.account, ss));
      if (!h) return 'This account is not a registered protocol holder (credentials.NotProtocolHolder).';
      if (h.block.isSome) return 'This protocol holder is already blocked (credentials.AlreadyBlocked).';
      return null;
    },
  },
  // ---- a majority
  {
    id: 'unblockProtocolHolder', label: 'Lift a protocol holder\'s block', need: 'majority',
    fields: [F.account('Protocol holder')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.credentials.unblockProtocolHolder(a) : null; },
    check: async (api, v, ss) => {
      const h = await protocolHolder(api, addr(v.account, ss));
      if (!h) return 'This account is not a registered protocol holder (credentials.NotProtocolHolder).';
      if (h.block.isNone) return 'This protocol holder is not blocked (credentials.NotBlocked).';
      if (h.deposit.isZero()) return 'Its block was settled and is final (credentials.BlockSettled).';
      return null;
    },
  },
  {
    id: 'settleProtocolHolderBlock', label: 'Settle a protocol holder\'s block (burn or return the deposit)', need: 'majority',
    fields: [F.account('Protocol holder'), { key: 'slash', label: 'The deposit', kind: 'slash' }],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a && v.slash ? api.tx.credentials.settleProtocolHolderBlock(a, v.slash === 'burn') : null; },
    check: async (api, v, ss) => {
      const h = await protocolHolder(api, addr(v.account, ss));
      if (!h) return 'This account is not a registered protocol holder (credentials.NotProtocolHolder).';
      if (h.block.isNone) return 'This protocol holder is not blocked: the guardian blocks first (credentials.NotBlocked).';
      if (h.deposit.isZero()) return 'Its block was already settled (credentials.BlockSettled).';
      return null;
    },
  },
  {
    id: 'admitMasterNode', label: 'Admit a master node', need: 'majority',
    fields: [F.account('Operator'), F.name(), F.jurisdiction(), { key: 'uri', label: 'Licence URI', kind: 'text' }],
    build: (api, v, ss) => { const a = addr(v.account, ss); const j = oneCode(v.jurisdiction); return a && v.name && j && v.uri ? api.tx.masterNodes.admitMasterNode(a, v.name, j, v.uri, blake2AsHex(v.uri)) : null; },
  },
  {
    id: 'removeMasterNode', label: 'Remove a master node', need: 'majority',
    fields: [F.account('Operator')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.masterNodes.removeMasterNode(a) : null; },
  },
  {
    id: 'registerQualifier', label: 'Register a qualifier', need: 'majority',
    fields: [F.account(), F.name(), F.jurisdictions(), F.kinds()],
    build: (api, v, ss) => { const a = addr(v.account, ss); const js = codes(v.jurisdictions); return a && v.name && js.length ? api.tx.credentials.registerQualifier(a, v.name, js, words(v.kinds)) : null; },
    check: async (api, v, ss) => {
      const a = addr(v.account, ss);
      if (a && ((await api.query.credentials.qualifierOfAccount(a)) as any).isSome) return 'This account already acts for a qualifier (credentials.AlreadyQualifier).';
      return null;
    },
  },
  {
    id: 'updateQualifier', label: 'Change a qualifier\'s jurisdictions and kinds', need: 'majority',
    fields: [F.qualifier(), F.jurisdictions(), F.kinds()],
    build: (api, v) => { const q = num(v.qualifier); const js = codes(v.jurisdictions); return q !== null && js.length ? api.tx.credentials.updateQualifier(q, js, words(v.kinds)) : null; },
    check: async (api, v) => ((await qualifierStatus(api, num(v.qualifier))) === null && num(v.qualifier) !== null ? 'No such qualifier (credentials.UnknownQualifier).' : null),
  },
  {
    id: 'setQualifierAccount', label: 'Change the account a qualifier acts through', need: 'majority',
    fields: [F.qualifier(), F.account('New account')],
    build: (api, v, ss) => { const q = num(v.qualifier); const a = addr(v.account, ss); return q !== null && a ? api.tx.credentials.setQualifierAccount(q, a) : null; },
    check: async (api, v, ss) => {
      const a = addr(v.account, ss);
      if (a && ((await api.query.credentials.qualifierOfAccount(a)) as any).isSome) return 'This account already acts for a qualifier (credentials.AlreadyQualifier).';
      return null;
    },
  },
  {
    id: 'suspendQualifier', label: 'Suspend a qualifier', need: 'majority',
    fields: [F.qualifier()],
    build: (api, v) => { const q = num(v.qualifier); return q !== null ? api.tx.credentials.suspendQualifier(q) : null; },
    check: async (api, v) => {
      const s = await qualifierStatus(api, num(v.qualifier));
      return num(v.qualifier) === null ? null : s === null ? 'No such qualifier (credentials.UnknownQualifier).' : s !== 'Active' ? 'This qualifier is already suspended (credentials.QualifierSuspended).' : null;
    },
  },
  {
    id: 'resumeQualifier', label: 'Resume a suspended qualifier', need: 'majority',
    fields: [F.qualifier()],
    build: (api, v) => { const q = num(v.qualifier); return q !== null ? api.tx.credentials.resumeQualifier(q) : null; },
    check: async (api, v) => {
      const s = await qualifierStatus(api, num(v.qualifier));
      return num(v.qualifier) === null ? null : s === null ? 'No such qualifier (credentials.UnknownQualifier).' : s !== 'Suspended' ? 'This qualifier is not suspended (credentials.QualifierNotSuspended).' : null;
    },
  },
  {
    id: 'removeQualifier', label: 'Remove a qualifier', need: 'majority',
    fields: [F.qualifier()],
    build: (api, v) => { const q = num(v.qualifier); return q !== null ? api.tx.credentials.removeQualifier(q) : null; },
    check: async (api, v) => (num(v.qualifier) !== null && (await qualifierStatus(api, num(v.qualifier))) === null ? 'No such qualifier (credentials.UnknownQualifier).' : null),
  },
  {
    id: 'registerCredentialKind', label: 'Register a custom credential kind', need: 'majority',
    fields: [F.name('Qualified purchaser')],
    build: (api, v) => (v.name ? api.tx.credentials.registerCredentialKind(v.name) : null),
  },
  {
    id: 'reassignInvestor', label: 'Give an investor to another qualifier', need: 'majority',
    fields: [F.investor(), F.qualifier()],
    build: (api, v) => { const i = num(v.investor); const q = num(v.qualifier); return i !== null && q !== null ? api.tx.credentials.reassignInvestor(i, q) : null; },
    check: async (api, v) => {
      const i = num(v.investor);
      if (i !== null && ((await api.query.credentials.investors(i)) as any).isNone) return 'No such investor (credentials.UnknownInvestor).';
      if (num(v.qualifier) !== null && (await qualifierStatus(api, num(v.qualifier))) === null) return 'No such qualifier (credentials.UnknownQualifier).';
      return null;
    },
  },
  {
    id: 'recoverWallet', label: 'Recover an investor\'s lost wallet', need: 'majority',
    fields: [{ key: 'lost', label: 'Lost wallet', kind: 'address' }, { key: 'new', label: 'New wallet (already linked to the same investor)', kind: 'address' }],
    build: (api, v, ss) => { const l = addr(v.lost, ss); const n = addr(v.new, ss); return l && n ? api.tx.credentials.recoverWallet(l, n) : null; },
    check: async (api, v, ss) => {
      const l = addr(v.lost, ss); const n = addr(v.new, ss);
      if (!l || !n) return null;
      if (l === n) return 'The lost and the new wallet are the same (credentials.SameWallet).';
      const [a, b]: any[] = await Promise.all([api.query.credentials.investorOfWallet(l), api.query.credentials.investorOfWallet(n)]);
      if (a.isNone) return 'The lost wallet is linked to no investor (credentials.WalletNotLinked).';
      if (b.isNone || !b.unwrap().eq(a.unwrap())) return `The new wallet must first be linked to investor #${a.unwrap().toString()} (credentials.NotSameInvestor).`;
      return null;
    },
  },
  {
    id: 'setInvestorJurisdiction', label: 'Change an investor\'s home jurisdiction (as governance)', need: 'majority',
    fields: [F.investor(), F.jurisdiction()],
    build: (api, v) => { const i = num(v.investor); const j = oneCode(v.jurisdiction); return i !== null && j ? api.tx.credentials.setInvestorJurisdiction(i, j) : null; },
    check: async (api, v) => (num(v.investor) !== null && ((await api.query.credentials.investors(num(v.investor)!)) as any).isNone ? 'No such investor (credentials.UnknownInvestor).' : null),
  },
  {
    id: 'unlinkWallet', label: 'Unlink a wallet (as governance)', need: 'majority',
    fields: [F.account('Wallet')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.credentials.unlinkWallet(a) : null; },
    check: async (api, v, ss) => {
      const a = addr(v.account, ss);
      if (!a) return null;
      if (((await api.query.credentials.investorOfWallet(a)) as any).isNone) return 'This wallet is linked to no investor (credentials.WalletNotLinked).';
      if ((await api.query.issuance.heldBy.keys(a)).length > 0) return 'This wallet holds units: they move first (credentials.WalletHoldsUnits).';
      return null;
    },
  },
  {
    id: 'registerRegulator', label: 'Register a regulator', need: 'majority',
    fields: [F.account(), F.name('BaFin'), F.jurisdiction()],
    build: (api, v, ss) => { const a = addr(v.account, ss); const j = oneCode(v.jurisdiction); return a && j && v.name ? api.tx.issuance.registerRegulator(a, j, v.name) : null; },
    check: async (api, v, ss) => {
      const a = addr(v.account, ss);
      if (a && ((await api.query.issuance.regulators(a)) as any).isSome) return 'This account is already a regulator (issuance.AlreadyRegulator).';
      return null;
    },
  },
  {
    id: 'removeRegulator', label: 'Remove a regulator', need: 'majority',
    fields: [F.account('Regulator')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.issuance.removeRegulator(a) : null; },
    check: async (api, v, ss) => {
      const a = addr(v.account, ss);
      if (a && ((await api.query.issuance.regulators(a)) as any).isNone) return 'This account is not a regulator (issuance.NotRegulator).';
      return null;
    },
  },
  {
    id: 'suspendIssuer', label: 'Suspend an issuer', need: 'majority',
    fields: [F.investor()],
    build: (api, v) => { const i = num(v.investor); return i !== null ? api.tx.issuance.suspendIssuer(i) : null; },
  },
  {
    id: 'reinstateIssuer', label: 'Reinstate an issuer', need: 'majority',
    fields: [F.investor()],
    build: (api, v) => { const i = num(v.investor); return i !== null ? api.tx.issuance.reinstateIssuer(i) : null; },
  },
  {
    id: 'forceCreateAsset', label: 'Create a settlement currency', need: 'majority',
    fields: [{ key: 'asset', label: 'Asset id', kind: 'number' }, F.account('Owner'), { key: 'minBalance', label: 'Minimum balance (smallest units)', kind: 'number', placeholder: '1' }],
    build: (api, v, ss) => { const id = num(v.asset); const a = addr(v.account, ss); const m = num(v.minBalance); return id !== null && a && m !== null && m > 0 ? api.tx.assets.forceCreate(id, a, true, m) : null; },
    check: async (api, v) => (num(v.asset) !== null && ((await api.query.assets.asset(num(v.asset)!)) as any).isSome ? 'This asset id is taken (assets.InUse).' : null),
  },
  {
    id: 'forceSetAssetMetadata', label: 'Name a settlement currency', need: 'majority',
    fields: [{ key: 'asset', label: 'Asset id', kind: 'number' }, F.name('Digital US dollar'), { key: 'symbol', label: 'Symbol', kind: 'text', placeholder: 'dUSD' }, { key: 'decimals', label: 'Decimals', kind: 'number', placeholder: '6' }],
    build: (api, v) => { const id = num(v.asset); const d = num(v.decimals); return id !== null && v.name && v.symbol && d !== null ? api.tx.assets.forceSetMetadata(id, v.name, v.symbol, d, false) : null; },
    check: async (api, v) => (num(v.asset) !== null && ((await api.query.assets.asset(num(v.asset)!)) as any).isNone ? 'No such asset (assets.Unknown).' : null),
  },
  // ---- two thirds
  { id: 'trustShard', label: 'Trust another shard\'s credentials', need: 'twoThirds', fields: [F.shard()], build: (api, v) => (num(v.shard) !== null ? api.tx.shardCredentials.trustShard(num(v.shard)!) : null) },
  { id: 'untrustShard', label: 'Stop trusting a shard\'s credentials', need: 'twoThirds', fields: [F.shard()], build: (api, v) => (num(v.shard) !== null ? api.tx.shardCredentials.untrustShard(num(v.shard)!) : null) },
  { id: 'addRecipient', label: 'Send this shard\'s credentials to a shard', need: 'twoThirds', fields: [F.shard()], build: (api, v) => (num(v.shard) !== null ? api.tx.shardCredentials.addRecipient(num(v.shard)!) : null) },
  { id: 'removeRecipient', label: 'Stop sending credentials to a shard', need: 'twoThirds', fields: [F.shard()], build: (api, v) => (num(v.shard) !== null ? api.tx.shardCredentials.removeRecipient(num(v.shard)!) : null) },
  {
    id: 'addMember', label: 'Add a council member', need: 'twoThirds', fields: [F.account('New member')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.councilMembership.addMember(a) : null; },
    check: async (api, v, ss) => { const a = addr(v.account, ss); return a && ((await api.query.council.members()) as any).map(String).includes(a) ? 'Already a member (councilMembership.AlreadyMember).' : null; },
  },
  {
    id: 'removeMember', label: 'Remove a council member', need: 'twoThirds', fields: [F.account('Member')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.councilMembership.removeMember(a) : null; },
    check: async (api, v, ss) => { const a = addr(v.account, ss); return a && !((await api.query.council.members()) as any).map(String).includes(a) ? 'Not a member (councilMembership.NotMember).' : null; },
  },
  {
    id: 'swapMember', label: 'Replace a council member', need: 'twoThirds', fields: [{ key: 'remove', label: 'Member leaving', kind: 'address' }, { key: 'add', label: 'Member joining', kind: 'address' }],
    build: (api, v, ss) => { const r = addr(v.remove, ss); const a = addr(v.add, ss); return r && a ? api.tx.councilMembership.swapMember(r, a) : null; },
  },
  {
    id: 'setPrime', label: 'Set the council\'s prime member', need: 'twoThirds', fields: [F.account('Member')],
    build: (api, v, ss) => { const a = addr(v.account, ss); return a ? api.tx.councilMembership.setPrime(a) : null; },
  },
  // ---- root, through the whitelist (two thirds)
  {
    id: 'authorizeUpgrade', label: 'Authorise a runtime upgrade (root)', need: 'twoThirds', root: true,
    fields: [{ key: 'hash', label: 'Code hash (BLAKE2-256 of the wasm)', kind: 'hash', placeholder: '0x…' }],
    build: (api, v) => { const h = hash(v.hash); return h ? api.tx.system.authorizeUpgrade(h) : null; },
  },
  {
    id: 'rootCall', label: 'Any root call, SCALE-encoded (root)', need: 'twoThirds', root: true,
    fields: [{ key: 'call', label: 'Encoded call (0x…)', kind: 'call', hint: 'Decoded below before you propose it; e.g. from polkadot-js Apps\' extrinsics tab.' }],
    build: (api, v) => {
      if (!v.call || !/^0x([0-9a-fA-F]{2})+$/.test(v.call.trim())) return null;
      try {
        return api.tx(api.createType('Call', v.call.trim()));
      } catch {
        return null;
      }
    },
  },
];

export const TEMPLATE_BY_ID = new Map(TEMPLATES.map((t) => [t.id, t]));

/** The share a call dispatched by the council needs, by `section.method` (null: not a known power). */
export function needOfCall(call: any): { need: Need; label: string; root: boolean } | null {
  if (!call) return null;
  const name = `${call.section}.${call.method}`;
  if (name === 'utility.batchAll' || name === 'utility.batch') {
    const inner = (call.args[0] as any[]).map((c: any) => `${c.section}.${c.method}`);
    if (inner.some((n) => n.startsWith('whitelist.'))) return { need: 'twoThirds', label: 'root, through the whitelist', root: true };
  }
  if (name.startsWith('whitelist.')) return { need: 'twoThirds', label: 'root, through the whitelist', root: true };
  for (const t of TEMPLATES) {
    if (t.root) continue;
    const probe = CALL_NAMES[t.id];
    if (probe === name) return { need: t.need, label: t.label, root: false };
  }
  return null;
}

/** The `section.method` each non-root template dispatches. */
const CALL_NAMES: Record<string, string> = {
  blockProtocolHolder: 'credentials.blockProtocolHolder',
  unblockProtocolHolder: 'credentials.unblockProtocolHolder',
  settleProtocolHolderBlock: 'credentials.settleProtocolHolderBlock',
  admitMasterNode: 'masterNodes.admitMasterNode',
  removeMasterNode: 'masterNodes.removeMasterNode',
  registerQualifier: 'credentials.registerQualifier',
  updateQualifier: 'credentials.updateQualifier',
  setQualifierAccount: 'credentials.setQualifierAccount',
  suspendQualifier: 'credentials.suspendQualifier',
  resumeQualifier: 'credentials.resumeQualifier',
  removeQualifier: 'credentials.removeQualifier',
  registerCredentialKind: 'credentials.registerCredentialKind',
  reassignInvestor: 'credentials.reassignInvestor',
  recoverWallet: 'credentials.recoverWallet',
  setInvestorJurisdiction: 'credentials.setInvestorJurisdiction',
  unlinkWallet: 'credentials.unlinkWallet',
  registerRegulator: 'issuance.registerRegulator',
  removeRegulator: 'issuance.removeRegulator',
  suspendIssuer: 'issuance.suspendIssuer',
  reinstateIssuer: 'issuance.reinstateIssuer',
  forceCreateAsset: 'assets.forceCreate',
  forceSetAssetMetadata: 'assets.forceSetMetadata',
  trustShard: 'shardCredentials.trustShard',
  untrustShard: 'shardCredentials.untrustShard',
  addRecipient: 'shardCredentials.addRecipient',
  removeRecipient: 'shardCredentials.removeRecipient',
  addMember: 'councilMembership.addMember',
  removeMember: 'councilMembership.removeMember',
  swapMember: 'councilMembership.swapMember',
  setPrime: 'councilMembership.setPrime',
};

/** A root call wrapped as the council dispatches it: whitelist its hash, then dispatch it. */
export function throughWhitelist(api: ApiPromise, root: SubmittableExtrinsic<'promise'>): SubmittableExtrinsic<'promise'> {
  return api.tx.utility.batchAll([
    api.tx.whitelist.whitelistCall(root.method.hash),
    api.tx.whitelist.dispatchWhitelistedCallWithPreimage(root),
  ]);
}
