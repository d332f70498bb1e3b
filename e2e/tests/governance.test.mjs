// Governance and institutions on a dev node (docs/governance.md): council motions with
// their thresholds and events, one member's urgent block, root through the whitelist, a
// multisig issuer's agent, and proxies that may sign only what their kind admits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { encodeMultiAddress, sortAddresses } from '@polkadot/util-crypto';
import { startNode, connect, rpc, submit, devAccounts, findEvent } from '../lib/node.mjs';
import { councilMotion, councilAsRoot, memberExecute, govern } from '../lib/council.mjs';

let node;
let api;
let accounts;
let security;
const keyring = new Keyring({ type: 'sr25519' });
const regulator = keyring.addFromUri('//GovernanceRegulator');
const staff = keyring.addFromUri('//QualifierStaff');
const custodian = keyring.addFromUri('//Custodian');

before(async () => {
  node = await startNode('governance', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
  const { alice } = accounts;
  for (const who of [regulator, staff, custodian]) {
    await submit(api, api.tx.balances.transferKeepAlive(who.address, 10n ** 15n), alice);
  }
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

/** The result of the last `proxy.proxy` call in `events`: null, or `pallet.Error`. */
function proxyOutcome(events) {
  const { event } = events.find(({ event }) => api.events.proxy.ProxyExecuted.is(event));
  const result = event.data.result;
  if (result.isOk) return null;
  const err = result.asErr;
  if (!err.isModule) return err.toString();
  const { section, name } = api.registry.findMetaError(err.asModule);
  return `${section}.${name}`;
}

test('a council motion: proposed, voted, closed and executed, each an event', async () => {
  const { alice, bob } = accounts;
  const call = api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin');
  // One member alone cannot: registering a regulator needs a majority.
  await assert.rejects(memberExecute(api, call, alice), /BadOrigin/);
  const lengthBound = call.method.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(2, call, lengthBound), alice);
  const { proposalIndex, proposalHash, threshold } = findEvent(proposed, 'council', 'Proposed').data;
  assert.equal(threshold.toNumber(), 2);
  assert.equal((await api.query.council.proposals()).map(String).includes(proposalHash.toString()), true);
  const aye = await submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), alice);
  assert.ok(findEvent(aye, 'council', 'Voted'));
  await submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), bob);
  const { weight } = await call.paymentInfo(alice.address);
  const closed = await submit(api, api.tx.council.close(proposalHash, proposalIndex, weight, lengthBound), bob);
  assert.ok(findEvent(closed, 'council', 'Closed'));
  assert.ok(findEvent(closed, 'council', 'Approved'));
  assert.ok(findEvent(closed, 'council', 'Executed').data.result.isOk);
  assert.ok(findEvent(closed, 'issuance', 'RegulatorRegistered'));
  assert.ok((await api.query.issuance.regulators(regulator.address)).isSome);
  // A non-member cannot propose.
  await assert.rejects(submit(api, api.tx.council.propose(2, call, lengthBound), regulator), /council\.NotMember/);
});

test('one member blocks a protocol holder at once; a majority lifts the block', async () => {
  const { dave, charlie } = accounts;
  const pool = keyring.addFromUri('//GovernancePool').address;
  await submit(api, api.tx.credentials.registerProtocolHolder(pool, 'AMM pool'), dave);
  const blocked = await memberExecute(api, api.tx.credentials.blockProtocolHolder(pool, 'ProtocolMisbehaviour'), charlie);
  assert.ok(findEvent(blocked, 'credentials', 'ProtocolHolderBlocked'));
  assert.ok((await api.query.credentials.protocolHolders(pool)).unwrap().block.isSome);
  await assert.rejects(memberExecute(api, api.tx.credentials.unblockProtocolHolder(pool), charlie), /BadOrigin/);
  const lifted = await govern(api, api.tx.credentials.unblockProtocolHolder(pool));
  assert.ok(findEvent(lifted, 'credentials', 'ProtocolHolderUnblocked'));
  assert.ok((await api.query.credentials.protocolHolders(pool)).unwrap().block.isNone);
});

test('root through the council: a two-thirds motion whitelists and dispatches the call', async () => {
  const key = '0x' + Buffer.from(':stoa:e2e:governance').toString('hex');
  const call = api.tx.system.setStorage([[key, '0x2a']]);
  const events = await councilAsRoot(api, call);
  assert.ok(findEvent(events, 'whitelist', 'CallWhitelisted'));
  assert.ok(findEvent(events, 'whitelist', 'WhitelistedCallDispatched'));
  assert.equal((await rpc(node.rpcPort, 'state_getStorage', [key])).result, '0x2a');
  // A council origin is not root: the same call proposed directly fails.
  await assert.rejects(councilMotion(api, call), /BadOrigin/);
});

