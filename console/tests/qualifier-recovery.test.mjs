// A qualifier's after-care and the council's other powers, in a real browser against a real
// `stoa-node --dev`. Dev KYC (Ferdie) moves Bob's investor from CH to LI, links Eve's wallet to
// it, unlinks it (Bob's own wallet, holding units, cannot be) and links it again; then Bob's key
// is lost: Dev KYC recovers the wallet into Eve's and Bob's wallet is blocked, and Alice, the
// issuer, moves its holding to Eve and approves one transfer by hand. Dave registers a protocol
// holder; Charlie, one council member alone, blocks it at once (council.execute); a council
// majority settles the block from a new motion template and the deposit goes back to Dave.
// Alice's company and its security are set up through @polkadot/api.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, startSession, stopSession, approveAlicesCompany, useAccount, tab, screenshot, shotOf, sign, waitFor } from './lib.mjs';

const PREFIX = 'qualifier-recovery';
const session = {};
let node;
let api;
let accounts;
let page;
const security = 0;
const BOB_INVESTOR = 1;

const text = (locator) => locator.innerText();
const units = async (who) => {
  const h = await api.query.issuance.holdings(security, who);
  return h.isSome ? h.unwrap().balance.toNumber() : 0;
};

before(async () => {
  ({ node, api, accounts, page } = await startSession('console-recovery', session));
  const { alice, bob } = accounts;
  await approveAlicesCompany(api, accounts);
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  await e2e.submit(api, api.tx.issuance.createSecurity('Recovery AG', 'RCV', 'Equity', 0, ids, 1_000_000), alice);
  await e2e.submit(api, api.tx.issuance.issue(security, bob.address, 500), alice);
});

after(() => stopSession(session));

test('a qualifier changes a jurisdiction, unlinks a wallet and recovers a lost one; the issuer moves its holding', async () => {
  const { alice, bob, charlie, eve, ferdie } = accounts;
  await useAccount(page, ferdie.address);
  await tab(page, 'Qualifier');
  await page.getByTestId('qualifier-facts').getByText('Dev KYC').waitFor({ timeout: 60_000 });
  const admin = page.locator('#investor-admin');
  const onboard = page.locator('#onboard');
  await admin.getByLabel('Investor id').fill(String(BOB_INVESTOR));
  await admin.getByTestId('investor-jurisdiction').getByText('CH').waitFor({ timeout: 60_000 });

  // Bob's investor moves from Switzerland to Liechtenstein.
  await admin.getByLabel('New home jurisdiction').selectOption('LI');
  await sign(admin, 'jurisdiction-tx');
  await admin.getByTestId('investor-jurisdiction').getByText('LI').waitFor({ timeout: 60_000 });
  assert.equal((await e2e.rpc(node.rpcPort, 'credentials_investor', [BOB_INVESTOR])).result.jurisdiction, 'LI');
  // The pre-check: LI is now its jurisdiction, so changing to LI again is refused before signing.
  assert.match(await text(admin.getByTestId('jurisdiction-tx')), /LI is already its home jurisdiction/);

  // A second wallet: Dev KYC invites Eve's, Eve accepts.
  const wallets = admin.getByTestId('investor-wallets');
  const row = (who) => wallets.locator(`tr[data-wallet="${who.address}"]`);
  const linkEve = async () => {
    await onboard.getByLabel('Wallet', { exact: true }).fill(eve.address);
    await sign(onboard, 'link-tx');
    await onboard.getByTestId('link-state').getByText(`Invitation to investor #${BOB_INVESTOR} waiting`).waitFor({ timeout: 60_000 });
    await sign(onboard, 'accept-tx');
    await onboard.getByTestId('link-state').getByText('Linked').waitFor({ timeout: 60_000 });
    await row(eve).waitFor({ timeout: 60_000 });
  };
  await linkEve();
  assert.equal((await api.query.credentials.investorOfWallet(eve.address)).unwrap().toNumber(), BOB_INVESTOR);
  // Bob's wallet holds units: unlinking it is refused before signing, with the reason.
  await row(bob).getByText('500 RCV').first().waitFor({ timeout: 60_000 });
  assert.match(await text(row(bob)), /WalletHoldsUnits/);
  assert.equal(await row(bob).getByRole('button', { name: /^Unlink/ }).isDisabled(), true);
  await screenshot(page, PREFIX, 'wallets');

  // Eve's wallet is unlinked, then linked again.
  await sign(row(eve), 'unlink-tx');
  await row(eve).waitFor({ state: 'detached', timeout: 60_000 });
  assert.equal((await api.query.credentials.investorOfWallet(eve.address)).isNone, true);
  await linkEve();

  // Bob's key is lost: Dev KYC recovers his wallet into Eve's.
  const recover = admin.getByTestId('recover-wallet');
  await recover.getByLabel('Lost wallet').selectOption(bob.address);
  await recover.getByLabel('New wallet').selectOption(eve.address);
  await sign(recover, 'recover-tx');
  await row(bob).waitFor({ state: 'detached', timeout: 60_000 });
  assert.equal((await api.query.credentials.investorOfWallet(bob.address)).isNone, true);
  assert.equal((await api.query.credentials.walletBlocks(bob.address)).unwrap().reason.toString(), 'LostWallet');
  assert.equal((await api.query.issuance.recoveries(bob.address)).unwrap().toString(), eve.address);
  await admin.getByTestId('pending-recoveries').getByText('still to move: 500 RCV').waitFor({ timeout: 60_000 });

  // The lost wallet's own block, as the wallet-blocks section reads it.
  const blocks = page.locator('#wallet-blocks');
  await blocks.getByLabel('Wallet', { exact: true }).fill(bob.address);
  await blocks.getByTestId('wallet-block-state').getByText('blocked: LostWallet by qualifier #0').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'recovered');

  // Alice, the issuer, moves the lost wallet's holding to Eve.
  await useAccount(page, alice.address);
  await tab(page, 'Issuer');
  const recoveries = page.locator('#recoveries');
  const lostRow = recoveries.locator(`tr[data-lost="${bob.address}"]`);
  await lostRow.getByText('500').first().waitFor({ timeout: 60_000 });
  await shotOf(recoveries, PREFIX, 'recoveries');
  await sign(lostRow, 'recover-holdings-tx');
  await recoveries.getByText('No recovered wallet holds RCV').waitFor({ timeout: 60_000 });
  assert.equal(await units(eve.address), 500);
  assert.equal(await units(bob.address), 0);
  assert.equal((await api.query.issuance.recoveries(bob.address)).isNone, true);

  // And approves one transfer from Eve to Charlie by hand.
  const approvals = page.locator('#approvals');
  await approvals.getByLabel('Approved sender').fill(eve.address);
  await approvals.getByLabel('Approved receiver').fill(charlie.address);
  await approvals.getByLabel('Approved units').fill('10');
  await approvals.getByTestId('approval-preflight').waitFor({ timeout: 60_000 });
  await sign(approvals, 'approve-transfer-tx');
  await approvals.getByTestId('approvals').getByText('unused').waitFor({ timeout: 60_000 });
  assert.equal((await api.query.compliance.approvals(security, [eve.address, charlie.address, 10])).isSome, true);
  assert.match(await text(approvals.getByTestId('approve-transfer-tx')), /already approved/);
  await screenshot(page, PREFIX, 'issuer-recovered');
});

