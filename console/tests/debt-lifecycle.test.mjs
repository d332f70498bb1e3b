// A debt security's life in a real browser against a real `stoa-node --dev`: Dave, Alice's
// corporate-actions agent, sets the coupon schedule in the console (his account is the reserve,
// and it is empty), sees the first coupon missed on its date, funds the reserve and retries it,
// and follows it until every holder is paid; meanwhile Alice pauses the security (Bob is told
// he cannot redeem) and resumes it, and cancels a dividend before its pay date and a ballot
// before voting opens. While the notes run to maturity Alice reclaims an expired dividend's
// escrow and Bob redeems part of his holding; at maturity the principal is missed too, and Dave
// repays it (the holders' units are burnt). The security, its holders, the agent and the
// distributions and ballot to cancel are set up through @polkadot/api; every step is checked
// against the chain as well as on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, startSession, stopSession, approveAlicesCompany, useAccount, tab, screenshot, shotOf, sign } from './lib.mjs';

const PREFIX = 'debt-lifecycle';
const session = {};
let node;
let api;
let accounts;
let page;
const security = 0;
const DUSD = 1; // the dev chain's stablecoin, 6 decimals
const dusd = (whole) => BigInt(whole) * 1_000_000n;
// Long enough for the schedule, the pause and the cancelled dividend to come first (a block is
// about 6 s), short enough not to keep the test waiting.
const MATURITY_IN = 150;
let maturity;

const units = async (who) => {
  const h = await api.query.issuance.holdings(security, who);
  return h.isSome ? h.unwrap().balance.toNumber() : 0;
};
const cash = async (who) => {
  const a = await api.query.assets.account(DUSD, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};
const status = async () => (await api.query.issuance.securities(security)).unwrap().status.toString();
/** A datetime-local value (UTC, with seconds) for Unix seconds. */
const local = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 19);

before(async () => {
  ({ node, api, accounts, page } = await startSession('console-debt', session));
  const { alice, bob, charlie, dave } = accounts;
  await approveAlicesCompany(api, accounts);
  // A 5% bond maturing shortly, issued to Bob (100) and Charlie (50), with Dave as its
  // corporate-actions agent: one batch, so that it costs one block.
  maturity = (await e2e.chainSeconds(api)) + MATURITY_IN;
  const ids = { isin: 'XS2021462440', cusip: null, lei: null, figi: null };
  await e2e.submit(api, api.tx.utility.batchAll([
    api.tx.issuance.createSecurity('Debt AG 5% notes', 'DEBT', { Debt: { couponBps: 500, maturity } }, 0, ids, 1_000),
    api.tx.issuance.batchIssue(security, [[bob.address, 100], [charlie.address, 50]]),
    api.tx.issuance.setAgent(security, dave.address, { issuance: false, compliance: false, transfer: false, corporateActions: true }),
  ]), alice);
  assert.equal(await units(bob.address), 100);
  assert.equal(await cash(dave.address), 0n);
  await useAccount(page, dave.address);
  await tab(page, 'Issuer');
  await page.locator('#securities').getByTestId('security-facts').waitFor({ timeout: 60_000 });
});

after(() => stopSession(session));

test('the agent sets the coupon schedule', async () => {
  const { dave } = accounts;
  const debt = page.locator('#debt');
  await debt.getByText('coupon 5% a year').waitFor({ timeout: 60_000 });
  await debt.getByLabel(/^Face value per whole unit/).fill('100');
  await debt.getByLabel('Coupon frequency').selectOption('12');
  const first = (await e2e.chainSeconds(api)) + 40;
  await debt.getByLabel('First coupon (UTC)').fill(local(first));
  // The coupon as the chain will compute it: 100 dUSD × 5% × 12/12.
  await debt.getByTestId('coupon-preview').getByText('Each coupon: 5 dUSD per unit').waitFor();
  await debt.getByText(/^Fee: /).waitFor({ timeout: 60_000 });
  await sign(debt, 'debt-schedule-tx');

  const schedule = (await api.query.corporateActions.debtSchedules(security)).unwrap();
  assert.equal(schedule.faceValue.toBigInt(), dusd(100));
  assert.equal(schedule.months.toNumber(), 12);
  assert.equal(schedule.firstCoupon.toNumber(), first);
  assert.equal(schedule.maturity.unwrap().toNumber(), maturity);
  assert.equal(schedule.funder.toString(), dave.address);
  // One coupon before maturity, then the principal; the reserve is empty and the page says so.
  const coupons = debt.getByTestId('coupons');
  await coupons.getByTestId('coupon-1').and(page.locator('[data-state="scheduled"]')).waitFor({ timeout: 60_000 });
  assert.match(await coupons.getByTestId('coupon-1').innerText(), /5 dUSD/);
  assert.equal(await coupons.getByTestId('coupon-2').count(), 0);
  assert.match(await coupons.getByTestId('principal').innerText(), /100 dUSD/);
  await debt.getByText('The reserve cannot cover the next payment').waitFor();
  assert.match(await debt.getByTestId('debt-reserve').innerText(), /0 dUSD · the next payment needs 750 dUSD/);
  await screenshot(page, PREFIX, 'schedule-set');
});

