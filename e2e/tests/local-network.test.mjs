// Four master nodes (Alice, Bob, Charlie, Dave) on loopback with the `local` chain spec:
// they finalize together, and keep finalizing with one of the four stopped (GRANDPA needs
// more than two thirds of the votes: three of four).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, rpc, waitFor, finalizedNumber, peerIdOf } from '../lib/node.mjs';

// A fixed libp2p key for Alice so the others can name her as their bootnode.
const ALICE_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';

const nodes = [];

before(async () => {
  const alice = await startNode('alice', [
    '--chain', 'local', '--alice', '--node-key', ALICE_NODE_KEY,
  ]);
  nodes.push(alice);
  const bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${peerIdOf(ALICE_NODE_KEY)}`;
  for (const who of ['bob', 'charlie', 'dave']) {
    nodes.push(await startNode(who, ['--chain', 'local', `--${who}`, '--bootnodes', bootnode, '--unsafe-force-node-key-generation']));
  }
});

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  nodes.forEach((n) => n.cleanup());
});

test('four master nodes peer and finalize', async () => {
  for (const n of nodes) {
    await waitFor(`${n.name} to see three peers`, async () => {
      const h = await rpc(n.rpcPort, 'system_health');
      return h.result.peers >= 3;
    }, 180_000);
  }
  for (const n of nodes) {
    const reached = await waitFor(`${n.name} to finalize block 3`, async () => {
      const f = await finalizedNumber(n.rpcPort);
      return f >= 3 ? f : null;
    }, 240_000);
    assert.ok(reached >= 3);
  }
  const authorities = await rpc(nodes[0].rpcPort, 'state_call', ['GrandpaApi_grandpa_authorities', '0x']);
  assert.ok(authorities.result, 'GRANDPA authorities are readable');
  // Compact length 4 (0x10) prefixes the SCALE-encoded list of four authorities.
  assert.ok(authorities.result.startsWith('0x10'), `four GRANDPA authorities, got ${authorities.result.slice(0, 6)}`);
});

test('finality continues with one of four master nodes stopped', async () => {
  const dave = nodes[3];
  await dave.stop();
  const alice = nodes[0];
  const start = await finalizedNumber(alice.rpcPort);
  const reached = await waitFor('finality to advance by 3 blocks without Dave', async () => {
    const f = await finalizedNumber(alice.rpcPort);
    return f >= start + 3 ? f : null;
  }, 240_000);
  assert.ok(reached >= start + 3);
  // The other two surviving nodes agree.
  for (const n of nodes.slice(1, 3)) {
    await waitFor(`${n.name} to follow finality`, async () => (await finalizedNumber(n.rpcPort)) >= start + 3, 120_000);
  }
});
