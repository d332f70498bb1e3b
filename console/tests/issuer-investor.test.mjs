// The issuer and the investor, in a real browser against a real `stoa-node --dev`: Alice's
// company (an approved issuer; the regulator's registration and approval are set up through
// @polkadot/api) creates a security in the console (a mistyped ISIN is caught as typed), sets a
// deny-list rule, issues to Bob and Charlie from a CSV upload, pays a dividend and watches its
// progress bar reach 100%, and opens a ballot. Bob then sees the units and the dividend, is told
// before signing why a transfer to Dave (a US investor) would be refused, sends to Charlie
// instead, and votes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, startSession, stopSession, approveAlicesCompany, useAccount, tab, screenshot, shotOf, sign, waitFor } from './lib.mjs';

const PREFIX = 'issuer-investor';
const session = {};
let node;
let api;
let accounts;
let page;

before(async () => {
  ({ node, api, accounts, page } = await startSession('console-issuer', session));
  await approveAlicesCompany(api, accounts);
});

after(() => stopSession(session));

const text = (locator) => locator.innerText();

test('an issuer creates a security, sets rules, issues from a CSV and pays a dividend', async () => {
  const { alice, bob, charlie } = accounts;
  await useAccount(page, alice.address);
  await tab(page, 'Issuer');
  await page.getByTestId('issuer-status').getByText('Active').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'issuer');

  const create = page.locator('#create-security');
  await create.getByLabel('Name', { exact: true }).fill('Console AG');
  await create.getByLabel('Symbol', { exact: true }).fill('CONS');
  // A typo in the ISIN is caught as it is typed, with the check digit it needs.
  await create.getByLabel('ISIN', { exact: true }).fill('DE000BAY0018');
  await create.getByText('Check digit mismatch: DE000BAY001 needs check digit 7, not 8').waitFor();
  assert.equal(await create.getByTestId('create-security-tx').locator('button').isDisabled(), true);
  await screenshot(page, PREFIX, 'isin-typo');
  await shotOf(create, PREFIX, 'isin-typo');
  await create.getByLabel('ISIN', { exact: true }).fill('DE000BAY0017');
  await create.getByText('Valid check digit').waitFor();
  await create.getByText(/Fee: /).waitFor({ timeout: 60_000 });
  await sign(create, 'create-security-tx');
  const securities = page.locator('#securities');
  await securities.getByTestId('security-facts').waitFor({ timeout: 60_000 });
  assert.match(await securities.locator('select option:checked').textContent(), /CONS — Console AG \(DE000BAY0017\)/);
  const security = 0;
  assert.equal((await api.query.issuance.securities(security)).unwrap().symbol.toUtf8(), 'CONS');

  // Rules: no receiver in the US.
  const rules = page.locator('#rules');
  await rules.getByLabel('Rule', { exact: true }).selectOption('JurisdictionDenyList');
  await rules.getByLabel('Side', { exact: true }).selectOption('Receiver');
  await rules.getByLabel('Jurisdictions', { exact: true }).fill('US');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await rules.getByText('Receivers may not be of US.').waitFor();
  // One list entry: 1 (receivers) + 1 (a unit per four entries), as the pallet counts it.
  const max = api.consts.compliance.maxComplexity.toNumber();
  assert.match(await text(rules.getByTestId('complexity')), new RegExp(`Complexity 2 of ${max}`));
  await screenshot(page, PREFIX, 'rules');
  await shotOf(rules, PREFIX, 'rules');
  await sign(rules, 'rules-tx');
  const onChain = (await api.query.compliance.rules(security)).toJSON();
  assert.deepEqual(onChain, [{ kind: { jurisdictionDenyList: { side: 'Receiver', jurisdictions: ['0x5553'] } }, exemptions: [] }]);
  // The console's complexity is the chain's.
  assert.equal((await api.query.compliance.ruleCosts(security)).complexity.toNumber(), 2);

  // Batch issuance from a CSV upload.
  const batch = page.locator('#batch-issue');
  await batch.getByTestId('csv-file').setInputFiles({
    name: 'cap-table.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`address,amount\n${bob.address},600\n${charlie.address},400\n`),
  });
  await batch.getByText('cap-table.csv: 2 rows, 1,000 units.').waitFor();
  await screenshot(page, PREFIX, 'csv');
  await shotOf(batch, PREFIX, 'csv');
  await sign(batch, 'batch-tx');
  const holders = page.locator('#holders');
  await holders.getByTestId('holders-table').getByText('Charlie').waitFor({ timeout: 60_000 });
  await holders.getByTestId('holders-table').getByText('Bob').waitFor();
  const page1 = await e2e.rpc(node.rpcPort, 'issuance_holders', [security, null, 10]);
  assert.deepEqual(page1.result.holders.map((h) => [h.account, h.balance]).sort(), [[bob.address, 600], [charlie.address, 400]].sort());
  // Searchable.
  await holders.getByLabel('Search holders').fill('charlie');
  await waitFor('the search to narrow the table', async () => (await holders.getByTestId('holders-table').locator('tbody tr').count()) === 1, 30_000);
  await screenshot(page, PREFIX, 'holders');
  await shotOf(holders, PREFIX, 'holders');
  await holders.getByLabel('Search holders').fill('');
  // Export CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), holders.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  assert.match(csv, /^account,investor,balance,frozen\n/);
  assert.match(csv, new RegExp(`${bob.address},1,600,0`));

  // A dividend of 1 dUSD per share, 10% withheld in GB (Charlie), and its progress bar.
  const dividends = page.locator('#distributions');
  await dividends.getByTestId('dividend-amount').fill('1');
  await dividends.getByLabel('Withholding tax (optional)').fill('GB:10');
  await sign(dividends, 'dividend-tx');
  const card = dividends.getByTestId('distribution-0');
  await card.waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'dividend-started');
  await waitFor('the progress bar to reach 100%', async () => (await text(card.getByTestId('progress-pct'))) === '100%', 120_000);
  assert.equal(await text(card.getByTestId('payments')), '2');
  assert.equal(await card.getByTestId('progress').getAttribute('value'), '100');
  await screenshot(page, PREFIX, 'dividend-paid');
  await shotOf(card, PREFIX, 'dividend-paid');
  const progress = await e2e.rpc(node.rpcPort, 'corporateActions_distributionProgress', [0]);
  assert.equal(progress.result.pushed, true);
  assert.equal(progress.result.payments, 2);

  // A ballot for the investors (voting opens about 30 s later).
  const ballot = page.locator('#open-ballot');
  await ballot.getByLabel('Motion', { exact: true }).fill('Approve the 2026 accounts');
  await ballot.getByLabel('Choices', { exact: true }).fill('for, against');
  await sign(ballot, 'ballot-tx');
  assert.equal((await api.query.corporateActions.ballots(0)).isSome, true);
});

