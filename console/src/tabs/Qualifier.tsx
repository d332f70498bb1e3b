// The qualifier's screen (a KYC provider registered by governance): onboard an investor in four
// steps (create the investor, invite the wallet, the wallet accepts, attest), look investors
// up, revoke credentials, block and unblock, change an investor's home jurisdiction, unlink
// wallets and recover a lost one; block single wallets; protocol holders (register, deregister,
// and the guardian's block with its settlement, followed from chain state).
import { useState } from 'react';
import { blake2AsHex } from '@polkadot/util-crypto';
import { isHex } from '@polkadot/util';
import { useApp, useChainData } from '../state';
import { stoaRpc, code, text, variant, variantDocs } from '../chain';
import { short, units, when } from '../format';
import { allSecurities } from '../securities';
import { TxButton, findEvent } from '../tx';
import { BLOCK_WORDS } from '../reasons';
import { AddressField, Addr, ErrorNote, Field, Section, SelectField, TextField, normaliseAddress } from '../ui';

const KINDS = ['Kyc', 'AmlScreening', 'AccreditedInvestor', 'ProfessionalInvestor', 'Residence'];

export function QualifierTab() {
  const { chain, account } = useApp();
  const me = useChainData(async () => {
    if (!account) return null;
    const id: any = await chain.api.query.credentials.qualifierOfAccount(account.address);
    if (id.isNone) return null;
    const q: any = ((await chain.api.query.credentials.qualifiers(id.unwrap())) as any).unwrap();
    return {
      id: id.unwrap().toNumber(),
      name: text(q.name),
      jurisdictions: q.jurisdictions.map(code) as string[],
      kinds: q.kinds.map((k: any) => variant(k.toJSON())) as string[],
      status: q.status.toString(),
    };
  }, [account?.address]);
  const [investor, setInvestor] = useState<string>('');
  if (!account) return <p className="note">Choose an account.</p>;
  const q = me.data;
  return (
    <div className="grid">
      <Section title="Qualifier" id="qualifier">
        <ErrorNote error={me.error} />
        {me.data === null && <p>This account acts for no qualifier. Governance registers qualifiers (Regulator / Council tab); on a dev chain, Ferdie acts for “Dev KYC”.</p>}
        {q && (
          <dl className="facts" data-testid="qualifier-facts">
            <dt>Qualifier</dt><dd>#{q.id} {q.name}</dd>
            <dt>Status</dt><dd className={q.status === 'Active' ? 'ok' : 'bad'}>{q.status}</dd>
            <dt>Jurisdictions</dt><dd>{q.jurisdictions.join(', ')}</dd>
            <dt>Trusted for</dt><dd>{q.kinds.join(', ')}</dd>
          </dl>
        )}
      </Section>
      {q && <Onboard jurisdictions={q.jurisdictions} kinds={q.kinds} investor={investor} setInvestor={setInvestor} />}
      <InvestorAdmin investor={investor} setInvestor={setInvestor} kinds={q?.kinds ?? KINDS} me={q ?? null} />
      <WalletBlocks me={q ?? null} />
      <ProtocolHolders />
    </div>
  );
}

