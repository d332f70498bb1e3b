// Opens the HRMP channels between the two shards, both ways (2000 -> 2001 and back), as the
// relay chain's governance does (sudo `hrmp.forceOpenHrmpChannel`), then waits until the relay
// chain has opened them at a session boundary. Returns how many of the two exist.
//
// They are not pre-opened in the relay chain's genesis (zombienet's `[[hrmp_channels]]`): the
// notifications that genesis sends are queued at relay block 0, which a parachain's first
// block counts as already processed, so it could never author (cumulus' "DMQ head mismatch").
const { submit, waitFor } = require('./common.js');

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
    await submit(api, api.tx.sudo.sudo(api.tx.utility.batchAll(calls)), sudo);
    console.log('    hrmp-channels: open requests forced; waiting for a session boundary');
    return await waitFor('both HRMP channels', async () => ((await open()) === pairs.length ? pairs.length : 0), 600_000);
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
