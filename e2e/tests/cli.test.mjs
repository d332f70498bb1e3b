// The command line: chain specs from the runtime's presets, and readable errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../lib/node.mjs';

test('build-spec exports the dev and local chain specs with their master nodes', async () => {
  for (const [chain, count] of [['dev', 1], ['local', 4]]) {
    const { status, stdout, stderr } = await runCli(['build-spec', '--chain', chain]);
    assert.equal(status, 0, stderr);
    const spec = JSON.parse(stdout);
    assert.equal(spec.properties.tokenSymbol, 'STOA');
    assert.equal(spec.properties.tokenDecimals, 12);
    const patch = spec.genesis.runtimeGenesis.patch;
    assert.equal(patch.masterNodes.masterNodes.length, count);
    assert.equal(patch.session.keys.length, count);
    assert.match(patch.masterNodes.masterNodes[0].jurisdiction, /^[A-Z]{2}$/);
  }
});

test('an unknown chain gets a readable error', async () => {
  const { status, stderr } = await runCli(['build-spec', '--chain', 'no-such-chain']);
  assert.notEqual(status, 0);
  assert.match(stderr, /unknown chain `no-such-chain`/);
});

test('a malformed chain spec gets a readable error', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const file = join(mkdtempSync(join(tmpdir(), 'stoa-spec-')), 'bad.json');
  writeFileSync(file, '{"name": "broken"');
  const { status, stderr } = await runCli(['build-spec', '--chain', file]);
  assert.notEqual(status, 0);
  assert.match(stderr, /cannot load the chain spec/);
});

test('an unknown flag gets a readable error', async () => {
  const { status, stderr } = await runCli(['--no-such-flag']);
  assert.notEqual(status, 0);
  assert.match(stderr, /unexpected argument '--no-such-flag'/);
});
