// The relay chain has the two HRMP channels between the shards (2000 -> 2001 and back):
// returns how many of the two exist.
async function run(nodeName, networkInfo) {
  const api = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
  try {
    let open = 0;
    for (const [sender, recipient] of [[2000, 2001], [2001, 2000]]) {
      const channel = await api.query.hrmp.hrmpChannels({ sender, recipient });
      if (channel.isSome) open += 1;
    }
    return open;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
