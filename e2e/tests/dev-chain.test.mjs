// The dev chain, as `scripts/dev.sh` runs it (`stoa-node --dev`, state in a temporary base path), driven by @polkadot/api.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToString } from '@polkadot/util';
import { startNode, connect, rpc, waitFor, finalizedNumber, submit, devAccounts } from '../lib/node.mjs';
import { govern } from '../lib/council.mjs';

let node;
let api;
let alice;
let bob;

before(async () => {
  node = await startNode('dev', ['--dev']);
  api = await connect(node);
  ({ alice, bob } = devAccounts(api));
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});


/** The pallet error inside a sudo call's `Sudid` result, as `pallet.Error`. */
function sudidError(events) {
  const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
  assert.ok(sudid, 'sudo.Sudid was emitted');
  const result = sudid.event.data[0];
  if (result.isOk) return null;
  const err = result.asErr;
  assert.ok(err.isModule, `a module error, got ${err.toString()}`);
  const { section, name } = api.registry.findMetaError(err.asModule);
  return `${section}.${name}`;
}

test('answers system_health', async () => {
  const health = await rpc(node.rpcPort, 'system_health');
  assert.equal(health.result.isSyncing, false);
  assert.equal(health.result.shouldHavePeers, false);
});

test('produces and finalizes blocks', async () => {
  const first = await finalizedNumber(node.rpcPort);
  const reached = await waitFor('finality to advance by 3 blocks', async () => {
    const n = await finalizedNumber(node.rpcPort);
    return n >= first + 3 ? n : null;
  });
  assert.ok(reached >= first + 3);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best >= reached, 'best block is at or after the finalized one');
});

test('advertises the chain properties', async () => {
  const props = await api.rpc.system.properties();
  assert.deepEqual(props.tokenSymbol.unwrap().map(String), ['STOA']);
  assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal((await api.rpc.system.chain()).toString(), 'Stoa Development');
});

test('has Alice as its one master node and authority', async () => {
  const node = await api.query.masterNodes.masterNodes(alice.address);
  assert.ok(node.isSome, 'Alice is a master node');
  assert.equal(u8aToString(node.unwrap().jurisdiction), 'DE');
  assert.equal((await api.query.masterNodes.masterNodes.entries()).length, 1);
  const validators = await api.query.session.validators();
  assert.deepEqual(validators.map(String), [alice.address]);
  assert.equal((await api.query.aura.authorities()).length, 1);
});

test('holds the dev stablecoin', async () => {
  const meta = await api.query.assets.metadata(1);
  assert.equal(u8aToString(meta.symbol), 'dUSD');
  assert.equal(meta.decimals.toNumber(), 6);
  const account = await api.query.assets.account(1, bob.address);
  assert.equal(account.unwrap().balance.toBigInt(), 1_000_000_000_000n);
});

test('a council motion admits a master node, and bad input gets a typed error', async () => {
  const hash = '0x' + '11'.repeat(32);
  const admit = (who, name, code, uri) => api.tx.masterNodes.admitMasterNode(who, name, code, uri, hash);

  await assert.rejects(
    govern(api, admit(bob.address, 'Bob Custody AG', 'ZZ', 'https://finma.example/1')),
    /council motion failed: masterNodes.InvalidJurisdiction/,
  );

  const events = await govern(api, admit(bob.address, 'Bob Custody AG', 'CH', 'https://finma.example/1'));
  const admitted = events.find(({ event }) => api.events.masterNodes.MasterNodeAdmitted.is(event));
  assert.ok(admitted, 'MasterNodeAdmitted was emitted');
  assert.equal(admitted.event.data.operator.toString(), bob.address);

  await assert.rejects(
    govern(api, admit(bob.address, 'Bob Custody AG', 'CH', 'https://finma.example/1')),
    /masterNodes.AlreadyMasterNode/,
  );

  // Only governance admits: a plain signed call is refused.
  await assert.rejects(
    submit(api, api.tx.masterNodes.admitMasterNode(alice.address, 'X', 'DE', 'u', hash), bob),
    /BadOrigin/,
  );
});

test('the dev chain keeps a sudo key for convenience, and its errors are typed', async () => {
  assert.equal((await api.query.sudo.key()).unwrap().toString(), alice.address);
  const events = await submit(api, api.tx.sudo.sudo(
    api.tx.masterNodes.admitMasterNode('0x' + '77'.repeat(32), 'X', 'ZZ', 'u', '0x' + '11'.repeat(32))), alice);
  assert.equal(sudidError(events), 'masterNodes.InvalidJurisdiction');
});

test('a malformed RPC call gets an error and the node keeps running', async () => {
  const bad = await rpc(node.rpcPort, 'chain_getBlockHash', ['not-a-number']);
  assert.ok(bad.error, 'an error response');
  assert.match(bad.error.message, /invalid/i);
  const unknown = await rpc(node.rpcPort, 'stoa_noSuchMethod', []);
  assert.equal(unknown.error.code, -32601);
  const health = await rpc(node.rpcPort, 'system_health');
  assert.ok(health.result, 'still answering');
  assert.equal(node.exited, null);
});
