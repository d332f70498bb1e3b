// An operator joins as a master node, as docs/operators.md describes: a node generates
// session keys with an ownership proof, the operator registers them, governance admits it,
// and from a session boundary on its Aura key is in the shard's collator set; then it leaves
// again. On the dev chain (one node, blocks sealed by the node itself) this checks the
// runtime's side; the zombienet network test (zombienet/shards.zndsl) checks that the
// admitted master node's own collator then produces the shard's blocks on a live relay chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { startNode, connect, rpc, waitFor, finalizedNumber, submit, devAccounts } from '../lib/node.mjs';
import { govern, councilAsRoot } from '../lib/council.mjs';

const ALICE_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000002';
// Sessions of 5 blocks instead of 100, set by governance through the storage parameter.
const SESSION_PERIOD_KEY = xxhashAsHex(':SessionPeriod:', 128);
const FIVE_BLOCKS = '0x05000000';

let aliceNode;
let api;
let alice;
let bob;

before(async () => {
  aliceNode = await startNode('alice', ['--dev', '--node-key', ALICE_NODE_KEY]);
  api = await connect(aliceNode);
  ({ alice, bob } = devAccounts(api));
});

after(async () => {
  await api?.disconnect();
  await aliceNode?.stop();
  aliceNode?.cleanup();
});


const validators = async () => (await api.query.session.validators()).map(String);

test('an operator joins: keys, admission, then the authority set', async () => {
  await councilAsRoot(api, api.tx.system.setStorage([[SESSION_PERIOD_KEY, FIVE_BLOCKS]]));

  // Keys are generated in a node's keystore, with a proof that Bob's account owns them.
  const owner = api.createType('AccountId32', bob.address).toHex();
  const generated = await rpc(aliceNode.rpcPort, 'author_rotateKeysWithOwner', [owner]);
  assert.ok(generated.result, JSON.stringify(generated.error));
  const { keys, proof } = generated.result;
  await submit(api, api.tx.session.setKeys(keys, proof), bob);

  // Admitted by a council motion: planned at the next boundary, active at the one after.
  const hash = '0x' + '22'.repeat(32);
  await govern(api, api.tx.masterNodes.admitMasterNode(bob.address, 'Bob Custody AG', 'CH', 'https://finma.example/bob', hash));
  await waitFor('Bob in the planned set', async () =>
    (await api.query.masterNodes.plannedAuthorities()).map(String).includes(bob.address), 120_000);
  await waitFor('Bob in session.validators', async () => (await validators()).includes(bob.address), 120_000);
  // SessionKeys = (aura sr25519): the whole key is Bob's Aura key, now a collator's.
  const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
  assert.equal(authorities.length, 2);
  assert.ok(authorities.includes(keys), `${keys} in ${authorities}`);
  // The relay chain's validators check blocks against aura-ext's copy of the set.
  assert.equal((await api.query.auraExt.authorities()).length, 2);
  // Blocks go on being finalized with two collators.
  const start = await finalizedNumber(aliceNode.rpcPort);
  await waitFor('finality with two master nodes', async () =>
    (await finalizedNumber(aliceNode.rpcPort)) >= start + 3, 180_000);
});

test('an operator leaves: departure takes effect at a session boundary', async () => {
  await submit(api, api.tx.masterNodes.announceDeparture(), bob);
  assert.equal((await api.query.masterNodes.masterNodes(bob.address)).isNone, true);
  await waitFor('Bob out of session.validators', async () => {
    const v = await validators();
    return v.length === 1 && v[0] === alice.address;
  }, 180_000);
  // The floor: Alice, now alone, cannot leave.
  await assert.rejects(submit(api, api.tx.masterNodes.announceDeparture(), alice), /masterNodes\.BelowMinimum/);
  const start = await finalizedNumber(aliceNode.rpcPort);
  await waitFor('finality with Alice alone again', async () =>
    (await finalizedNumber(aliceNode.rpcPort)) >= start + 2, 180_000);
});
