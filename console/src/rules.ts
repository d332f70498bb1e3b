// Compliance rule sets (pallets/compliance/src/types.rs) as polkadot-js JSON, described in words,
// and their evaluation cost as the pallet computes it (`Pallet::complexity`), so that the editor
// can show it against the runtime's `MaxComplexity` before signing.
import { code, variant } from './chain';
import { when } from './format';

export type RuleJson = { kind: any; exemptions: any[] };

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The rule kind's name ("JurisdictionDenyList") and parameters. */
export function kindOf(rule: RuleJson): [string, any] {
  return en(rule.kind);
}

/** An enum value as [PascalCase variant, its data or null], from either JSON form. */
export function en(v: any): [string, any] {
  if (typeof v === 'string') return [v.charAt(0).toUpperCase() + v.slice(1), null];
  const key = Object.keys(v)[0];
  return [key.charAt(0).toUpperCase() + key.slice(1), v[key]];
}

function field(obj: any, name: string) {
  return obj?.[name] ?? obj?.[lower(name)];
}

const sides = (side: any) => {
  const s = String(variant(side)).toLowerCase();
  return s === 'both' ? 2 : 1;
};

/** `Pallet::complexity` for one rule. */
export function ruleComplexity(rule: RuleJson): number {
  const [name, p] = kindOf(rule);
  let base = 0;
  let list = 0;
  switch (name) {
    case 'RequiredCredential': base = 2 * sides(field(p, 'side')); list = (field(p, 'qualifiers') ?? []).length; break;
    case 'JurisdictionAllowList':
    case 'JurisdictionDenyList': base = sides(field(p, 'side')); list = (field(p, 'jurisdictions') ?? []).length; break;
    case 'MaxHolders': case 'MaxOwnership': case 'MinHolding': case 'Vesting': base = 2; break;
    case 'MaxHolding': base = 1; break;
    case 'LockUp': base = en(field(p, 'scope'))[0] === 'Offering' ? 2 : 1; break;
    case 'TransferWindow': {
      const [w, ranges] = en(field(p, 'window'));
      base = 1;
      list = w === 'Ranges' && Array.isArray(ranges) ? ranges.length : 0;
      break;
    }
    case 'ManualApproval': base = 1; break;
  }
  return base + Math.ceil((list + rule.exemptions.length) / 4);
}

export const complexity = (rules: RuleJson[]) => rules.reduce((sum, r) => sum + ruleComplexity(r), 0);

function exemptionText(e: any): string {
  const [name, v] = en(e);
  if (name === 'Investor') return `investor #${v}`;
  if (name === 'Account') return `account ${String(v).slice(0, 8)}…`;
  if (name === 'ProtocolHolders') return 'every protocol holder';
  return name;
}

/** A rule in words. */
export function describeRule(rule: RuleJson, decimals = 0): string {
  const [name, p] = kindOf(rule);
  const side = (s: any) => ({ sender: 'senders', receiver: 'receivers', both: 'senders and receivers' } as any)[String(variant(s)).toLowerCase()] ?? variant(s);
  const amount = (a: any) => (decimals ? (Number(a) / 10 ** decimals).toString() : String(a));
  let words: string;
  switch (name) {
    case 'RequiredCredential': {
      const qs = field(p, 'qualifiers') ?? [];
      words = `${side(field(p, 'side'))} must hold a valid ${variant(field(p, 'kind'))} credential${qs.length ? ` from qualifier ${qs.map((q: any) => `#${q}`).join(', ')}` : ''}`;
      break;
    }
    case 'JurisdictionAllowList': words = `${side(field(p, 'side'))} must be of ${(field(p, 'jurisdictions') ?? []).map(code).join(', ')}`; break;
    case 'JurisdictionDenyList': words = `${side(field(p, 'side'))} may not be of ${(field(p, 'jurisdictions') ?? []).map(code).join(', ')}`; break;
    case 'MaxHolders': {
      const [k, v] = en(field(p, 'scope'));
      const s = k === 'Total' ? 'in total' : k === 'Jurisdiction' ? `in ${code(v)}` : `of category ${variant(v)}`;
      words = `at most ${field(p, 'max')} holders ${s}`;
      break;
    }
    case 'MaxOwnership': words = `no investor owns more than ${(Number(field(p, 'share')) / 10_000_000).toFixed(2)}% of the ${String(variant(field(p, 'base'))).toLowerCase()} supply`; break;
    case 'MaxHolding': words = `no investor holds more than ${amount(field(p, 'amount'))} units`; break;
    case 'MinHolding': words = `an investor holds nothing or at least ${amount(field(p, 'amount'))} units`; break;
    case 'LockUp': {
      const [k, v] = en(field(p, 'scope'));
      words = `${k === 'Security' ? 'every unit' : `units of offering #${v}`} locked until ${when(field(p, 'until'))}`;
      break;
    }
    case 'Vesting': words = `units of offering #${field(p, 'offering')} vest from ${when(field(p, 'start'))} (cliff ${when(field(p, 'cliff'))}) to ${when(field(p, 'end'))}`; break;
    case 'TransferWindow': {
      const [k, v] = en(field(p, 'window'));
      if (k === 'Never') words = 'transfers never allowed';
      else if (k === 'Annual') words = `transfers only from ${v.month}/${v.day} (UTC) for ${v.days} days each year`;
      else if (k === 'Quarterly') words = `transfers only from day ${v.day} of each quarter for ${v.days} days`;
      else words = `transfers only within ${v.map(([s, e]: any) => `${when(s)} – ${when(e)}`).join('; ')}`;
      break;
    }
    case 'ManualApproval': words = 'each transfer needs the transfer agent\'s approval'; break;
    default: words = name;
  }
  const ex = rule.exemptions.length ? `; except ${rule.exemptions.map(exemptionText).join(', ')}` : '';
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${ex}.`;
}

export const RULE_KINDS: [string, string][] = [
  ['RequiredCredential', 'Required credential'],
  ['JurisdictionAllowList', 'Jurisdiction allow-list'],
  ['JurisdictionDenyList', 'Jurisdiction deny-list'],
  ['MaxHolders', 'Maximum holders'],
  ['MaxOwnership', 'Maximum ownership'],
  ['MaxHolding', 'Maximum holding'],
  ['MinHolding', 'Minimum holding'],
  ['LockUp', 'Lock-up'],
  ['Vesting', 'Vesting'],
  ['TransferWindow', 'Transfer window'],
  ['ManualApproval', 'Manual approval'],
];