function Onboard({ jurisdictions, kinds, investor, setInvestor }: { jurisdictions: string[]; kinds: string[]; investor: string; setInvestor: (v: string) => void }) {
  const { chain, accounts } = useApp();
  const [kind, setKind] = useState('Individual');
  const [jurisdiction, setJurisdiction] = useState(jurisdictions[0] ?? '');
  const [wallet, setWallet] = useState('');
  const walletAddress = normaliseAddress(wallet, chain.ss58);
  const walletView = useChainData(async () => (walletAddress ? stoaRpc(chain, 'credentials_account', [walletAddress]) : null), [walletAddress]);
  const id = /^\d+$/.test(investor) ? Number(investor) : null;
  const linked = walletView.data?.investor?.id === id && id !== null;
  const pending = walletView.data?.pendingLink;
  const canSignAsWallet = walletAddress && accounts.some((a) => a.address === walletAddress);
  return (
    <Section title="Onboard an investor" id="onboard">
      <ol className="steps">
        <li>
          <h3>1. Create the investor</h3>
          <p className="hint">No personal data goes on chain: only the kind and home jurisdiction.</p>
          <div className="form two">
            <SelectField label="Investor kind" value={kind} onChange={setKind} options={[['Individual', 'Natural person'], ['LegalEntity', 'Legal entity']]} />
            <SelectField label="Home jurisdiction" value={jurisdiction} onChange={setJurisdiction} options={jurisdictions.map((j) => [j, j])} />
          </div>
          <TxButton label="Create investor" tx={jurisdiction ? chain.api.tx.credentials.createInvestor(kind, jurisdiction) : null} testid="create-investor-tx"
            onDone={(events) => { const e: any = findEvent(events, 'credentials', 'InvestorCreated'); if (e) setInvestor(String(e.data.investor.toNumber())); }} />
          <TextField label="Investor id" value={investor} onChange={setInvestor} inputMode="numeric" hint="Filled in when the investor is created; or type an existing one." testid="investor-id-input" />
        </li>
        <li>
          <h3>2. Invite the wallet</h3>
          <AddressField label="Wallet" value={wallet} onChange={setWallet} />
          <TxButton label="Request wallet link" tx={id !== null && walletAddress ? chain.api.tx.credentials.requestWalletLink(id, walletAddress) : null} testid="link-tx" />
        </li>
        <li>
          <h3>3. The wallet accepts</h3>
          <p data-testid="link-state">
            {!walletAddress ? 'Choose the wallet above.'
              : linked ? '✓ Linked: the wallet accepted.'
              : pending !== null && pending !== undefined ? `Invitation to investor #${pending} waiting for the wallet's acceptance.`
              : 'No invitation pending for this wallet.'}
          </p>
          {!linked && pending !== null && pending !== undefined && (canSignAsWallet
            ? <TxButton label="Accept as the wallet" as={walletAddress!} tx={chain.api.tx.credentials.acceptWalletLink(pending)} testid="accept-tx" />
            : <p className="hint">The wallet's owner accepts on the Investor tab, signing with the wallet.</p>)}
        </li>
        <li>
          <h3>4. Attest</h3>
          <Attest investor={id} kinds={kinds} />
        </li>
      </ol>
    </Section>
  );
}

function Attest({ investor, kinds }: { investor: number | null; kinds: string[] }) {
  const { chain } = useApp();
  const [kind, setKind] = useState(kinds[0] ?? 'Kyc');
  const [expiry, setExpiry] = useState('');
  const [evidence, setEvidence] = useState('');
  const [evidenceName, setEvidenceName] = useState('');
  const expiresAt = expiry ? Math.floor(new Date(`${expiry}T00:00:00Z`).getTime() / 1000) : null;
  const hash = evidence ? (isHex(evidence) && evidence.length === 66 ? evidence : blake2AsHex(evidence)) : null;
  const tx = investor !== null && hash ? chain.api.tx.credentials.attest(investor, kind, expiresAt, hash) : null;
  return (
    <div className="form two">
      <SelectField label="Credential" value={kind} onChange={setKind} options={kinds.map((k) => [k, k])} />
      <TextField label="Expires (UTC date, optional)" type="date" value={expiry} onChange={setExpiry} />
      <Field label="Evidence file (hashed here, never uploaded)" hint={evidenceName ? `${evidenceName}: ${hash}` : 'Its BLAKE2-256 hash goes on chain.'}>
        {(id, d) => <input id={id} type="file" aria-describedby={d} onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setEvidenceName(f.name); setEvidence(blake2AsHex(new Uint8Array(await f.arrayBuffer()))); } }} />}
      </Field>
      <TextField label="…or case reference / evidence hash" value={evidenceName ? '' : evidence} onChange={(v) => { setEvidenceName(''); setEvidence(v); }} hint={hash && !evidenceName ? `Hash: ${hash.slice(0, 18)}…` : 'A 0x… 32-byte hash, or text that is hashed.'} testid="evidence" />
      <TxButton label="Attest" tx={tx} testid="attest-tx" />
    </div>
  );
}

