// Small shared pieces: labelled fields, address inputs, sections.
import { useId } from 'react';
import type { ReactNode } from 'react';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { useApp } from './state';
import { short } from './format';

export function Field({ label, hint, error, children }: { label: string; hint?: ReactNode; error?: string | null; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && <small id={hintId} className="hint">{hint}</small>}
      {error && <small id={errorId} className="error" role="alert">{error}</small>}
    </div>
  );
}

export function TextField({ label, value, onChange, hint, error, placeholder, type = 'text', inputMode, testid, step }: {
  label: string; value: string; onChange: (v: string) => void; hint?: ReactNode; error?: string | null; placeholder?: string; type?: string; inputMode?: 'numeric' | 'decimal' | 'text'; testid?: string; step?: number;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(id, describedBy) => (
        <input id={id} type={type} value={value} placeholder={placeholder} inputMode={inputMode} data-testid={testid} step={step}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

export function SelectField({ label, value, onChange, options, hint }: {
  label: string; value: string; onChange: (v: string) => void; options: [string, string][]; hint?: ReactNode;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id, describedBy) => (
        <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      )}
    </Field>
  );
}

/** The address in the chain's format, or null if `input` is not an address. */
export function normaliseAddress(input: string, ss58: number): string | null {
  try {
    if (!input.trim()) return null;
    return encodeAddress(decodeAddress(input.trim()), ss58);
  } catch {
    return null;
  }
}

/** An address input offering the known accounts; shows whose address it is. */
export function AddressField({ label, value, onChange, hint }: { label: string; value: string; onChange: (v: string) => void; hint?: ReactNode }) {
  const { accounts, chain, nameOf } = useApp();
  const listId = useId();
  const normal = normaliseAddress(value, chain.ss58);
  const error = value && !normal ? 'Not a valid address.' : null;
  const who = normal ? nameOf(normal) : null;
  return (
    <Field label={label} hint={who ? `${who}${hint ? ' · ' : ''}` : hint} error={error}>
      {(id, describedBy) => (
        <>
          <input id={id} list={listId} value={value} spellCheck={false} autoComplete="off"
            aria-invalid={error ? true : undefined} aria-describedby={describedBy}
            placeholder="SS58 address, or pick a known account" onChange={(e) => onChange(e.target.value)} />
          <datalist id={listId}>
            {accounts.map((a) => <option key={a.address} value={a.address}>{a.name}</option>)}
          </datalist>
        </>
      )}
    </Field>
  );
}

export function Addr({ address }: { address: string }) {
  const { nameOf } = useApp();
  const name = nameOf(address);
  return <span className="addr" title={address}>{name ? <><strong>{name}</strong> <code>{short(address)}</code></> : <code>{short(address)}</code>}</span>;
}

export function Section({ title, children, id, actions }: { title: string; children: ReactNode; id?: string; actions?: ReactNode }) {
  const hid = useId();
  return (
    <section className="card" aria-labelledby={hid} id={id}>
      <div className="card-head"><h2 id={hid}>{title}</h2>{actions}</div>
      {children}
    </section>
  );
}

export function ErrorNote({ error }: { error: string | null | undefined }) {
  return error ? <p className="error" role="alert">{error}</p> : null;
}
