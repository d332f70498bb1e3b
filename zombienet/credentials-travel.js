// Credentials that travel (docs/credentials.md): an investor onboarded on the EU shard (2000)
// holds a security issued on the APAC shard (2001), which trusts the EU shard; blocked on the
// EU shard, it can no longer receive on the APAC shard (`issuance.Blocked`). Everything goes
// through the shards' real XCM (HRMP) path. Returns the delay, in relay-chain blocks, between
// the block on the EU shard and its effect on the APAC shard (the relay parents of the two
// shard blocks), after printing it and the attestation's delay.
const { submit: send, waitFor, councilMotion, devCouncil } = require('./common.js');

async function run(nodeName, networkInfo) {
  const { Keyring } = zombie;
  const eu = await zombie.connect(networkInfo.nodesByName[nodeName].wsUri);
  const apac = await zombie.connect(networkInfo.nodesByName.charlie.wsUri);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: eu.registry.chainSS58 });
  const alice = keyring.addFromUri('//Alice'); // issuer on both shards
  const council = devCouncil(keyring); // each shard's regulators' council (no sudo key)
  const ferdie = keyring.addFromUri('//Ferdie'); // the dev KYC qualifier
  const regulator = keyring.addFromUri('//ApacRegulator');
  const traveller = keyring.addFromUri('//Traveller'); // nobody's wallet on either shard yet
  const log = (...m) => console.log(`    credentials-travel: ${m.join(' ')}`);
  // Enums with data (CredentialKind) read as { kyc: null } in JSON.
  const kindName = (kind) => (typeof kind === 'string' ? kind : Object.keys(kind)[0]).toLowerCase();
  const findEvent = (events, section, method) =>
    events.find(({ event }) => event.section === section && event.method === method)?.event;
  // The relay-chain block a shard block was built on.
  const relayParent = async (api, hash) =>
    (await (await api.at(hash)).query.parachainSystem.validationData()).unwrap().relayParentNumber.toNumber();
  // Submits and returns [events, relay parent of the including block].
  const submit = async (api, tx, signer) => {
    const events = await send(api, tx, signer);
    const hash = (await api.rpc.chain.getBlock()).block.header.hash; // at or after inclusion
    return [events, await relayParent(api, hash)];
  };
  // The APAC shard's `credentials_account` for the traveller at block `at` (over HTTP: the
  // integrators' RPC, not decorated by the API zombienet bundles).
  const apacHttp = networkInfo.nodesByName.charlie.wsUri.replace(/^ws/, 'http');
  const account = async (at) => {
    const res = await fetch(apacHttp, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'credentials_account', params: [traveller.address, at] }),
    });
    const { result, error } = await res.json();
    if (error) throw new Error(`credentials_account: ${JSON.stringify(error)}`);
    return result;
  };
  // Waits until `check(view)` holds for the APAC shard's view of the traveller; returns the
  // relay parent of the first APAC block where it does.
  const onApac = async (what, check) => {
    let seen;
    const unsubscribe = await apac.rpc.chain.subscribeNewHeads(async (header) => {
      const view = await account(header.hash.toHex());
      if (!seen && check(view)) seen = header.hash;
    });
    try {
      const hash = await waitFor(what, async () => seen, 300_000);
      return relayParent(apac, hash);
    } finally {
      unsubscribe();
    }
  };

  try {
    // Governance (two thirds of each shard's council): the APAC shard trusts the EU shard;
    // the EU shard sends it its records.
    await councilMotion(apac, apac.tx.shardCredentials.trustShard(2000), council, 2);
    await councilMotion(eu, eu.tx.shardCredentials.addRecipient(2001), council, 2);
    // The EU qualifier was registered before there was a recipient: send its record once.
    await send(eu, eu.tx.shardCredentials.pushQualifier(0), alice);
    log('APAC trusts EU; EU sends to APAC');

    // An issuer and a security on the APAC shard (Alice, investor 0 there, approved by a DE
    // regulator of that shard).
    await send(apac, apac.tx.balances.transferKeepAlive(regulator.address, 10n ** 15n), alice);
    await councilMotion(apac, apac.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin'), council, 2);
    await send(apac, apac.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
    const ids = { isin: 'DE000BAY0017', cusip: null, lei: 'HWUPKR0MPOU8FGXBT394', figi: null };
    const created = await send(apac, apac.tx.issuance.createSecurity('Alice AG', 'ALIC', 'Equity', 0, ids, 1_000_000), alice);
    const security = findEvent(created, 'issuance', 'SecurityCreated').data.security.toNumber();
    await send(apac, apac.tx.issuance.issue(security, alice.address, 1_000), alice);
    log(`security ${security} issued on APAC`);

    // Onboarded once, on the EU shard: investor, wallet (with its consent), KYC.
    await send(eu, eu.tx.balances.transferKeepAlive(traveller.address, 10n ** 15n), alice);
    const made = await send(eu, eu.tx.credentials.createInvestor('Individual', 'FR'), ferdie);
    const investor = findEvent(made, 'credentials', 'InvestorCreated').data.investor.toNumber();
    await send(eu, eu.tx.credentials.requestWalletLink(investor, traveller.address), ferdie);
    await send(eu, eu.tx.credentials.acceptWalletLink(investor), traveller);
    const [, attestedAt] = await submit(eu, eu.tx.credentials.attest(investor, 'Kyc', null, '0x' + '22'.repeat(32)), ferdie);
    const kycSeenAt = await onApac('the KYC on the APAC shard', (v) =>
      v.investor?.home?.shard === 2000 && v.investor.credentials.some((c) => kindName(c.kind) === 'kyc' && c.valid));
    log(`EU investor ${investor}: KYC attested at relay parent ${attestedAt}, counts on APAC from relay parent ${kycSeenAt} (${kycSeenAt - attestedAt} relay blocks)`);

    // It holds a security of the APAC shard.
    await send(apac, apac.tx.issuance.transfer(security, traveller.address, 100), alice);
    const holding = (await apac.query.issuance.holdings(security, traveller.address)).toJSON();
    log(`traveller holds ${JSON.stringify(holding)} of security ${security} on APAC`);

    // Blocked at home: the APAC shard refuses it from then on.
    const [, blockedAt] = await submit(eu, eu.tx.credentials.blockInvestor(investor, 'Other'), ferdie);
    const blockSeenAt = await onApac('the block on the APAC shard', (v) => v.blocked !== null && v.blocked !== undefined);
    const delay = blockSeenAt - blockedAt;
    log(`blocked on EU at relay parent ${blockedAt}, effective on APAC from relay parent ${blockSeenAt}: ${delay} relay blocks`);
    let refused;
    try {
      await send(apac, apac.tx.issuance.transfer(security, traveller.address, 1), alice);
    } catch (e) {
      refused = e.message;
    }
    if (refused !== 'issuance.Blocked') throw new Error(`transfer to the blocked traveller: ${refused ?? 'accepted'}`);
    log('transfer to the traveller on APAC refused: issuance.Blocked');
    return delay;
  } finally {
    await eu.disconnect();
    await apac.disconnect();
  }
}

module.exports = { run };
