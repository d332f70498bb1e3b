// Signing and following an extrinsic: the fee (paymentInfo) before signing, then its progress
// (broadcast, in block, finalized) and its outcome, with any error decoded from the metadata
// in plain words. Also the outcome of calls dispatched inside it (council motions, batches,
// a proxy's or a multisig's call). When the user acts as a multisig or a proxied account, every
// call is wrapped here (institutions.ts): the fee is the wrapper's, the outcome the call's.
import { useEffect, useState } from 'react';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { useApp } from './state';
import type { TxLogEntry } from './state';
import { short, units } from './format';
import { explainDispatchError } from './reasons';
import { SELF, actingKey, wrapCall } from './institutions';
import type { Acting, Wrapped } from './institutions';

type Phase = 'idle' | 'signing' | 'broadcast' | 'inblock' | 'finalized' | 'error';

export interface TxProps {
  /** The extrinsic to sign, or null while the form is incomplete. */
  tx: SubmittableExtrinsic<'promise'> | null;
  label: string;
  /** Why the form cannot be signed yet (shown instead of the fee). */
  blocker?: string | null;
  /** Called once with the events when the extrinsic succeeded in a block. */
  onDone?: (events: EventRecord[]) => void;
  /** Sign as this account instead of the selected one (the call is then never wrapped). */
  as?: string;
  /**
   * Sign the call as it is, by the signer, whatever account the screens act for (the multisig
   * approvals and a proxy's own calls build their wrapper themselves).
   */
  direct?: boolean;
  testid?: string;
}

/** What a proxy's or a multisig's inner call failing is, in words. */
const INSIDE: Record<string, string> = {
  'proxy.ProxyExecuted': 'the call made through the proxy failed',
  'multisig.MultisigExecuted': 'the multisig\'s call failed',
};

/** Errors of calls dispatched inside an extrinsic that itself succeeded. */
function innerFailures(chain: ReturnType<typeof useApp>['chain'], events: EventRecord[]): string[] {
  const out: string[] = [];
  for (const { event } of events) {
    const data: any = event.data;
    const names: string[] = (data.names ?? []) as string[];
    const at = names.indexOf('result');
    if (at >= 0) {
      const result = data[at];
      if (result?.isErr) {
        const err = result.asErr.error ?? result.asErr; // whitelist wraps it with post info
        const what = INSIDE[`${event.section}.${event.method}`];
        out.push(`${event.section}.${event.method}: ${what ? `${what}: ` : ''}${explainDispatchError(chain, err)}`);
      }
    }
    if (event.section === 'utility' && event.method === 'BatchInterrupted') {
      out.push(`utility.BatchInterrupted at call ${data[0].toString()}: ${explainDispatchError(chain, data[1])}`);
    }
    if (event.section === 'council' && event.method === 'Disapproved') out.push('council.Disapproved: the motion was rejected.');
  }
  return out;
}