test('the issuer pauses and resumes the security, and cancels a dividend and a ballot', async () => {
  const { alice } = accounts;
  await useAccount(page, alice.address);
  const lifecycle = page.locator('#status');
  await lifecycle.getByTestId('security-status').and(page.locator('[data-status="Active"]')).waitFor({ timeout: 60_000 });
  await sign(lifecycle, 'pause-tx');
  assert.equal(await status(), 'Paused');
  await lifecycle.getByTestId('security-status').and(page.locator('[data-status="Paused"]')).waitFor({ timeout: 60_000 });
  // While paused, Bob could not transfer: the chain's pre-flight says so.
  const { result: check } = await e2e.rpc(node.rpcPort, 'compliance_canTransfer', [security, accounts.bob.address, accounts.charlie.address, 1]);
  assert.equal(check.allowed, false);
  assert.match(JSON.stringify(check.reasons), /SecurityPaused/i);
  await screenshot(page, PREFIX, 'paused');
  // Nor redeem: the console says why before signing.
  await useAccount(page, accounts.bob.address);
  await tab(page, 'Investor');
  const redeem = page.locator('#redeem');
  await redeem.getByLabel('Units to redeem').fill('10');
  await redeem.getByTestId('redeem-tx').getByText('DEBT is paused: holders cannot redeem until it resumes.').waitFor({ timeout: 60_000 });
  assert.equal(await redeem.getByTestId('redeem-tx').locator('button').isDisabled(), true);
  await useAccount(page, alice.address);
  await tab(page, 'Issuer');
  await sign(lifecycle, 'resume-tx');
  assert.equal(await status(), 'Active');
  await lifecycle.getByTestId('security-status').and(page.locator('[data-status="Active"]')).waitFor({ timeout: 60_000 });

  // A dividend paid in ten minutes (set up through the API), cancelled in the console.
  const now = await e2e.chainSeconds(api);
  const before = await cash(alice.address);
  const events = await e2e.submit(api, api.tx.corporateActions.createDistribution(security, 'Now', DUSD, { PerUnit: dusd(1) }, now + 600, now + 600 + 86_400, []), alice);
  const id = e2e.findEvent(events, 'corporateActions', 'DistributionCreated').data.distribution.toNumber();
  assert.equal(await cash(alice.address), before - dusd(150));
  const card = page.locator('#distributions').getByTestId(`distribution-${id}`);
  await card.getByTestId(`cancel-distribution-${id}`).getByText(/^Fee: /).waitFor({ timeout: 60_000 });
  await sign(card, `cancel-distribution-${id}`);
  assert.equal((await api.query.corporateActions.distributions(id)).unwrap().status.toString(), 'Closed');
  assert.equal(await cash(alice.address), before);
  await card.getByText('cancelled before its pay date').waitFor({ timeout: 60_000 });
  assert.equal(await card.getByTestId(`cancel-distribution-${id}`).count(), 0);
  await screenshot(page, PREFIX, 'dividend-cancelled');

  // A ballot whose voting opens in ten minutes, cancelled in the console.
  const opened = await e2e.submit(api, api.tx.corporateActions.openBallot(security, 'Now', now + 600, now + 1_200, [{ title: 'Extend the notes', choices: ['for', 'against'] }]), alice);
  const ballot = e2e.findEvent(opened, 'corporateActions', 'BallotOpened').data.ballot.toNumber();
  const ballotCard = page.locator('#open-ballot').getByTestId(`issuer-ballot-${ballot}`);
  await ballotCard.getByText('Extend the notes').waitFor({ timeout: 60_000 });
  await sign(ballotCard, `cancel-ballot-${ballot}`);
  assert.equal((await api.query.corporateActions.ballots(ballot)).isNone, true);
  await ballotCard.waitFor({ state: 'detached', timeout: 60_000 });
});