test('a multisig account (two of three) issues as the security\'s agent', async () => {
  const { alice, bob, charlie } = accounts;
  await submit(api, api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  const created = await submit(api, api.tx.issuance.createSecurity('Alice AG', 'ALIC', 'Equity', 0, ids, 1_000_000), alice);
  security = findEvent(created, 'issuance', 'SecurityCreated').data.security.toNumber();

  const ss58 = api.registry.chainSS58;
  const signatories = [alice, bob, charlie].map((p) => p.address);
  const multisig = encodeMultiAddress(signatories, 2, ss58);
  const others = (me) => sortAddresses(signatories.filter((a) => a !== me.address), ss58);
  await submit(api, api.tx.issuance.setAgent(security, multisig, { issuance: true, compliance: false, transfer: false, corporateActions: false }), alice);

  const issue = api.tx.issuance.issue(security, bob.address, 250);
  const { weight } = await issue.paymentInfo(multisig);
  const first = await submit(api, api.tx.multisig.asMulti(2, others(alice), null, issue, weight), alice);
  assert.ok(findEvent(first, 'multisig', 'NewMultisig'));
  // One approval issues nothing; the second (with the first's timepoint) executes the call.
  assert.equal((await api.call.issuanceApi.holdings(bob.address)).toJSON().length, 0);
  const pending = (await api.query.multisig.multisigs(multisig, issue.method.hash)).unwrap();
  const second = await submit(api, api.tx.multisig.asMulti(2, others(charlie), pending.when, issue, weight), charlie);
  const executed = findEvent(second, 'multisig', 'MultisigExecuted');
  assert.ok(executed.data.result.isOk, executed.data.result.toString());
  const holdings = (await api.call.issuanceApi.holdings(bob.address)).toJSON();
  assert.equal(holdings.find((h) => h.security === security).balance, 250);
});

test('a qualifier\'s staff attest through a Qualifier proxy, and may do nothing else', async () => {
  const { ferdie } = accounts; // Dev KYC's account
  await submit(api, api.tx.proxy.addProxy(staff.address, 'Qualifier', 0), ferdie);
  const attest = api.tx.credentials.attest(2, 'AccreditedInvestor', null, '0x' + '09'.repeat(32));
  const attested = await submit(api, api.tx.proxy.proxy(ferdie.address, null, attest), staff);
  assert.equal(proxyOutcome(attested), null);
  assert.ok(findEvent(attested, 'credentials', 'CredentialAttested'));
  // Not the qualifier's money, not even in a batch; not more powers.
  const pay = api.tx.balances.transferKeepAlive(staff.address, 10n ** 12n);
  for (const call of [pay, api.tx.utility.batchAll([pay]), api.tx.proxy.addProxy(staff.address, 'Any', 0)]) {
    const events = await submit(api, api.tx.proxy.proxy(ferdie.address, null, call), staff);
    assert.equal(proxyOutcome(events), 'system.CallFiltered');
  }
});

test('a custodian with a NonTransfer proxy cannot move the investor\'s units; with Any it can', async () => {
  const { bob, charlie } = accounts;
  await submit(api, api.tx.proxy.addProxy(custodian.address, 'NonTransfer', 0), bob);
  const transfer = api.tx.issuance.transfer(security, charlie.address, 50);
  let events = await submit(api, api.tx.proxy.proxy(bob.address, null, transfer), custodian);
  assert.equal(proxyOutcome(events), 'system.CallFiltered');
  await submit(api, api.tx.proxy.addProxy(custodian.address, 'Any', 0), bob);
  events = await submit(api, api.tx.proxy.proxy(bob.address, 'Any', transfer), custodian);
  assert.equal(proxyOutcome(events), null);
  const holdings = (await api.call.issuanceApi.holdings(charlie.address)).toJSON();
  assert.equal(holdings.find((h) => h.security === security).balance, 50);
  // An Issuance proxy of an account that is no agent of the security cannot issue.
  await submit(api, api.tx.proxy.addProxy(custodian.address, 'Issuance', 0), bob);
  events = await submit(api, api.tx.proxy.proxy(bob.address, 'Issuance', api.tx.issuance.issue(security, bob.address, 1)), custodian);
  assert.equal(proxyOutcome(events), 'issuance.MissingRole');
});