/** The qualifier the signer acts for, as the Qualifier section reads it. */
interface Me { id: number; name: string; jurisdictions: string[]; kinds: string[]; status: string }

function InvestorAdmin({ investor, setInvestor, kinds, me }: { investor: string; setInvestor: (v: string) => void; kinds: string[]; me: Me | null }) {
  const { chain } = useApp();
  const id = /^\d+$/.test(investor) ? Number(investor) : null;
  const info = useChainData(async () => (id === null ? null : stoaRpc(chain, 'credentials_investor', [id])), [id]);
  const [reason, setReason] = useState('Other');
  const [caseRef, setCaseRef] = useState('');
  const blockDocs = variantDocs(chain, 'BlockReason');
  const v = info.data;
  const reasonValue = reason === 'Restricted' ? (caseRef ? { Restricted: blake2AsHex(caseRef) } : null) : reason;
  return (
    <Section title="Investors: credentials and blocks" id="investor-admin">
      <TextField label="Investor id" value={investor} onChange={setInvestor} inputMode="numeric" />
      <ErrorNote error={info.error} />
      {v && (
        <>
          <dl className="facts" data-testid="investor-facts">
            <dt>Kind</dt><dd>{variant(v.kind)}</dd>
            <dt>Jurisdiction</dt><dd>{code(v.jurisdiction)}</dd>
            <dt>Managed by</dt><dd>qualifier #{v.qualifier}</dd>
            <dt>Wallets</dt><dd>{v.wallets.length ? v.wallets.map((w: string) => <div key={w}><Addr address={w} /></div>) : 'none linked'}</dd>
            <dt>Block</dt><dd data-testid="block-state">{v.block ? <span className="bad">blocked: {variant(v.block.reason)} since {when(v.block.at)}</span> : 'not blocked'}</dd>
          </dl>
          <table data-testid="investor-credentials">
            <caption>Credentials</caption>
            <thead><tr><th scope="col">Kind</th><th scope="col">Qualifier</th><th scope="col">Issued</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
            <tbody>
              {v.credentials.map((c: any, i: number) => (
                <tr key={i}>
                  <td>{variant(c.kind)}</td><td>#{c.qualifier}</td><td>{c.issuedAt === 0 ? 'at genesis' : when(c.issuedAt)}</td><td>{c.expiresAt ? when(c.expiresAt) : 'never'}</td>
                  <td>{c.valid ? <span className="ok">valid</span> : <span className="bad">{c.revokedAt ? `revoked ${when(c.revokedAt)}` : 'not counted'}</span>}</td>
                  <td>{!c.revokedAt && <TxButton label={`Revoke ${variant(c.kind)}`} tx={chain.api.tx.credentials.revoke(id!, variant(c.kind))} />}</td>
                </tr>
              ))}
              {v.credentials.length === 0 && <tr><td colSpan={6}>No credentials.</td></tr>}
            </tbody>
          </table>
          <Jurisdiction investor={id!} current={code(v.jurisdiction)} managedBy={v.qualifier} me={me} />
          <Wallets investor={id!} info={v} me={me} />
          {v.block ? (
            <TxButton label="Unblock investor" tx={chain.api.tx.credentials.unblockInvestor(id!)} testid="unblock-tx" />
          ) : (
            <div className="form two">
              <SelectField label="Block reason" value={reason} onChange={setReason} options={['Restricted', 'CourtOrder', 'LostWallet', 'Other'].map((r) => [r, r])} hint={blockDocs.get(reason)?.split('. ')[0] || BLOCK_WORDS[reason]} />
              {reason === 'Restricted' && <TextField label="Case file reference (salted; only its hash goes on chain)" value={caseRef} onChange={setCaseRef} />}
              <TxButton label="Block investor" tx={reasonValue ? chain.api.tx.credentials.blockInvestor(id!, reasonValue as any) : null} testid="block-tx" />
            </div>
          )}
        </>
      )}
      {kinds.length === 0 && null}
    </Section>
  );
}

