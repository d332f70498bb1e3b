// Regulators and the regulators' council: regulators and issuers (approve, suspend, reinstate),
// council motions (propose from templates, vote, close) and the master nodes with their
// jurisdictions (masterNodes_list).
import { useState } from 'react';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { useApp, useChainData } from '../state';
import { stoaRpc, code, text } from '../chain';
import { TxButton } from '../tx';
import { AddressField, Addr, ErrorNote, Section, SelectField, TextField, normaliseAddress } from '../ui';

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

const TEMPLATES: [string, string][] = [
  ['registerRegulator', 'Register a regulator'],
  ['registerQualifier', 'Register a qualifier'],
  ['suspendQualifier', 'Suspend a qualifier'],
  ['admitMasterNode', 'Admit a master node'],
];

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
        call: c, name: c ? `${c.section}.${c.method}` : '(call not stored)',
        args: c ? Object.entries((c.toHuman() as any).args ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]) : [],
      };
    }));
    return { members, proposals };
  }, []);
  const member = account && data.data?.members.includes(account.address);
  return (
    <Section title="Council" id="council">
      <ErrorNote error={data.error} />
      <p>Members: {(data.data?.members ?? []).map((m) => <Addr key={m} address={m} />)}</p>
      {!member && <p className="hint">This account is not a council member: it can read, not propose or vote.</p>}
      <h3>Open motions</h3>
      {(data.data?.proposals ?? []).length === 0 ? <p>No open motions.</p> : data.data!.proposals.map((p) => (
        <Motion key={p.hash} p={p} member={!!member} />
      ))}
      <Propose members={data.data?.members.length ?? 0} />
    </Section>
  );
}

function Motion({ p, member }: { p: any; member: boolean }) {
  const { chain, account, best } = useApp();
  const mineAye = account && p.ayes.includes(account.address);
  const mineNay = account && p.nays.includes(account.address);
  const weight = useChainData(async () => (p.call && account ? (await chain.api.tx(p.call).paymentInfo(account.address)).weight : null), [p.hash, account?.address], false);
  const approved = p.ayes.length >= p.threshold;
  const closeTx = weight.data ? chain.api.tx.council.close(p.hash, p.index, weight.data, p.call.encodedLength) : null;
  return (
    <article className="motion" data-testid={`motion-${p.index}`}>
      <h4>Motion #{p.index}: <code>{p.name}</code></h4>
      <dl className="facts args">{p.args.map(([k, v]: [string, string]) => <FragmentArg key={k} name={k} value={v} />)}</dl>
      <p>Ayes <strong data-testid="ayes">{p.ayes.length}</strong> · nays {p.nays.length} · threshold {p.threshold} · voting ends at block #{p.end}{best > p.end ? ' (ended)' : ''}</p>
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

function Propose({ members }: { members: number }) {
  const { chain } = useApp();
  const [template, setTemplate] = useState('registerRegulator');
  const [who, setWho] = useState('');
  const [name, setName] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [kinds, setKinds] = useState('Kyc, AmlScreening');
  const [uri, setUri] = useState('');
  const [qualifier, setQualifier] = useState('');
  const [threshold, setThreshold] = useState('');
  const majority = Math.max(1, Math.floor(members / 2) + 1);
  const address = normaliseAddress(who, chain.ss58);
  const codes = jurisdiction.split(/[\s,]+/).filter(Boolean).map((j) => j.toUpperCase());
  let call: SubmittableExtrinsic<'promise'> | null = null;
  if (template === 'registerRegulator' && address && codes.length === 1 && name) call = chain.api.tx.issuance.registerRegulator(address, codes[0], name);
  if (template === 'registerQualifier' && address && codes.length && name) call = chain.api.tx.credentials.registerQualifier(address, name, codes, kinds.split(/[\s,]+/).filter(Boolean));
  if (template === 'suspendQualifier' && /^\d+$/.test(qualifier)) call = chain.api.tx.credentials.suspendQualifier(Number(qualifier));
  if (template === 'admitMasterNode' && address && codes.length === 1 && name && uri) call = chain.api.tx.masterNodes.admitMasterNode(address, name, codes[0], uri, blake2AsHex(uri));
  const t = threshold ? Number(threshold) : majority;
  const tx = call && t >= 1 ? chain.api.tx.council.propose(t, call, call.method.encodedLength) : null;
  return (
    <fieldset className="propose">
      <legend>Propose a motion</legend>
      <div className="form two">
        <SelectField label="Motion" value={template} onChange={setTemplate} options={TEMPLATES} />
        {template !== 'suspendQualifier' && <AddressField label={template === 'admitMasterNode' ? 'Operator' : 'Account'} value={who} onChange={setWho} />}
        {template !== 'suspendQualifier' && <TextField label="Name" value={name} onChange={setName} placeholder={template === 'registerRegulator' ? 'BaFin' : ''} />}
        {template !== 'suspendQualifier' && <TextField label={template === 'registerQualifier' ? 'Jurisdictions' : 'Jurisdiction'} value={jurisdiction} onChange={setJurisdiction} placeholder="DE" />}
        {template === 'registerQualifier' && <TextField label="Trusted for (credential kinds)" value={kinds} onChange={setKinds} />}
        {template === 'admitMasterNode' && <TextField label="Licence URI" value={uri} onChange={setUri} />}
        {template === 'suspendQualifier' && <TextField label="Qualifier id" value={qualifier} onChange={setQualifier} inputMode="numeric" />}
        <TextField label="Threshold (ayes needed)" value={threshold} onChange={setThreshold} inputMode="numeric" placeholder={String(majority)} hint={`Of ${members} members; empty: a majority (${majority}). Registering regulators and qualifiers needs a majority.`} />
      </div>
      <TxButton label="Propose" tx={tx} testid="propose-tx" />
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
