// Regulators and the regulators' council: regulators and issuers (approve, suspend, reinstate),
// council motions (propose any of the council's powers with the share it needs, vote, close;
// root through the whitelist), the urgent powers one member uses alone (council.execute), and
// the master nodes with their jurisdictions (masterNodes_list).
import { useState } from 'react';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { useApp, useChainData } from '../state';
import { stoaRpc, code, text } from '../chain';
import { TxButton } from '../tx';
import { AddressField, Addr, ErrorNote, Section, SelectField, TextField } from '../ui';
import { NEED_WORDS, TEMPLATES, TEMPLATE_BY_ID, ayesNeeded, needOfCall, throughWhitelist } from '../governance';
import type { Template, Values } from '../governance';

export function RegulatorTab() {
  return (
    <div className="grid">
      <Regulators />
      <Council />
      <MasterNodes />
    </div>
  );
}

function Regulators() {
  const { chain, account } = useApp();
  const data = useChainData(async () => {
    const regs = await chain.api.query.issuance.regulators.entries();
    const issuers = await chain.api.query.issuance.issuers.entries();
    return {
      regulators: regs.map(([k, v]: any) => ({ account: k.args[0].toString(), jurisdiction: code(v.unwrap().jurisdiction), name: text(v.unwrap().name) })),
      issuers: issuers.map(([k, v]: any) => { const i = v.unwrap(); return { investor: k.args[0].toNumber(), jurisdiction: code(i.jurisdiction), regulator: i.regulator.toString(), status: i.status.toString() }; }).sort((a, b) => a.investor - b.investor),
    };
  }, []);
  const [investor, setInvestor] = useState('');
  const [licence, setLicence] = useState('');
  const me = data.data?.regulators.find((r) => r.account === account?.address);
  const id = /^\d+$/.test(investor) ? Number(investor) : null;
  const candidate = useChainData(async () => (id === null ? null : stoaRpc(chain, 'credentials_investor', [id]).catch(() => null)), [id]);
  const licenceHash = licence ? (/^0x[0-9a-fA-F]{64}$/.test(licence) ? licence : blake2AsHex(licence)) : null;
  return (
    <Section title="Regulators and issuers" id="regulators">
      <ErrorNote error={data.error} />
      <p>{me ? <>You act as regulator <strong>{me.name}</strong> ({me.jurisdiction}).</> : 'This account is not a regulator: governance registers regulators by a council motion (below).'}</p>
      <table data-testid="regulators">
        <caption>Regulators</caption>
        <thead><tr><th scope="col">Account</th><th scope="col">Name</th><th scope="col">Jurisdiction</th></tr></thead>
        <tbody>
          {(data.data?.regulators ?? []).map((r) => <tr key={r.account}><td><Addr address={r.account} /></td><td>{r.name}</td><td>{r.jurisdiction}</td></tr>)}
          {data.data?.regulators.length === 0 && <tr><td colSpan={3}>None registered.</td></tr>}
        </tbody>
      </table>
      <table data-testid="issuers">
        <caption>Issuers</caption>
        <thead><tr><th scope="col">Investor</th><th scope="col">Jurisdiction</th><th scope="col">Approved by</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(data.data?.issuers ?? []).map((i) => (
            <tr key={i.investor}>
              <td>#{i.investor}</td><td>{i.jurisdiction}</td><td><Addr address={i.regulator} /></td>
              <td className={i.status === 'Active' ? 'ok' : 'bad'}>{i.status}</td>
              <td>{i.status === 'Active'
                ? <TxButton label={`Suspend #${i.investor}`} tx={chain.api.tx.issuance.suspendIssuer(i.investor)} />
                : <TxButton label={`Reinstate #${i.investor}`} tx={chain.api.tx.issuance.reinstateIssuer(i.investor)} />}</td>
            </tr>
          ))}
          {data.data?.issuers.length === 0 && <tr><td colSpan={5}>None approved.</td></tr>}
        </tbody>
      </table>
      <h3>Approve an issuer</h3>
      <div className="form two">
        <TextField label="Investor id" value={investor} onChange={setInvestor} inputMode="numeric"
          hint={candidate.data ? `${candidate.data.kind} of ${code(candidate.data.jurisdiction)}${candidate.data.block ? ', blocked' : ''}` : id !== null ? 'No such investor.' : 'A legal entity of your jurisdiction.'} testid="approve-investor" />
        <TextField label="Licence or prospectus (text or 0x hash)" value={licence} onChange={setLicence} hint={licenceHash ? `Hash: ${licenceHash.slice(0, 18)}…` : 'Its BLAKE2-256 hash goes on chain.'} />
        <TxButton label="Approve issuer" tx={id !== null && licenceHash ? chain.api.tx.issuance.approveIssuer(id, licenceHash) : null} testid="approve-tx" />
      </div>
    </Section>
  );
}

