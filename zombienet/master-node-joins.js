// A master node joins the shard and leaves it again, as docs/operators.md describes, on a live
// relay chain: its node (`args[0]`, running as a collator) generates session keys with an
// ownership proof, the operator registers them, a council motion (a majority) admits it, and
// within two sessions of the motion its collator produces shard blocks that the relay chain
// includes; then a council motion removes it and, within two sessions, it produces none.
// The shard has no sudo key: its council (Alice, Bob, Charlie) governs it. Returns 1.
const common = require('./common.js');
const { waitFor, finalizedNumber, finalizedBlockSealedBy, councilMotion, councilAsRoot, devCouncil } = common;

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

  const council = devCouncil(keyring);
  const submit = (tx, signer) => common.submit(api, tx, signer);
  const session = async (at) => (await (at ? await api.at(at) : api).query.session.currentIndex()).toNumber();
  const authorOf = (header) => common.authorOf(api, header);
  const validators = async () => (await api.query.session.validators()).map(String);

  try {
    // Sessions of 5 blocks (the council sets the storage parameter, as root), so that the
    // test takes minutes, not hours.
    const key = util.xxhashAsHex(':SessionPeriod:', 128);
    await councilAsRoot(api, api.tx.system.setStorage([[key, '0x05000000']]), council);
    log('sessions of 5 blocks (a council motion, dispatched as root)');

    // Keys generated in the joining node's keystore, with a proof the operator owns them.
    const owner = api.createType('AccountId32', operator.address).toHex();
    const { keys, proof } = await joinerProvider.send('author_rotateKeysWithOwner', [owner]);
    await submit(api.tx.session.setKeys(keys, proof), operator);
    log(`${joinerName} registered session keys ${keys}`);

    const admission = await councilMotion(api, api.tx.masterNodes.admitMasterNode(
      operator.address, 'Bob Custody AG', 'CH', 'https://finma.example/bob', '0x' + '22'.repeat(32),
    ), council, 2);
    const admittedIn = await session(admission.blockHash);
    log(`${joinerName} admitted by a council motion in session ${admittedIn}`);
    await waitFor(`${joinerName} in session.validators`, async () => (await validators()).includes(operator.address), 600_000);
    log(`${joinerName} is a collator of the shard`);

    // Its own collator produces shard blocks that the relay chain includes: one of them is in
    // the shard's finalized chain (a block at the tip may lose to a sibling's, so only
    // finalized ones count), at most two sessions after the motion.
    const joined = await finalizedNumber(api);
    const sealed = await finalizedBlockSealedBy(api, keys, joined, `a finalized block sealed by ${joinerName}'s key`, 600_000);
    const sealedIn = await session(await api.rpc.chain.getBlockHash(sealed));
    log(`${joinerName}'s block ${sealed} (session ${sealedIn}) finalized by the relay chain`);
    if (sealedIn - admittedIn > 2) throw new Error(`${joinerName} authored ${sealedIn - admittedIn} sessions after its admission`);

    // Removal: a council motion; out of the set from a session boundary on, at most two
    // sessions later; the shard goes on without it.
    const removal = await councilMotion(api, api.tx.masterNodes.removeMasterNode(operator.address), council, 2);
    const removedIn = await session(removal.blockHash);
    log(`${joinerName} removed by a council motion in session ${removedIn}`);
    await waitFor(`${joinerName} out of session.validators`, async () => !(await validators()).includes(operator.address), 600_000);
    const outIn = await session();
    if (outIn - removedIn > 2) throw new Error(`${joinerName} left the set ${outIn - removedIn} sessions after its removal`);
    const left = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitFor('5 more blocks without it', async () => (await finalizedNumber(api)) >= left + 5, 600_000);
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
