// The integrator story (docs/integrators.md), one dev node, real signed extrinsics, no custom
// types: governance registers a qualifier and a regulator; the regulator approves an issuer; the
// qualifier onboards three investors (two allowed, one in a denied jurisdiction); the issuer
// creates an equity with rules and runs an offering two investors subscribe to; after
// settlement an allowed transfer succeeds and a transfer to the denied investor fails with the
// reason decoded from the metadata, the same reasons coming from `api.call` and from the custom
// RPC; a dividend reaches every holder; a split; a ballot; a master node is admitted and joins
// the authority set at a session change. Each step asserts on events or state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { startNode, connect, rpc, submit, chainSeconds, devAccounts, findEvent, waitFor } from '../lib/node.mjs';
import { govern, councilAsRoot } from '../lib/council.mjs';

const DUSD = 1;
const SESSION_PERIOD_KEY = xxhashAsHex(':SessionPeriod:', 128);
const FIVE_BLOCKS = '0x05000000';

let node;
let api;
let alice;
let bob;
let qualifier;
let regulator;
let investors; // { fr, de, us }: wallets
let security;

const call = async (method, params) => {
  const response = await rpc(node.rpcPort, method, params);
  assert.ok(!response.error, `${method}: ${JSON.stringify(response.error)}`);
  return response.result;
};
const dusd = async (who) => {
  const account = await api.query.assets.account(DUSD, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
};

before(async () => {
  node = await startNode('story', ['--dev']);
  api = await connect(node);
  ({ alice, bob } = devAccounts(api));
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  qualifier = keyring.addFromUri('//StoryKyc');
  regulator = keyring.addFromUri('//StoryRegulator');
  investors = { fr: keyring.addFromUri('//InvestorFR'), de: keyring.addFromUri('//InvestorDE'), us: keyring.addFromUri('//InvestorUS') };
  // Fees for everyone, and dUSD for the two who will subscribe.
  const funding = [qualifier, regulator, ...Object.values(investors)].map((k) => api.tx.balances.transferKeepAlive(k.address, 10n ** 15n));
  funding.push(api.tx.assets.transfer(DUSD, investors.fr.address, 10_000_000_000n));
  funding.push(api.tx.assets.transfer(DUSD, investors.de.address, 10_000_000_000n));
  await submit(api, api.tx.utility.batchAll(funding), alice);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

test('council motions register a qualifier and a regulator; the regulator approves an issuer', async () => {
  const registered = await govern(api, api.tx.credentials.registerQualifier(qualifier.address, 'Story KYC SA', ['FR', 'DE', 'US'], ['Kyc']));
  assert.ok(findEvent(registered, 'credentials', 'QualifierRegistered'));
  await govern(api, api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin'));
  // Investor 0 is Alice's company (a German legal entity) in the dev genesis.
  const approved = await submit(api, api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
  assert.ok(findEvent(approved, 'issuance', 'IssuerApproved'));
});

test('the qualifier onboards three investors; their wallets consent', async () => {
  for (const [home, wallet] of [['FR', investors.fr], ['DE', investors.de], ['US', investors.us]]) {
    const created = await submit(api, api.tx.credentials.createInvestor('Individual', home), qualifier);
    const investor = findEvent(created, 'credentials', 'InvestorCreated').data.investor.toNumber();
    await submit(api, api.tx.credentials.requestWalletLink(investor, wallet.address), qualifier);
    await submit(api, api.tx.credentials.acceptWalletLink(investor), wallet);
    await submit(api, api.tx.credentials.attest(investor, 'Kyc', null, '0x' + '42'.repeat(32)), qualifier);
    const known = await call('credentials_account', [wallet.address]);
    assert.equal(known.investor.id, investor);
    assert.equal(known.investor.jurisdiction, home);
    assert.ok(known.investor.credentials.some((c) => c.kind === 'Kyc' && c.valid));
  }
});

test('the issuer creates an equity with rules and runs an offering two investors subscribe to', async () => {
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  const created = await submit(api, api.tx.issuance.createSecurity('Story AG', 'STRY', 'Equity', 0, ids, 1_000_000), alice);
  security = findEvent(created, 'issuance', 'SecurityCreated').data.security.toNumber();
  await submit(api, api.tx.compliance.setRules(security, [
    { kind: { JurisdictionDenyList: { side: 'Receiver', jurisdictions: ['US'] } }, exemptions: [] },
  ]), alice);
  const start = await chainSeconds(api);
  const end = start + 36;
  // 2 dUSD a share; caps in shares.
  const opened = await submit(api, api.tx.issuance.openOffering(security, DUSD, 2_000_000, start, end, 1, 10_000, 10, 10_000, alice.address), alice);
  const { offering } = findEvent(opened, 'issuance', 'OfferingOpened').data;
  await Promise.all([
    submit(api, api.tx.issuance.subscribe(offering, 300), investors.fr),
    submit(api, api.tx.issuance.subscribe(offering, 200), investors.de),
  ]);
  await waitFor('the offering to close', async () => (await chainSeconds(api)) > end, 60_000);
  const settled = await submit(api, api.tx.issuance.settleOffering(offering, 10), alice);
  assert.ok(findEvent(settled, 'issuance', 'OfferingFinished'));
  const page = await call('issuance_holders', [security, null, 10]);
  assert.deepEqual(page.holders.map((h) => [h.account, h.balance]).sort(),
    [[investors.fr.address, 300], [investors.de.address, 200]].sort());
});

test('an allowed transfer succeeds; one to the denied investor fails with the same reasons everywhere', async () => {
  const moved = await submit(api, api.tx.issuance.transfer(security, investors.de.address, 50), investors.fr);
  assert.ok(findEvent(moved, 'issuance', 'Transferred'));
  assert.equal((await call('compliance_canTransfer', [security, investors.fr.address, investors.de.address, 10])).allowed, true);

  // The extrinsic's error, decoded from the metadata.
  await assert.rejects(submit(api, api.tx.issuance.transfer(security, investors.us.address, 10), investors.fr),
    /issuance\.JurisdictionNotAllowed/);
  // The runtime API and the custom RPC give the same reasons, with the same codes.
  const viaApi = await api.call.complianceApi.canTransfer(security, investors.fr.address, investors.us.address, 10);
  assert.deepEqual(viaApi.map((r) => r.toString()), ['{"jurisdictionNotAllowed":"Receiver"}']);
  const viaRpc = await call('compliance_canTransfer', [security, investors.fr.address, investors.us.address, 10]);
  assert.equal(viaRpc.allowed, false);
  assert.deepEqual(viaRpc.reasons.map((r) => r.code), [0x21]);
  assert.deepEqual(viaRpc.reasons[0].reason, { jurisdictionNotAllowed: 'receiver' });

  // A malformed request gets a readable error; the node keeps answering.
  const bad = await rpc(node.rpcPort, 'compliance_canTransfer', [security, 'not-an-address', investors.us.address, 10]);
  assert.equal(bad.error.code, -32602);
  assert.match(JSON.stringify(bad.error), /Invalid/);
  const unknown = await rpc(node.rpcPort, 'corporateActions_distributionProgress', [99]);
  assert.equal(unknown.error.code, 4004);
  assert.match(unknown.error.message, /distribution 99 not found/);
  assert.ok((await rpc(node.rpcPort, 'system_health')).result);
});

test('a dividend reaches every holder', async () => {
  const before = { fr: await dusd(investors.fr.address), de: await dusd(investors.de.address) };
  const now = await chainSeconds(api);
  // 0.1 dUSD a share.
  const created = await submit(api, api.tx.corporateActions.createDistribution(
    security, { Now: null }, DUSD, { PerUnit: 100_000 }, now, now + 3_600, []), alice);
  const distribution = findEvent(created, 'corporateActions', 'DistributionCreated').data.distribution.toNumber();
  const progress = await waitFor('the push to finish', async () => {
    const p = await call('corporateActions_distributionProgress', [distribution]);
    return p.pushed ? p : null;
  }, 60_000);
  assert.equal(progress.payments, 2);
  assert.equal(await dusd(investors.fr.address) - before.fr, 25_000_000n);
  assert.equal(await dusd(investors.de.address) - before.de, 25_000_000n);
  const owed = await call('corporateActions_entitlement', [distribution, investors.de.address]);
  assert.deepEqual(owed, { units: 250, gross: 25_000_000, withheld: 0, net: 25_000_000, paid: true });
});

test('a 2:1 split', async () => {
  const split = await submit(api, api.tx.corporateActions.split(security, 2, 1), alice);
  assert.ok(findEvent(split, 'corporateActions', 'SplitStarted'));
  await waitFor('the split to complete', async () => (await api.query.corporateActions.splits(security)).isNone, 60_000);
  const holdings = await call('issuance_holdings', [investors.fr.address]);
  assert.deepEqual(holdings, [{ security, balance: 500, frozen: 0, holderFrozen: false }]);
});

test('a ballot, weighted by units at the record date', async () => {
  const checkpointed = await submit(api, api.tx.corporateActions.createCheckpoint(security, null), alice);
  const event = findEvent(checkpointed, 'corporateActions', 'CheckpointCreated').data;
  const start = event[2].toNumber(); // `at`, by position: event data is array-like
  const opened = await submit(api, api.tx.corporateActions.openBallot(security, { Checkpoint: event.checkpoint }, start, start + 600,
    [{ title: 'Elect the board', choices: ['for', 'against'] }]), alice);
  const ballot = findEvent(opened, 'corporateActions', 'BallotOpened').data.ballot.toNumber();
  await submit(api, api.tx.corporateActions.vote(ballot, [0]), investors.fr);
  await submit(api, api.tx.corporateActions.vote(ballot, [1]), investors.de);
  const results = await call('corporateActions_ballotResults', [ballot]);
  assert.deepEqual(results.tallies, [[500, 500]]);
  assert.equal(results.voters, 2);
});

test('a master node is admitted and joins the authority set at a session change', async () => {
  await councilAsRoot(api, api.tx.system.setStorage([[SESSION_PERIOD_KEY, FIVE_BLOCKS]]));
  // Bob's session keys, generated in this node's keystore (so that finality keeps going with
  // two authorities on one machine), with the proof that Bob's account owns them.
  const owner = api.createType('AccountId32', bob.address).toHex();
  const generated = await rpc(node.rpcPort, 'author_rotateKeysWithOwner', [owner]);
  assert.ok(generated.result, JSON.stringify(generated.error));
  await submit(api, api.tx.session.setKeys(generated.result.keys, generated.result.proof), bob);
  const admitted = await govern(api, api.tx.masterNodes.admitMasterNode(bob.address, 'Bob Custody AG', 'CH', 'https://finma.example/bob', '0x' + '22'.repeat(32)));
  assert.ok(findEvent(admitted, 'masterNodes', 'MasterNodeAdmitted'));
  await waitFor('Bob in the authority set', async () =>
    (await api.query.session.validators()).map(String).includes(bob.address), 120_000);
  const nodes = await call('masterNodes_list', []);
  const entry = nodes.find((n) => n.operator === bob.address);
  assert.equal(entry.name, 'Bob Custody AG');
  assert.equal(entry.jurisdiction, 'CH');
  assert.equal(entry.authoring, true);
  // The same list through the runtime API, decoded from the metadata.
  const viaApi = await api.call.masterNodesApi.masterNodes();
  assert.deepEqual(viaApi.map((n) => n.operator.toString()).sort(), nodes.map((n) => n.operator).sort());
  assert.equal(viaApi.find((n) => n.operator.toString() === bob.address).name.toUtf8(), 'Bob Custody AG');
});
