// After a collator (`args[0]`) was killed with SIGKILL and restarted, the shard goes on with
// no block lost: the restarted node syncs, the shard's finalized chain grows by `args[1]`
// more blocks, both nodes agree on every block hash from genesis to the finalized head (no
// gap, no block replaced), and the restarted collator seals blocks again (its Aura key is its
// dev account's: `dave` -> //Dave). Returns 1.
const { devSeed, waitFor, finalizedNumber, finalizedBlockSealedBy } = require('./common.js');

async function run(nodeName, networkInfo, args) {
  const [restartedName, more] = [args[0], Number(args[1] ?? 6)];
  const api = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
  const restarted = await zombie.connect(networkInfo.nodesByName[restartedName].wsUri);
  try {
    const start = await finalizedNumber(api);
    await waitFor(`${more} more finalized blocks`, async () => (await finalizedNumber(api)) >= start + more, 500_000);
    const target = await finalizedNumber(api);
    await waitFor(`${restartedName} to finalize block ${target}`, async () => (await finalizedNumber(restarted)) >= target, 300_000);
    for (let n = 1; n <= target; n++) {
      const [a, b] = await Promise.all([api.rpc.chain.getBlockHash(n), restarted.rpc.chain.getBlockHash(n)]);
      if (a.isEmpty || a.toHex() !== b.toHex()) {
        throw new Error(`block ${n}: ${nodeName} has ${a.toHex()}, ${restartedName} has ${b.toHex()}`);
      }
    }
    console.log(`    no-block-lost: blocks 1..${target} agree on ${nodeName} and ${restartedName}`);

    const seed = devSeed(restartedName);
    const key = '0x' + Buffer.from(new zombie.Keyring({ type: 'sr25519' }).addFromUri(seed).publicKey).toString('hex');
    const sealed = await finalizedBlockSealedBy(api, key, target, `a finalized block sealed by ${restartedName} after its restart`, 300_000);
    console.log(`    no-block-lost: ${restartedName} sealed finalized block ${sealed} after its restart`);
    return 1;
  } finally {
    await Promise.all([api.disconnect(), restarted.disconnect()]);
  }
}

module.exports = { run };
