// Opens the HRMP channels between the two shards, both ways (2000 -> 2001 and back), as the
// relay chain's governance does (sudo `hrmp.forceOpenHrmpChannel`), then waits until the relay
// chain has opened them at a session boundary. Returns how many of the two exist.
//
// They are not pre-opened in the relay chain's genesis (zombienet's `[[hrmp_channels]]`): the
// notifications that genesis sends are queued at relay block 0, which a parachain's first
// block counts as already processed, so it could never author (cumulus' "DMQ head mismatch").
async function run(nodeName, networkInfo) {
  const api = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
  const sudo = new zombie.Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const pairs = [[2000, 2001], [2001, 2000]];
  const open = async () => {
    let n = 0;
    for (const [sender, recipient] of pairs) {
      if ((await api.query.hrmp.hrmpChannels({ sender, recipient })).isSome) n += 1;
    }
    return n;
  };
  try {
    const calls = pairs.map(([s, r]) => api.tx.hrmp.forceOpenHrmpChannel(s, r, 8, 8192));
    await new Promise((resolve, reject) => {
      api.tx.sudo.sudo(api.tx.utility.batchAll(calls)).signAndSend(sudo, ({ status, dispatchError, events }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`transaction ${status.type}`));
        else if (status.isInBlock) {
          const failed = events.find(({ event }) => api.events.sudo.Sudid.is(event) && event.data[0].isErr);
          if (failed) reject(new Error(`sudo: ${failed.event.data[0].toString()}`));
          else resolve();
        }
      }).catch(reject);
    });
    console.log('    hrmp-channels: open requests forced; waiting for a session boundary');
    for (;;) {
      const n = await open();
      if (n === pairs.length) return n;
      await new Promise((r) => setTimeout(r, 3000));
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
