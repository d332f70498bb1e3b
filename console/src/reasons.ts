// Compliance reasons and dispatch errors in plain words, from the chain's own metadata: the
// docs of `TransferRejection`'s variants (the reasons of compliance_canTransfer, with their
// stable codes from docs/compliance.md) and of each pallet error.
import type { Chain } from './chain';
import { variantDocs } from './chain';

export interface Reason {
  code: number;
  reason: any;
  description: string;
}

export interface ExplainedReason {
  code: string; // "0x21"
  name: string; // "JurisdictionNotAllowed"
  party: string | null; // "receiver" / "sender"
  words: string;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The docs of a pallet's errors in the metadata (e.g. `pallet_issuance`), by error name. */
function palletErrorDocs(chain: Chain, crate: string): Map<string, string> {
  const docs = new Map<string, string>();
  for (const { type } of chain.api.registry.lookup.types) {
    const path = type.path.map(String);
    if (path[0] !== crate || path[path.length - 1] !== 'Error' || !type.def.isVariant) continue;
    for (const v of type.def.asVariant.variants) docs.set(v.name.toString(), v.docs.map(String).join(' ').trim());
  }
  return docs;
}

// The metadata of this runtime carries no docs for these primitives' enums (only for pallet
// calls, events and errors): their descriptions, as in primitives/src/credentials.rs.
export const KIND_WORDS: Record<string, string> = {
  Kyc: 'identity verified (know your customer)',
  AmlScreening: 'screened against sanctions and AML/CTF lists',
  AccreditedInvestor: 'an accredited investor (e.g. US Regulation D)',
  ProfessionalInvestor: 'a professional or qualified investor (e.g. MiFID II professional client)',
  Residence: 'home jurisdiction verified',
};
export const BLOCK_WORDS: Record<string, string> = {
  Restricted: 'a compliance finding not disclosed on chain',
  CourtOrder: 'a court or regulator ordered it',
  LostWallet: 'the wallet\'s keys are lost or compromised',
  ProtocolMisbehaviour: 'a protocol behaves in a way its registration did not announce',
  Other: 'recorded off chain by whoever blocked',
};

/**
 * A reason's description: its `TransferRejection` docs if the metadata has them, else the docs
 * of the issuance pallet's error of the same name (the error the extrinsic fails with; see
 * docs/compliance.md), with where the check comes from.
 */
function reasonWords(chain: Chain, name: string): string | null {
  const own = variantDocs(chain, 'TransferRejection').get(name);
  if (own) return own;
  const error = palletErrorDocs(chain, 'pallet_issuance').get(name === 'SenderFrozen' ? 'HolderFrozen' : name);
  if (!error) return null;
  const rule = /^A rule refused: (.*)$/s.exec(error);
  if (rule) return `${capital(rule[1]).replace(/\.$/, '')} (a rule of this security).`;
  const guard = /^The transfer guard refused: (.*)$/s.exec(error);
  if (guard) return `${capital(guard[1]).replace(/\.$/, '')} (always checked).`;
  return error;
}

/** One reason of compliance_canTransfer, explained from the metadata. */
export function explainReason(chain: Chain, r: Reason): ExplainedReason {
  const kindDocs = variantDocs(chain, 'CredentialKind');
  const blockDocs = variantDocs(chain, 'BlockReason');
  const kinds = new Map(Object.entries(KIND_WORDS).map(([k, v]) => [k, kindDocs.get(k) || v]));
  const blocks = new Map(Object.entries(BLOCK_WORDS).map(([k, v]) => [k, blockDocs.get(k) || v]));
  const key = typeof r.reason === 'string' ? r.reason : Object.keys(r.reason)[0];
  const name = capital(key);
  const data = typeof r.reason === 'string' ? null : r.reason[key];
  const args: any[] = data === null ? [] : Array.isArray(data) ? data : [data];
  let party: string | null = null;
  const extra: string[] = [];
  for (const arg of args) {
    if (arg === 'sender' || arg === 'receiver') party = arg;
    else if (arg && typeof arg === 'object') {
      const k = capital(Object.keys(arg)[0]);
      const d = kinds.get(k) ?? blocks.get(k);
      extra.push(d ? `${k}: ${d}` : k);
    } else if (typeof arg === 'string') {
      const k = capital(arg);
      const d = kinds.get(k) ?? blocks.get(k);
      extra.push(d ? `${k} (${d.replace(/\.$/, '')})` : k);
    }
  }
  const base = reasonWords(chain, name) ?? r.description;
  const who = party ? `The ${party}: ` : '';
  const words = `${who}${party ? base.charAt(0).toLowerCase() + base.slice(1) : base}${extra.length ? ` — ${extra.join('; ')}` : ''}`;
  return { code: `0x${r.code.toString(16).padStart(2, '0').toUpperCase()}`, name, party, words };
}

/** A DispatchError in words: `pallet.Error` and its docs, or the runtime's error kind. */
export function explainDispatchError(chain: Chain, err: any): string {
  if (err.isModule) {
    const { section, name, docs } = chain.api.registry.findMetaError(err.asModule);
    const gloss = section === 'system' && name === 'CallFiltered' ? ' (a proxy of this kind may not sign this call)' : '';
    return `${section}.${name}: ${docs.join(' ').trim() || 'no description in the metadata'}${gloss}`;
  }
  if (err.isBadOrigin) return 'BadOrigin: this account may not make this call (it needs another role or governance).';
  if (err.isToken) return `Token error (${err.asToken.type}): the account cannot pay or hold this (e.g. funds too low, below minimum balance).`;
  if (err.isArithmetic) return `Arithmetic error (${err.asArithmetic.type}).`;
  if (err.isCannotLookup) return 'CannotLookup: an address could not be resolved.';
  return err.toString();
}
