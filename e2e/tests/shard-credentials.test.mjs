// Shard credentials on a dev chain (one shard, no relay chain: docs/credentials.md, "Credentials
// that travel between shards"): governance lists shards through council motions, a signed account pushes an
// investor, a send with no channel to the shard is surfaced by an event and refuses nothing,
// and integrators see where an investor comes from. The XCM path itself runs in the network
// tier (zombienet/credentials-travel.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, submit, sudo, devAccounts, findEvent, rpc } from '../lib/node.mjs';
import { govern } from '../lib/council.mjs';

let node;
let api;
let accounts;

before(async () => {
  node = await startNode('shard-credentials', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

const asRoot = (call) => sudo(api, call, accounts.alice);

/** The error a council motion's call failed with (two thirds of the dev council), or null. */
async function councilError(call) {
  try {
    await govern(api, call);
    return null;
  } catch (e) {
    const failed = /council motion failed: (.*)$/.exec(e.message);
    if (!failed) throw e;
    return failed[1];
  }
}

/** The error a call dispatched through sudo failed with (`Sudid` carries it), or null. */
async function rootError(call) {
  const events = await asRoot(call);
  const result = events.find(({ event }) => api.events.sudo.Sudid.is(event)).event.data[0];
  if (result.isOk) return null;
  const err = result.asErr;
  if (!err.isModule) return err.toString();
  const { section, name } = api.registry.findMetaError(err.asModule);
  return `${section}.${name}`;
}

test('governance lists the shards; only governance', async () => {
  const { bob } = accounts;
  await assert.rejects(submit(api, api.tx.shardCredentials.trustShard(2001), bob), /BadOrigin/);
  assert.equal(await councilError(api.tx.shardCredentials.trustShard(2001)), null);
  assert.equal(await councilError(api.tx.shardCredentials.addRecipient(2001)), null);
  assert.equal((await api.query.shardCredentials.trustedShards(2001)).isSome, true);
  assert.deepEqual((await api.query.shardCredentials.recipients()).toJSON(), [2001]);
  // The dev chain is the EU shard (2000): it neither trusts nor sends to itself.
  assert.equal(await councilError(api.tx.shardCredentials.trustShard(2000)), 'shardCredentials.ThisShard');
});

test('a record that cannot be sent is surfaced, and the change it follows still happens', async () => {
  const { ferdie, bob } = accounts;
  // No relay chain, so no HRMP channel to 2001: the XCMP queue refuses the message.
  const events = await submit(api, api.tx.credentials.revoke(2, 'AmlScreening'), ferdie);
  assert.ok(findEvent(events, 'credentials', 'CredentialRevoked'));
  const notSent = findEvent(events, 'shardCredentials', 'NotSent');
  assert.ok(notSent, 'NotSent event');
  assert.equal(notSent.data.shard.toNumber(), 2001);
  // Anyone may push an investor again; it is numbered after what was tried before.
  const pushed = await submit(api, api.tx.shardCredentials.pushInvestor(2), bob);
  const again = findEvent(pushed, 'shardCredentials', 'NotSent');
  assert.ok(again.data.firstSeq.toNumber() > notSent.data.firstSeq.toNumber());
  await assert.rejects(submit(api, api.tx.shardCredentials.pushInvestor(99), bob), /shardCredentials\.UnknownInvestor/);
});

test('the import is not a call anyone can make', async () => {
  const { bob } = accounts;
  const updates = { V1: [] };
  await assert.rejects(submit(api, api.tx.shardCredentials.import(updates), bob), /BadOrigin/);
  assert.equal(await rootError(api.tx.shardCredentials.import(updates)), 'BadOrigin');
});

test('integrators see that a local investor has no home elsewhere', async () => {
  const view = (await api.call.credentialsApi.account(accounts.bob.address)).toJSON();
  assert.equal(view.investor.id, 1);
  assert.equal(view.investor.home, null);
  const { result, error } = await rpc(node.rpcPort, 'credentials_account', [accounts.bob.address]);
  assert.equal(error, undefined);
  assert.equal(result.investor.home, null);
});
