// The issuer's (or agent's) screen: create a security with validated identifiers, and for a
// chosen security its rule set, issuance (one holder or a CSV batch), holders (paged,
// searchable, CSV export, by jurisdiction), its status (pause, resume, matured), dividends with
// a live progress bar (cancel, reclaim), a debt security's coupons (Debt.tsx), and ballots.
import { useEffect, useMemo, useState } from 'react';
import { blake2AsHex } from '@polkadot/util-crypto';
import { useApp, useChainData } from '../state';
import { stoaRpc, code, chainSeconds, variant } from '../chain';
import { csvField, download, parseUnits, units, when } from '../format';
import { TxButton, findEvent } from '../tx';
import { AddressField, Addr, ErrorNote, Field, Section, SelectField, TextField, normaliseAddress } from '../ui';
import { allSecurities, assets, ballots, distributionTitle, distributions, documents, offerings } from '../securities';
import type { SecurityView } from '../securities';
import { cusipProblem, figiProblem, isinProblem, leiProblem } from '../identifiers';
import { RULE_KINDS, complexity, describeRule, kindOf } from '../rules';
import { explainReason } from '../reasons';
import type { Reason } from '../reasons';
import type { RuleJson } from '../rules';
import { DebtService } from './Debt';

export function IssuerTab() {
  const { chain, account } = useApp();
  const me = useChainData(async () => {
    if (!account) return null;
    const info = await stoaRpc(chain, 'credentials_account', [account.address]);
    const investor: number | undefined = info?.investor?.id;
    const issuer: any = investor === undefined ? null : await chain.api.query.issuance.issuers(investor);
    return { investor, issuer: issuer?.isSome ? issuer.unwrap() : null };
  }, [account?.address]);
  const secs = useChainData(async () => {
    const list = await allSecurities(chain);
    const roles = account ? await Promise.all(list.map((s) => chain.api.query.issuance.agents(s.id, account.address))) : [];
    return list.map((s, i) => ({ ...s, agent: (roles[i] as any)?.isSome ?? false }));
  }, [account?.address]);
  const [selected, setSelected] = useState<string>('');
  const mine = (secs.data ?? []).filter((s) => s.issuer === me.data?.investor || s.agent);
  useEffect(() => {
    if (!selected && mine[0]) setSelected(String(mine[mine.length - 1].id));
  }, [mine.length, selected]);
  const sec = (secs.data ?? []).find((s) => String(s.id) === selected);
  if (!account) return <p className="note">Choose an account.</p>;
  const issuerStatus = me.data?.issuer ? me.data.issuer.status.toString() : null;
  return (
    <div className="grid">
      <Section title="Issuer" id="issuer-status">
        <ErrorNote error={me.error} />
        {me.data && me.data.investor === undefined && <p>This account is not an investor's wallet: only an approved legal-entity investor issues (agents act on securities they are appointed to).</p>}
        {me.data && me.data.investor !== undefined && (
          <dl className="facts">
            <dt>Investor</dt><dd>#{me.data.investor}</dd>
            <dt>Issuer status</dt>
            <dd data-testid="issuer-status">{issuerStatus ? <span className={issuerStatus === 'Active' ? 'ok' : 'bad'}>{issuerStatus}</span> : 'not approved (a regulator of its jurisdiction approves issuers)'}</dd>
            {me.data.issuer && <><dt>Jurisdiction</dt><dd>{code(me.data.issuer.jurisdiction)}</dd><dt>Regulator</dt><dd><Addr address={me.data.issuer.regulator.toString()} /></dd></>}
          </dl>
        )}
      </Section>
      <CreateSecurity onCreated={(id) => { setSelected(String(id)); secs.reload(); }} />
      <Section title="Your securities" id="securities">
        <ErrorNote error={secs.error} />
        {mine.length === 0 ? <p>None yet.</p> : (
          <SelectField label="Security" value={selected} onChange={setSelected}
            options={mine.map((s) => [String(s.id), `#${s.id} ${s.symbol} — ${s.name} (${s.isin})${s.agent && s.issuer !== me.data?.investor ? ' · agent' : ''}`])} />
        )}
        {sec && <SecurityFacts sec={sec} />}
      </Section>
      {sec && (
        <>
          <RulesEditor sec={sec} />
          <Issue sec={sec} />
          <BatchIssue sec={sec} />
          <Documents sec={sec} />
          <Enforcement sec={sec} />
          <Recoveries sec={sec} />
          <Approvals sec={sec} isIssuer={sec.issuer === me.data?.investor} />
          <Lifecycle sec={sec} isIssuer={sec.issuer === me.data?.investor} />
          <Holders sec={sec} />
          <Offerings sec={sec} />
          <Distributions sec={sec} />
          {sec.debt && <DebtService sec={sec} />}
          <OpenBallot sec={sec} />
          <RecordDatesAndSplits sec={sec} />
          <Agents sec={sec} />
        </>
      )}
    </div>
  );
}

function SecurityFacts({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const docs = useChainData(() => documents(chain, sec.id), [sec.id]);
  return (
    <dl className="facts" data-testid="security-facts">
      <dt>Kind</dt><dd>{sec.debt ? `${sec.kind.split('(')[0]}: coupon ${sec.debt.couponBps / 100}% a year, ${sec.debt.maturity !== null ? `maturing ${when(sec.debt.maturity)}` : 'no maturity'}` : sec.kind}</dd>
      <dt>Status</dt><dd>{sec.status}</dd>
      <dt>Identifiers</dt><dd>ISIN <code>{sec.isin}</code>{sec.lei && <> · LEI <code>{sec.lei}</code></>}{sec.cusip && <> · CUSIP <code>{sec.cusip}</code></>}{sec.figi && <> · FIGI <code>{sec.figi}</code></>}</dd>
      <dt>Supply</dt><dd data-testid="supply">{units(sec.totalSupply, sec.decimals)} of {units(sec.authorisedSupply, sec.decimals)} authorised</dd>
      <dt>Holders</dt><dd data-testid="holder-count">{sec.holders}</dd>
      <dt>Documents</dt><dd>{(docs.data ?? []).length === 0 ? 'none' : docs.data!.map((d) => <div key={d.name}><a href={d.uri} target="_blank" rel="noreferrer noopener">{d.name}</a></div>)}</dd>
    </dl>
  );
}

function CreateSecurity({ onCreated }: { onCreated: (id: number) => void }) {
  const { chain } = useApp();
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const [kind, setKind] = useState('Equity');
  const [decimals, setDecimals] = useState('0');
  const [isin, setIsin] = useState('');
  const [lei, setLei] = useState('');
  const [cusip, setCusip] = useState('');
  const [figi, setFigi] = useState('');
  const [supply, setSupply] = useState('1000000');
  const [coupon, setCoupon] = useState('500');
  const [maturity, setMaturity] = useState('');
  const isinError = isin ? isinProblem(isin) : null;
  const leiError = lei ? leiProblem(lei) : null;
  const cusipError = cusip ? cusipProblem(cusip) : null;
  const figiError = figi ? figiProblem(figi) : null;
  const taken = useChainData(async () => (isin && !isinError ? ((await chain.api.query.issuance.securityByIsin(isin)) as any).isSome : false), [isin, !!isinError]);
  const dec = Number(decimals);
  const decError = !/^\d+$/.test(decimals) || dec > 18 ? 'Whole number of decimal places, 0 to 18.' : null;
  const authorised = decError ? null : parseUnits(supply, dec);
  const maturitySecs = maturity ? Math.floor(new Date(`${maturity}T00:00:00Z`).getTime() / 1000) : null;
  const kindValue = kind === 'Debt' ? { Debt: { couponBps: Number(coupon), maturity: maturitySecs } } : kind;
  const ok = name && symbol && isin && !isinError && !leiError && !cusipError && !figiError && !decError && authorised && authorised > 0n && !taken.data && (kind !== 'Debt' || maturitySecs);
  const tx = ok ? chain.api.tx.issuance.createSecurity(name, symbol, kindValue as any, dec,
    { isin, cusip: cusip || null, lei: lei || null, figi: figi || null }, authorised!) : null;
  return (
    <Section title="Create a security" id="create-security">
      <form className="form two" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Name" value={name} onChange={setName} placeholder="Alice AG ordinary shares" />
        <TextField label="Symbol" value={symbol} onChange={(v) => setSymbol(v.toUpperCase())} placeholder="ALIC" />
        <SelectField label="Kind" value={kind} onChange={setKind} options={[['Equity', 'Equity (shares)'], ['FundUnit', 'Fund units'], ['Debt', 'Debt (bond or note)']]} />
        {kind === 'Debt' && <>
          <TextField label="Coupon (basis points a year)" value={coupon} onChange={setCoupon} inputMode="numeric" />
          <TextField label="Maturity (UTC date)" type="date" value={maturity} onChange={setMaturity} />
        </>}
        <TextField label="Decimals" value={decimals} onChange={setDecimals} inputMode="numeric" error={decError} />
        <TextField label="ISIN" value={isin} onChange={(v) => setIsin(v.toUpperCase().replace(/\s/g, ''))} placeholder="DE000BAY0017" testid="isin"
          error={isinError ?? (taken.data ? 'This ISIN is already registered on chain.' : null)}
          hint={isin && !isinError && !taken.data ? '✓ Valid check digit.' : 'ISO 6166: country, nine characters, check digit.'} />
        <TextField label="LEI (optional)" value={lei} onChange={(v) => setLei(v.toUpperCase())} error={leiError} />
        <TextField label="CUSIP (optional)" value={cusip} onChange={(v) => setCusip(v.toUpperCase())} error={cusipError} />
        <TextField label="FIGI (optional)" value={figi} onChange={(v) => setFigi(v.toUpperCase())} error={figiError} />
        <TextField label="Authorised supply" value={supply} onChange={setSupply} inputMode="decimal" />
        <TxButton label="Create security" tx={tx} testid="create-security-tx"
          onDone={(events) => {
            const e: any = findEvent(events, 'issuance', 'SecurityCreated');
            if (e) onCreated(e.data.security.toNumber());
            setName(''); setSymbol(''); setIsin(''); setLei(''); setCusip(''); setFigi('');
          }} />
      </form>
    </Section>
  );
}

// ---- rules

function RulesEditor({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const onChain = useChainData(async () => ((await chain.api.query.compliance.rules(sec.id)) as any).toJSON() as RuleJson[], [sec.id], false);
  const [rules, setRules] = useState<RuleJson[] | null>(null);
  useEffect(() => { setRules(null); }, [sec.id]);
  useEffect(() => { if (rules === null && onChain.data) setRules(onChain.data); }, [onChain.data, rules]);
  const draft = rules ?? [];
  const max = (chain.api.consts.compliance.maxComplexity as any).toNumber();
  const maxRules = (chain.api.consts.compliance.maxRules as any).toNumber();
  const cost = complexity(draft);
  const changed = JSON.stringify(draft) !== JSON.stringify(onChain.data ?? []);
  const tooMany = draft.length > maxRules;
  const tx = rules ? chain.api.tx.compliance.setRules(sec.id, draft as any) : null;
  return (
    <Section title="Transfer rules" id="rules">
      <p className="hint">Always checked, whatever the rules: blocks, eligibility (an investor's wallet or a protocol holder), a valid KYC credential, and how many securities one investor holds.</p>
      {draft.length === 0 ? <p>No rules of its own.</p> : (
        <ol className="rules" data-testid="rules">
          {draft.map((r, i) => (
            <li key={i}>
              <span>{describeRule(r, sec.decimals)}</span>
              <button type="button" className="link" onClick={() => setRules(draft.filter((_, j) => j !== i))} aria-label={`Remove rule ${i + 1}`}>Remove</button>
            </li>
          ))}
        </ol>
      )}
      <div className="meter" data-testid="complexity">
        <label htmlFor={`cx-${sec.id}`}>Complexity {cost} of {max}</label>
        <meter id={`cx-${sec.id}`} min={0} max={max} value={cost} high={max * 0.8} optimum={0} />
        {cost > max && <p className="error" role="alert">Too complex: the chain refuses rule sets above {max}.</p>}
        {tooMany && <p className="error" role="alert">At most {maxRules} rules.</p>}
      </div>
      <AddRule onAdd={(r) => setRules([...draft, r])} />
      <TxButton label={changed ? 'Save rules' : 'Save rules (unchanged)'} tx={tx} blocker={cost > max ? 'Too complex.' : tooMany ? 'Too many rules.' : null} testid="rules-tx" onDone={() => onChain.reload()} />
    </Section>
  );
}

const SIDES: [string, string][] = [['Receiver', 'Receiver'], ['Sender', 'Sender'], ['Both', 'Both']];
const CRED_KINDS: [string, string][] = ['Kyc', 'AmlScreening', 'AccreditedInvestor', 'ProfessionalInvestor', 'Residence'].map((k) => [k, k]);
const CATEGORIES: [string, string][] = ['Individual', 'LegalEntity', 'Accredited', 'NonAccredited', 'Professional', 'Retail'].map((k) => [k, k]);

function toSeconds(local: string): number | null {
  if (!local) return null;
  const t = new Date(`${local}Z`).getTime();
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

function AddRule({ onAdd }: { onAdd: (r: RuleJson) => void }) {
  const { chain } = useApp();
  const [kind, setKind] = useState('JurisdictionDenyList');
  const [side, setSide] = useState('Receiver');
  const [credential, setCredential] = useState('Kyc');
  const [qualifiers, setQualifiers] = useState('');
  const [jurisdictions, setJurisdictions] = useState('');
  const [scope, setScope] = useState('Total');
  const [scopeValue, setScopeValue] = useState('');
  const [number, setNumber] = useState('');
  const [base, setBase] = useState('Outstanding');
  const [offering, setOffering] = useState('');
  const [t1, setT1] = useState('');
  const [t2, setT2] = useState('');
  const [t3, setT3] = useState('');
  const [windowKind, setWindowKind] = useState('Annual');
  const [exemptions, setExemptions] = useState('');

  const list = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
  const codes = list(jurisdictions).map((j) => j.toUpperCase());
  const badCodes = codes.filter((j) => !/^[A-Z]{2}$/.test(j));
  const exemptionList: any[] = [];
  const exemptionErrors: string[] = [];
  for (const item of list(exemptions)) {
    if (/^protocol/i.test(item)) exemptionList.push({ ProtocolHolders: null });
    else if (/^#?\d+$/.test(item)) exemptionList.push({ Investor: Number(item.replace('#', '')) });
    else {
      const a = normaliseAddress(item, chain.ss58);
      if (a) exemptionList.push({ Account: a }); else exemptionErrors.push(item);
    }
  }
  let rule: any = null;
  let problem: string | null = null;
  const n = Number(number);
  switch (kind) {
    case 'RequiredCredential':
      rule = { RequiredCredential: { side, kind: credential, qualifiers: list(qualifiers).map(Number) } };
      break;
    case 'JurisdictionAllowList':
    case 'JurisdictionDenyList':
      if (!codes.length) problem = 'List at least one two-letter jurisdiction code.';
      else if (badCodes.length) problem = `Not a two-letter code: ${badCodes.join(', ')}`;
      else rule = { [kind]: { side, jurisdictions: codes } };
      break;
    case 'MaxHolders':
      if (!(n > 0)) problem = 'A positive number of holders.';
      else rule = { MaxHolders: { scope: scope === 'Total' ? { Total: null } : scope === 'Jurisdiction' ? { Jurisdiction: scopeValue.toUpperCase() } : { Category: scopeValue || 'Retail' }, max: n } };
      break;
    case 'MaxOwnership':
      if (!(n > 0 && n <= 100)) problem = 'A percentage above 0 and at most 100.';
      else rule = { MaxOwnership: { share: Math.round(n * 10_000_000), base } };
      break;
    case 'MaxHolding':
    case 'MinHolding':
      if (!(n > 0)) problem = 'A positive number of units.';
      else rule = { [kind]: { amount: number } };
      break;
    case 'LockUp': {
      const until = toSeconds(t1);
      if (!until) problem = 'Choose the end of the lock-up.';
      else rule = { LockUp: { scope: offering ? { Offering: Number(offering) } : { Security: null }, until } };
      break;
    }
    case 'Vesting': {
      const [s, c, e] = [toSeconds(t1), toSeconds(t2), toSeconds(t3)];
      if (!offering || s === null || c === null || e === null) problem = 'Offering and the three times.';
      else if (!(s < e && s <= c && c <= e)) problem = 'Start ≤ cliff ≤ end, and start before end.';
      else rule = { Vesting: { offering: Number(offering), start: s, cliff: c, end: e } };
      break;
    }
    case 'TransferWindow': {
      if (windowKind === 'Never') rule = { TransferWindow: { window: { Never: null } } };
      else if (windowKind === 'Ranges') {
        const [s, e] = [toSeconds(t1), toSeconds(t2)];
        if (s === null || e === null || s >= e) problem = 'A start before the end.';
        else rule = { TransferWindow: { window: { Ranges: [[s, e]] } } };
      } else {
        const [month, day, days] = list(scopeValue).map(Number);
        if (windowKind === 'Annual' && !(month >= 1 && month <= 12 && day >= 1 && day <= 28 && days >= 1 && days <= 366)) problem = 'Month (1–12), day (1–28) and days (1–366), e.g. "6 1 30".';
        else if (windowKind === 'Quarterly' && !(month >= 1 && month <= 28 && day >= 1 && day <= 92)) problem = 'Day of the quarter\'s first month (1–28) and days (1–92), e.g. "1 15".';
        else rule = { TransferWindow: { window: windowKind === 'Annual' ? { Annual: { month, day, days } } : { Quarterly: { day: month, days: day } } } };
      }
      break;
    }
    case 'ManualApproval':
      rule = { ManualApproval: null };
      break;
  }
  if (exemptionErrors.length) problem = `Not an investor id, address or "protocol holders": ${exemptionErrors.join(', ')}`;
  const sided = ['RequiredCredential', 'JurisdictionAllowList', 'JurisdictionDenyList'].includes(kind);
  return (
    <fieldset className="add-rule">
      <legend>Add a rule</legend>
      <div className="form two">
        <SelectField label="Rule" value={kind} onChange={setKind} options={RULE_KINDS} />
        {sided && <SelectField label="Side" value={side} onChange={setSide} options={SIDES} />}
        {kind === 'RequiredCredential' && <>
          <SelectField label="Credential" value={credential} onChange={setCredential} options={CRED_KINDS} />
          <TextField label="From qualifiers (ids, optional)" value={qualifiers} onChange={setQualifiers} hint="Empty: any trusted qualifier." />
        </>}
        {(kind === 'JurisdictionAllowList' || kind === 'JurisdictionDenyList') &&
          <TextField label="Jurisdictions" value={jurisdictions} onChange={setJurisdictions} placeholder="US, CA" hint="Two-letter codes, separated by commas." testid="rule-jurisdictions" />}
        {kind === 'MaxHolders' && <>
          <SelectField label="Counted" value={scope} onChange={setScope} options={[['Total', 'All holders'], ['Jurisdiction', 'In one jurisdiction'], ['Category', 'In one category']]} />
          {scope === 'Jurisdiction' && <TextField label="Jurisdiction" value={scopeValue} onChange={setScopeValue} placeholder="US" />}
          {scope === 'Category' && <SelectField label="Category" value={scopeValue || 'Retail'} onChange={setScopeValue} options={CATEGORIES} />}
          <TextField label="At most (holders)" value={number} onChange={setNumber} inputMode="numeric" />
        </>}
        {kind === 'MaxOwnership' && <>
          <TextField label="At most (% of supply)" value={number} onChange={setNumber} inputMode="decimal" />
          <SelectField label="Of" value={base} onChange={setBase} options={[['Outstanding', 'Units outstanding'], ['Authorised', 'Authorised supply']]} />
        </>}
        {(kind === 'MaxHolding' || kind === 'MinHolding') && <TextField label="Units (smallest units)" value={number} onChange={setNumber} inputMode="numeric" />}
        {kind === 'LockUp' && <>
          <TextField label="Offering id (empty: every unit)" value={offering} onChange={setOffering} inputMode="numeric" />
          <TextField label="Locked until (UTC)" type="datetime-local" value={t1} onChange={setT1} />
        </>}
        {kind === 'Vesting' && <>
          <TextField label="Offering id" value={offering} onChange={setOffering} inputMode="numeric" />
          <TextField label="Vesting starts (UTC)" type="datetime-local" value={t1} onChange={setT1} />
          <TextField label="Cliff (UTC)" type="datetime-local" value={t2} onChange={setT2} />
          <TextField label="Fully vested (UTC)" type="datetime-local" value={t3} onChange={setT3} />
        </>}
        {kind === 'TransferWindow' && <>
          <SelectField label="Window" value={windowKind} onChange={setWindowKind} options={[['Annual', 'Once a year'], ['Quarterly', 'Once a quarter'], ['Ranges', 'Between two dates'], ['Never', 'Never']]} />
          {(windowKind === 'Annual' || windowKind === 'Quarterly') && <TextField label={windowKind === 'Annual' ? 'Month, day, days' : 'Day, days'} value={scopeValue} onChange={setScopeValue} placeholder={windowKind === 'Annual' ? '6 1 30' : '1 15'} />}
          {windowKind === 'Ranges' && <>
            <TextField label="Opens (UTC)" type="datetime-local" value={t1} onChange={setT1} />
            <TextField label="Closes (UTC)" type="datetime-local" value={t2} onChange={setT2} />
          </>}
        </>}
        <TextField label="Exemptions (optional)" value={exemptions} onChange={setExemptions} hint='Investor ids (e.g. 3), addresses, or "protocol holders", separated by commas.' />
      </div>
      {problem && <p className="error">{problem}</p>}
      <button type="button" disabled={!rule || !!problem} onClick={() => onAdd({ kind: rule, exemptions: exemptionList })}>Add rule</button>
    </fieldset>
  );
}

// ---- issuance

function Issue({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const toAddress = normaliseAddress(to, chain.ss58);
  const value = parseUnits(amount, sec.decimals);
  const tx = toAddress && value && value > 0n ? chain.api.tx.issuance.issue(sec.id, toAddress, value) : null;
  return (
    <Section title="Issue to one holder" id="issue">
      <form className="form two" onSubmit={(e) => e.preventDefault()}>
        <AddressField label="Holder" value={to} onChange={setTo} />
        <TextField label="Units" value={amount} onChange={setAmount} inputMode="decimal" error={amount && value === null ? `At most ${sec.decimals} decimals.` : null} />
        <TxButton label="Issue" tx={tx} testid="issue-tx" />
      </form>
    </Section>
  );
}

interface CsvRow { line: number; address: string | null; amount: bigint | null; raw: string; error: string | null }

/** `address,amount` per line; a header line and blank lines are skipped. */
export function parseCsv(content: string, ss58: number, decimals: number): CsvRow[] {
  const rows: CsvRow[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [a, b, ...rest] = line.split(/[,;\t]/).map((x) => x.trim().replace(/^"|"$/g, ''));
    if (i === 0 && /address/i.test(a)) return;
    const address = normaliseAddress(a ?? '', ss58);
    const amount = b !== undefined ? parseUnits(b, decimals) : null;
    const error = rest.length ? 'More than two fields.' : !address ? 'Not a valid address.' : amount === null ? 'Not a valid amount.' : amount === 0n ? 'Zero amount.' : null;
    rows.push({ line: i + 1, address, amount, raw, error });
  });
  return rows;
}

function BatchIssue({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState('');
  const rows = useMemo(() => parseCsv(content, chain.ss58, sec.decimals), [content, chain.ss58, sec.decimals]);
  const bad = rows.filter((r) => r.error);
  const total = rows.reduce((s, r) => s + (r.amount ?? 0n), 0n);
  const maxBatch = (chain.api.consts.issuance.maxBatchIssue as any).toNumber();
  const chunks: [string, bigint][][] = [];
  rows.forEach((r, i) => { if (i % maxBatch === 0) chunks.push([]); chunks[chunks.length - 1].push([r.address!, r.amount!]); });
  const tx = rows.length && !bad.length
    ? (chunks.length === 1 ? chain.api.tx.issuance.batchIssue(sec.id, chunks[0]) : chain.api.tx.utility.batchAll(chunks.map((c) => chain.api.tx.issuance.batchIssue(sec.id, c))))
    : null;
  return (
    <Section title="Issue from a CSV file" id="batch-issue">
      <Field label="CSV file (address,amount per line)" hint={`Up to ${maxBatch} rows per batch call; more are sent as one utility.batchAll (all or nothing).`}>
        {(id, describedBy) => (
          <input id={id} type="file" accept=".csv,text/csv,text/plain" aria-describedby={describedBy} data-testid="csv-file"
            onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setFileName(f.name); setContent(await f.text()); } }} />
        )}
      </Field>
      <Field label="…or paste it here">
        {(id) => <textarea id={id} rows={4} value={content} onChange={(e) => { setFileName(''); setContent(e.target.value); }} spellCheck={false} placeholder={'address,amount\n5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty,250'} />}
      </Field>
      {rows.length > 0 && (
        <>
          <p data-testid="csv-summary">{fileName && <>{fileName}: </>}{rows.length} row{rows.length === 1 ? '' : 's'}, {units(total, sec.decimals)} units{bad.length ? `, ${bad.length} with errors` : ''}.</p>
          <table className="compact">
            <thead><tr><th scope="col">Line</th><th scope="col">Holder</th><th scope="col" className="num">Units</th><th scope="col">Check</th></tr></thead>
            <tbody>
              {rows.slice(0, 50).map((r) => (
                <tr key={r.line} className={r.error ? 'row-bad' : ''}>
                  <td>{r.line}</td>
                  <td>{r.address ? <Addr address={r.address} /> : <code>{r.raw}</code>}</td>
                  <td className="num">{r.amount !== null ? units(r.amount, sec.decimals) : '—'}</td>
                  <td>{r.error ? <span className="bad">{r.error}</span> : 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > 50 && <p className="hint">…and {rows.length - 50} more rows.</p>}
        </>
      )}
      <TxButton label={`Issue to ${rows.length} holder${rows.length === 1 ? '' : 's'}`} tx={tx} blocker={bad.length ? 'Fix the rows with errors first.' : null} testid="batch-tx" />
    </Section>
  );
}

// ---- documents, freezes, forced transfers

function Documents({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const docs = useChainData(() => documents(chain, sec.id), [sec.id]);
  const [name, setName] = useState('');
  const [uri, setUri] = useState('');
  const [hash, setHash] = useState('');
  const [fileName, setFileName] = useState('');
  const hashOk = /^0x[0-9a-fA-F]{64}$/.test(hash);
  const tx = name && uri && hashOk ? chain.api.tx.issuance.setDocument(sec.id, name, uri, hash) : null;
  return (
    <Section title="Documents" id="documents">
      <table data-testid="documents">
        <thead><tr><th scope="col">Name</th><th scope="col">Link</th><th scope="col">Content hash</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(docs.data ?? []).map((d) => (
            <tr key={d.name}><td>{d.name}</td><td><a href={d.uri} target="_blank" rel="noreferrer noopener">{d.uri}</a></td><td><code>{d.hash.slice(0, 18)}…</code></td>
              <td><TxButton label="Remove" tx={chain.api.tx.issuance.removeDocument(sec.id, d.name)} /></td></tr>
          ))}
          {(docs.data ?? []).length === 0 && <tr><td colSpan={4}>No documents.</td></tr>}
        </tbody>
      </table>
      <div className="form two">
        <TextField label="Document name" value={name} onChange={setName} placeholder="Prospectus" />
        <TextField label="Link (URI)" value={uri} onChange={setUri} placeholder="https://…" />
        <Field label="File (hashed here, not uploaded)" hint={fileName ? `${fileName}: ${hash.slice(0, 18)}…` : 'Its BLAKE2-256 hash goes on chain.'}>
          {(id, d) => <input id={id} type="file" aria-describedby={d} onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setFileName(f.name); setHash(blake2AsHex(new Uint8Array(await f.arrayBuffer()))); } }} />}
        </Field>
        <TextField label="…or its hash" value={hash} onChange={(v) => { setFileName(''); setHash(v); }} error={hash && !hashOk ? 'A 0x-prefixed 32-byte hash.' : null} />
        <TxButton label="Attach document" tx={tx} testid="document-tx" />
      </div>
    </Section>
  );
}

const FORCED_REASONS: [string, string][] = [['CourtOrder', 'Court or regulator order'], ['ErrorCorrection', 'Correcting an erroneous transfer'], ['Succession', 'Succession or merger'], ['CollateralEnforcement', 'Collateral enforcement'], ['Other', 'Other (recorded off chain)']];

function Enforcement({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const [holder, setHolder] = useState('');
  const [frozen, setFrozen] = useState('');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('CourtOrder');
  const who = normaliseAddress(holder, chain.ss58);
  const dest = normaliseAddress(to, chain.ss58);
  const frozenValue = frozen ? parseUnits(frozen, sec.decimals) : null;
  const value = parseUnits(amount, sec.decimals);
  const isFrozen = useChainData(async () => (who ? ((await chain.api.query.issuance.frozenHolders(sec.id, who)) as any).isSome : null), [sec.id, who]);
  return (
    <Section title="Freezes and forced transfers" id="enforcement">
      <AddressField label="Holder" value={holder} onChange={setHolder} />
      {who && <p data-testid="frozen-state">{isFrozen.data ? <span className="bad">This holder is frozen for {sec.symbol}.</span> : 'Not frozen as a whole.'}</p>}
      <div className="row">
        <TxButton label="Freeze holder" tx={who && !isFrozen.data ? chain.api.tx.issuance.freezeHolder(sec.id, who) : null} testid="freeze-tx" />
        <TxButton label="Unfreeze holder" tx={who && isFrozen.data ? chain.api.tx.issuance.unfreezeHolder(sec.id, who) : null} testid="unfreeze-tx" />
      </div>
      <div className="form two">
        <TextField label="Frozen units (partial freeze)" value={frozen} onChange={setFrozen} inputMode="decimal" hint="0 lifts a partial freeze." />
        <TxButton label="Set frozen units" tx={who && frozenValue !== null ? chain.api.tx.issuance.setFrozenAmount(sec.id, who, frozenValue) : null} testid="frozen-amount-tx" />
      </div>
      <h3>Forced transfer from this holder</h3>
      <div className="form two">
        <AddressField label="To" value={to} onChange={setTo} />
        <TextField label="Units" value={amount} onChange={setAmount} inputMode="decimal" />
        <SelectField label="Reason" value={reason} onChange={setReason} options={FORCED_REASONS} hint="Recorded on chain with the transfer." />
        <TxButton label="Force transfer" tx={who && dest && value && value > 0n ? chain.api.tx.issuance.forcedTransfer(sec.id, who, dest, value, reason) : null} testid="forced-tx" />
      </div>
    </Section>
  );
}

// ---- recovering a lost wallet's holdings

/** Lost wallets a qualifier recovered that still hold this security, moved with issuance.recoverHoldings. */
function Recoveries({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const entries = await chain.api.query.issuance.recoveries.entries();
    const rows = await Promise.all(entries.map(async ([k, v]: any) => {
      const lost = k.args[0].toString();
      const replacement = (v.isSome ? v.unwrap() : v).toString();
      const h: any = await chain.api.query.issuance.holdings(sec.id, lost);
      if (h.isNone) return null;
      const holding = h.unwrap();
      const [owner, frozenHolder, view]: any[] = await Promise.all([
        chain.api.query.credentials.investorOfWallet(replacement),
        chain.api.query.issuance.frozenHolders(sec.id, lost),
        stoaRpc(chain, 'credentials_account', [replacement]),
      ]);
      const filed = holding.holder.isInvestor ? holding.holder.asInvestor.toNumber() : null;
      const investor = owner.isSome ? owner.unwrap().toNumber() : null;
      return {
        lost, replacement, balance: holding.balance.toBigInt() as bigint, frozen: holding.frozen.toBigInt() as bigint, frozenHolder: frozenHolder.isSome as boolean,
        blocker: investor === null || filed !== investor
          ? `The holding is filed under ${filed === null ? 'the account itself' : `investor #${filed}`}, and the new wallet is ${investor === null ? 'nobody\'s' : `investor #${investor}'s`}: a recovery moves units within one investor only (issuance.RecoveryNotApplicable).`
          : view?.blocked ? `The new wallet is blocked (${variant(view.blocked)}): it cannot receive units.` : null,
      };
    }));
    return rows.filter((r): r is NonNullable<typeof r> => r !== null);
  }, [sec.id]);
  return (
    <Section title="Recover a lost wallet's holdings" id="recoveries">
      <p className="hint">When an investor's qualifier recovers a lost wallet (Qualifier tab), its holding of {sec.symbol} moves to the investor's new wallet whole, with its frozen units and holder freeze (<code>issuance.recoverHoldings</code>; anyone may sign it, the recovery itself was the qualifier's). Pauses, freezes and the lost wallet's block do not stop it; the new wallet must still qualify.</p>
      <ErrorNote error={data.error} />
      <table data-testid="recoveries">
        <thead><tr><th scope="col">Lost wallet</th><th scope="col">New wallet</th><th scope="col">Units</th><th scope="col">Frozen</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(data.data ?? []).map((r) => (
            <tr key={r.lost} data-lost={r.lost}>
              <td><Addr address={r.lost} /></td><td><Addr address={r.replacement} /></td>
              <td>{units(r.balance, sec.decimals)}</td>
              <td>{units(r.frozen, sec.decimals)}{r.frozenHolder ? ' (holder frozen)' : ''}</td>
              <td><TxButton label={`Recover ${units(r.balance, sec.decimals)} ${sec.symbol}`} tx={chain.api.tx.issuance.recoverHoldings(sec.id, r.lost)} blocker={r.blocker} testid="recover-holdings-tx" /></td>
            </tr>
          ))}
          {data.data?.length === 0 && <tr><td colSpan={5}>No recovered wallet holds {sec.symbol}.</td></tr>}
        </tbody>
      </table>
    </Section>
  );
}

// ---- manual transfer approvals

function Approvals({ sec, isIssuer }: { sec: SecurityView; isIssuer: boolean }) {
  const { chain, account } = useApp();
  const data = useChainData(async () => {
    const [rules, entries, splits, roles]: any[] = await Promise.all([
      chain.api.query.compliance.rules(sec.id),
      chain.api.query.compliance.approvals.entries(sec.id),
      chain.api.query.compliance.splitHistory(sec.id),
      account ? chain.api.query.issuance.agents(sec.id, account.address) : null,
    ]);
    const manual = (rules.toJSON() as RuleJson[]).some((r) => kindOf(r)[0] === 'ManualApproval');
    const current = splits.length;
    const approvals: { from: string; to: string; amount: bigint; valid: boolean }[] = entries.map(([k, v]: any) => {
      const [from, to, amount] = k.args[1];
      return { from: from.toString(), to: to.toString(), amount: amount.toBigInt() as bigint, valid: (v.isSome ? v.unwrap() : v).toNumber() === current };
    });
    return { manual, approvals, transferAgent: roles?.isSome ? !!(roles.unwrap().toJSON() as any).transfer : false };
  }, [sec.id, account?.address]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const fromAddress = normaliseAddress(from, chain.ss58);
  const toAddress = normaliseAddress(to, chain.ss58);
  const value = amount ? parseUnits(amount, sec.decimals) : null;
  const ready = fromAddress && toAddress && value !== null && value > 0n;
  const preflight = useChainData(async () => {
    if (!ready) return null;
    const v = value!;
    return stoaRpc<{ allowed: boolean; reasons: Reason[] }>(chain, 'compliance_canTransfer', [sec.id, fromAddress, toAddress, v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : `0x${v.toString(16)}`]);
  }, [ready ? `${sec.id}|${fromAddress}|${toAddress}|${value}` : null]);
  const d = data.data;
  const mayApprove = isIssuer || !!d?.transferAgent;
  const exists = d?.approvals.some((a) => a.from === fromAddress && a.to === toAddress && a.amount === value);
  const roleBlocker = d && !mayApprove ? 'Only the issuer or a transfer agent approves transfers (compliance.MissingRole).' : null;
  return (
    <Section title="Manual transfer approvals" id="approvals">
      <ErrorNote error={data.error} />
      <p data-testid="manual-rule">{d ? (d.manual ? <>{sec.symbol}'s rules include <strong>manual approval</strong>: each transfer needs one approval of exactly its sender, receiver and amount, used up by the transfer.</> : <>{sec.symbol}'s rules have no manual-approval rule: approvals given now wait for one (Transfer rules, above).</>) : 'Loading…'}</p>
      <table data-testid="approvals">
        <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Units</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(d?.approvals ?? []).map((a) => (
            <tr key={`${a.from}|${a.to}|${a.amount}`}>
              <td><Addr address={a.from} /></td><td><Addr address={a.to} /></td><td>{units(a.amount, sec.decimals)}</td>
              <td>{a.valid ? <span className="ok">unused</span> : <span className="bad">void: a split since changed the units</span>}</td>
              <td><TxButton label="Cancel approval" tx={chain.api.tx.compliance.cancelApproval(sec.id, a.from, a.to, a.amount)} blocker={roleBlocker} testid="cancel-approval-tx" /></td>
            </tr>
          ))}
          {d?.approvals.length === 0 && <tr><td colSpan={5}>No approvals waiting.</td></tr>}
        </tbody>
      </table>
      <h3>Approve a transfer</h3>
      <div className="form two">
        <AddressField label="Approved sender" value={from} onChange={setFrom} />
        <AddressField label="Approved receiver" value={to} onChange={setTo} />
        <TextField label="Approved units" value={amount} onChange={setAmount} inputMode="decimal" error={amount && value === null ? `At most ${sec.decimals} decimals.` : null} />
      </div>
      {ready && preflight.data && (
        <div data-testid="approval-preflight">
          {preflight.data.allowed ? <p className="ok">The chain would allow this transfer now.</p> : (
            <>
              <p>The chain would refuse this transfer now:</p>
              <ul>{preflight.data.reasons.map((r, i) => { const x = explainReason(chain, r); return <li key={i}><code>{x.code}</code> {x.name}: {x.words}</li>; })}</ul>
            </>
          )}
        </div>
      )}
      <TxButton label="Approve transfer" tx={ready ? chain.api.tx.compliance.approveTransfer(sec.id, fromAddress!, toAddress!, value!) : null}
        blocker={roleBlocker ?? (exists ? 'This exact transfer is already approved (compliance.AlreadyApproved).' : null)} testid="approve-transfer-tx" />
    </Section>
  );
}

// ---- status: pause, resume, matured

const STATUS_WORDS: Record<string, string> = {
  Active: 'units move under the transfer rules.',
  Paused: 'only forced transfers, recoveries and forced redemptions move units; holders can neither transfer nor redeem until it resumes.',
  Matured: 'final: no more issuance or transfers; holders and the issuance agent may still redeem.',
};

function Lifecycle({ sec, isIssuer }: { sec: SecurityView; isIssuer: boolean }) {
  const { chain, account } = useApp();
  const [sure, setSure] = useState(false);
  useEffect(() => { setSure(false); }, [sec.id]);
  const roles = useChainData(async () => {
    const r: any = account ? await chain.api.query.issuance.agents(sec.id, account.address) : null;
    return r?.isSome ? (r.unwrap().toJSON() as Record<string, boolean>) : null;
  }, [sec.id, account?.address], false);
  const mayPause = isIssuer || !!roles.data?.compliance;
  const pauseBlocker = roles.loading || mayPause ? null : 'Only the issuer or a compliance agent pauses and resumes a security.';
  return (
    <Section title="Status: pause, resume, maturity" id="status">
      <p data-testid="security-status" data-status={sec.status} aria-live="polite">
        <strong className={sec.status === 'Active' ? 'ok' : 'bad'}>{sec.status}</strong>: {STATUS_WORDS[sec.status] ?? ''}
      </p>
      <div className="row">
        {sec.status === 'Active' && <TxButton label="Pause" tx={chain.api.tx.issuance.pause(sec.id)} blocker={pauseBlocker} testid="pause-tx" />}
        {sec.status === 'Paused' && <TxButton label="Resume" tx={chain.api.tx.issuance.resume(sec.id)} blocker={pauseBlocker} testid="resume-tx" />}
      </div>
      <p className="hint">Pausing and resuming: the issuer or a compliance agent.</p>
      {sec.status !== 'Matured' && (
        <fieldset>
          <legend>Mark matured (or called)</legend>
          <label className="choice"><input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} /> I understand that this is final: {sec.symbol} can never be issued or transferred again.</label>
          <TxButton label="Mark matured" tx={chain.api.tx.issuance.markMatured(sec.id)} testid="mature-tx"
            blocker={!isIssuer ? 'Only the issuer (not an agent) marks a security matured.' : !sure ? 'Tick the box first: this cannot be undone.' : null} />
          {sec.debt && <p className="hint">A debt security with a schedule is marked matured by the chain at its maturity, when its principal is repaid.</p>}
        </fieldset>
      )}
    </Section>
  );
}

// ---- holders

const PAGE = 10;

async function allHolders(chain: ReturnType<typeof useApp>['chain'], security: number) {
  const out: any[] = [];
  let next: string | null = null;
  do {
    const page: any = await stoaRpc(chain, 'issuance_holders', [security, next, 1000]);
    out.push(...page.holders);
    next = page.next;
  } while (next);
  return out;
}

function Holders({ sec }: { sec: SecurityView }) {
  const { chain, nameOf } = useApp();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [query, setQuery] = useState('');
  useEffect(() => { setCursors([null]); setQuery(''); }, [sec.id]);
  const start = cursors[cursors.length - 1];
  const page = useChainData(() => stoaRpc(chain, 'issuance_holders', [sec.id, start, PAGE]), [sec.id, start]);
  const search = useChainData(async () => {
    if (!query.trim()) return null;
    const q = query.trim().toLowerCase();
    const holders = await allHolders(chain, sec.id);
    return holders.filter((h) => h.account.toLowerCase().includes(q) || String(h.investor) === q.replace('#', '') || (nameOf(h.account) ?? '').toLowerCase().includes(q));
  }, [sec.id, query]);
  const byJurisdiction = useChainData(async () => {
    const entries = await chain.api.query.compliance.jurisdictionHolders.entries(sec.id);
    return entries.map(([k, v]: any) => [code(k.args[1]), v.toNumber()] as [string, number]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  }, [sec.id]);
  const rows: any[] = query.trim() ? search.data ?? [] : page.data?.holders ?? [];
  async function exportCsv() {
    const holders = await allHolders(chain, sec.id);
    const lines = ['account,investor,balance,frozen', ...holders.map((h) => [h.account, h.investor ?? '', units(BigInt(h.balance), sec.decimals).replace(/,/g, ''), units(BigInt(h.frozen), sec.decimals).replace(/,/g, '')].map(csvField).join(','))];
    download(`${sec.symbol}-holders.csv`, `${lines.join('\n')}\n`);
  }
  const maxJ = Math.max(1, ...(byJurisdiction.data ?? []).map(([, n]) => n));
  return (
    <Section title="Holders" id="holders" actions={<button type="button" onClick={exportCsv}>Export CSV</button>}>
      <ErrorNote error={page.error ?? search.error} />
      <TextField label="Search holders" value={query} onChange={setQuery} placeholder="address, investor id or name" />
      <table data-testid="holders-table">
        <thead><tr><th scope="col">Account</th><th scope="col">Investor</th><th scope="col" className="num">Balance</th><th scope="col" className="num">Frozen</th></tr></thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.account}><td><Addr address={h.account} /></td><td>{h.investor === null ? 'protocol' : `#${h.investor}`}</td><td className="num">{units(BigInt(h.balance), sec.decimals)}</td><td className="num">{units(BigInt(h.frozen), sec.decimals)}</td></tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={4}>{query ? 'No holder matches.' : 'No holders yet.'}</td></tr>}
        </tbody>
      </table>
      {!query.trim() && (
        <div className="pager">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button>
          <span>Page {cursors.length}</span>
          <button type="button" disabled={!page.data?.next} onClick={() => setCursors([...cursors, page.data.next])}>Next page</button>
        </div>
      )}
      <h3>Investors by jurisdiction</h3>
      {(byJurisdiction.data ?? []).length === 0 ? <p>No investor holders.</p> : (
        <ul className="bars" aria-label="Holders by jurisdiction">
          {byJurisdiction.data!.map(([j, n]) => (
            <li key={j}><span className="bar-label">{j}</span><span className="bar" style={{ width: `${(n / maxJ) * 100}%` }} aria-hidden="true" /><span className="bar-value">{n}</span></li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// ---- offerings

function Offerings({ sec }: { sec: SecurityView }) {
  const { chain, account, best } = useApp();
  const assetList = useChainData(() => assets(chain), [], false);
  const list = useChainData(async () => (await offerings(chain)).filter((o) => o.security === sec.id), [sec.id]);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => { chainSeconds(chain).then(setNow); }, [best]);
  const [asset, setAsset] = useState('1');
  const [price, setPrice] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [minSub, setMinSub] = useState('1');
  const [maxSub, setMaxSub] = useState('1000');
  const [softCap, setSoftCap] = useState('1');
  const [hardCap, setHardCap] = useState('10000');
  const a = assetList.data?.find((x) => String(x.id) === asset);
  const p = a ? parseUnits(price, a.decimals) : null;
  const nums = [minSub, maxSub, softCap, hardCap].map((x) => parseUnits(x, sec.decimals));
  const ok = a && p && p > 0n && now !== null && Number(minutes) > 0 && nums.every((x) => x !== null && x > 0n) && account;
  const tx = ok ? chain.api.tx.issuance.openOffering(sec.id, a!.id, p!, now!, now! + Number(minutes) * 60, nums[0]!, nums[1]!, nums[2]!, nums[3]!, account!.address) : null;
  return (
    <Section title="Offerings" id="offerings">
      <form className="form two" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Settled in" value={asset} onChange={setAsset} options={(assetList.data ?? []).map((x) => [String(x.id), `${x.symbol} — ${x.name}`])} />
        <TextField label={`Price per whole unit (${a?.symbol ?? ''})`} value={price} onChange={setPrice} inputMode="decimal" />
        <TextField label="Open for (minutes from now)" value={minutes} onChange={setMinutes} inputMode="numeric" />
        <TextField label="Minimum subscription (units)" value={minSub} onChange={setMinSub} inputMode="decimal" />
        <TextField label="Maximum subscription (units)" value={maxSub} onChange={setMaxSub} inputMode="decimal" />
        <TextField label="Soft cap (units)" value={softCap} onChange={setSoftCap} inputMode="decimal" hint="Below it at the close, everyone is refunded." />
        <TextField label="Hard cap (units)" value={hardCap} onChange={setHardCap} inputMode="decimal" />
        <TxButton label="Open offering" tx={tx} testid="offering-tx" />
      </form>
      <p className="hint">Proceeds go to the signing account.</p>
      {(list.data ?? []).map((o) => {
        const oa = assetList.data?.find((x) => x.id === o.asset);
        const pct = o.hardCap > 0n ? Number((o.subscribed * 1000n) / o.hardCap) / 10 : 0;
        const ended = now !== null && now >= o.endsAt;
        return (
          <article key={o.id} className="distribution" data-testid={`offering-${o.id}`}>
            <h3>Offering #{o.id}: {units(o.price, oa?.decimals ?? 0)} {oa?.symbol} per unit · {o.status}</h3>
            <p className="hint">{when(o.startsAt)} – {when(o.endsAt)} · per subscriber {units(o.minSubscription, sec.decimals)}–{units(o.maxSubscription, sec.decimals)} · soft cap {units(o.softCap, sec.decimals)}</p>
            <label htmlFor={`off-${o.id}`}>Subscribed {units(o.subscribed, sec.decimals)} of {units(o.hardCap, sec.decimals)} units ({pct}%) by {o.subscribers} subscriber(s){o.status !== 'Open' && o.status !== 'Closed' ? ' left to settle' : ''}</label>
            <progress id={`off-${o.id}`} max={100} value={pct} />
            {o.status === 'Open' && !ended && <TxButton label="Cancel offering" tx={chain.api.tx.issuance.cancelOffering(o.id)} />}
            {o.status !== 'Closed' && (ended || o.status !== 'Open') && <TxButton label="Settle the next 50 subscriptions" tx={chain.api.tx.issuance.settleOffering(o.id, 50)} testid={`settle-${o.id}`} />}
          </article>
        );
      })}
    </Section>
  );
}

// ---- distributions

function Distributions({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const assetList = useChainData(() => assets(chain), [], false);
  const list = useChainData(async () => {
    const all = (await distributions(chain)).filter((d) => d.security === sec.id);
    const progress = await Promise.all(all.map((d) => stoaRpc(chain, 'corporateActions_distributionProgress', [d.id]).catch(() => null)));
    return all.map((d, i) => ({ d, p: progress[i] }));
  }, [sec.id]);
  const [asset, setAsset] = useState('1');
  const [mode, setMode] = useState('PerUnit');
  const [amount, setAmount] = useState('');
  const [payIn, setPayIn] = useState('0');
  const [expiresDays, setExpiresDays] = useState('30');
  const [withholding, setWithholding] = useState('');
  const a = assetList.data?.find((x) => String(x.id) === asset);
  const value = a ? parseUnits(amount, a.decimals) : null;
  const rates: [string, number][] = [];
  let rateError: string | null = null;
  for (const item of withholding.split(/[,;]+/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]{2})\s*[:=]\s*(\d+(?:\.\d+)?)%?$/.exec(item);
    if (!m || Number(m[2]) > 100) { rateError = `"${item}": use CODE:percent, e.g. GB:10`; break; }
    rates.push([m[1].toUpperCase(), Math.round(Number(m[2]) * 10_000_000)]);
  }
  const [now, setNow] = useState<number | null>(null);
  const { best } = useApp();
  useEffect(() => { chainSeconds(chain).then(setNow); }, [best]);
  const payAt = now !== null ? now + Math.max(0, Number(payIn) || 0) * 60 : null;
  const tx = a && value && value > 0n && payAt !== null && !rateError
    ? chain.api.tx.corporateActions.createDistribution(sec.id, { Now: null }, a.id, { [mode]: value } as any, payAt, payAt + Number(expiresDays) * 86400, rates as any)
    : null;
  return (
    <Section title="Dividends" id="distributions">
      <form className="form two" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Paid in" value={asset} onChange={setAsset} options={(assetList.data ?? []).map((x) => [String(x.id), `${x.symbol} — ${x.name}`])} />
        <SelectField label="Amount is" value={mode} onChange={setMode} options={[['PerUnit', 'Per whole unit'], ['Total', 'Total, shared pro rata']]} />
        <TextField label={`Amount (${a?.symbol ?? ''})`} value={amount} onChange={setAmount} inputMode="decimal" error={amount && value === null ? `At most ${a?.decimals} decimals.` : null} testid="dividend-amount" />
        <TextField label="Pay in (minutes from now)" value={payIn} onChange={setPayIn} inputMode="numeric" hint="Record date: now." />
        <TextField label="Claimable for (days)" value={expiresDays} onChange={setExpiresDays} inputMode="numeric" />
        <TextField label="Withholding tax (optional)" value={withholding} onChange={setWithholding} error={rateError} placeholder="GB:10, US:30" hint="Per investor jurisdiction, in percent." />
        <TxButton label="Create dividend" tx={tx} testid="dividend-tx" onDone={() => list.reload()} />
      </form>
      <ErrorNote error={list.error} />
      {(list.data ?? []).map(({ d, p }) => {
        const asset = assetList.data?.find((x) => x.id === d.asset);
        const dec = asset?.decimals ?? 0;
        const sym = asset?.symbol ?? '';
        const paid = p ? BigInt(p.paid) : 0n;
        const withheld = p ? BigInt(p.withheld) : 0n;
        const remaining = p ? BigInt(p.remaining) : 0n;
        const whole = paid + withheld + remaining;
        // Closed without ever starting to pay: cancelled before the pay date, or defaulted at it.
        const neverPaid = d.status === 'Closed' && d.supply === 0n && d.payments === 0;
        const pct = !p || neverPaid ? 0 : p.pushed ? 100 : whole > 0n ? Number(((paid + withheld) * 1000n) / whole) / 10 : 0;
        const state = !p ? '…'
          : neverPaid ? (now !== null && now < d.payAt ? 'cancelled before its pay date; the reserve went back to the funder' : 'closed without paying (cancelled, or defaulted at the pay date); the reserve went back to the funder')
          : p.closed ? 'closed: expired, and what was left in escrow went back to the funder'
          : p.pushed ? 'every holder gone through' : p.active ? 'paying' : `waiting for the pay date (${when(d.payAt)})`;
        const cancellable = d.status === 'Created' && now !== null && now < d.payAt;
        const reclaimable = d.status !== 'Closed' && now !== null && now >= d.expiresAt;
        return (
          <article key={d.id} className="distribution" data-testid={`distribution-${d.id}`} data-status={d.status}>
            <h3>{distributionTitle(d)}: {d.amount.perUnit !== undefined ? `${units(d.amount.perUnit, dec)} ${sym} per unit` : `${units(d.amount.total!, dec)} ${sym} in total`}</h3>
            <p className="hint">Record date {when(d.recordAt)} · pay date {when(d.payAt)} · expires {when(d.expiresAt)}{d.withholding.length ? ` · withholding ${d.withholding.map(([j, r]) => `${j} ${r}%`).join(', ')}` : ''}</p>
            <label htmlFor={`dist-${d.id}`}>Holders paid: <strong data-testid="payments">{p?.payments ?? 0}</strong> · {state} · <span data-testid="progress-pct">{pct}%</span></label>
            <progress id={`dist-${d.id}`} max={100} value={pct} data-testid="progress" />
            <p className="hint">Paid {units(paid, dec)} {sym} · withheld {units(withheld, dec)} {sym} · left in escrow {units(remaining, dec)} {sym}</p>
            {cancellable && <TxButton label={`Cancel ${d.couponNumber !== null ? 'coupon' : 'dividend'} #${d.id}`} tx={chain.api.tx.corporateActions.cancelDistribution(d.id)} testid={`cancel-distribution-${d.id}`} />}
            {reclaimable && (
              <>
                <p className="hint">Expired {when(d.expiresAt)}: holders not paid by now lose their claim; reclaiming returns what is left in escrow to the funder and closes it.</p>
                <TxButton label={`Reclaim unclaimed escrow of #${d.id}`} tx={chain.api.tx.corporateActions.reclaim(d.id)} testid={`reclaim-${d.id}`} />
              </>
            )}
          </article>
        );
      })}
    </Section>
  );
}

function RecordDatesAndSplits({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const entries = await chain.api.query.corporateActions.checkpoints.entries(sec.id);
    const split: any = await chain.api.query.corporateActions.splits(sec.id);
    return {
      checkpoints: entries.map(([k, v]: any) => { const c = v.unwrap(); return { id: k.args[1].toNumber(), at: c.at.toNumber(), effective: c.epoch.isSome }; }).sort((a, b) => b.id - a.id),
      split: split.isSome ? { numerator: split.unwrap().numerator.toNumber(), denominator: split.unwrap().denominator.toNumber(), holders: split.unwrap().holders.toNumber() } : null,
    };
  }, [sec.id]);
  const [at, setAt] = useState('');
  const [numerator, setNumerator] = useState('2');
  const [denominator, setDenominator] = useState('1');
  const atSeconds = at ? Math.floor(new Date(`${at}Z`).getTime() / 1000) : null;
  const n = Number(numerator);
  const d = Number(denominator);
  const split = data.data?.split;
  return (
    <Section title="Record dates and splits" id="record-dates">
      <div className="form two">
        <TextField label="Record date (UTC; empty: now)" type="datetime-local" value={at} onChange={setAt} />
        <TxButton label={atSeconds ? 'Schedule record date' : 'Take record date now'} tx={chain.api.tx.corporateActions.createCheckpoint(sec.id, atSeconds)} testid="checkpoint-tx" />
      </div>
      <table className="compact" data-testid="record-dates">
        <thead><tr><th scope="col">Record date</th><th scope="col">Time</th><th scope="col">State</th></tr></thead>
        <tbody>
          {(data.data?.checkpoints ?? []).slice(0, 10).map((c) => <tr key={c.id}><td>#{c.id}</td><td>{when(c.at)}</td><td>{c.effective ? 'taken' : 'scheduled or no change since'}</td></tr>)}
          {(data.data?.checkpoints ?? []).length === 0 && <tr><td colSpan={3}>None.</td></tr>}
        </tbody>
      </table>
      <h3>Split</h3>
      {split ? (
        <>
          <label htmlFor={`split-${sec.id}`} data-testid="split-progress">Split {split.numerator}:{split.denominator} in progress: {split.holders} of {sec.holders} holders rescaled; movements are refused until it completes.</label>
          <progress id={`split-${sec.id}`} max={Math.max(1, sec.holders)} value={split.holders} />
        </>
      ) : (
        <div className="form two">
          <TextField label="New units" value={numerator} onChange={setNumerator} inputMode="numeric" />
          <TextField label="Per old units" value={denominator} onChange={setDenominator} inputMode="numeric" hint="2 per 1 doubles every holding; 1 per 10 is a reverse split." />
          <TxButton label={`Split ${numerator}:${denominator}`} tx={n > 0 && d > 0 && Number.isInteger(n) && Number.isInteger(d) ? chain.api.tx.corporateActions.split(sec.id, n, d) : null} testid="split-tx" />
        </div>
      )}
    </Section>
  );
}

const ROLES: [string, string][] = [['issuance', 'Issuance'], ['compliance', 'Compliance'], ['transfer', 'Transfer'], ['corporateActions', 'Corporate actions']];

function Agents({ sec }: { sec: SecurityView }) {
  const { chain } = useApp();
  const data = useChainData(async () => {
    const entries = await chain.api.query.issuance.agents.entries(sec.id);
    return entries.map(([k, v]: any) => ({ agent: k.args[1].toString(), roles: v.unwrap().toJSON() as Record<string, boolean> }));
  }, [sec.id]);
  const [agent, setAgent] = useState('');
  const [roles, setRoles] = useState<Record<string, boolean>>({ issuance: true, compliance: false, transfer: false, corporateActions: false });
  const who = normaliseAddress(agent, chain.ss58);
  return (
    <Section title="Agents" id="agents">
      <table className="compact" data-testid="agents">
        <thead><tr><th scope="col">Agent</th><th scope="col">Roles</th></tr></thead>
        <tbody>
          {(data.data ?? []).map((a) => <tr key={a.agent}><td><Addr address={a.agent} /></td><td>{ROLES.filter(([k]) => a.roles[k]).map(([, l]) => l).join(', ') || 'none'}</td></tr>)}
          {(data.data ?? []).length === 0 && <tr><td colSpan={2}>Only the issuer acts on this security.</td></tr>}
        </tbody>
      </table>
      <AddressField label="Agent" value={agent} onChange={setAgent} />
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map(([k, l]) => (
          <label key={k} className="choice"><input type="checkbox" checked={roles[k]} onChange={(e) => setRoles({ ...roles, [k]: e.target.checked })} /> {l}</label>
        ))}
      </fieldset>
      <TxButton label="Set agent roles" tx={who ? chain.api.tx.issuance.setAgent(sec.id, who, roles as any) : null} testid="agent-tx" />
    </Section>
  );
}

function OpenBallot({ sec }: { sec: SecurityView }) {
  const { chain, best } = useApp();
  const [title, setTitle] = useState('');
  const [choices, setChoices] = useState('for, against, abstain');
  const [minutes, setMinutes] = useState('60');
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => { chainSeconds(chain).then(setNow); }, [best]);
  const list = choices.split(',').map((c) => c.trim()).filter(Boolean);
  const existing = useChainData(async () => {
    const all = (await ballots(chain)).filter((b) => b.security === sec.id);
    const results = await Promise.all(all.map((b) => stoaRpc(chain, 'corporateActions_ballotResults', [b.id]).catch(() => null)));
    return all.map((b, i) => ({ b, r: results[i] }));
  }, [sec.id]);
  const tx = title && list.length >= 2 && now !== null && Number(minutes) > 0
    // The record date (now, when the call is included) must not be after the opening: open
    // half a minute from now so that a few blocks' delay still fits.
    ? chain.api.tx.corporateActions.openBallot(sec.id, { Now: null }, now + 30, now + 30 + Number(minutes) * 60, [{ title, choices: list }])
    : null;
  return (
    <Section title="Ballots" id="open-ballot">
      <form className="form two" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Motion" value={title} onChange={setTitle} placeholder="Approve the 2026 accounts" />
        <TextField label="Choices" value={choices} onChange={setChoices} hint="Separated by commas." />
        <TextField label="Open for (minutes)" value={minutes} onChange={setMinutes} inputMode="numeric" hint="Record date: now; voting opens in about 30 seconds. Votes weigh record-date units." />
        <TxButton label="Open ballot" tx={tx} testid="ballot-tx" />
      </form>
      {(existing.data ?? []).map(({ b, r }) => (
        <article key={b.id} className="ballot" data-testid={`issuer-ballot-${b.id}`}>
          <h3>Ballot #{b.id} · {when(b.startsAt)} – {when(b.endsAt)} · {r?.voters ?? b.voters} voter(s){r?.closed ? ' · closed' : ''}</h3>
          {now !== null && now < b.startsAt && <TxButton label={`Cancel ballot #${b.id}`} tx={chain.api.tx.corporateActions.cancelBallot(b.id)} testid={`cancel-ballot-${b.id}`} />}
          {b.motions.map((m, i) => {
            const tallies = (r?.tallies?.[i] ?? []).map((t: any) => BigInt(t));
            const total = tallies.reduce((x: bigint, y: bigint) => x + y, 0n);
            return (
              <div key={i}>
                <h4>{m.title}</h4>
                <ul className="bars">
                  {m.choices.map((c, j) => (
                    <li key={j}><span className="bar-label">{c}</span><span className="bar" style={{ width: `${total > 0n ? Number((tallies[j] ?? 0n) * 100n / total) : 0}%` }} aria-hidden="true" /><span className="bar-value">{units(tallies[j] ?? 0n, sec.decimals)}</span></li>
                  ))}
                </ul>
              </div>
            );
          })}
        </article>
      ))}
    </Section>
  );
}