/** Why the signer may not act as the investor's qualifier (null: it may). */
function managerBlocker(me: Me | null, managedBy: number, what: string): string | null {
  if (!me) return `Only the investor's qualifier (or governance, by a council motion) ${what}.`;
  if (me.id !== managedBy) return `Qualifier #${managedBy} manages this investor: only it (or governance) ${what} (credentials.NotInvestorsQualifier).`;
  if (me.status !== 'Active') return `Your qualifier is suspended (credentials.QualifierSuspended).`;
  return null;
}

function Jurisdiction({ investor, current, managedBy, me }: { investor: number; current: string; managedBy: number; me: Me | null }) {
  const { chain } = useApp();
  const options = me?.jurisdictions ?? [];
  const [to, setTo] = useState('');
  const target = to || options.find((j) => j !== current) || '';
  const blocker = managerBlocker(me, managedBy, 'changes its home jurisdiction')
    ?? (!target ? 'Your qualifier covers no other jurisdiction.' : target === current ? `${current} is already its home jurisdiction.` : null);
  return (
    <fieldset>
      <legend>Home jurisdiction</legend>
      <p>Now <strong data-testid="investor-jurisdiction">{current}</strong>. When it moves or re-domiciles, its holdings are re-filed under the new jurisdiction at once (holder counts and caps per jurisdiction follow).</p>
      <div className="form two">
        <SelectField label="New home jurisdiction" value={target} onChange={setTo} options={options.map((j) => [j, j])} hint="The jurisdictions your qualifier covers." />
        <TxButton label="Change jurisdiction" tx={target ? chain.api.tx.credentials.setInvestorJurisdiction(investor, target) : null} blocker={blocker} testid="jurisdiction-tx" />
      </div>
    </fieldset>
  );
}

