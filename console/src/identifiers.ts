// Security identifiers with their check digits, as the chain checks them
// (primitives/src/identifiers.rs): validated while typed so that a typo is caught before signing.

function alnum(c: string): number | null {
  if (/^[0-9]$/.test(c)) return c.charCodeAt(0) - 48;
  if (/^[A-Z]$/.test(c)) return c.charCodeAt(0) - 55;
  return null;
}
const digitSum = (v: number) => Math.floor(v / 10) + (v % 10);

/** The ISIN's Luhn check digit for an 11-character body, or null if the body is malformed. */
export function isinCheckDigit(body: string): number | null {
  if (!/^[A-Z]{2}[A-Z0-9]{9}$/.test(body)) return null;
  const digits: number[] = [];
  for (const ch of body) {
    const v = alnum(ch)!;
    if (v >= 10) digits.push(Math.floor(v / 10));
    digits.push(v % 10);
  }
  // With the check digit appended at the right, every second digit from the right of the body
  // (starting with its last) is doubled.
  let sum = 0;
  digits.reverse().forEach((d, i) => { sum += i % 2 === 0 ? digitSum(d * 2) : d; });
  return (10 - (sum % 10)) % 10;
}

/** Why an ISIN is invalid, in words, or null if it is valid. */
export function isinProblem(isin: string): string | null {
  if (isin.length === 0) return 'An ISIN is required.';
  if (isin !== isin.toUpperCase()) return 'Use capital letters.';
  if (!/^[A-Z]{2}/.test(isin)) return 'An ISIN starts with a two-letter country code (e.g. DE).';
  if (!/^[A-Z0-9]*$/.test(isin)) return 'Only letters A–Z and digits 0–9.';
  if (isin.length < 12) return `${12 - isin.length} more character${isin.length === 11 ? '' : 's'}: an ISIN has 12.`;
  if (isin.length > 12) return 'Too long: an ISIN has 12 characters.';
  if (!/[0-9]$/.test(isin)) return 'The last character is the check digit, a digit.';
  const expected = isinCheckDigit(isin.slice(0, 11));
  if (expected === null) return 'Characters 3 to 11 are letters or digits.';
  if (expected !== Number(isin[11])) return `Check digit mismatch: ${isin.slice(0, 11)} needs check digit ${expected}, not ${isin[11]}. Is there a typo?`;
  return null;
}

/** Why a CUSIP is invalid, or null. */
export function cusipProblem(cusip: string): string | null {
  if (cusip.length !== 9) return 'A CUSIP has 9 characters.';
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = cusip[i];
    let v = ch === '*' ? 36 : ch === '@' ? 37 : ch === '#' ? 38 : alnum(ch);
    if (v === null) return 'Only capital letters, digits, *, @ and #.';
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  const expected = (10 - (sum % 10)) % 10;
  return String(expected) === cusip[8] ? null : `Check digit mismatch: expected ${expected}.`;
}

/** Why an LEI is invalid, or null (ISO 7064 MOD 97-10). */
export function leiProblem(lei: string): string | null {
  if (lei.length !== 20) return 'An LEI has 20 characters.';
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(lei)) return 'Capital letters and digits, ending in two check digits.';
  let rem = 0;
  for (const ch of lei) {
    const v = alnum(ch)!;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1 ? null : 'Check digits mismatch: is there a typo?';
}

/** Why a FIGI is invalid, or null. */
export function figiProblem(figi: string): string | null {
  if (figi.length !== 12) return 'A FIGI has 12 characters.';
  if (!/^[A-Z]{2}G/.test(figi)) return 'A FIGI starts with two capital letters and G (e.g. BBG).';
  if (/[AEIOU]/.test(figi)) return 'A FIGI has no vowels.';
  if (!/[0-9]$/.test(figi)) return 'The last character is the check digit.';
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    let v = alnum(figi[i]);
    if (v === null) return 'Only capital letters and digits.';
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  const expected = (10 - (sum % 10)) % 10;
  return String(expected) === figi[11] ? null : `Check digit mismatch: expected ${expected}.`;
}
