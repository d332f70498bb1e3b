// Institutions: acting as a multisig or a proxied account (the header's "Acting as", which
// every screen's actions follow, tx.tsx), defining a multisig account from its signatories and
// threshold, its pending operations with their approvals (approve, execute, cancel), and
// proxies: an account's own (add, remove, with the deposit) and the accounts it is a proxy for.
import { useEffect, useMemo, useState } from 'react';
import { useApp, useChainData } from '../state';
import { short, units } from '../format';
import { TxButton } from '../tx';
import { AddressField, Addr, ErrorNote, Section, SelectField, TextField, normaliseAddress } from '../ui';
import {
  SELF, actingKey, callHash, defineMultisig, describeCall, errorWords, isSuperset, multisigDeposit, otherSignatories,
  pendingOps, proxiedBy, proxiesOf, proxyTypes,
} from '../institutions';
import type { Acting, MultisigDef, PendingOp } from '../institutions';

/** The header's choice: act as the signer itself, a multisig defined here, or a proxied account. */
export function ActingPicker() {
  const { chain, signer, acting, setActing, multisigs, nameOf } = useApp();
  const proxied = useChainData(async () => (signer ? proxiedBy(chain, signer.address) : []), [signer?.address]);
  if (!signer) return null;
  const choices: [string, string, Acting][] = [['self', `${signer.name} itself`, SELF]];
  for (const m of multisigs) {
    const mine = m.signatories.includes(signer.address);
    choices.push([actingKey({ kind: 'multisig', multisig: m }), `${m.name} (multisig${mine ? '' : `; ${signer.name} is not a signatory`})`, { kind: 'multisig', multisig: m }]);
  }
  for (const p of proxied.data ?? []) {
    const a: Acting = { kind: 'proxy', real: p.real, proxyType: p.proxyType };
    choices.push([actingKey(a), `${nameOf(p.real) ?? short(p.real)} (${p.proxyType} proxy${p.delay ? `, delay ${p.delay}` : ''})`, a]);
  }
  const current = actingKey(acting);
  if (!choices.some(([k]) => k === current) && acting.kind === 'proxy') {
    choices.push([current, `${nameOf(acting.real) ?? short(acting.real)} (${acting.proxyType} proxy; ${signer.name} is not one now)`, acting]);
  }
  return (
    <div className="account-picker">
      <label htmlFor="acting">Acting as</label>
      <select id="acting" value={current} onChange={(e) => setActing(choices.find(([k]) => k === e.target.value)?.[2] ?? SELF)}>
        {choices.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
      </select>
    </div>
  );
}

/** Says, above every screen, whom the actions are for and how they are signed. */
export function ActingBanner() {
  const { acting, account, signer, setActing, nameOf } = useApp();
  if (acting.kind === 'self' || !account || !signer) return null;
  return (
    <p className="callout acting" role="status" data-testid="acting-banner">
      Acting as <strong>{account.name}</strong> <code title={account.address}>{short(account.address)}</code>:{' '}
      {acting.kind === 'multisig'
        ? <>every action is an approval of a multisig operation ({acting.multisig.threshold} of {acting.multisig.signatories.length}: {acting.multisig.signatories.map((s) => nameOf(s) ?? short(s)).join(', ')}), signed by <strong>{signer.name}</strong>; the last approval runs it.</>
        : <>every action is signed by <strong>{signer.name}</strong> as its <strong>{acting.proxyType}</strong> proxy (<code>proxy.proxy</code>) and runs as {account.name}.</>}
      {' '}The screens show {account.name}'s state. <button type="button" className="link" onClick={() => setActing(SELF)}>Act as {signer.name} itself</button>
    </p>
  );
}

export function InstitutionsTab() {
  const { account } = useApp();
  if (!account) return <p className="note">Choose an account.</p>;
  return (
    <div className="grid">
      <MultisigSetup />
      <MultisigApprovals />
      <Proxies />
    </div>
  );
}

// ---- multisig accounts

function MultisigSetup() {
  const { chain, accounts, multisigs, addMultisig, forgetMultisig, setActing, acting, signer } = useApp();
  const [picked, setPicked] = useState<string[]>([]);
  const [others, setOthers] = useState('');
  const [threshold, setThreshold] = useState('2');
  const [name, setName] = useState('');
  const otherList = others.split(/[\s,]+/).filter(Boolean);
  const normalised = otherList.map((o) => normaliseAddress(o, chain.ss58));
  const badOther = otherList.find((_, i) => !normalised[i]);
  const signatories = [...new Set([...picked, ...(normalised.filter(Boolean) as string[])])];
  const t = /^\d+$/.test(threshold.trim()) ? Number(threshold) : null;
  const max = (chain.api.consts.multisig.maxSignatories as any).toNumber();
  const problem = badOther ? `Not an address: ${badOther}`
    : signatories.length < 2 ? 'A multisig needs at least two signatories.'
    : signatories.length > max ? `At most ${max} signatories (multisig.MaxSignatories).`
    : t === null || t < 1 || t > signatories.length ? `The threshold is between 1 and ${signatories.length}.`
    : null;
  const def = problem ? null : defineMultisig(signatories, t!, chain.ss58, name.trim() || undefined);
  const balances = useChainData(async () => {
    const list = [...multisigs.map((m) => m.address), ...(def ? [def.address] : [])];
    const [accs, ops] = await Promise.all([
      Promise.all(list.map((a) => chain.api.query.system.account(a))),
      Promise.all(multisigs.map((m) => pendingOps(chain, m.address))),
    ]);
    return {
      free: new Map(list.map((a, i) => [a, (accs[i] as any).data.free.toBigInt() as bigint])),
      ops: new Map(multisigs.map((m, i) => [m.address, ops[i].length])),
    };
  }, [multisigs.map((m) => m.address).join(), def?.address]);
  const toggle = (address: string) => setPicked((p) => (p.includes(address) ? p.filter((x) => x !== address) : [...p, address]));
  const token = (v: bigint | undefined) => (v === undefined ? '…' : `${units(v, chain.tokenDecimals)} ${chain.tokenSymbol}`);
  return (
    <Section title="Act as a multisig" id="multisig-setup">
      <p className="hint">A multisig account is derived from its signatories and threshold (no key for it exists): it acts when that many of them approve. Choose them to find its address, then act as it: every screen's actions become approvals, signed by your account.</p>
      <fieldset>
        <legend>Signatories</legend>
        <div className="checks">
          {accounts.map((a) => (
            <label key={a.address}><input type="checkbox" checked={picked.includes(a.address)} onChange={() => toggle(a.address)} /> {a.name}</label>
          ))}
        </div>
        <TextField label="Other signatories (addresses)" value={others} onChange={setOthers} hint="Separated by commas or spaces." error={badOther ? `Not an address: ${badOther}` : null} />
      </fieldset>
      <div className="form two">
        <TextField label="Threshold (approvals needed)" value={threshold} onChange={setThreshold} inputMode="numeric" />
        <TextField label="Name (optional, this page only)" value={name} onChange={setName} placeholder="Treasury" />
      </div>
      {problem && signatories.length > 0 && <p className="error">{problem}</p>}
      {def && (
        <dl className="facts">
          <dt>Address</dt><dd><code data-testid="multisig-address">{def.address}</code></dd>
          <dt>Balance</dt><dd>{token(balances.data?.free.get(def.address))}</dd>
          <dt>Deposit</dt><dd>opening an operation holds {token(multisigDeposit(chain, def.threshold))} from the signatory who opens it, until it runs or is cancelled</dd>
        </dl>
      )}
      <button type="button" disabled={!def} onClick={() => { if (def) { addMultisig(def); setActing({ kind: 'multisig', multisig: def }); } }}>Act as this multisig</button>
      {multisigs.length > 0 && (
        <table data-testid="multisigs">
          <caption>Multisig accounts defined here</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Signatories</th><th scope="col">Balance</th><th scope="col">Pending</th><th scope="col">Action</th></tr></thead>
          <tbody>
            {multisigs.map((m) => (
              <tr key={m.address}>
                <td>{m.name}</td><td><code title={m.address}>{short(m.address)}</code></td>
                <td>{m.threshold} of {m.signatories.map((s) => <div key={s}><Addr address={s} /></div>)}</td>
                <td className="num">{token(balances.data?.free.get(m.address))}</td>
                <td className="num">{balances.data?.ops.get(m.address) ?? '…'}</td>
                <td>
                  {acting.kind === 'multisig' && acting.multisig.address === m.address ? <strong>acting as it</strong>
                    : <button type="button" onClick={() => setActing({ kind: 'multisig', multisig: m })} disabled={!signer || !m.signatories.includes(signer.address)}
                        title={signer && !m.signatories.includes(signer.address) ? `${signer.name} is not a signatory` : undefined}>Act as</button>}
                  {' '}<button type="button" className="link" onClick={() => forgetMultisig(m.address)}>Forget</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function MultisigApprovals() {
  const { chain, acting, multisigs } = useApp();
  const [chosen, setChosen] = useState('');
  const m: MultisigDef | undefined = acting.kind === 'multisig' ? acting.multisig : multisigs.find((x) => x.address === chosen) ?? multisigs[0];
  const ops = useChainData(async () => (m ? pendingOps(chain, m.address) : []), [m?.address]);
  return (
    <Section title="Multisig approvals" id="multisig-approvals">
      {!m ? <p>Define a multisig account (left) to see its pending operations.</p> : (
        <>
          {acting.kind !== 'multisig' && (
            <SelectField label="Multisig account" value={m.address} onChange={setChosen} options={multisigs.map((x) => [x.address, `${x.name} ${short(x.address)}`])} />
          )}
          <p>Pending operations of <strong>{m.name}</strong> <code title={m.address}>{short(m.address)}</code> ({m.threshold} of {m.signatories.length}), from <code>multisig.multisigs</code>:</p>
          <ErrorNote error={ops.error} />
          {ops.data && ops.data.length === 0 && <p data-testid="no-pending-ops">None pending.</p>}
          {(ops.data ?? []).map((op) => <PendingOperation key={op.hash} m={m} op={op} />)}
        </>
      )}
    </Section>
  );
}

/** One pending operation: its call (if this page knows it or is given it), approvals, actions. */
function PendingOperation({ m, op }: { m: MultisigDef; op: PendingOp }) {
  const { chain, signer, callData, rememberCall, nameOf } = useApp();
  const [pasted, setPasted] = useState('');
  const known = callData[op.hash];
  const paste = pasted.trim();
  const pasteProblem = useMemo(() => {
    if (!paste) return null;
    if (!/^0x([0-9a-fA-F]{2})+$/.test(paste)) return 'Call data is 0x-prefixed hex (SCALE-encoded).';
    const h = callHash(paste);
    if (h !== op.hash) return `This call data hashes to ${h.slice(0, 18)}…, not to this operation's ${op.hash.slice(0, 18)}…: it is another call.`;
    try { chain.api.createType('Call', paste); } catch (e: any) { return `It hashes right but does not decode as a call of this runtime: ${e?.message ?? e}`; }
    return null;
  }, [paste, op.hash]);
  useEffect(() => { if (paste && !pasteProblem) rememberCall(op.hash, paste); }, [paste, pasteProblem]);
  const hex = known ?? (paste && !pasteProblem ? paste : null);
  const call = useMemo(() => { try { return hex ? chain.api.createType('Call', hex) : null; } catch { return null; } }, [hex]);
  const weight = useChainData(async () => (call ? (await chain.api.tx(call).paymentInfo(m.address)).weight : null), [op.hash, hex], false);

  const isSignatory = !!signer && m.signatories.includes(signer.address);
  const mine = !!signer && op.approvals.includes(signer.address);
  const count = op.approvals.length + (mine ? 0 : 1);
  const last = count >= m.threshold;
  const others = signer && isSignatory ? otherSignatories(m, signer.address, chain.ss58) : [];
  const blocker = !signer ? null
    : !isSignatory ? `${signer.name} is not a signatory of ${m.name}.`
    : mine && op.approvals.length < m.threshold ? `${signer.name} approved it already (${errorWords(chain, 'multisig', 'AlreadyApproved')}).`
    : last && !call ? 'The last approval carries the call: paste its call data below (the proposer\'s console shows it under the operation).'
    : last && !weight.data ? 'Estimating the call\'s weight…'
    : null;
  const approveTx = !signer || !isSignatory ? null
    : last ? (call && weight.data ? chain.api.tx.multisig.asMulti(m.threshold, others, op.when, call, weight.data) : null)
    : chain.api.tx.multisig.approveAsMulti(m.threshold, others, op.when, op.hash, { refTime: 0, proofSize: 0 });
  const isDepositor = signer?.address === op.depositor;
  const cancelTx = isDepositor ? chain.api.tx.multisig.cancelAsMulti(m.threshold, others, op.when, op.hash) : null;
  return (
    <article className="op" data-testid="pending-op" data-hash={op.hash}>
      <dl className="facts">
        <dt>Call hash</dt><dd><code data-testid="op-hash">{op.hash}</code></dd>
        <dt>Call</dt><dd data-testid="op-call">{call ? <code>{describeCall(call)}</code> : <span className="hint">not known to this page (it was proposed elsewhere): paste its call data to approve it last</span>}</dd>
        <dt>Opened</dt><dd>block #{op.when.height}, extrinsic {op.when.index}</dd>
        <dt>Approvals</dt><dd data-testid="op-approvals"><strong>{op.approvals.length} of {m.threshold}</strong>: {op.approvals.map((a) => nameOf(a) ?? short(a)).join(', ')}</dd>
        <dt>Depositor</dt><dd data-testid="op-depositor"><Addr address={op.depositor} /> ({units(op.deposit, chain.tokenDecimals)} {chain.tokenSymbol} held)</dd>
      </dl>
      {hex && known && !paste && <details><summary>Call data (share it with the other signatories)</summary><code className="wrap" data-testid="op-call-data">{hex}</code></details>}
      {(!known || paste) && (
        <TextField label="Call data (0x…)" value={pasted} onChange={setPasted} error={pasteProblem} testid="call-data"
          hint={paste && !pasteProblem ? '✓ Matches the call hash.' : 'Checked against the call hash before it is used.'} />
      )}
      <TxButton direct label={last ? 'Approve and execute' : 'Approve'} tx={approveTx} blocker={blocker} testid="approve-op-tx" />
      {isDepositor
        ? <TxButton direct label="Cancel operation" tx={cancelTx} testid="cancel-op-tx" />
        : <p className="hint">Only its depositor, {nameOf(op.depositor) ?? short(op.depositor)}, can cancel it (the deposit goes back then).</p>}
    </article>
  );
}

// ---- proxies

function Proxies() {
  const { chain, account, signer, acting, setActing, nameOf } = useApp();
  const types = proxyTypes(chain);
  const data = useChainData(async () => {
    if (!account) return null;
    const [own, of, acc] = await Promise.all([proxiesOf(chain, account.address), proxiedBy(chain, account.address), chain.api.query.system.account(account.address)]);
    return { ...own, of, free: (acc as any).data.free.toBigInt() as bigint };
  }, [account?.address]);
  const [delegate, setDelegate] = useState('');
  const [type, setType] = useState(types.find((t) => t.name !== 'Any')?.name ?? 'Any');
  const [delay, setDelay] = useState('0');
  if (!account) return null;
  const consts: any = chain.api.consts.proxy;
  const base: bigint = consts.proxyDepositBase.toBigInt();
  const factor: bigint = consts.proxyDepositFactor.toBigInt();
  const maxProxies: number = consts.maxProxies.toNumber();
  const token = (v: bigint) => `${units(v, chain.tokenDecimals)} ${chain.tokenSymbol}`;
  const list = data.data?.proxies ?? [];
  const held = data.data?.deposit ?? 0n;
  const depositFor = (n: number) => (n === 0 ? 0n : base + factor * BigInt(n));
  const extra = depositFor(list.length + 1) - held;
  const who = normaliseAddress(delegate, chain.ss58);
  const d = /^\d+$/.test(delay.trim()) ? Number(delay) : null;
  const blocker = !who || d === null ? null
    : who === account.address ? `An account cannot be its own proxy (${errorWords(chain, 'proxy', 'NoSelfProxy')}).`
    : list.some((p) => p.delegate === who && p.proxyType === type && p.delay === d) ? `${nameOf(who) ?? short(who)} is already its ${type} proxy (${errorWords(chain, 'proxy', 'Duplicate')}).`
    : list.length >= maxProxies ? `At most ${maxProxies} proxies (${errorWords(chain, 'proxy', 'TooMany')}).`
    : acting.kind === 'proxy' && !isSuperset(acting.proxyType, type) ? `A ${acting.proxyType} proxy may not add a ${type} proxy (${errorWords(chain, 'proxy', 'NoPermission')}).`
    : data.data && data.data.free < extra ? `${account.name} has ${token(data.data.free)} free, less than the ${token(extra)} the new proxy adds to its deposit.`
    : null;
  const typeDocs = types.find((t) => t.name === type)?.docs;
  return (
    <Section title="Proxies" id="proxies">
      <p className="hint">A proxy signs <code>proxy.proxy</code> for its principal, within its kind (docs/governance.md): a qualifier's staff each get a <em>Qualifier</em> proxy, an issuer's an <em>Issuance</em> proxy, a custodian <em>NonTransfer</em> or <em>Any</em>.</p>
      <ErrorNote error={data.error} />
      <table data-testid="own-proxies">
        <caption>Proxies of {account.name}</caption>
        <thead><tr><th scope="col">Delegate</th><th scope="col">Kind</th><th scope="col">Delay (blocks)</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {list.map((p) => (
            <tr key={`${p.delegate}-${p.proxyType}-${p.delay}`} data-delegate={p.delegate}>
              <td><Addr address={p.delegate} /></td><td>{p.proxyType}</td><td className="num">{p.delay}</td>
              <td><TxButton label="Remove proxy" tx={chain.api.tx.proxy.removeProxy(p.delegate, p.proxyType as any, p.delay)} testid="remove-proxy-tx"
                blocker={acting.kind === 'proxy' && !isSuperset(acting.proxyType, p.proxyType) ? `A ${acting.proxyType} proxy may not remove a ${p.proxyType} proxy (${errorWords(chain, 'proxy', 'NoPermission')}).` : null} />
                <span className="hint">releases {token(held - depositFor(list.length - 1))}</span></td>
            </tr>
          ))}
          {data.data && list.length === 0 && <tr><td colSpan={4}>None.</td></tr>}
        </tbody>
      </table>
      <p data-testid="proxy-deposit">Deposit held for them: <strong>{token(held)}</strong> ({token(base)} plus {token(factor)} a proxy).</p>
      <fieldset>
        <legend>Add a proxy</legend>
        <div className="form two">
          <AddressField label="Delegate" value={delegate} onChange={setDelegate} />
          <SelectField label="Proxy kind" value={type} onChange={setType} options={types.map((t) => [t.name, t.name])} hint={typeDocs} />
          <TextField label="Delay (blocks)" value={delay} onChange={setDelay} inputMode="numeric" hint="0: it signs at once. Otherwise it must announce each call that long before (not done by this console)." error={delay && d === null ? 'A number of blocks.' : null} />
        </div>
        <p data-testid="add-proxy-deposit">Adds <strong>{token(extra)}</strong> to the deposit held from {account.name} (then {token(depositFor(list.length + 1))}).</p>
        <TxButton label="Add proxy" tx={who && d !== null ? chain.api.tx.proxy.addProxy(who, type as any, d) : null} blocker={blocker} testid="add-proxy-tx" />
      </fieldset>
      <table data-testid="proxy-for">
        <caption>Accounts {account.name} is a proxy for</caption>
        <thead><tr><th scope="col">Principal</th><th scope="col">Kind</th><th scope="col">Delay (blocks)</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(data.data?.of ?? []).map((p) => {
            const a: Acting = { kind: 'proxy', real: p.real, proxyType: p.proxyType };
            const name = nameOf(p.real) ?? short(p.real);
            return (
              <tr key={`${p.real}-${p.proxyType}-${p.delay}`} data-real={p.real}>
                <td><Addr address={p.real} /></td><td>{p.proxyType}</td><td className="num">{p.delay}</td>
                <td>{signer && acting.kind === 'self' && p.delegate === signer.address
                  ? <button type="button" onClick={() => setActing(a)} disabled={p.delay > 0} title={p.delay > 0 ? 'A time-delayed proxy announces its calls first: not done by this console.' : undefined}>Act as {name}</button>
                  : actingKey(acting) === actingKey(a) ? <strong>acting as it</strong> : null}</td>
              </tr>
            );
          })}
          {data.data && data.data.of.length === 0 && <tr><td colSpan={4}>None.</td></tr>}
        </tbody>
      </table>
    </Section>
  );
}