/** The investor's wallets with their holdings and own blocks; unlink one, recover a lost one. */
function Wallets({ investor, info, me }: { investor: number; info: any; me: Me | null }) {
  const { chain, account } = useApp();
  const wallets: string[] = info.wallets;
  const data = useChainData(async () => {
    const secs = await allSecurities(chain);
    const symbol = (id: number) => secs.find((s) => s.id === id)?.symbol ?? `#${id}`;
    const rows = await Promise.all(wallets.map(async (w) => {
      const [acct, holdings]: any[] = await Promise.all([stoaRpc(chain, 'credentials_account', [w]), stoaRpc(chain, 'issuance_holdings', [w])]);
      const held = (holdings as any[]).filter((h) => BigInt(h.balance) > 0n).map((h) => ({ security: h.security as number, symbol: symbol(h.security), balance: String(h.balance), decimals: secs.find((s) => s.id === h.security)?.decimals ?? 0 }));
      return { address: w, block: acct?.walletBlock ?? null, held };
    }));
    // Lost wallets recovered into one of these wallets whose holdings have not all moved yet.
    const recoveries = (await chain.api.query.issuance.recoveries.entries())
      .map(([k, v]: any) => ({ lost: k.args[0].toString(), new: v.unwrap ? v.unwrap().toString() : v.toString() }))
      .filter((r) => wallets.includes(r.new));
    const pending = await Promise.all(recoveries.map(async (r) => {
      const holdings: any[] = await stoaRpc(chain, 'issuance_holdings', [r.lost]);
      return { ...r, held: holdings.filter((h) => BigInt(h.balance) > 0n || BigInt(h.frozen) > 0n).map((h) => `${units(h.balance, secs.find((s) => s.id === h.security)?.decimals ?? 0)} ${symbol(h.security)}`) };
    }));
    return { rows, pending };
  }, [investor, wallets.join(',')]);
  const [lost, setLost] = useState('');
  const [replacement, setReplacement] = useState('');
  const lostWallet = wallets.includes(lost) ? lost : wallets[0] ?? '';
  const others = wallets.filter((w) => w !== lostWallet);
  const newWallet = others.includes(replacement) ? replacement : others[0] ?? '';
  const signerIsWallet = !!account && wallets.includes(account.address);
  const signerIsQualifier = !!me && me.id === info.qualifier;
  const { nameOf } = useApp();
  const label = (w: string) => `${nameOf(w) ?? ''} ${short(w)}`.trim();
  const recoverBlocker = managerBlocker(me, info.qualifier, 'recovers its wallets')
    ?? (others.length === 0 ? 'Link the new wallet to this investor first (Onboard, steps 2 and 3, with this investor id): a recovery moves to a wallet of the same investor.' : null);
  return (
    <>
      <table data-testid="investor-wallets">
        <caption>Wallets</caption>
        <thead><tr><th scope="col">Wallet</th><th scope="col">Holds</th><th scope="col">Wallet block</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(data.data?.rows ?? []).map((r) => {
            const units_ = r.held.map((h) => `${units(h.balance, h.decimals)} ${h.symbol}`).join(', ');
            const blocker = !signerIsWallet && !signerIsQualifier ? 'Only a wallet of this investor, its qualifier or governance unlinks a wallet (credentials.NotAllowedToUnlink).'
              : signerIsWallet && !signerIsQualifier && info.block ? 'The investor is blocked: its wallets cannot unlink themselves (credentials.InvestorIsBlocked).'
              : r.held.length ? `It holds ${units_}: the units move first, to another of the investor's wallets, by a forced transfer or by a recovery (credentials.WalletHoldsUnits).`
              : null;
            return (
              <tr key={r.address} data-wallet={r.address}>
                <td><Addr address={r.address} /></td>
                <td>{units_ || 'nothing'}</td>
                <td>{r.block ? <span className="bad">{variant(r.block.reason)} ({r.block.byQualifier === null ? 'governance' : `qualifier #${r.block.byQualifier}`}, {when(r.block.at)})</span> : 'none'}</td>
                <td><TxButton label={`Unlink ${label(r.address)}`} tx={chain.api.tx.credentials.unlinkWallet(r.address)} blocker={blocker} testid="unlink-tx" /></td>
              </tr>
            );
          })}
          {wallets.length === 0 && <tr><td colSpan={4}>No wallets linked.</td></tr>}
        </tbody>
      </table>
      <fieldset data-testid="recover-wallet">
        <legend>Recover a lost wallet</legend>
        <p className="hint">Link the investor's new wallet first (with its consent). Recovery unlinks the lost wallet and blocks it (reason LostWallet: a stolen key must not come back); its holdings then move to the new wallet, one security at a time (<code>issuance.recoverHoldings</code>, on the Issuer tab).</p>
        <div className="form two">
          <SelectField label="Lost wallet" value={lostWallet} onChange={setLost} options={wallets.map((w) => [w, label(w)])} />
          <SelectField label="New wallet" value={newWallet} onChange={setReplacement} options={others.map((w) => [w, label(w)])} />
        </div>
        <TxButton label="Recover wallet" tx={lostWallet && newWallet ? chain.api.tx.credentials.recoverWallet(lostWallet, newWallet) : null} blocker={recoverBlocker} testid="recover-tx" />
      </fieldset>
      {(data.data?.pending ?? []).length > 0 && (
        <ul data-testid="pending-recoveries">
          {data.data!.pending.map((r) => (
            <li key={r.lost}>Recovered <Addr address={r.lost} /> into <Addr address={r.new} />: {r.held.length ? <>still to move: {r.held.join(', ')} (the issuer or a transfer agent, or anyone, calls <code>issuance.recoverHoldings</code>)</> : 'nothing left to move'}.</li>
          ))}
        </ul>
      )}
    </>
  );
}

const WALLET_BLOCK_REASONS = ['Restricted', 'CourtOrder', 'LostWallet', 'Other'];

