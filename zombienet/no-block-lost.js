// After a collator (`args[0]`) was killed with SIGKILL and restarted, the shard goes on with
// no block lost: the restarted node syncs, the shard's finalized chain grows by `args[1]`
// more blocks, both nodes agree on every block hash from genesis to the finalized head (no
// gap, no block replaced), and the restarted collator seals blocks again (its Aura key is its
// dev account's: `dave` -> //Dave). Returns 1.
async function run(nodeName, networkInfo, args) {
  const [restartedName, more] = [args[0], Number(args[1] ?? 6)];
  const api = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
  const restarted = await zombie.connect(networkInfo.nodesByName[restartedName].wsUri);
  const finalized = async (a) => (await a.rpc.chain.getHeader(await a.rpc.chain.getFinalizedHead())).number.toNumber();
  const waitFor = async (what, check, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 2000));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  try {
    const start = await finalized(api);
    await waitFor(`${more} more finalized blocks`, async () => (await finalized(api)) >= start + more, 500_000);
    const target = await finalized(api);
    await waitFor(`${restartedName} to finalize block ${target}`, async () => (await finalized(restarted)) >= target, 300_000);
    for (let n = 1; n <= target; n++) {
      const [a, b] = await Promise.all([api.rpc.chain.getBlockHash(n), restarted.rpc.chain.getBlockHash(n)]);
      if (a.isEmpty || a.toHex() !== b.toHex()) {
        throw new Error(`block ${n}: ${nodeName} has ${a.toHex()}, ${restartedName} has ${b.toHex()}`);
      }
    }
    console.log(`    no-block-lost: blocks 1..${target} agree on ${nodeName} and ${restartedName}`);

    // The Aura key that sealed a block: the authority of its slot, in its parent's state.
    const authorOf = async (header) => {
      const digest = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
      const slot = api.createType('u64', digest.asPreRuntime[1]).toBigInt();
      const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
      return authorities[Number(slot % BigInt(authorities.length))].toHex();
    };
    const seed = `//${restartedName[0].toUpperCase()}${restartedName.slice(1)}`;
    const key = '0x' + Buffer.from(new zombie.Keyring({ type: 'sr25519' }).addFromUri(seed).publicKey).toString('hex');
    let checked = target;
    let sealed = null;
    await waitFor(`a finalized block sealed by ${restartedName} after its restart`, async () => {
      const head = await finalized(api);
      for (; checked < head && !sealed; ) {
        checked += 1;
        const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(checked));
        if ((await authorOf(header)) === key) sealed = checked;
      }
      return sealed !== null;
    }, 300_000);
    console.log(`    no-block-lost: ${restartedName} sealed finalized block ${sealed} after its restart`);
    return 1;
  } finally {
    await Promise.all([api.disconnect(), restarted.disconnect()]);
  }
}

module.exports = { run };
