// Credentials on a dev chain, through polkadot-js and the runtime API, as an integrator and a
// qualifier use them (docs/credentials.md): the genesis qualifier and investors, a qualifier's
// onboarding flow (investor, wallet link with the wallet's consent, attestation), blocks,
// governance registering a qualifier, and a protocol holder's deposit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, submit, chainSeconds, devAccounts, findEvent } from '../lib/node.mjs';
import { govern } from '../lib/council.mjs';

let node;
let api;
let accounts;

before(async () => {
  node = await startNode('credentials', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

// Qualifier administration: council motions (a majority of the dev council).
const asGovernance = (call) => govern(api, call);
const accountView = async (who) => (await api.call.credentialsApi.account(who.address)).toJSON();
// Enums with data (CredentialKind) read as { kyc: null } in JSON.
const kindName = (kind) => (typeof kind === 'string' ? kind : Object.keys(kind)[0]);
const nowSeconds = () => chainSeconds(api);

test('genesis: Dev KYC and four credentialed investors, readable through the runtime API', async () => {
  const devKyc = (await api.query.credentials.qualifiers(0)).unwrap();
  assert.equal(devKyc.name.toUtf8(), 'Dev KYC');
  assert.equal(devKyc.account.toString(), accounts.ferdie.address);
  assert.equal(devKyc.status.toString(), 'Active');

  const alice = await accountView(accounts.alice);
  assert.equal(alice.investor.id, 0);
  assert.equal(alice.investor.kind, 'LegalEntity');
  assert.deepEqual(alice.investor.wallets, [accounts.alice.address]);
  assert.equal(alice.investor.credentials.length, 5);
  assert.ok(alice.investor.credentials.every((c) => c.valid && c.qualifier === 0));
  assert.equal(alice.blocked, null);

  const dave = await accountView(accounts.dave);
  assert.equal(dave.investor.id, 3);
  assert.equal(dave.investor.kind, 'LegalEntity');
  assert.equal(await api.call.credentialsApi.hasCredential(3, 'AccreditedInvestor').then(String), 'true');
  assert.equal(await api.call.credentialsApi.hasCredential(2, 'AccreditedInvestor').then(String), 'false');

  // Eve is nobody's wallet.
  assert.equal((await accountView(accounts.eve)).investor, null);
});

test('a qualifier onboards an investor: create, invite the wallet, the wallet accepts, attest', async () => {
  const { ferdie, eve } = accounts;
  const created = await submit(api, api.tx.credentials.createInvestor('Individual', 'FR'), ferdie);
  const investor = findEvent(created, 'credentials', 'InvestorCreated').data.investor.toNumber();
  assert.equal(investor, 4);

  // Not linked until the wallet itself accepts.
  await submit(api, api.tx.credentials.requestWalletLink(investor, eve.address), ferdie);
  assert.equal((await accountView(eve)).pendingLink, investor);
  assert.equal((await api.query.credentials.investorOfWallet(eve.address)).isNone, true);
  await submit(api, api.tx.credentials.acceptWalletLink(investor), eve);
  assert.equal((await api.query.credentials.investorOfWallet(eve.address)).unwrap().toNumber(), investor);

  const expiresAt = (await nowSeconds()) + 3600;
  const evidence = '0x' + 'ab'.repeat(32);
  await submit(api, api.tx.credentials.attest(investor, 'Kyc', expiresAt, evidence), ferdie);
  const view = await accountView(eve);
  assert.equal(view.investor.jurisdiction, '0x4652'); // "FR"
  assert.deepEqual(
    view.investor.credentials.map(({ kind, expiresAt: e, evidence: h, valid }) => ({ kind: kindName(kind), e, h, valid })),
    [{ kind: 'kyc', e: expiresAt, h: evidence, valid: true }],
  );
  assert.equal(await api.call.credentialsApi.hasCredential(investor, 'Kyc').then(String), 'true');

  // Only qualifiers attest; an expiry in the past is refused.
  await assert.rejects(submit(api, api.tx.credentials.attest(investor, 'AmlScreening', null, evidence), eve),
    /credentials\.NotQualifier/);
  await assert.rejects(submit(api, api.tx.credentials.attest(investor, 'AmlScreening', 1, evidence), ferdie),
    /credentials\.ExpiryInPast/);
});

test('a block beats every credential and is visible with its reason', async () => {
  const { ferdie, bob } = accounts;
  // A sanctions hit is not named on chain: only a salted commitment to the case file.
  const caseCommitment = `0x${'11'.repeat(32)}`;
  await submit(api, api.tx.credentials.blockInvestor(1, { Restricted: caseCommitment }), ferdie);
  const view = await accountView(bob);
  assert.deepEqual(view.blocked, { restricted: caseCommitment });
  assert.deepEqual(view.investor.block.reason, { restricted: caseCommitment });
  assert.equal(view.investor.block.byQualifier, 0);
  assert.ok(view.investor.credentials.every((c) => c.valid), 'credentials still valid, the block wins');
  await assert.rejects(submit(api, api.tx.credentials.blockInvestor(1, 'Other'), ferdie),
    /credentials\.AlreadyBlocked/);
  await submit(api, api.tx.credentials.unblockInvestor(1), ferdie);
  assert.equal((await accountView(bob)).blocked, null);
});

test('governance registers and suspends a qualifier; suspension voids its attestations at once', async () => {
  const { charlie, alice, ferdie } = accounts;
  // Charlie's firm becomes a qualifier for DE, trusted for KYC.
  await asGovernance(api.tx.credentials.registerQualifier(charlie.address, 'Charlie KYC GmbH', ['DE'], ['Kyc']));
  const id = (await api.query.credentials.qualifierOfAccount(charlie.address)).unwrap().toNumber();
  assert.equal(id, 1);
  await submit(api, api.tx.credentials.attest(0, 'Kyc', null, '0x' + '01'.repeat(32)), charlie);
  // Not trusted for AML screening.
  await assert.rejects(submit(api, api.tx.credentials.attest(0, 'AmlScreening', null, '0x' + '01'.repeat(32)), charlie),
    /credentials\.NotTrustedForKind/);
  // Only governance registers qualifiers.
  await assert.rejects(submit(api, api.tx.credentials.registerQualifier(ferdie.address, 'X', ['DE'], ['Kyc']), ferdie),
    /BadOrigin/);

  await asGovernance(api.tx.credentials.suspendQualifier(0));
  const aliceKyc = (await accountView(alice)).investor.credentials.filter((c) => kindName(c.kind) === 'kyc');
  assert.deepEqual(aliceKyc.map(({ qualifier, valid }) => ({ qualifier, valid })),
    [{ qualifier: 0, valid: false }, { qualifier: 1, valid: true }]);
  assert.equal(await api.call.credentialsApi.hasCredential(0, 'AmlScreening').then(String), 'false');
  await asGovernance(api.tx.credentials.resumeQualifier(0));
  assert.equal(await api.call.credentialsApi.hasCredential(0, 'AmlScreening').then(String), 'true');
});

test('a protocol holder is registered against a held deposit and released on deregistration', async () => {
  const { bob } = accounts;
  const protocol = api.createType('AccountId32', '0x' + '70'.repeat(32)).toString();
  const deposit = api.consts.credentials.protocolHolderDeposit.toBigInt();
  const reservedBefore = (await api.query.system.account(bob.address)).data.reserved.toBigInt();
  await submit(api, api.tx.credentials.registerProtocolHolder(protocol, 'Dev AMM pool'), bob);
  const reserved = (await api.query.system.account(bob.address)).data.reserved.toBigInt();
  assert.equal(reserved - reservedBefore, deposit);
  const registration = (await api.call.credentialsApi.account(protocol)).toJSON().protocolHolder;
  assert.equal(registration.registrant, bob.address);
  assert.equal(registration.block, null);
  await submit(api, api.tx.credentials.deregisterProtocolHolder(protocol), bob);
  assert.equal((await api.query.system.account(bob.address)).data.reserved.toBigInt(), reservedBefore);
  assert.equal((await api.query.credentials.protocolHolders(protocol)).isNone, true);
});