test('an investor sees the dividend, is told why a transfer to a US investor is refused, and votes', async () => {
  const { bob, charlie, dave } = accounts;
  await useAccount(page, bob.address);
  await tab(page, 'Investor');
  const holdings = page.getByTestId('holdings');
  await holdings.getByText('CONS — Console AG').waitFor({ timeout: 60_000 });
  assert.match(await text(holdings), /600/);
  // The dividend arrived: 600 dUSD, paid by the chain's push.
  const past = page.getByTestId('dividends-past');
  await past.waitFor({ timeout: 60_000 });
  assert.match(await text(past), /600 dUSD/);
  assert.match(await text(past), /paid/);
  await screenshot(page, PREFIX, 'investor');

  // Dave is a US investor: the pre-flight check says why, before anything is signed.
  const transfer = page.locator('#transfer');
  await transfer.getByLabel('To', { exact: true }).fill(dave.address);
  await transfer.getByLabel('Amount', { exact: true }).fill('10');
  const preflight = transfer.getByTestId('preflight');
  await preflight.locator('[data-verdict="refused"]').waitFor({ timeout: 60_000 });
  const why = await text(preflight);
  assert.match(why, /0x21/);
  assert.match(why, /JurisdictionNotAllowed/);
  assert.match(why, /The receiver: the investor's jurisdiction is not allowed \(a rule of this security\)\./);
  assert.equal(await transfer.getByTestId('transfer-tx').locator('button').isDisabled(), true);
  await screenshot(page, PREFIX, 'transfer-refused');
  await shotOf(transfer, PREFIX, 'transfer-refused');
  const report = await e2e.rpc(node.rpcPort, 'compliance_canTransfer', [0, bob.address, dave.address, 10]);
  assert.deepEqual(report.result.reasons.map((r) => r.code), [0x21]);

  // To Charlie (GB) it is allowed, and goes through.
  await transfer.getByLabel('To', { exact: true }).fill(charlie.address);
  await preflight.locator('[data-verdict="allowed"]').waitFor({ timeout: 60_000 });
  await sign(transfer, 'transfer-tx');
  await waitFor('Bob\'s holding to drop to 590', async () => /590/.test(await text(holdings)), 60_000);

  // The ballot opens and Bob votes with his record-date units.
  const card = page.getByTestId('ballot-0');
  await card.waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'ballot-waiting');
  await card.getByTestId('vote-0').waitFor({ timeout: 180_000 });
  await card.getByLabel(/^for/).check();
  await sign(card, 'vote-0');
  await card.getByText('Your investor has voted.').waitFor({ timeout: 60_000 });
  const results = await e2e.rpc(node.rpcPort, 'corporateActions_ballotResults', [0]);
  assert.deepEqual(results.result.tallies, [[600, 0]]);
  assert.match(await text(card), /for \(600 units\)/);
  await screenshot(page, PREFIX, 'ballot-voted');
  await shotOf(card, PREFIX, 'ballot-voted');

  // A narrow screen: the same page, one column.
  await page.setViewportSize({ width: 400, height: 900 });
  await screenshot(page, PREFIX, 'investor-mobile');
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(page.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
});
