// The qualifier's screen (a KYC provider registered by governance): onboard an investor in four
// steps (create the investor, invite the wallet, the wallet accepts, attest), look investors
// up, revoke credentials, block and unblock.
import { useState } from 'react';
import { blake2AsHex } from '@polkadot/util-crypto';
import { isHex } from '@polkadot/util';
import { useApp, useChainData } from '../state';
import { stoaRpc, code, text, variant, variantDocs } from '../chain';
import { when } from '../format';
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
      <InvestorAdmin investor={investor} setInvestor={setInvestor} kinds={q?.kinds ?? KINDS} />
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

function InvestorAdmin({ investor, setInvestor, kinds }: { investor: string; setInvestor: (v: string) => void; kinds: string[] }) {
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
