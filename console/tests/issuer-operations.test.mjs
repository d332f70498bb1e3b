// The issuer's other screens, in a real browser against a real `stoa-node --dev`: documents,
// freezes and a forced transfer, agents, a primary offering that Bob subscribes to and Alice
// settles, a record date and a 2:1 split. The security and its first holders are set up through
// @polkadot/api (the console's own creation flow is issuer-investor.test.mjs's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, startSession, stopSession, approveAlicesCompany, useAccount, tab, screenshot, sign, waitFor } from './lib.mjs';

const PREFIX = 'issuer-operations';
const session = {};
let node;
let api;
let accounts;
let page;
const security = 0;

const units = async (who) => {
  const h = await api.query.issuance.holdings(security, who);
  return h.isSome ? h.unwrap().balance.toNumber() : 0;
};

before(async () => {
  ({ node, api, accounts, page } = await startSession('console-operations', session));
  const { alice, bob, charlie } = accounts;
  await approveAlicesCompany(api, accounts);
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  await e2e.submit(api, api.tx.issuance.createSecurity('Operations AG', 'OPS', 'Equity', 0, ids, 1_000_000), alice);
  await e2e.submit(api, api.tx.issuance.batchIssue(security, [[bob.address, 500], [charlie.address, 300]]), alice);
  await useAccount(page, alice.address);
  await tab(page, 'Issuer');
  await page.locator('#securities').getByTestId('security-facts').waitFor({ timeout: 60_000 });
});

after(() => stopSession(session));

const text = (locator) => locator.innerText();

test('documents, freezes, a forced transfer and agents', async () => {
  const { bob, charlie, dave } = accounts;
  const docs = page.locator('#documents');
  await docs.getByLabel('Document name').fill('Prospectus');
  await docs.getByLabel('Link (URI)').fill('https://stoa.example/ops/prospectus.pdf');
  const content = Buffer.from('Operations AG prospectus, 2026');
  await docs.getByLabel('File (hashed here, not uploaded)').setInputFiles({ name: 'prospectus.pdf', mimeType: 'application/pdf', buffer: content });
  await sign(docs, 'document-tx');
  await docs.getByTestId('documents').getByRole('cell', { name: 'Prospectus', exact: true }).waitFor({ timeout: 60_000 });
  // The end-to-end suite's copy of util-crypto (the one its @polkadot/api already loaded).
  const { blake2AsHex } = await import('../../e2e/node_modules/@polkadot/util-crypto/index.js');
  const stored = (await api.query.issuance.documents(security, 'Prospectus')).unwrap();
  assert.equal(stored.toJSON().hash, blake2AsHex(content)); // (`.hash` is the codec's own hash)
  assert.equal(stored.uri.toUtf8(), 'https://stoa.example/ops/prospectus.pdf');
  await docs.getByTestId('documents').getByText(blake2AsHex(content).slice(0, 18)).waitFor({ timeout: 30_000 });

  const enforcement = page.locator('#enforcement');
  await enforcement.getByLabel('Holder', { exact: true }).fill(charlie.address);
  await enforcement.getByTestId('frozen-state').getByText('Not frozen').waitFor({ timeout: 30_000 });
  await sign(enforcement, 'freeze-tx');
  await enforcement.getByTestId('frozen-state').getByText('This holder is frozen').waitFor({ timeout: 60_000 });
  assert.equal((await api.query.issuance.frozenHolders(security, charlie.address)).isSome, true);
  await screenshot(page, PREFIX, 'frozen');
  await sign(enforcement, 'unfreeze-tx');
  await enforcement.getByTestId('frozen-state').getByText('Not frozen').waitFor({ timeout: 60_000 });
  await enforcement.getByLabel('Frozen units (partial freeze)').fill('100');
  await sign(enforcement, 'frozen-amount-tx');
  await waitFor('100 frozen units', async () => (await api.query.issuance.holdings(security, charlie.address)).unwrap().frozen.toNumber() === 100, 60_000);
  await enforcement.getByLabel('To', { exact: true }).fill(bob.address);
  await enforcement.getByLabel('Units', { exact: true }).fill('50');
  await enforcement.getByLabel('Reason', { exact: true }).selectOption('ErrorCorrection');
  await sign(enforcement, 'forced-tx');
  assert.equal(await units(bob.address), 550);
  assert.equal(await units(charlie.address), 250);

  const agents = page.locator('#agents');
  await agents.getByLabel('Agent', { exact: true }).fill(dave.address);
  await agents.getByLabel('Corporate actions').check();
  await sign(agents, 'agent-tx');
  await agents.getByTestId('agents').getByText('Issuance, Corporate actions').waitFor({ timeout: 60_000 });
  assert.deepEqual((await api.query.issuance.agents(security, dave.address)).unwrap().toJSON(),
    { issuance: true, compliance: false, transfer: false, corporateActions: true });
  await screenshot(page, PREFIX, 'documents-enforcement-agents');

  // The investor sees the document with the holding.
  await useAccount(page, bob.address);
  await tab(page, 'Investor');
  await page.getByTestId('holdings').getByRole('link', { name: 'Prospectus' }).waitFor({ timeout: 60_000 });
});

test('an offering: Bob subscribes, Alice settles after the close', async () => {
  const { alice, bob } = accounts;
  await useAccount(page, alice.address);
  await tab(page, 'Issuer');
  const offerings = page.locator('#offerings');
  await offerings.getByLabel(/^Price per whole unit/).fill('2');
  await offerings.getByLabel('Open for (minutes from now)').fill('1');
  await sign(offerings, 'offering-tx');
  await offerings.getByTestId('offering-0').waitFor({ timeout: 60_000 });

  await useAccount(page, bob.address);
  await tab(page, 'Investor');
  const mine = page.getByTestId('investor-offering-0');
  await mine.waitFor({ timeout: 60_000 });
  await mine.getByLabel('Units to subscribe').fill('100');
  await mine.getByText('Costs 200 dUSD').waitFor();
  await sign(mine, 'subscribe-0');
  await mine.getByText('Your subscription: 100 units, 200 dUSD in escrow.').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'subscribed');

  await useAccount(page, alice.address);
  await tab(page, 'Issuer');
  const card = offerings.getByTestId('offering-0');
  await card.getByTestId('settle-0').waitFor({ timeout: 180_000 });
  await sign(card, 'settle-0');
  await card.getByText('Closed').waitFor({ timeout: 60_000 });
  assert.equal(await units(bob.address), 650);
  assert.equal((await api.query.issuance.offerings(0)).unwrap().status.toString(), 'Closed');
  await screenshot(page, PREFIX, 'offering-settled');
});

test('a record date and a 2:1 split', async () => {
  const { bob, charlie } = accounts;
  const section = page.locator('#record-dates');
  await sign(section, 'checkpoint-tx');
  await section.getByTestId('record-dates').getByText('#1').waitFor({ timeout: 60_000 });
  await section.getByLabel('New units').fill('2');
  await section.getByLabel('Per old units').fill('1');
  await sign(section, 'split-tx');
  await waitFor('the split to complete', async () => (await api.query.corporateActions.splits(security)).isNone, 120_000);
  assert.equal(await units(bob.address), 1300);
  assert.equal(await units(charlie.address), 500);
  await page.locator('#securities').getByTestId('supply').getByText('1,800 of 2,000,000 authorised').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'split');
  assert.deepEqual(page.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
});