/** A block on one wallet, linked or not (a sanctioned address, a compromised key). */
function WalletBlocks({ me }: { me: Me | null }) {
  const { chain } = useApp();
  const [wallet, setWallet] = useState('');
  const [reason, setReason] = useState('CourtOrder');
  const [caseRef, setCaseRef] = useState('');
  const address = normaliseAddress(wallet, chain.ss58);
  const view = useChainData(async () => (address ? stoaRpc(chain, 'credentials_account', [address]) : null), [address]);
  const v = view.data;
  const block = v?.walletBlock ?? null;
  const reasonValue = reason === 'Restricted' ? (caseRef ? { Restricted: blake2AsHex(caseRef) } : null) : reason;
  const blockBlocker = !me ? 'Only an active qualifier (or governance) blocks a wallet.' : me.status !== 'Active' ? 'Your qualifier is suspended (credentials.QualifierSuspended).' : block ? 'This wallet is already blocked (credentials.AlreadyBlocked).' : null;
  const unblockBlocker = !block ? null : !me ? 'Only whoever blocked (or governance) lifts the block.'
    : block.byQualifier !== me.id ? `${block.byQualifier === null ? 'Governance' : `Qualifier #${block.byQualifier}`} blocked this wallet: only it (or governance) lifts the block (credentials.NotBlocker).` : null;
  return (
    <Section title="Wallet blocks" id="wallet-blocks">
      <p className="hint">A block on a single wallet beats its investor's credentials; the investor's other wallets are not affected.</p>
      <AddressField label="Wallet" value={wallet} onChange={setWallet} />
      <ErrorNote error={view.error} />
      {v && (
        <dl className="facts" data-testid="wallet-facts">
          <dt>Investor</dt><dd>{v.investor ? `#${v.investor.id} (${code(v.investor.jurisdiction)})` : v.protocolHolder ? `protocol holder “${v.protocolHolder.name}”` : 'none'}</dd>
          <dt>Wallet block</dt>
          <dd data-testid="wallet-block-state">{block ? <span className="bad">blocked: {variant(block.reason)} by {block.byQualifier === null ? 'governance' : `qualifier #${block.byQualifier}`} since {when(block.at)}</span> : 'not blocked'}</dd>
          <dt>May hold securities</dt><dd>{v.blocked ? <span className="bad">no: {variant(v.blocked)}</span> : v.investor || v.protocolHolder ? 'yes (subject to each security\'s rules)' : 'no: nobody\'s wallet'}</dd>
        </dl>
      )}
      {address && v && (block ? (
        <TxButton label="Unblock wallet" tx={chain.api.tx.credentials.unblockWallet(address)} blocker={unblockBlocker} testid="unblock-wallet-tx" />
      ) : (
        <div className="form two">
          <SelectField label="Wallet block reason" value={reason} onChange={setReason} options={WALLET_BLOCK_REASONS.map((r) => [r, r])} hint={BLOCK_WORDS[reason]} />
          {reason === 'Restricted' && <TextField label="Case file reference for the wallet block (only its hash goes on chain)" value={caseRef} onChange={setCaseRef} />}
          <TxButton label="Block wallet" tx={reasonValue ? chain.api.tx.credentials.blockWallet(address, reasonValue as any) : null} blocker={blockBlocker} testid="block-wallet-tx" />
        </div>
      ))}
    </Section>
  );
}