test('a protocol holder is blocked by one council member and its block settled by a majority', async () => {
  const { alice, bob, charlie, dave } = accounts;
  const pool = dave.derive('//pool').address;
  const deposit = api.consts.credentials.protocolHolderDeposit.toBigInt();
  const reserved = async (who) => (await api.query.system.account(who)).data.reserved.toBigInt();

  // Dave registers a protocol holder; his deposit is held.
  await useAccount(page, dave.address);
  await tab(page, 'Qualifier');
  const holders = page.locator('#protocol-holders');
  await holders.getByLabel('Protocol account').fill(pool);
  await holders.getByLabel('Protocol name').fill('Stoa AMM pool 1');
  await sign(holders, 'register-holder-tx');
  const holderRow = holders.locator(`tr[data-holder="${pool}"]`);
  await holderRow.getByText('active').waitFor({ timeout: 60_000 });
  assert.equal((await api.query.credentials.protocolHolders(pool)).unwrap().registrant.toString(), dave.address);
  const held = await reserved(dave.address);
  assert.ok(held >= deposit);

  // Charlie, one council member, blocks it at once.
  await useAccount(page, charlie.address);
  await tab(page, 'Regulator / Council');
  const alone = page.locator('fieldset.act-alone');
  await alone.getByLabel('Protocol holder').fill(pool);
  await sign(alone, 'execute-tx');
  await waitFor('the guardian\'s block', async () => (await api.query.credentials.protocolHolders(pool)).unwrap().block.isSome, 60_000);
  // Blocking it again is refused before signing.
  await alone.getByText('already blocked').waitFor({ timeout: 60_000 });

  // Alice proposes to settle the block, returning the deposit: a majority, 2 of 3.
  await useAccount(page, alice.address);
  const propose = page.locator('fieldset.propose');
  await propose.getByLabel('Motion', { exact: true }).selectOption('settleProtocolHolderBlock');
  await propose.getByLabel('Protocol holder').fill(pool);
  await propose.getByLabel('The deposit').selectOption('return');
  assert.match(await text(propose.getByTestId('propose-need')), /a majority.*2 of 3/s);
  // A threshold below what the call needs is refused before signing.
  await propose.getByLabel('Threshold (ayes needed)').fill('1');
  await propose.getByTestId('propose-tx').getByText('fail with BadOrigin').waitFor({ timeout: 30_000 });
  await propose.getByLabel('Threshold (ayes needed)').fill('');
  await sign(propose, 'propose-tx');
  const index = (await api.query.council.proposalCount()).toNumber() - 1;
  const motion = page.getByTestId(`motion-${index}`);
  await motion.waitFor({ timeout: 60_000 });
  assert.match(await text(motion), /credentials\.settleProtocolHolderBlock/);
  assert.match(await text(motion.getByTestId('motion-need')), /a majority.*2 of 3 ayes/s);
  await sign(motion, `aye-${index}`);
  await waitFor('Alice\'s aye', async () => (await text(motion.getByTestId('ayes'))) === '1', 60_000);
  await screenshot(page, PREFIX, 'council-motion');
  await shotOf(page.locator('#council'), PREFIX, 'council');
  await useAccount(page, bob.address);
  await sign(motion, `aye-${index}`);
  await waitFor('Bob\'s aye', async () => (await text(motion.getByTestId('ayes'))) === '2', 60_000);
  await sign(motion, `close-${index}`);
  await motion.waitFor({ state: 'detached', timeout: 60_000 });
  const settled = (await api.query.credentials.protocolHolders(pool)).unwrap();
  assert.equal(settled.deposit.toBigInt(), 0n);
  assert.equal(settled.block.isSome, true);
  assert.equal(await reserved(dave.address), held - deposit);

  await tab(page, 'Qualifier');
  await holderRow.getByText('settled: final').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'protocol-holder-settled');
  assert.deepEqual(page.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
});
