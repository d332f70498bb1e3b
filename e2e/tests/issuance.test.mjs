// The issuer's journey on a dev chain through polkadot-js (docs/issuers.md): governance
// registers a regulator, the regulator approves Alice's company as issuer, Alice creates an
// equity, issues, runs an offering in dUSD that Bob subscribes to, and the runtime API shows
// holdings and holders; a transfer to an unqualified wallet is refused with a typed error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, connect, submit, chainSeconds, devAccounts, findEvent, waitFor } from '../lib/node.mjs';
import { govern } from '../lib/council.mjs';

let node;
let api;
let accounts;
let regulator;

before(async () => {
  node = await startNode('issuance', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
  regulator = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 }).addFromUri('//BaFin');
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

// Regulator registration: a council motion (a majority of the dev council).
const asGovernance = (call) => govern(api, call);
const nowSeconds = () => chainSeconds(api);

test('approval, security, issue, transfer and a refused transfer', async () => {
  const { alice, bob, charlie, eve } = accounts;
  // The regulator's account needs funds for fees.
  await submit(api, api.tx.balances.transferKeepAlive(regulator.address, 10n ** 15n), alice);
  await asGovernance(api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin'));
  await submit(api, api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
  assert.equal((await api.query.issuance.issuers(0)).unwrap().status.toString(), 'Active');

  // A typo in the ISIN is refused by its check digit.
  const ids = (isin) => ({ isin, cusip: null, lei: 'HWUPKR0MPOU8FGXBT394', figi: null });
  await assert.rejects(submit(api, api.tx.issuance.createSecurity('Alice AG', 'ALIC', 'Equity', 0, ids('DE000BAY0018'), 1_000_000), alice),
    /issuance\.InvalidIdentifier/);
  const created = await submit(api, api.tx.issuance.createSecurity('Alice AG', 'ALIC', 'Equity', 0, ids('DE000BAY0017'), 1_000_000), alice);
  const security = findEvent(created, 'issuance', 'SecurityCreated').data.security.toNumber();

  await submit(api, api.tx.issuance.batchIssue(security, [[bob.address, 500], [charlie.address, 300]]), alice);
  await submit(api, api.tx.issuance.transfer(security, charlie.address, 100), bob);
  await assert.rejects(submit(api, api.tx.issuance.transfer(security, eve.address, 1), bob), /issuance\.NotEligible/);
  // The keep-alive counterpart refuses to empty the sender's holding, and moves part of it.
  await assert.rejects(submit(api, api.tx.issuance.transferKeepHolding(security, charlie.address, 400), bob),
    /issuance\.WouldCloseHolding/);
  await submit(api, api.tx.issuance.transferKeepHolding(security, bob.address, 1), charlie);
  await submit(api, api.tx.issuance.transferKeepHolding(security, charlie.address, 1), bob);

  const details = (await api.call.issuanceApi.security(security)).unwrap();
  assert.equal(details.symbol.toUtf8(), 'ALIC');
  assert.equal(details.totalSupply.toNumber(), 800);
  assert.equal(details.holders.toNumber(), 2);
  const holdings = (await api.call.issuanceApi.holdings(charlie.address)).toJSON();
  assert.deepEqual(holdings, [{ security, balance: 400, frozen: 0, holderFrozen: false }]);
  const first = await api.call.issuanceApi.holders(security, null, 1);
  assert.equal(first.holders.length, 1);
  assert.ok(first.next.isSome);
  const second = await api.call.issuanceApi.holders(security, first.next.unwrap(), 1);
  assert.equal(second.holders.length, 1);
  assert.ok(second.next.isNone);
  const all = [...first.holders, ...second.holders].map((h) => [h.account.toString(), h.balance.toNumber()]).sort();
  assert.deepEqual(all, [[bob.address, 400], [charlie.address, 400]].sort());
});

test('an offering in dUSD: subscribe into escrow, settle after the close', async () => {
  const { alice, bob } = accounts;
  const security = 0;
  const start = await nowSeconds();
  const end = start + 30;
  // 1 share = 2 dUSD (6 decimals); up to 10,000 shares.
  const opened = await submit(api, api.tx.issuance.openOffering(security, 1, 2_000_000, start, end, 1, 10_000, 10, 10_000, alice.address), alice);
  const { offering, escrow } = findEvent(opened, 'issuance', 'OfferingOpened').data;
  const dusd = async (who) => {
    const account = await api.query.assets.account(1, who);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  const bobBefore = await dusd(bob.address);
  await submit(api, api.tx.issuance.subscribe(offering, 250), bob);
  assert.equal(await dusd(escrow.toString()), 500_000_000n);
  assert.equal(bobBefore - (await dusd(bob.address)), 500_000_000n);
  await assert.rejects(submit(api, api.tx.issuance.settleOffering(offering, 10), bob), /issuance\.OfferingNotEnded/);

  await waitFor('the offering to end', async () => (await nowSeconds()) >= end, 120_000);
  const aliceBefore = await dusd(alice.address);
  const settled = await submit(api, api.tx.issuance.settleOffering(offering, 10), bob);
  assert.ok(findEvent(settled, 'issuance', 'OfferingFinished'));
  assert.equal((await dusd(alice.address)) - aliceBefore, 500_000_000n);
  const holding = (await api.query.issuance.holdings(security, bob.address)).unwrap();
  assert.equal(holding.balance.toNumber(), 400 + 250);
});

test('the pre-flight check lists every broken rule; the extrinsic fails with the first', async () => {
  const { alice, bob, charlie } = accounts;
  const security = 0;
  // Only German and Swiss receivers, at most 500 units each, transfers only with approval.
  await submit(api, api.tx.compliance.setRules(security, [
    { kind: { JurisdictionAllowList: { side: 'Receiver', jurisdictions: ['DE', 'CH'] } }, exemptions: [] },
    { kind: { MaxHolding: { amount: 500 } }, exemptions: [] },
    { kind: 'ManualApproval', exemptions: [] },
  ]), alice);
  const reasons = await api.call.complianceApi.canTransfer(security, bob.address, charlie.address, 600);
  assert.deepEqual(reasons.map((r) => r.toString()),
    ['{"jurisdictionNotAllowed":"Receiver"}', 'HoldingAboveMaximum', 'ApprovalRequired']);
  await assert.rejects(submit(api, api.tx.issuance.transfer(security, charlie.address, 600), bob),
    /issuance\.JurisdictionNotAllowed/);
  // Approved and within the rules: Bob (CH) moves 100 to Alice's company (DE).
  await submit(api, api.tx.compliance.approveTransfer(security, bob.address, alice.address, 100), alice);
  assert.equal((await api.call.complianceApi.canTransfer(security, bob.address, alice.address, 100)).length, 0);
  await submit(api, api.tx.issuance.transfer(security, alice.address, 100), bob);
});