/** Protocol holders: contracts and pallet accounts that hold securities without an investor. */
function ProtocolHolders() {
  const { chain, account } = useApp();
  const deposit = (chain.api.consts.credentials.protocolHolderDeposit as any).toBigInt() as bigint;
  const list = useChainData(async () => {
    const entries = await chain.api.query.credentials.protocolHolders.entries();
    return Promise.all(entries.map(async ([k, v]: any) => {
      const h = v.unwrap();
      const account = k.args[0].toString();
      const holdings: any[] = await stoaRpc(chain, 'issuance_holdings', [account]);
      return {
        account, registrant: h.registrant.toString(), name: text(h.name), deposit: h.deposit.toBigInt() as bigint,
        holdsUnits: holdings.some((x) => BigInt(x.balance) > 0n),
        block: h.block.isSome ? { reason: variant(h.block.unwrap().reason.toJSON()), at: h.block.unwrap().at.toNumber() } : null,
      };
    }));
  }, []);
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const address = normaliseAddress(target, chain.ss58);
  const check = useChainData(async () => {
    if (!address || !account) return null;
    const [view, holdings, me]: any[] = await Promise.all([
      stoaRpc(chain, 'credentials_account', [address]), stoaRpc(chain, 'issuance_holdings', [address]), chain.api.query.system.account(account.address)]);
    if (view.protocolHolder) return 'Already a protocol holder (credentials.AlreadyProtocolHolder).';
    if (view.investor) return `This account is investor #${view.investor.id}'s wallet (credentials.IsInvestorWallet).`;
    if (view.walletBlock || view.blocked) return 'This account is blocked (credentials.AccountBlocked).';
    if ((holdings as any[]).some((h) => BigInt(h.balance) > 0n)) return 'This account already holds units (credentials.WalletHoldsUnits).';
    const free = me.data.free.toBigInt() - me.data.frozen.toBigInt();
    if (free < deposit) return `The deposit of ${units(deposit, chain.tokenDecimals)} ${chain.tokenSymbol} is held from the signer, which has ${units(free, chain.tokenDecimals)} free (credentials.InsufficientDeposit).`;
    return null;
  }, [address, account?.address]);
  return (
    <Section title="Protocol holders" id="protocol-holders">
      <p className="hint">A contract or pallet-owned account may hold securities without an investor behind it, against a deposit of {units(deposit, chain.tokenDecimals)} {chain.tokenSymbol} held from whoever registers it. The guardian (any one council member, <em>Act alone</em> on the Regulator / Council tab) blocks a misbehaving one at once; a council majority then lifts the block or settles it, burning or returning the deposit.</p>
      <ErrorNote error={list.error} />
      <table data-testid="protocol-holders">
        <thead><tr><th scope="col">Account</th><th scope="col">Protocol</th><th scope="col">Registrant</th><th scope="col">Deposit held</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {(list.data ?? []).map((h) => (
            <tr key={h.account} data-holder={h.account}>
              <td><Addr address={h.account} /></td><td>{h.name}</td><td><Addr address={h.registrant} /></td>
              <td>{units(h.deposit, chain.tokenDecimals)} {chain.tokenSymbol}</td>
              <td data-testid="holder-status">{!h.block ? <span className="ok">active</span>
                : h.deposit === 0n ? <span className="bad">blocked ({h.block.reason}, {when(h.block.at)}), settled: final</span>
                : <span className="bad">blocked ({h.block.reason}, {when(h.block.at)}): awaiting the council (lift or settle)</span>}</td>
              <td>{account?.address === h.registrant && !h.block && (
                <TxButton label="Deregister" tx={chain.api.tx.credentials.deregisterProtocolHolder(h.account)} testid="deregister-tx"
                  blocker={h.holdsUnits ? 'It holds units: they move out first (credentials.WalletHoldsUnits).' : null} />
              )}</td>
            </tr>
          ))}
          {list.data?.length === 0 && <tr><td colSpan={6}>None registered.</td></tr>}
        </tbody>
      </table>
      <h3>Register a protocol holder</h3>
      <div className="form two">
        <AddressField label="Protocol account" value={target} onChange={setTarget} hint="Not an investor's wallet, not blocked, holding no units." />
        <TextField label="Protocol name" value={name} onChange={setName} placeholder="Stoa AMM pool 1" />
        <TxButton label="Register protocol holder" tx={address && name ? chain.api.tx.credentials.registerProtocolHolder(address, name) : null} blocker={check.data ?? null} testid="register-holder-tx" />
      </div>
    </Section>
  );
}