test('a coupon missed for an empty reserve is retried and paid', async () => {
  const { alice, bob, charlie, dave } = accounts;
  await useAccount(page, dave.address);
  const debt = page.locator('#debt');
  const coupon = debt.getByTestId('coupon-1');
  await coupon.and(page.locator('[data-state="missed"]')).waitFor({ timeout: 120_000 });
  assert.equal((await api.query.corporateActions.missedCoupons(security, 1)).isSome, true);
  assert.equal((await api.query.corporateActions.debtSchedules(security)).unwrap().defaults.toNumber(), 1);
  await screenshot(page, PREFIX, 'coupon-missed');
  await shotOf(debt, PREFIX, 'coupon-missed');

  // Fund the reserve with exactly the coupon (150 units × 5 dUSD), then retry in the console.
  await e2e.submit(api, api.tx.assets.transfer(DUSD, dave.address, dusd(750)), alice);
  const [bobBefore, charlieBefore] = [await cash(bob.address), await cash(charlie.address)];
  await sign(coupon, 'retry-coupon-1');
  assert.equal((await api.query.corporateActions.missedCoupons(security, 1)).isNone, true);
  await coupon.and(page.locator('[data-state="paid"]')).waitFor({ timeout: 120_000 });
  assert.match(await coupon.innerText(), /paid to 2 holder\(s\) \(750 dUSD paid\)/);
  assert.equal(await cash(bob.address), bobBefore + dusd(500));
  assert.equal(await cash(charlie.address), charlieBefore + dusd(250));
  assert.equal(await cash(dave.address), 0n);
  const coupons = (await api.query.corporateActions.distributions.entries())
    .map(([, d]) => d.unwrap()).filter((d) => d.kind.isCoupon);
  assert.equal(coupons.length, 1);
  assert.equal(coupons[0].status.toString(), 'Pushed');
  await screenshot(page, PREFIX, 'coupon-paid');
  await shotOf(debt, PREFIX, 'coupon-paid');
});

test('an expired dividend\'s escrow is reclaimed, and Bob redeems part of his holding', async () => {
  const { alice, bob } = accounts;
  await useAccount(page, alice.address);
  // Paid at once, expiring a few blocks later (set up through the API).
  const now = await e2e.chainSeconds(api);
  const events = await e2e.submit(api, api.tx.corporateActions.createDistribution(security, 'Now', DUSD, { PerUnit: dusd(1) }, now, now + 15, []), alice);
  const id = e2e.findEvent(events, 'corporateActions', 'DistributionCreated').data.distribution.toNumber();
  const card = page.locator('#distributions').getByTestId(`distribution-${id}`);
  await card.getByTestId(`reclaim-${id}`).getByText(/^Fee: /).waitFor({ timeout: 120_000 });
  assert.equal((await api.query.corporateActions.distributions(id)).unwrap().status.toString(), 'Pushed');
  await sign(card, `reclaim-${id}`);
  assert.equal((await api.query.corporateActions.distributions(id)).unwrap().status.toString(), 'Closed');
  await card.getByText('closed: expired').waitFor({ timeout: 60_000 });

  await useAccount(page, bob.address);
  await tab(page, 'Investor');
  const redeem = page.locator('#redeem');
  await redeem.getByLabel('Units to redeem').fill('10');
  await redeem.getByTestId('redeem-tx').getByText(/^Fee: /).waitFor({ timeout: 60_000 });
  await sign(redeem, 'redeem-tx');
  assert.equal(await units(bob.address), 90);
  assert.equal((await api.query.issuance.securities(security)).unwrap().totalSupply.toNumber(), 140);
  await page.getByTestId('holdings').getByRole('cell', { name: '90', exact: true }).waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'redeemed');
  await useAccount(page, accounts.dave.address);
  await tab(page, 'Issuer');
});

test('the principal missed at maturity is repaid, and the units burnt', async () => {
  const { alice, bob, charlie, dave } = accounts;
  const debt = page.locator('#debt');
  const principal = debt.getByTestId('principal');
  await principal.and(page.locator('[data-state="missed"]')).waitFor({ timeout: (MATURITY_IN + 60) * 1000 });
  // The chain marked it matured at its maturity, and could not repay from the empty reserve.
  assert.equal(await status(), 'Matured');
  assert.equal((await api.query.corporateActions.debtSchedules(security)).unwrap().redeemed.isTrue, false);
  await page.locator('#status').getByTestId('security-status').and(page.locator('[data-status="Matured"]')).waitFor({ timeout: 60_000 });

  await e2e.submit(api, api.tx.assets.transfer(DUSD, dave.address, dusd(14_000)), alice);
  const bobBefore = await cash(bob.address);
  await sign(principal, 'redeem-at-maturity-tx');
  assert.equal((await api.query.corporateActions.debtSchedules(security)).unwrap().redeemed.isTrue, true);
  await principal.and(page.locator('[data-state="paid"]')).waitFor({ timeout: 120_000 });
  assert.match(await principal.innerText(), /paid to 2 holder\(s\), their units burnt \(14,000 dUSD paid\)/);
  assert.equal(await cash(bob.address), bobBefore + dusd(9_000));
  assert.equal(await units(bob.address), 0);
  assert.equal(await units(charlie.address), 0);
  assert.equal((await api.query.issuance.securities(security)).unwrap().totalSupply.toNumber(), 0);
  await page.locator('#securities').getByTestId('supply').getByText('0 of 1,000 authorised').waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'principal-repaid');
  assert.deepEqual(page.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
});
