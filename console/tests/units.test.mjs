// The console's pure helpers, without a node: identifier check digits (the same vectors as
// primitives/src/identifiers.rs's tests) and amount parsing/formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { transformWithEsbuild } from 'vite';

async function load(file) {
  const source = await readFile(new URL(`../src/${file}`, import.meta.url), 'utf8');
  const { code } = await transformWithEsbuild(source, file, { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

test('identifier check digits agree with the chain\'s', async () => {
  const ids = await load('identifiers.ts');
  for (const ok of ['US0378331005', 'DE000BAY0017', 'GB0002634946', 'CH0012032048', 'XS2021462440']) {
    assert.equal(ids.isinProblem(ok), null, ok);
  }
  for (const bad of ['US0378331006', 'us0378331005', '0S0378331005', 'US037833100X', 'US03783310', 'US03783-1005']) {
    assert.notEqual(ids.isinProblem(bad), null, bad);
  }
  assert.match(ids.isinProblem('DE000BAY0018'), /needs check digit 7, not 8/);
  assert.equal(ids.isinCheckDigit('US037833100'), 5);
  assert.equal(ids.cusipProblem('037833100'), null);
  assert.equal(ids.cusipProblem('38259P508'), null);
  assert.notEqual(ids.cusipProblem('037833101'), null);
  assert.equal(ids.leiProblem('HWUPKR0MPOU8FGXBT394'), null);
  assert.equal(ids.leiProblem('5493001KJTIIGC8Y1R12'), null);
  assert.notEqual(ids.leiProblem('HWUPKR0MPOU8FGXBT395'), null);
  assert.equal(ids.figiProblem('BBG000B9XRY4'), null);
  assert.notEqual(ids.figiProblem('BBG000B9XRY5'), null);
  assert.notEqual(ids.figiProblem('BBA000B9XRY4'), null);
});

test('amounts are parsed and shown exactly', async () => {
  const f = await load('format.ts');
  assert.equal(f.parseUnits('1', 6), 1_000_000n);
  assert.equal(f.parseUnits('0.000001', 6), 1n);
  assert.equal(f.parseUnits('1.0000001', 6), null);
  assert.equal(f.parseUnits('1,000', 0), 1000n);
  assert.equal(f.parseUnits('-1', 0), null);
  assert.equal(f.units(1_234_567_890n, 6), '1,234.56789');
  assert.equal(f.units(600, 0), '600');
  assert.equal(f.units(2n ** 100n, 0), (2n ** 100n).toLocaleString('en-US'));
});

test('coupon dates and amounts agree with the chain\'s', async () => {
  const d = await load('debt.ts');
  const day = (t) => new Date(t * 1000).toISOString().slice(0, 10);
  // primitives/src/calendar.rs's vectors: the day clamped to shorter months, the time kept.
  const jan31 = Date.UTC(2024, 0, 31) / 1000 + 3_600;
  assert.equal(day(d.addMonths(jan31, 1)), '2024-02-29');
  assert.equal(day(d.addMonths(jan31, 13)), '2025-02-28');
  assert.equal(day(d.addMonths(jan31, 3)), '2024-04-30');
  assert.equal(d.addMonths(jan31, 12) % 86_400, 3_600);
  assert.equal(day(d.addMonths(Date.UTC(2024, 10, 15) / 1000, 6)), '2025-05-15');
  assert.equal(day(d.couponDate(jan31, 6, 3)), '2025-01-31');
  // ⌊face × bps × months / 120,000⌋: 100 dUSD at 5% a year, twice a year, is 2.5 dUSD.
  assert.equal(d.couponPerUnit(100_000_000n, 500, 6), 2_500_000n);
  assert.equal(d.couponPerUnit(1n, 1, 1), 0n);
  assert.equal(d.paymentFor(150n, 5_000_000n, 0), 750_000_000n);
  assert.equal(d.paymentFor(1_500n, 5_000_000n, 1), 750_000_000n);
  assert.deepEqual(d.couponDates(jan31, 12, Date.UTC(2026, 0, 31) / 1000 + 3_600, 1, 10).map(([n, t]) => [n, day(t)]),
    [[1, '2024-01-31'], [2, '2025-01-31'], [3, '2026-01-31']]);
  assert.equal(d.couponDates(jan31, 1, null, 5, 4).length, 4);
});
