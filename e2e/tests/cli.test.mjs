// The command line: chain specs from the runtime's presets, and readable errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../lib/node.mjs';

// Every built-in chain is a shard: its master nodes, its parachain id, its relay chain.
const BUILT_IN = [
  ['dev', 1, 2000],
  ['local', 4, 2000],
  ['shard-eu-development', 1, 2000],
  ['shard-eu-local', 2, 2000],
  ['shard-apac-development', 1, 2001],
  ['shard-apac-local', 2, 2001],
];

test('build-spec exports every built-in shard with its master nodes and parachain id', async () => {
  for (const [chain, count, paraId] of BUILT_IN) {
    const { status, stdout, stderr } = await runCli(['build-spec', '--chain', chain]);
    assert.equal(status, 0, stderr);
    const spec = JSON.parse(stdout);
    assert.equal(spec.id, chain);
    assert.equal(spec.properties.tokenSymbol, 'STOA');
    assert.equal(spec.properties.tokenDecimals, 12);
    assert.equal(spec.paraId, paraId, chain);
    assert.equal(spec.relayChain, 'rococo-local', chain);
    const patch = spec.genesis.runtimeGenesis.patch;
    assert.equal(patch.parachainInfo.parachainId, paraId, chain);
    assert.equal(patch.masterNodes.masterNodes.length, count, chain);
    assert.equal(patch.session.keys.length, count, chain);
    assert.match(patch.masterNodes.masterNodes[0].jurisdiction, /^[A-Z]{2}$/);
  }
});

test('export-chain-spec works for a shard too', async () => {
  const { status, stdout, stderr } = await runCli(['export-chain-spec', '--chain', 'shard-apac-local']);
  assert.equal(status, 0, stderr);
  assert.equal(JSON.parse(stdout).paraId, 2001);
});

test('export-genesis-head and export-genesis-wasm give what a relay chain registers', async () => {
  const heads = {};
  for (const chain of ['shard-eu-local', 'shard-apac-local']) {
    // Building the genesis state compiles and runs the runtime: on a loaded two-core machine
    // a debug node can take minutes, as for the code below.
    const head = await runCli(['export-genesis-head', '--chain', chain], 300_000);
    assert.equal(head.status, 0, head.stderr);
    assert.match(head.stdout.trim(), /^0x[0-9a-f]{64,}$/);
    heads[chain] = head.stdout.trim();
    const wasm = await runCli(['export-genesis-wasm', '--chain', chain], 300_000);
    assert.equal(wasm.status, 0, wasm.stderr);
    // The runtime's code, hex, as a relay chain stores it: compacted and zstd-compressed
    // (sp-maybe-compressed-blob's prefix), within the relay chain's max_code_size (5 MiB).
    const code = wasm.stdout.trim();
    assert.ok(code.startsWith('0x52bc537646db8e05'), `compressed code, got ${code.slice(0, 18)}`);
    const bytes = Buffer.from(code.slice(2), 'hex');
    assert.equal(bytes.length * 2, code.length - 2, 'all hex');
    assert.ok(bytes.length > 100_000, `${bytes.length} bytes of code`);
    assert.ok(bytes.length < 5 * 1024 * 1024, `${bytes.length} bytes: more than a relay chain takes`);
  }
  // Two shards of one runtime are two parachains: their genesis heads differ.
  assert.notEqual(heads['shard-eu-local'], heads['shard-apac-local']);
});

test('a bad relay-chain argument gets a readable error', async () => {
  const { status, stderr } = await runCli(['--chain', 'shard-eu-local', '--tmp', '--', '--no-such-relay-flag']);
  assert.notEqual(status, 0);
  assert.match(stderr, /bad relay-chain argument \(after `--`\)/);
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
