// The shell: the node connection (URL from ?node= or the input), the chain's name and heads,
// the signer picker (wallet extensions; dev accounts on development chains) and the role tabs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { connectChain, initialNodeUrl } from './chain';
import type { Chain } from './chain';
import { devAccounts, injectedAccounts } from './accounts';
import type { Account } from './accounts';
import { AppContext } from './state';
import type { AppState, TxLogEntry } from './state';
import { ActivityLog } from './tx';
import { InvestorTab } from './tabs/Investor';
import { IssuerTab } from './tabs/Issuer';
import { QualifierTab } from './tabs/Qualifier';
import { RegulatorTab } from './tabs/Regulator';
import { ActingBanner, ActingPicker, InstitutionsTab } from './tabs/Institutions';
import { SELF, defineMultisig } from './institutions';
import type { Acting, MultisigDef } from './institutions';
import { short } from './format';

const TABS = [
  { id: 'investor', label: 'Investor' },
  { id: 'issuer', label: 'Issuer' },
  { id: 'qualifier', label: 'Qualifier' },
  { id: 'regulator', label: 'Regulator / Council' },
  { id: 'institutions', label: 'Multisig / Proxies' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function tabFromHash(): TabId {
  const h = window.location.hash.replace('#', '');
  return (TABS.find((t) => t.id === h)?.id ?? 'investor') as TabId;
}

export function App() {
  const [url, setUrl] = useState(initialNodeUrl());
  const [draftUrl, setDraftUrl] = useState(url);
  const [chain, setChain] = useState<Chain | null>(null);
  const [connError, setConnError] = useState<string | null>(null);
  const [best, setBest] = useState(0);
  const [finalized, setFinalized] = useState(0);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [walletNote, setWalletNote] = useState<string>('');
  const [selected, setSelected] = useState<string>('');
  const [tab, setTab] = useState<TabId>(tabFromHash());
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const [log, setLog] = useState<TxLogEntry[]>([]);
  const [acting, setActing] = useState<Acting>(SELF);
  const [multisigs, setMultisigs] = useState<MultisigDef[]>([]);
  const [callData, setCallData] = useState<Record<string, string>>({});
  const rememberCall = useCallback((hash: string, callHex: string) => {
    setCallData((prev) => (prev[hash] === callHex ? prev : { ...prev, [hash]: callHex }));
  }, []);
  const addMultisig = useCallback((m: MultisigDef) => {
    setMultisigs((prev) => {
      const next = [...prev.filter((x) => x.address !== m.address), m];
      saveMultisigs(next);
      return next;
    });
  }, []);
  const forgetMultisig = useCallback((address: string) => {
    setMultisigs((prev) => { const next = prev.filter((x) => x.address !== address); saveMultisigs(next); return next; });
    setActing((a) => (a.kind === 'multisig' && a.multisig.address === address ? SELF : a));
  }, []);
  const report = useCallback((entry: TxLogEntry) => {
    setLog((prev) => {
      const at = prev.findIndex((e) => e.id === entry.id);
      if (at < 0) return [...prev.slice(-49), entry];
      const next = prev.slice();
      next[at] = entry;
      return next;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    let unsubs: (() => void)[] = [];
    setChain(null);
    setConnError(null);
    setAccounts([]);
    (async () => {
      try {
        const c = await connectChain(url);
        if (cancelled) { await c.api.disconnect(); return; }
        unsubs.push(await c.api.rpc.chain.subscribeNewHeads((h) => setBest(h.number.toNumber())));
        unsubs.push(await c.api.rpc.chain.subscribeFinalizedHeads((h) => setFinalized(h.number.toNumber())));
        const dev = c.isDev ? await devAccounts(c.ss58) : [];
        setAccounts(dev);
        setSelected((s) => s || dev[0]?.address || '');
        setMultisigs(loadMultisigs(c.ss58));
        setActing(SELF);
        setChain(c);
      } catch (e: any) {
        if (!cancelled) setConnError(`Cannot connect to ${url}: ${e?.message ?? e}`);
      }
    })();
    return () => {
      cancelled = true;
      unsubs.forEach((u) => u());
      unsubs = [];
      setChain((c) => { c?.api.disconnect(); return null; });
    };
  }, [url]);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const connectWallets = useCallback(async () => {
    if (!chain) return;
    const { accounts: injected, note } = await injectedAccounts(chain.ss58);
    setWalletNote(note);
    setAccounts((prev) => [...prev.filter((a) => a.source === 'dev'), ...injected]);
    if (!chain.isDev && injected[0]) setSelected((s) => s || injected[0].address);
  }, [chain]);

  const nameOf = useCallback((address: string) => accounts.find((a) => a.address === address)?.name
    ?? multisigs.find((m) => m.address === address)?.name ?? null, [accounts, multisigs]);
  const signer = accounts.find((a) => a.address === selected) ?? null;
  // The account the screens act for: the signer, or the multisig / proxied account it acts as.
  const account = useMemo(() => {
    if (!signer || acting.kind === 'self') return signer;
    const address = acting.kind === 'proxy' ? acting.real : acting.multisig.address;
    return { address, name: nameOf(address) ?? short(address), source: acting.kind };
  }, [signer, acting, nameOf]);
  const state: AppState | null = useMemo(() => chain && ({
    chain, best, finalized, accounts, account, signer, setAccount: setSelected, nameOf, report,
    acting, setActing, multisigs, addMultisig, forgetMultisig, callData, rememberCall,
  }), [chain, best, finalized, accounts, account, signer, nameOf, report, acting, multisigs, addMultisig, forgetMultisig, callData, rememberCall]);

  function chooseTab(id: TabId) {
    setTab(id);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${id}`);
  }
  function onTabKey(e: KeyboardEvent, index: number) {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : (index + delta + TABS.length) % TABS.length;
    chooseTab(TABS[next].id);
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="app">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <div className="brand"><span className="logo" aria-hidden="true">▥</span> Stoa console</div>
        <form className="node-form" onSubmit={(e) => { e.preventDefault(); const u = new URL(window.location.href); u.searchParams.set('node', draftUrl); history.replaceState(null, '', u); setUrl(draftUrl); }}>
          <label htmlFor="node-url">Node</label>
          <input id="node-url" value={draftUrl} onChange={(e) => setDraftUrl(e.target.value)} spellCheck={false} />
          <button type="submit">Connect</button>
        </form>
        <div className="chain-info" aria-live="polite" data-testid="chain-info">
          {chain ? (
            <>
              <span><strong>{chain.name}</strong> <span className="badge">{chain.chainType}</span></span>
              <span>best <strong data-testid="best">#{best}</strong></span>
              <span>finalized <strong data-testid="finalized">#{finalized}</strong></span>
            </>
          ) : connError ? <span className="error">{connError}</span> : <span>Connecting to {url}…</span>}
        </div>
        {chain && (
          <div className="account-picker">
            <label htmlFor="account">Account</label>
            <select id="account" value={selected} onChange={(e) => setSelected(e.target.value)}>
              {accounts.length === 0 && <option value="">No accounts</option>}
              {accounts.map((a) => <option key={a.address} value={a.address}>{a.name} ({a.source}) {short(a.address)}</option>)}
            </select>
            <button type="button" onClick={connectWallets} title={walletNote || 'Accounts of the polkadot-js extension, Talisman, SubWallet…'}>Wallets</button>
          </div>
        )}
        {state && <AppContext.Provider value={state}><ActingPicker /></AppContext.Provider>}
      </header>
      {walletNote && <p className="note wallet-note" role="status">{walletNote}</p>}
      {chain && !chain.isDev && accounts.length === 0 && (
        <p className="note">This is not a development chain: dev accounts are not offered. Connect a wallet extension to sign.</p>
      )}
      <nav role="tablist" aria-label="Roles" className="tabs">
        {TABS.map((t, i) => (
          <button key={t.id} id={`tab-${t.id}`} role="tab" type="button" aria-selected={tab === t.id} aria-controls="main"
            tabIndex={tab === t.id ? 0 : -1} ref={(el) => { tabRefs.current[i] = el; }}
            onClick={() => chooseTab(t.id)} onKeyDown={(e) => onTabKey(e, i)}>{t.label}</button>
        ))}
      </nav>
      <main id="main" role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={-1}>
        {state ? (
          <AppContext.Provider value={state}>
            <ActingBanner />
            {tab === 'investor' && <InvestorTab />}
            {tab === 'issuer' && <IssuerTab />}
            {tab === 'qualifier' && <QualifierTab />}
            {tab === 'regulator' && <RegulatorTab />}
            {tab === 'institutions' && <InstitutionsTab />}
          </AppContext.Provider>
        ) : (
          <p className="note">{connError ? 'Not connected. Check the node URL (e.g. ws://127.0.0.1:9944) and that the node runs with its RPC reachable.' : 'Connecting…'}</p>
        )}
      </main>
      <ActivityLog log={log} />
      <footer className="foot">Everything shown is read from the node at <code>{url}</code>; nothing leaves this browser except to it.</footer>
    </div>
  );
}

// Multisig accounts the user defined (public data: signatories and threshold), kept in this
// browser so that they survive a reload.
const MULTISIGS_KEY = 'stoa-console.multisigs';

function loadMultisigs(ss58: number): MultisigDef[] {
  try {
    const saved = JSON.parse(localStorage.getItem(MULTISIGS_KEY) ?? '[]') as { signatories: string[]; threshold: number; name: string }[];
    return saved.map((m) => defineMultisig(m.signatories, m.threshold, ss58, m.name));
  } catch {
    return [];
  }
}

function saveMultisigs(list: MultisigDef[]) {
  try {
    localStorage.setItem(MULTISIGS_KEY, JSON.stringify(list.map(({ signatories, threshold, name }) => ({ signatories, threshold, name }))));
  } catch {
    // storage refused (private mode): kept for this page only
  }
}
