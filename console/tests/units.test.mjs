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
