// Debt arithmetic as the chain does it (no imports: tests/units.test.mjs loads it on its own):
// coupon dates (primitives/src/calendar.rs's add_months) and coupon amounts
// (pallets/corporate-actions/src/debt.rs).

/**
 * The Unix time (seconds) `months` calendar months after `seconds`, at the same time of day,
 * the day of month kept or clamped to the end of a shorter month (31 January + 1 month is the
 * last day of February), as `stoa_primitives::calendar::add_months`.
 */
export function addMonths(seconds: number, months: number): number {
  const d = new Date(seconds * 1000);
  const timeOfDay = seconds % 86_400;
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0-11
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), daysInMonth)) / 1000 + timeOfDay;
}

/** The `number`th coupon's date (1-based): `number - 1` periods of `months` after the first. */
export function couponDate(firstCoupon: number, months: number, number: number): number {
  return addMonths(firstCoupon, months * (number - 1));
}

/** A coupon per whole unit: ⌊face value × basis points × months / 120,000⌋, as the chain computes it. */
export function couponPerUnit(faceValue: bigint, couponBps: number, months: number): bigint {
  return (faceValue * BigInt(couponBps) * BigInt(months)) / 120_000n;
}

/** What a payment of `perUnit` (per whole unit) costs for `supply` smallest units of a security with `decimals`. */
export function paymentFor(supply: bigint, perUnit: bigint, decimals: number): bigint {
  return (supply * perUnit) / 10n ** BigInt(decimals);
}

/**
 * The coupon dates of a schedule up to maturity (none: `limit` dates), from coupon `from`
 * (1-based), at most `limit` of them, as [number, date] pairs.
 */
export function couponDates(firstCoupon: number, months: number, maturity: number | null, from: number, limit: number): [number, number][] {
  const out: [number, number][] = [];
  for (let n = from; out.length < limit; n += 1) {
    const at = couponDate(firstCoupon, months, n);
    if (maturity !== null && at > maturity) break;
    out.push([n, at]);
  }
  return out;
}