function Council() {
  const { chain, account } = useApp();
  const data = useChainData(async () => {
    const members = (await chain.api.query.council.members() as any).map(String) as string[];
    const hashes = (await chain.api.query.council.proposals() as any).map((h: any) => h.toHex()) as string[];
    const proposals = await Promise.all(hashes.map(async (hash) => {
      const [call, voting]: any[] = await Promise.all([chain.api.query.council.proposalOf(hash), chain.api.query.council.voting(hash)]);
      const v = voting.unwrap();
      const c = call.isSome ? call.unwrap() : null;
      return {
        hash, index: v.index.toNumber(), threshold: v.threshold.toNumber(), end: v.end.toNumber(),
        ayes: v.ayes.map(String) as string[], nays: v.nays.map(String) as string[],
        call: c, name: c ? callName(c) : '(call not stored)',
        args: c ? callArgs(c) : [],
      };
    }));
    return { members, proposals };
  }, []);
  const members = data.data?.members ?? [];
  const member = !!account && members.includes(account.address);
  return (
    <Section title="Council" id="council">
      <ErrorNote error={data.error} />
      <p>Members: {members.map((m) => <Addr key={m} address={m} />)}</p>
      {!member && <p className="hint">This account is not a council member: it can read, not propose, vote or act alone.</p>}
      <h3>Open motions</h3>
      {(data.data?.proposals ?? []).length === 0 ? <p>No open motions.</p> : data.data!.proposals.map((p) => (
        <Motion key={p.hash} p={p} member={member} members={members.length} />
      ))}
      <Propose members={members.length} member={member} />
      <ActAlone member={member} />
      <details className="powers">
        <summary>Every power of the council and the share it needs</summary>
        <table data-testid="powers">
          <thead><tr><th scope="col">Power</th><th scope="col">Needs</th><th scope="col">Ayes of {members.length}</th></tr></thead>
          <tbody>
            {TEMPLATES.map((t) => (
              <tr key={t.id}><td>{t.label}</td><td>{t.root ? 'root, through the whitelist: ' : ''}{NEED_WORDS[t.need]}</td><td>{ayesNeeded(t.need, members.length)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </Section>
  );
}

/** `section.method`, and for a batch the calls inside it. */
function callName(c: any): string {
  const name = `${c.section}.${c.method}`;
  if (name === 'utility.batchAll' || name === 'utility.batch') return `${name}[${(c.args[0] as any[]).map((i: any) => `${i.section}.${i.method}`).join(', ')}]`;
  return name;
}

function callArgs(c: any): [string, string][] {
  const name = `${c.section}.${c.method}`;
  if (name === 'utility.batchAll' || name === 'utility.batch') {
    // The root call inside a whitelist batch is what the council decides on: show it.
    const inner = (c.args[0] as any[]).find((i: any) => i.section === 'whitelist' && i.method === 'dispatchWhitelistedCallWithPreimage');
    if (inner) return [['root call', `${inner.args[0].section}.${inner.args[0].method}`], ...callArgs(inner.args[0])];
  }
  return Object.entries((c.toHuman() as any).args ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]);
}

function Motion({ p, member, members }: { p: any; member: boolean; members: number }) {
  const { chain, account, best } = useApp();
  const mineAye = account && p.ayes.includes(account.address);
  const mineNay = account && p.nays.includes(account.address);
  const weight = useChainData(async () => (p.call && account ? (await chain.api.tx(p.call).paymentInfo(account.address)).weight : null), [p.hash, account?.address], false);
  const approved = p.ayes.length >= p.threshold;
  const closeTx = weight.data ? chain.api.tx.council.close(p.hash, p.index, weight.data, p.call.encodedLength) : null;
  const need = needOfCall(p.call);
  const needed = need ? ayesNeeded(need.need, members) : null;
  return (
    <article className="motion" data-testid={`motion-${p.index}`}>
      <h4>Motion #{p.index}: <code>{p.name}</code></h4>
      <dl className="facts args">{p.args.map(([k, v]: [string, string]) => <FragmentArg key={k} name={k} value={v} />)}</dl>
      <p>Ayes <strong data-testid="ayes">{p.ayes.length}</strong> · nays {p.nays.length} · threshold {p.threshold} · voting ends at block #{p.end}{best > p.end ? ' (ended)' : ''}</p>
      <p className="hint" data-testid="motion-need">
        {need ? <>Its call needs {need.root ? 'root, through the whitelist: ' : ''}{NEED_WORDS[need.need]}, {needed} of {members} ayes.</> : 'Its call\'s own origin decides what share of the council it needs.'}
        {needed !== null && p.threshold < needed && <strong className="bad"> Proposed with a threshold of {p.threshold}: closed with fewer than {needed} ayes, the call fails with BadOrigin.</strong>}
      </p>
      {member && (
        <div className="row">
          <TxButton label="Vote aye" tx={chain.api.tx.council.vote(p.hash, p.index, true)} blocker={mineAye ? 'You voted aye.' : null} testid={`aye-${p.index}`} />
          <TxButton label="Vote nay" tx={chain.api.tx.council.vote(p.hash, p.index, false)} blocker={mineNay ? 'You voted nay.' : null} />
          <TxButton label="Close and execute" tx={closeTx} blocker={!approved && best <= p.end ? 'Not enough ayes yet (or wait for the end of voting to close it as rejected).' : null} testid={`close-${p.index}`} />
        </div>
      )}
    </article>
  );
}

function FragmentArg({ name, value }: { name: string; value: string }) {
  const { nameOf } = useApp();
  const who = nameOf(value);
  return <><dt>{name}</dt><dd><code>{value}</code>{who ? ` (${who})` : ''}</dd></>;
}

const BLOCK_REASONS: [string, string][] = [['ProtocolMisbehaviour', 'Protocol misbehaviour'], ['CourtOrder', 'Court order'], ['Other', 'Other']];
const DEFAULTS: Values = { kinds: 'Kyc, AmlScreening', reason: 'ProtocolMisbehaviour', slash: 'return' };

/** The inputs of a template's fields. */
function TemplateFields({ template, values, set }: { template: Template; values: Values; set: (k: string, v: string) => void }) {
  return (
    <>
      {template.fields.map((f) => {
        const v = values[f.key] ?? '';
        if (f.kind === 'address') return <AddressField key={f.key} label={f.label} value={v} onChange={(x) => set(f.key, x)} hint={f.hint} />;
        if (f.kind === 'slash') return <SelectField key={f.key} label={f.label} value={v || 'return'} onChange={(x) => set(f.key, x)} options={[['return', 'Return it to the registrant'], ['burn', 'Burn it (the registration was abusive)']]} />;
        if (f.kind === 'blockReason') return <SelectField key={f.key} label={f.label} value={v || 'ProtocolMisbehaviour'} onChange={(x) => set(f.key, x)} options={BLOCK_REASONS} />;
        return <TextField key={f.key} label={f.label} value={v} onChange={(x) => set(f.key, f.kind === 'jurisdiction' || f.kind === 'jurisdictions' ? x.toUpperCase() : x)} placeholder={f.placeholder} hint={f.hint}
          inputMode={f.kind === 'number' ? 'numeric' : undefined} />;
      })}
    </>
  );
}

/** The call a template builds, its pre-check, and whether the same motion is already open. */
function useTemplateCall(template: Template, values: Values, motion: (call: SubmittableExtrinsic<'promise'>) => SubmittableExtrinsic<'promise'>) {
  const { chain } = useApp();
  let call: SubmittableExtrinsic<'promise'> | null = null;
  let buildError: string | null = null;
  try {
    call = template.build(chain.api, values, chain.ss58);
  } catch (e: any) {
    buildError = `Not a valid call: ${e?.message ?? e}`;
  }
  const dispatched = call ? (template.root ? throughWhitelist(chain.api, call) : call) : null;
  const key = dispatched ? dispatched.method.toHex() : null;
  const check = useChainData(async () => {
    if (!dispatched) return null;
    const open: any = await chain.api.query.council.proposalOf(dispatched.method.hash);
    if (open.isSome) return 'This exact motion is already open (council.DuplicateProposal): vote on it above.';
    return template.check ? await template.check(chain.api, values, chain.ss58) : null;
  }, [template.id, key]);
  return { call, dispatched, tx: dispatched ? motion(dispatched) : null, blocker: buildError ?? check.data ?? null };
}

function Propose({ members, member }: { members: number; member: boolean }) {
  const { chain } = useApp();
  const [id, setId] = useState('registerRegulator');
  const [values, setValues] = useState<Values>(DEFAULTS);
  const [threshold, setThreshold] = useState('');
  const template = TEMPLATE_BY_ID.get(id)!;
  const needed = ayesNeeded(template.need, members);
  const t = threshold ? Number(threshold) : needed;
  const set = (k: string, v: string) => setValues((prev) => ({ ...prev, [k]: v }));
  const { call, tx, blocker } = useTemplateCall(template, values, (c) => chain.api.tx.council.propose(t, c, c.method.encodedLength));
  const thresholdBlocker = !Number.isInteger(t) || t < 1 ? 'The threshold is a whole number of ayes.'
    : t < needed ? `This call needs ${needed} ayes (${NEED_WORDS[template.need]}): closed with ${t}, the motion would be dispatched and the call fail with BadOrigin.`
    : t > members ? `The council has ${members} members.` : null;
  return (
    <fieldset className="propose">
      <legend>Propose a motion</legend>
      <div className="form two">
        <SelectField label="Motion" value={id} onChange={(v) => { setId(v); setThreshold(''); }}
          options={TEMPLATES.filter((x) => x.need !== 'member').map((x) => [x.id, `${x.label} — ${x.root ? 'root, ' : ''}${x.need === 'majority' ? 'majority' : 'two thirds'}`])} />
        <TemplateFields template={template} values={values} set={set} />
        <TextField label="Threshold (ayes needed)" value={threshold} onChange={setThreshold} inputMode="numeric" placeholder={String(needed)}
          hint={`Of ${members} members; empty: the ${needed} this call needs.`} />
      </div>
      <p data-testid="propose-need">This call needs {template.root ? 'root, which the council reaches through the whitelist (one motion whitelists the call\'s hash and dispatches it): ' : ''}{NEED_WORDS[template.need]}: <strong>{needed} of {members}</strong> ayes.</p>
      {call && template.id === 'rootCall' && <p className="hint" data-testid="decoded-call">Decoded: <code>{callName(call.method)}</code> {callArgs(call.method).map(([k, v]) => `${k}: ${v}`).join(', ')}</p>}
      <TxButton label="Propose" tx={tx} blocker={!member ? 'Only council members propose.' : thresholdBlocker ?? blocker} testid="propose-tx" />
    </fieldset>
  );
}

/** A power one member may use alone, at once (council.execute): the urgent block of a protocol holder. */
function ActAlone({ member }: { member: boolean }) {
  const { chain } = useApp();
  const urgent = TEMPLATES.filter((x) => x.need === 'member');
  const [id, setId] = useState(urgent[0].id);
  const [values, setValues] = useState<Values>(DEFAULTS);
  const template = TEMPLATE_BY_ID.get(id)!;
  const set = (k: string, v: string) => setValues((prev) => ({ ...prev, [k]: v }));
  const { tx, blocker } = useTemplateCall(template, values, (c) => chain.api.tx.council.execute(c, c.method.encodedLength));
  return (
    <fieldset className="act-alone">
      <legend>Act alone (urgent)</legend>
      <p className="hint">One member dispatches these at once with <code>council.execute</code>; the council undoes or settles them by a majority.</p>
      <div className="form two">
        <SelectField label="Action" value={id} onChange={setId} options={urgent.map((x) => [x.id, x.label])} />
        <TemplateFields template={template} values={values} set={set} />
      </div>
      <TxButton label="Execute now" tx={tx} blocker={!member ? 'Only a council member acts alone.' : blocker} testid="execute-tx" />
    </fieldset>
  );
}

function MasterNodes() {
  const { chain } = useApp();
  const data = useChainData(() => stoaRpc<any[]>(chain, 'masterNodes_list', []), []);
  const byJurisdiction = new Map<string, number>();
  for (const n of data.data ?? []) byJurisdiction.set(n.jurisdiction, (byJurisdiction.get(n.jurisdiction) ?? 0) + 1);
  return (
    <Section title="Master nodes" id="master-nodes">
      <ErrorNote error={data.error} />
      <table data-testid="master-nodes">
        <thead><tr><th scope="col">Operator</th><th scope="col">Name</th><th scope="col">Jurisdiction</th><th scope="col">Licence</th><th scope="col">Admitted at</th><th scope="col">Authoring</th></tr></thead>
        <tbody>
          {(data.data ?? []).map((n) => (
            <tr key={n.operator}>
              <td><Addr address={n.operator} /></td><td>{n.name}</td><td>{n.jurisdiction}</td>
              <td>{/^https?:\/\//.test(n.licenceUri) ? <a href={n.licenceUri} target="_blank" rel="noreferrer noopener">{n.licenceUri}</a> : n.licenceUri}</td>
              <td>#{n.admittedAt}</td>
              <td>{n.authoring ? <span className="ok">yes</span> : n.awaitingKeys ? <span className="bad">awaiting session keys</span> : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">By jurisdiction: {[...byJurisdiction.entries()].map(([j, n]) => `${j} ${n}`).join(' · ') || '—'}</p>
    </Section>
  );
}
