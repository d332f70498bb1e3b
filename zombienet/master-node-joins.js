// A master node joins the shard and leaves it again, as docs/operators.md describes, on a live
// relay chain: its node (`args[0]`, running as a collator) generates session keys with an
// ownership proof, the operator registers them, governance admits it, and from a session
// boundary on its collator produces shard blocks that the relay chain includes; then it
// announces its departure and, from a later boundary on, produces none. Returns 1.
const common = require('./common.js');
const { waitFor } = common;

async function run(nodeName, networkInfo, args) {
  const { Keyring, util } = zombie;
  const joinerName = args[0];
  const api = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
  const joinerProvider = new zombie.WsProvider(networkInfo.nodesByName[joinerName].wsUri);
  await joinerProvider.isReady;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice');
  const operator = keyring.addFromUri(common.devSeed(joinerName));
  const log = (...m) => console.log(`    master-node-joins: ${m.join(' ')}`);

  const submit = (tx, signer) => common.submit(api, tx, signer);
  const authorOf = (header) => common.authorOf(api, header);
  const validators = async () => (await api.query.session.validators()).map(String);

  try {
    // Sessions of 5 blocks (governance sets the storage parameter), so that the test takes
    // minutes, not hours.
    const key = util.xxhashAsHex(':SessionPeriod:', 128);
    await submit(api.tx.sudo.sudo(api.tx.system.setStorage([[key, '0x05000000']])), alice);
    log('sessions of 5 blocks');

    // Keys generated in the joining node's keystore, with a proof the operator owns them.
    const owner = api.createType('AccountId32', operator.address).toHex();
    const { keys, proof } = await joinerProvider.send('author_rotateKeysWithOwner', [owner]);
    await submit(api.tx.session.setKeys(keys, proof), operator);
    log(`${joinerName} registered session keys ${keys}`);

    await submit(api.tx.sudo.sudo(api.tx.masterNodes.admitMasterNode(
      operator.address, 'Bob Custody AG', 'CH', 'https://finma.example/bob', '0x' + '22'.repeat(32),
    )), alice);
    log(`${joinerName} admitted`);
    await waitFor(`${joinerName} in session.validators`, async () => (await validators()).includes(operator.address), 600_000);
    log(`${joinerName} is a collator of the shard`);

    // Its own collator produces shard blocks (the relay chain backs and includes them: the
    // finalized head moves past them).
    const authored = await waitFor(`a block sealed by ${joinerName}'s key`, async () => {
      const header = await api.rpc.chain.getHeader();
      return (await authorOf(header)) === keys ? header : null;
    }, 600_000);
    log(`block ${authored.number} sealed by ${joinerName}`);
    await waitFor(`block ${authored.number} finalized`, async () =>
      (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber()
        >= authored.number.toNumber(), 600_000);
    const canonical = await api.rpc.chain.getBlockHash(authored.number);
    if (canonical.toHex() !== authored.hash.toHex()) throw new Error(`${joinerName}'s block was not kept`);
    log(`${joinerName}'s block ${authored.number} finalized by the relay chain`);

    // Departure: out of the set from a session boundary on; the shard goes on without it.
    await submit(api.tx.masterNodes.announceDeparture(), operator);
    await waitFor(`${joinerName} out of session.validators`, async () => !(await validators()).includes(operator.address), 600_000);
    const left = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitFor('5 more blocks without it', async () =>
      (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= left + 5, 600_000);
    for (let n = left + 1; n <= left + 5; n++) {
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      if ((await authorOf(header)) === keys) throw new Error(`block ${n} sealed by ${joinerName} after it left`);
    }
    log(`${joinerName} left; blocks ${left + 1}..${left + 5} sealed by the others`);
    return 1;
  } finally {
    await Promise.all([api.disconnect(), joinerProvider.disconnect()]);
  }
}

module.exports = { run };
