// Corporate actions on a dev chain through polkadot-js (docs/corporate-actions.md): Alice's
// company pays a dividend in dUSD that the chain pushes to every holder by itself (with 10%
// withheld for the British holder), holders vote in a ballot weighted by record-date units,
// and a 2:1 split doubles every holding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, connect, submit, chainSeconds, devAccounts, findEvent, waitFor } from '../lib/node.mjs';
import { govern } from '../lib/council.mjs';

let node;
let api;
let accounts;
let security;

const DUSD = 1;
const dusd = async (who) => {
  const account = await api.query.assets.account(DUSD, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
};
const units = async (who) => {
  const holdings = (await api.call.issuanceApi.holdings(who)).toJSON();
  return holdings.find((h) => h.security === security)?.balance ?? 0;
};

before(async () => {
  node = await startNode('corporate-actions', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
  const { alice, bob, charlie, dave } = accounts;
  const regulator = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 }).addFromUri('//BaFin');
  await submit(api, api.tx.balances.transferKeepAlive(regulator.address, 10n ** 15n), alice);
  await govern(api, api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin'));
  await submit(api, api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  const created = await submit(api, api.tx.issuance.createSecurity('Alice AG', 'ALIC', 'Equity', 0, ids, 1_000_000), alice);
  security = findEvent(created, 'issuance', 'SecurityCreated').data.security.toNumber();
  await submit(api, api.tx.issuance.batchIssue(security, [[bob.address, 600], [charlie.address, 300], [dave.address, 100]]), alice);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

test('a dividend is pushed to every holder by the chain, less withholding tax', async () => {
  const { alice, bob, charlie, dave } = accounts;
  const before = { bob: await dusd(bob.address), charlie: await dusd(charlie.address), dave: await dusd(dave.address) };
  const now = await chainSeconds(api);
  // 1 dUSD (6 decimals) per share; 10% withheld in GB (Charlie).
  const events = await submit(api, api.tx.corporateActions.createDistribution(
    security, { Now: null }, DUSD, { PerUnit: 1_000_000 }, now, now + 3_600, [['GB', 100_000_000]]), alice);
  const { distribution, reserved, escrow } = findEvent(events, 'corporateActions', 'DistributionCreated').data;
  assert.equal(reserved.toBigInt(), 1_000_000_000n);
  // Shares moved after the record date do not change who is paid.
  await submit(api, api.tx.issuance.transfer(security, charlie.address, 100), bob);

  const progress = await waitFor('the push to finish', async () => {
    const p = (await api.call.corporateActionsApi.distributionProgress(distribution)).unwrap();
    return p.pushed.isTrue ? p : null;
  }, 60_000);
  assert.equal(progress.payments.toNumber(), 3);
  assert.equal(progress.paid.toBigInt(), 970_000_000n);
  assert.equal(progress.withheld.toBigInt(), 30_000_000n);
  assert.equal(await dusd(bob.address) - before.bob, 600_000_000n);
  assert.equal(await dusd(charlie.address) - before.charlie, 270_000_000n);
  assert.equal(await dusd(dave.address) - before.dave, 100_000_000n);
  assert.equal(await dusd(escrow.toString()), 0n);

  const owed = (await api.call.corporateActionsApi.entitlement(distribution, charlie.address)).unwrap().toJSON();
  assert.deepEqual(owed, { units: 300, gross: 300_000_000, withheld: 30_000_000, net: 270_000_000, paid: true });
  await assert.rejects(submit(api, api.tx.corporateActions.claim(distribution), bob), /corporateActions\.AlreadyPaid/);
});

test('a ballot weighs each investor by its units at the record date', async () => {
  const { alice, bob, charlie, eve } = accounts;
  const events = await submit(api, api.tx.corporateActions.createCheckpoint(security, null), alice);
  // Event data is array-like: its `at` field is read by position (`.at` is Array's method).
  const created = findEvent(events, 'corporateActions', 'CheckpointCreated').data;
  const checkpoint = created.checkpoint;
  const start = created[2].toNumber();
  const opened = await submit(api, api.tx.corporateActions.openBallot(security, { Checkpoint: checkpoint }, start, start + 600,
    [{ title: 'Approve the accounts', choices: ['for', 'against'] }]), alice);
  const { ballot } = findEvent(opened, 'corporateActions', 'BallotOpened').data;
  // After the record date Bob sells everything: his vote still counts 500.
  await submit(api, api.tx.issuance.transfer(security, charlie.address, 500), bob);
  await submit(api, api.tx.corporateActions.vote(ballot, [0]), bob);
  await submit(api, api.tx.corporateActions.vote(ballot, [1]), charlie);
  await assert.rejects(submit(api, api.tx.corporateActions.vote(ballot, [0]), charlie), /corporateActions\.AlreadyVoted/);
  await assert.rejects(submit(api, api.tx.corporateActions.vote(ballot, [0]), eve), /corporateActions\.NotInvestor/);
  const results = (await api.call.corporateActionsApi.ballotResults(ballot)).unwrap().toJSON();
  assert.deepEqual(results.tallies, [[500, 400]]);
  assert.equal(results.voters, 2);
  assert.equal(results.closed, false);
});

test('a 2:1 split doubles every holding', async () => {
  const { alice, bob, charlie, dave } = accounts;
  const before = [await units(bob.address), await units(charlie.address), await units(dave.address)];
  const events = await submit(api, api.tx.corporateActions.split(security, 2, 1), alice);
  assert.ok(findEvent(events, 'corporateActions', 'SplitStarted'));
  await waitFor('the split to complete', async () => (await api.query.corporateActions.splits(security)).isNone, 60_000);
  const after = [await units(bob.address), await units(charlie.address), await units(dave.address)];
  assert.deepEqual(after, before.map((n) => n * 2));
  const details = (await api.call.issuanceApi.security(security)).unwrap();
  assert.equal(details.totalSupply.toNumber(), 2_000);
  assert.equal(details.authorisedSupply.toNumber(), 2_000_000);
});
