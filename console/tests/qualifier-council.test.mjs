// The qualifier and the regulators' council, in a real browser against a real
// `stoa-node --dev`: Dev KYC (Ferdie) onboards Eve as a French investor (creates the investor,
// invites her wallet, Eve accepts, Dev KYC attests KYC with an expiry), blocks and unblocks her;
// Eve sees her credential. Then the council (Alice proposes, Alice and Bob vote, Bob closes)
// registers Bob as BaFin, who approves Alice's company as an issuer; the master nodes table
// comes from masterNodes_list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, startSession, stopSession, useAccount, tab, screenshot, shotOf, sign, waitFor } from './lib.mjs';

const PREFIX = 'qualifier-council';
const session = {};
let node;
let api;
let accounts;
let page;

before(async () => {
  ({ node, api, accounts, page } = await startSession('console-qualifier', session));
});

after(() => stopSession(session));

const text = (locator) => locator.innerText();

test('a qualifier onboards an investor: create, invite the wallet, the wallet accepts, attest', async () => {
  const { ferdie, eve } = accounts;
  await useAccount(page, ferdie.address);
  await tab(page, 'Qualifier');
  await page.getByTestId('qualifier-facts').getByText('Dev KYC').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'qualifier');

  const onboard = page.locator('#onboard');
  await onboard.getByLabel('Investor kind').selectOption('Individual');
  await onboard.getByLabel('Home jurisdiction').selectOption('FR');
  await sign(onboard, 'create-investor-tx');
  const idInput = onboard.getByTestId('investor-id-input');
  await waitFor('the new investor id', async () => (await idInput.inputValue()) !== '', 60_000);
  const investor = Number(await idInput.inputValue());
  assert.equal(investor, 4); // after the four genesis investors

  await onboard.getByLabel('Wallet', { exact: true }).fill(eve.address);
  await sign(onboard, 'link-tx');
  await onboard.getByTestId('link-state').getByText(`Invitation to investor #${investor} waiting`).waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'invited');
  // Eve's own key accepts (a dev account, so the console can sign as the wallet).
  await sign(onboard, 'accept-tx');
  await onboard.getByTestId('link-state').getByText('Linked').waitFor({ timeout: 60_000 });
  assert.equal((await api.query.credentials.investorOfWallet(eve.address)).unwrap().toNumber(), investor);

  await onboard.getByLabel('Credential', { exact: true }).selectOption('Kyc');
  await onboard.getByLabel('Expires (UTC date, optional)').fill('2099-12-31');
  await onboard.getByTestId('evidence').fill('KYC file 2026-0042');
  await sign(onboard, 'attest-tx');
  const admin = page.locator('#investor-admin');
  await admin.getByTestId('investor-credentials').getByText('valid').waitFor({ timeout: 60_000 });
  assert.match(await text(admin.getByTestId('investor-credentials')), /Kyc.*2099-12-31/s);
  await screenshot(page, PREFIX, 'attested');
  await shotOf(onboard, PREFIX, 'onboard');
  const view = (await e2e.rpc(node.rpcPort, 'credentials_account', [eve.address])).result;
  assert.equal(view.investor.id, investor);
  assert.equal(view.investor.jurisdiction, 'FR');
  assert.deepEqual(view.investor.credentials.map((c) => [c.valid, c.expiresAt]), [[true, 4102358400]]);

  // Block and unblock.
  await admin.getByLabel('Block reason').selectOption('CourtOrder');
  await sign(admin, 'block-tx');
  await admin.getByTestId('block-state').getByText('blocked: CourtOrder').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'blocked');
  await sign(admin, 'unblock-tx');
  await admin.getByTestId('block-state').getByText('not blocked').waitFor({ timeout: 60_000 });

  // Eve sees her investor and credential.
  await useAccount(page, eve.address);
  await tab(page, 'Investor');
  await page.getByTestId('investor-id').getByText(`#${investor}`).waitFor({ timeout: 60_000 });
  assert.match(await text(page.locator('#identity')), /Kyc.*2099-12-31 00:00:00 UTC.*valid/s);
  await screenshot(page, PREFIX, 'investor-credentials');
});

test('the council registers a regulator, who approves an issuer; master nodes are listed', async () => {
  const { alice, bob } = accounts;
  await useAccount(page, alice.address);
  await tab(page, 'Regulator / Council');
  const propose = page.locator('fieldset.propose');
  await propose.getByLabel('Motion', { exact: true }).selectOption('registerRegulator');
  await propose.getByLabel('Account', { exact: true }).fill(bob.address);
  await propose.getByLabel('Name', { exact: true }).fill('BaFin');
  await propose.getByLabel('Jurisdiction', { exact: true }).fill('DE');
  await propose.getByLabel('Threshold (ayes needed)').fill('2');
  await sign(propose, 'propose-tx');
  const motion = page.getByTestId('motion-0');
  await motion.waitFor({ timeout: 60_000 });
  assert.match(await text(motion), /issuance\.registerRegulator/);
  await sign(motion, 'aye-0');
  await waitFor('Alice\'s aye', async () => (await text(motion.getByTestId('ayes'))) === '1', 60_000);
  await screenshot(page, PREFIX, 'council-motion');
  await shotOf(page.locator('#council'), PREFIX, 'council');

  await useAccount(page, bob.address);
  await sign(motion, 'aye-0');
  await waitFor('Bob\'s aye', async () => (await text(motion.getByTestId('ayes'))) === '2', 60_000);
  await sign(motion, 'close-0');
  const regulators = page.getByTestId('regulators');
  await regulators.getByText('BaFin').waitFor({ timeout: 60_000 });
  assert.equal((await api.query.issuance.regulators(bob.address)).isSome, true);

  // Bob, now BaFin, approves Alice's company (investor 0, a German legal entity).
  const section = page.locator('#regulators');
  await section.getByText('You act as regulator').waitFor({ timeout: 60_000 });
  await section.getByTestId('approve-investor').fill('0');
  await section.getByText('LegalEntity of DE').waitFor({ timeout: 30_000 });
  await section.getByLabel('Licence or prospectus (text or 0x hash)').fill('Alice AG prospectus 2026');
  await sign(section, 'approve-tx');
  await page.getByTestId('issuers').getByText('Active').waitFor({ timeout: 60_000 });
  assert.equal((await api.query.issuance.issuers(0)).unwrap().status.toString(), 'Active');

  const nodes = page.getByTestId('master-nodes');
  await nodes.getByText('Alice Securities (dev)').waitFor({ timeout: 30_000 });
  assert.match(await text(nodes), /DE/);
  await screenshot(page, PREFIX, 'regulator');
  await shotOf(page.locator('#master-nodes'), PREFIX, 'master-nodes');
  assert.deepEqual(page.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
});
