// Signing and following an extrinsic: the fee (paymentInfo) before signing, then its progress
// (broadcast, in block, finalized) and its outcome, with any error decoded from the metadata
// in plain words. Also the outcome of calls dispatched inside it (council motions, batches).
import { useEffect, useState } from 'react';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { useApp } from './state';
import type { TxLogEntry } from './state';
import { units } from './format';
import { explainDispatchError } from './reasons';

type Phase = 'idle' | 'signing' | 'broadcast' | 'inblock' | 'finalized' | 'error';

export interface TxProps {
  /** The extrinsic to sign, or null while the form is incomplete. */
  tx: SubmittableExtrinsic<'promise'> | null;
  label: string;
  /** Why the form cannot be signed yet (shown instead of the fee). */
  blocker?: string | null;
  /** Called once with the events when the extrinsic succeeded in a block. */
  onDone?: (events: EventRecord[]) => void;
  /** Sign as this account instead of the selected one. */
  as?: string;
  testid?: string;
}

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
        out.push(`${event.section}.${event.method}: ${explainDispatchError(chain, err)}`);
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

export function TxButton({ tx, label, blocker, onDone, as, testid }: TxProps) {
  const { chain, account, accounts, report } = useApp();
  const signer = as ? accounts.find((a) => a.address === as) ?? null : account;
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
    if (!tx || !signer) return;
    let live = true;
    tx.paymentInfo(signer.address).then(
      (info) => { if (live) setFee(`${units(info.partialFee.toBigInt(), chain.tokenDecimals)} ${chain.tokenSymbol}`); },
      (e) => { if (live) setFeeError(String(e?.message ?? e)); },
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, signer?.address]);

  const busy = phase === 'signing' || phase === 'broadcast';
  const disabled = !tx || !signer || busy || !!blocker;

  async function sign() {
    if (!tx || !signer) return;
    // Mirrored to the app's activity log, which outlives this form (the form may change or
    // disappear as soon as the transaction lands).
    const entry = { id: ++nextLogId, label, testid, signer: signer.name, phase: 'signing', outcome: 'signing', message: '', failures: [] as string[] };
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
    try {
      const signing = signer.pair
        ? tx.signAndSend(signer.pair, { nonce: -1 }, onStatus)
        : tx.signAndSend(signer.address, { signer: signer.signer, nonce: -1 }, onStatus);
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
        if (status.isFinalized) {
          setPhase('finalized');
          setMessage(`Finalized in block ${hash.slice(0, 10)}…`);
        } else {
          setPhase('inblock');
          setMessage(`In block ${hash.slice(0, 10)}…; waiting for finality…`);
        }
        if (!reported) {
          reported = true;
          if (inner.length === 0) onDone?.(evs);
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
            : fee ? `Fee: ${fee} (signed by ${signer.name})`
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
