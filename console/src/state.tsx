// App-wide state: the connection, the chain's heads, the signer accounts and the chosen one.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { Chain } from './chain';
import type { Account } from './accounts';
import type { Acting, MultisigDef } from './institutions';

/** One signed extrinsic as the activity log shows it (it outlives the form that sent it). */
export interface TxLogEntry {
  id: number;
  label: string;
  testid?: string;
  signer: string;
  phase: string;
  outcome: string;
  message: string;
  failures: string[];
}

export interface AppState {
  chain: Chain;
  best: number;
  finalized: number;
  accounts: Account[];
  /**
   * Whom the screens act for: the signer itself, or the multisig or proxied account it acts as
   * (`acting`). Screens read chain state for this account, and their calls run as it.
   */
  account: Account | null;
  /** The key that signs (one of `accounts`), whatever account the screens act for. */
  signer: Account | null;
  setAccount: (address: string) => void;
  acting: Acting;
  setActing: (acting: Acting) => void;
  /** The multisig accounts defined in this page. */
  multisigs: MultisigDef[];
  addMultisig: (m: MultisigDef) => void;
  forgetMultisig: (address: string) => void;
  /** Call data of multisig operations, by call hash: those started or pasted in this page. */
  callData: Record<string, string>;
  rememberCall: (hash: string, callHex: string) => void;
  /** The name of a known account (a dev account or a wallet's), else null. */
  nameOf: (address: string) => string | null;
  /** Adds or updates an entry of the activity log. */
  report: (entry: TxLogEntry) => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside the app');
  return ctx;
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` now, whenever `deps` change and at each new best block (so what is shown follows
 * the chain), keeping the last good value while reloading.
 */
export function useChainData<T>(load: () => Promise<T>, deps: unknown[], everyBlock = true): Loaded<T> {
  const { best } = useApp();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);
  const depsKey = JSON.stringify(deps);
  useEffect(() => {
    setData(undefined);
  }, [depsKey]);
  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    load().then(
      (v) => { if (mine === generation.current) { setData(v); setError(null); setLoading(false); } },
      (e) => { if (mine === generation.current) { setError(String(e?.message ?? e)); setLoading(false); } },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [depsKey, everyBlock ? best : 0, nonce]);
  return { data, error, loading, reload: () => setNonce((n) => n + 1) };
}
