// Formatting of amounts, times and addresses for display.

/** `value` smallest units as a decimal with `decimals` places (trailing zeros trimmed). */
export function units(value: bigint | number | string, decimals: number): string {
  const v = BigInt(value);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const base = 10n ** BigInt(decimals);
  const whole = (abs / base).toLocaleString('en-US');
  const frac = decimals > 0 ? (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Parses a decimal string into smallest units; null if malformed or too precise. */
export function parseUnits(input: string, decimals: number): bigint | null {
  const s = input.trim().replace(/[_,]/g, '');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > decimals) return null;
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

/** Unix seconds as a UTC date and time. */
export function when(seconds: number | bigint | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = new Date(Number(seconds) * 1000);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** A long address shortened for tables (the full one is in the title attribute). */
export function short(address: string): string {
  return address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

/** CSV field quoting. */
export function csvField(v: string | number | bigint): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Offers `content` as a file download. */
export function download(filename: string, content: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