function eventLine(e: EventRecord): string {
  const { event } = e;
  const data: any = event.data;
  const names: string[] = (data.names ?? []) as string[];
  const json = event.data.toHuman() as any;
  const parts = names.length && json && !Array.isArray(json)
    ? names.map((n) => `${n}: ${typeof json[n] === 'object' ? JSON.stringify(json[n]) : json[n]}`)
    : (Array.isArray(json) ? json : []).map((v: any) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return `${event.section}.${event.method}${parts.length ? ` { ${parts.join(', ')} }` : ''}`;
}

let nextLogId = 0;

export function TxButton({ tx, label, blocker, onDone, as, direct, testid }: TxProps) {
  const { chain, signer: chosen, accounts, report, acting, nameOf: known, rememberCall, best } = useApp();
  const signer = as ? accounts.find((a) => a.address === as) ?? null : chosen;
  const mode: Acting = as || direct ? SELF : acting;
  const modeKey = actingKey(mode);
  const nameOf = (address: string) => known(address) ?? short(address);
  const [wrapped, setWrapped] = useState<Wrapped | null>(null);
  const [fee, setFee] = useState<string | null>(null);
  const [feeError, setFeeError] = useState<string | null>(null);
  const [phase, setPhaseState] = useState<Phase>('idle');
  const [message, setMessageState] = useState<string>('');
  const [events, setEvents] = useState<string[]>([]);
  const [failures, setFailuresState] = useState<string[]>([]);
  const key = tx ? tx.method.toHex() : null;

  useEffect(() => {
    setFee(null);
    setFeeError(null);
    setWrapped(null);
  }, [key, signer?.address, modeKey]);
  // The fee of what is signed: the call itself, or its wrapper (a multisig's next approval
  // depends on the approvals so far, so it follows the chain block by block).
  useEffect(() => {
    if (!tx || !signer) return;
    let live = true;
    wrapCall(chain, mode, signer, tx, nameOf).then(async (w) => {
      if (!live) return;
      setWrapped(w);
      if (!w.tx) return;
      const info = await w.tx.paymentInfo(signer.address);
      if (live) { setFee(`${units(info.partialFee.toBigInt(), chain.tokenDecimals)} ${chain.tokenSymbol}`); setFeeError(null); }
    }).catch((e) => { if (live) setFeeError(String(e?.message ?? e)); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, signer?.address, modeKey, mode.kind === 'multisig' ? best : 0]);

  const busy = phase === 'signing' || phase === 'broadcast';
  const wrapBlocker = mode.kind === 'self' ? null : wrapped?.blocker ?? null;
  const disabled = !tx || !signer || busy || !!blocker || !!wrapBlocker || (mode.kind !== 'self' && !wrapped);

  async function sign() {
    if (!tx || !signer) return;
    // Mirrored to the app's activity log, which outlives this form (the form may change or
    // disappear as soon as the transaction lands).
    const by = mode.kind === 'self' ? signer.name : `${signer.name} as ${nameOf(mode.kind === 'proxy' ? mode.real : mode.multisig.address)}`;
    const entry = { id: ++nextLogId, label, testid, signer: by, phase: 'signing', outcome: 'signing', message: '', failures: [] as string[] };
    const setPhase = (p: Phase) => {
      setPhaseState(p);
      entry.phase = p;
      entry.outcome = p === 'error' || entry.failures.length ? 'error' : p === 'inblock' || p === 'finalized' ? 'success' : p;
      report({ ...entry });
    };
    const setMessage = (m: string) => { setMessageState(m); entry.message = m; report({ ...entry }); };
    const setFailures = (f: string[]) => { setFailuresState(f); entry.failures = f; };
    setMessage(signer.source === 'dev' ? 'Signing with the dev key…' : `Waiting for ${signer.source} to sign…`);
    setPhase('signing');
    setEvents([]);
    setFailures([]);
    let reported = false;
    let w: Wrapped = { tx, blocker: null, note: '' };
    try {
      // Wrapped afresh: the multisig's approvals may have changed since the fee was shown.
      w = await wrapCall(chain, mode, signer, tx, nameOf);
      if (!w.tx) throw new Error(w.blocker ?? 'refused before signing');
      if (w.multisig) rememberCall(w.multisig.hash, w.multisig.callHex);
      const toSign = w.tx;
      const signing = signer.pair
        ? toSign.signAndSend(signer.pair, { nonce: -1 }, onStatus)
        : toSign.signAndSend(signer.address, { signer: signer.signer, nonce: -1 }, onStatus);
      await signing;
    } catch (e: any) {
      setPhase('error');
      setMessage(`Not submitted: ${e?.message ?? e}`);
    }
    function onStatus(result: any) {
      const { status, dispatchError } = result;
      const evs: EventRecord[] = result.events ?? [];
      if (status.isReady || status.isBroadcast) {
        setPhase('broadcast');
        setMessage('Submitted; waiting for a block…');
      }
      if (status.isInBlock || status.isFinalized) {
        const hash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
        setEvents(evs.filter(({ event }) => event.section !== 'system' && event.section !== 'transactionPayment' && !(event.section === 'balances' && ['Withdraw', 'Deposit'].includes(event.method))).map(eventLine));
        if (dispatchError) {
          setPhase('error');
          setMessage(`Failed in block ${hash.slice(0, 10)}…: ${explainDispatchError(chain, dispatchError)}`);
          return;
        }
        const inner = innerFailures(chain, evs);
        setFailures(inner);
        // A multisig approval that is not the last: the call has not run yet.
        const approval = findEvent(evs, 'multisig', 'NewMultisig') ?? findEvent(evs, 'multisig', 'MultisigApproval');
        const executed = findEvent(evs, 'multisig', 'MultisigExecuted') ?? findEvent(evs, 'proxy', 'ProxyExecuted');
        let pending = '';
        if (approval) {
          const ms = (approval.data as any).multisig.toString();
          const t = mode.kind === 'multisig' && mode.multisig.address === ms ? mode.multisig.threshold : null;
          pending = ` Approval${w.multisig && t ? ` ${w.multisig.approval} of ${t}` : ''} recorded for ${nameOf(ms)} (call hash ${(approval.data as any).callHash.toHex().slice(0, 10)}…); the call runs at the last approval.`;
        } else if (executed && !inner.length) {
          const as = executed.section === 'multisig' ? nameOf((executed.data as any).multisig.toString()) : mode.kind === 'proxy' ? nameOf(mode.real) : 'the proxied account';
          pending = ` ${executed.section}.${executed.method}: the call ran as ${as} and succeeded.`;
        }
        if (status.isFinalized) {
          setPhase('finalized');
          setMessage(`Finalized in block ${hash.slice(0, 10)}…${pending}`);
        } else {
          setPhase('inblock');
          setMessage(`In block ${hash.slice(0, 10)}…; waiting for finality…${pending}`);
        }
        if (!reported) {
          reported = true;
          if (inner.length === 0 && !approval) onDone?.(evs);
        }
      }
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        setPhase('error');
        setMessage(`The transaction pool reported it ${status.type.toLowerCase()}.`);
      }
    }
  }

  const outcome = phase === 'error' || failures.length ? 'error' : phase === 'inblock' || phase === 'finalized' ? 'success' : phase;
  return (
    <div className="tx" data-testid={testid}>
      <div className="tx-row">
        <button type="button" onClick={sign} disabled={disabled}>{label}</button>
        <span className="fee" aria-live="polite">
          {!signer ? 'Choose an account to sign.'
            : blocker ? blocker
            : !tx ? 'Fill in the form.'
            : wrapBlocker ? wrapBlocker
            : fee ? `Fee: ${fee} (signed by ${signer.name}${mode.kind !== 'self' && wrapped?.note ? `, who ${wrapped.note}` : ''})`
            : feeError ? `Fee estimate failed: ${feeError}`
            : 'Estimating fee…'}
        </span>
      </div>
      {phase !== 'idle' && (
        <div className={`tx-status ${outcome}`} role="status" aria-live="polite" data-phase={phase} data-outcome={outcome}>
          <p className="tx-message">{message}</p>
          {failures.map((f) => <p key={f} className="tx-failure">Failed inside: {f}</p>)}
          {events.length > 0 && (
            <details>
              <summary>{events.length} event{events.length === 1 ? '' : 's'}</summary>
              <ul className="events">{events.map((e, i) => <li key={i}><code>{e}</code></li>)}</ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}

/** The latest signed extrinsics, whatever screen sent them. */
export function ActivityLog({ log }: { log: TxLogEntry[] }) {
  if (log.length === 0) return null;
  return (
    <section className="activity" aria-labelledby="activity-title">
      <h2 id="activity-title">Transactions</h2>
      <ol id="activity" aria-live="polite">
        {log.slice().reverse().slice(0, 6).map((e) => (
          <li key={e.id} className={`tx-status ${e.outcome}`} data-tx={e.testid} data-log-id={e.id} data-outcome={e.outcome}>
            <strong>{e.label}</strong> <span className="hint">by {e.signer}</span> — {e.message}
            {e.failures.map((f) => <div key={f}>Failed inside: {f}</div>)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The first event `section.method` among `events`, or undefined. */
export function findEvent(events: EventRecord[], section: string, method: string) {
  return events.map(({ event }) => event).find((e) => e.section === section && e.method === method);
}

