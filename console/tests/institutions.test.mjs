// Institutions in the console, in a real browser against a real `stoa-node --dev`: a 2-of-3
// multisig of Alice, Bob and Charlie is the issuance agent of a security (set up through
// @polkadot/api, with the multisig funded). Acting as the multisig, Alice issues 250 units to Bob
// from the Issuer screen: the console signs it as the first approval (Dave, no signatory, is
// refused before signing). Bob, in another browser page that does not know the call, finds the
// operation in the multisig's approvals, pastes its call data (a wrong one is refused against the
// hash) and approves it last: the call runs and Bob holds the units. Alice opens and cancels
// another. Then Dev KYC (Ferdie) adds Eve as a Qualifier proxy (the deposit shown); Eve, acting
// as Ferdie, blocks an investor through the proxy, is told the chain's error in words when a
// wallet link fails inside the proxy call, and is refused before signing a call outside her
// proxy's kind (system.CallFiltered, as the chain answers it for the same call).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { transformWithEsbuild } from 'vite';
import { e2e, startSession, stopSession, approveAlicesCompany, openConsole, useAccount, tab, screenshot, shotOf, sign, waitFor } from './lib.mjs';

const PREFIX = 'institutions';
const session = {};
let node;
let api;
let accounts;
let page;
let multisig;
let decimals;
const security = 0;
const TAB = 'Multisig / Proxies';

/** The console's own amount formatting (src/format.ts), to compare amounts as the page shows them. */
async function consoleUnits() {
  const source = await readFile(new URL('../src/format.ts', import.meta.url), 'utf8');
  const { code } = await transformWithEsbuild(source, 'format.ts', { loader: 'ts', format: 'esm' });
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).units;
}

const held = async (who) => {
  const h = await api.query.issuance.holdings(security, who);
  return h.isSome ? h.unwrap().balance.toNumber() : 0;
};
const text = (locator) => locator.innerText();

before(async () => {
  // The end-to-end suite's copy of util-crypto (the one its @polkadot/api already loaded).
  const { cryptoWaitReady, encodeMultiAddress } = await import('../../e2e/node_modules/@polkadot/util-crypto/index.js');
  await cryptoWaitReady();
  ({ node, api, accounts, page } = await startSession('console-institutions', session));
  const { alice, bob, charlie } = accounts;
  decimals = api.registry.chainDecimals[0];
  multisig = encodeMultiAddress([alice.address, bob.address, charlie.address], 2, api.registry.chainSS58);
  await approveAlicesCompany(api, accounts);
  // Alice's company creates a security, appoints the board's multisig as its issuance agent and
  // funds the multisig, in one batch.
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  await e2e.submit(api, api.tx.utility.batchAll([
    api.tx.issuance.createSecurity('Treasury AG', 'TRS', 'Equity', 0, ids, 1_000_000),
    api.tx.issuance.setAgent(security, multisig, { issuance: true, compliance: false, transfer: false, corporateActions: false }),
    api.tx.balances.transferKeepAlive(multisig, 10n * 10n ** BigInt(decimals)),
  ]), alice);
  assert.equal((await api.query.issuance.agents(security, multisig)).isSome, true);
});

after(() => stopSession(session));

/** Defines the Alice-Bob-Charlie 2-of-3 multisig on `p`'s Multisig / Proxies screen and acts as it. */
async function actAsBoard(p, name) {
  await tab(p, TAB);
  const setup = p.locator('#multisig-setup');
  for (const who of ['Alice', 'Bob', 'Charlie']) await setup.getByLabel(who, { exact: true }).check();
  await setup.getByLabel('Threshold (approvals needed)').fill('2');
  await setup.getByLabel('Name (optional, this page only)').fill(name);
  // The address the console derives is the one the chain uses (set up above as the agent).
  await setup.getByTestId('multisig-address').getByText(multisig, { exact: true }).waitFor({ timeout: 30_000 });
  await setup.getByRole('button', { name: 'Act as this multisig' }).click();
  await p.getByTestId('acting-banner').getByText(name).waitFor({ timeout: 30_000 });
}

test('a 2-of-3 multisig agent issues units: one signatory proposes, another approves with the call data', async () => {
  const { alice, bob, charlie, dave } = accounts;
  await useAccount(page, alice.address);
  await actAsBoard(page, 'Treasury board');
  const banner = await text(page.getByTestId('acting-banner'));
  assert.match(banner, /multisig operation \(2 of 3: (\w+), (\w+), (\w+)\), signed by Alice/);
  assert.deepEqual(/2 of 3: (\w+), (\w+), (\w+)\)/.exec(banner).slice(1).sort(), ['Alice', 'Bob', 'Charlie']);

  // The Issuer screen reads the multisig's roles: it is the security's agent.
  await tab(page, 'Issuer');
  const securities = page.locator('#securities');
  await securities.getByTestId('security-facts').waitFor({ timeout: 60_000 });
  assert.match(await text(securities), /TRS.*agent/s);
  const issue = page.locator('#issue');
  await issue.getByLabel('Holder', { exact: true }).fill(bob.address);
  await issue.getByLabel('Units', { exact: true }).fill('250');
  const box = issue.getByTestId('issue-tx');

  // Dave is no signatory: refused before signing.
  await useAccount(page, dave.address);
  await box.getByText('Dave is not a signatory of Treasury board').waitFor({ timeout: 30_000 });
  assert.equal(await box.locator('button').isDisabled(), true);

  // Alice's signature is the first approval: the fee is the wrapper's.
  await useAccount(page, alice.address);
  await box.getByText(/Fee: .* \(signed by Alice, who proposes issuance\.issue as Treasury board: approval 1 of 2 \(multisig\.approveAsMulti; .* held from Alice/).waitFor({ timeout: 60_000 });
  await screenshot(page, PREFIX, 'propose-fee');
  const proposed = await sign(issue, 'issue-tx');
  assert.match(proposed, /Approval 1 of 2 recorded for Treasury board/);
  const call = api.tx.issuance.issue(security, bob.address, 250).method;
  const hash = call.hash.toHex();
  const op = await api.query.multisig.multisigs(multisig, hash);
  assert.equal(op.isSome, true);
  assert.deepEqual(op.unwrap().approvals.map(String), [alice.address]);
  assert.equal(op.unwrap().depositor.toString(), alice.address);
  assert.equal(await held(bob.address), 0);

  // The approvals panel: the operation, its call (this page started it), 1 of 2, the depositor.
  await tab(page, TAB);
  const row = page.locator(`[data-testid="pending-op"][data-hash="${hash}"]`);
  await row.waitFor({ timeout: 60_000 });
  assert.match(await text(row.getByTestId('op-approvals')), /1 of 2: Alice/);
  assert.match(await text(row.getByTestId('op-call')), /issuance\.issue/);
  assert.match(await text(row.getByTestId('op-depositor')), /Alice/);
  await row.getByTestId('approve-op-tx').getByText('Alice approved it already').waitFor({ timeout: 30_000 });
  await screenshot(page, PREFIX, 'pending-op');
  await shotOf(page.locator('#multisig-approvals'), PREFIX, 'approvals');

  // Bob, in his own page, which does not know the call: he pastes its call data.
  const bobs = await openConsole(session.browser, session.site, node);
  try {
    await useAccount(bobs, bob.address);
    await actAsBoard(bobs, 'Board');
    const theirs = bobs.locator(`[data-testid="pending-op"][data-hash="${hash}"]`);
    await theirs.waitFor({ timeout: 60_000 });
    assert.match(await text(theirs.getByTestId('op-call')), /not known to this page/);
    await theirs.getByTestId('approve-op-tx').getByText('The last approval carries the call').waitFor({ timeout: 30_000 });
    const field = theirs.getByTestId('call-data');
    await field.fill(api.tx.issuance.issue(security, bob.address, 251).method.toHex());
    await theirs.getByText(/This call data hashes to 0x.*not to this operation's/).waitFor({ timeout: 10_000 });
    await field.fill(call.toHex());
    await theirs.getByText('✓ Matches the call hash.').waitFor({ timeout: 10_000 });
    assert.match(await text(theirs.getByTestId('op-call')), /issuance\.issue/);
    await theirs.getByTestId('approve-op-tx').getByText(/Fee: .* \(signed by Bob\)/).waitFor({ timeout: 60_000 });
    assert.equal(await theirs.getByTestId('approve-op-tx').locator('button').innerText(), 'Approve and execute');
    await screenshot(bobs, PREFIX, 'bob-pasted');
    await shotOf(bobs.locator('#multisig-approvals'), PREFIX, 'approve-last');
    const executed = await sign(theirs, 'approve-op-tx');
    assert.match(executed, /multisig\.MultisigExecuted: the call ran as Board and succeeded/);
    assert.equal(await held(bob.address), 250);
    assert.equal((await api.query.multisig.multisigs(multisig, hash)).isNone, true);
    await bobs.locator('#multisig-approvals').getByTestId('no-pending-ops').waitFor({ timeout: 60_000 });
    await screenshot(bobs, PREFIX, 'bob-executed');
    assert.deepEqual(bobs.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
  } finally {
    await bobs.context().close();
  }

  // Alice opens another operation and, as its depositor, cancels it: the deposit comes back.
  const reservedBefore = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
  await tab(page, 'Issuer');
  await issue.getByLabel('Holder', { exact: true }).fill(charlie.address);
  await issue.getByLabel('Units', { exact: true }).fill('10');
  await box.getByText(/approval 1 of 2/).waitFor({ timeout: 60_000 });
  await sign(issue, 'issue-tx');
  const second = api.tx.issuance.issue(security, charlie.address, 10).method.hash.toHex();
  assert.equal((await api.query.multisig.multisigs(multisig, second)).isSome, true);
  assert.ok((await api.query.system.account(alice.address)).data.reserved.toBigInt() > reservedBefore);
  await tab(page, TAB);
  const pending = page.locator(`[data-testid="pending-op"][data-hash="${second}"]`);
  await pending.waitFor({ timeout: 60_000 });
  await sign(pending, 'cancel-op-tx');
  assert.equal((await api.query.multisig.multisigs(multisig, second)).isNone, true);
  assert.equal((await api.query.system.account(alice.address)).data.reserved.toBigInt(), reservedBefore);
  assert.equal(await held(charlie.address), 0);
  await page.locator('#multisig-approvals').getByTestId('no-pending-ops').waitFor({ timeout: 60_000 });
});

test('a qualifier\'s staff proxy: Ferdie adds Eve as a Qualifier proxy, Eve blocks an investor as Ferdie', async () => {
  const { ferdie, eve, bob } = accounts;
  const units = await consoleUnits();
  await useAccount(page, ferdie.address);
  await page.locator('#acting').selectOption('self');
  await tab(page, TAB);
  const proxies = page.locator('#proxies');
  await proxies.getByLabel('Delegate', { exact: true }).fill(eve.address);
  await proxies.getByLabel('Proxy kind').selectOption('Qualifier');
  const consts = api.consts.proxy;
  const deposit = consts.proxyDepositBase.toBigInt() + consts.proxyDepositFactor.toBigInt();
  assert.match(await text(proxies.getByTestId('add-proxy-deposit')), new RegExp(`Adds ${units(deposit, decimals).replace(/\./g, '\\.')} `));
  await sign(proxies, 'add-proxy-tx');
  const [defs, reserved] = await api.query.proxy.proxies(ferdie.address);
  assert.deepEqual(defs.map((d) => [d.delegate.toString(), d.proxyType.toString(), d.delay.toNumber()]), [[eve.address, 'Qualifier', 0]]);
  assert.equal(reserved.toBigInt(), deposit);
  await proxies.getByTestId('own-proxies').getByText('Qualifier').waitFor({ timeout: 60_000 });
  assert.match(await text(proxies.getByTestId('proxy-deposit')), new RegExp(`held for them: ${units(deposit, decimals).replace(/\./g, '\\.')} `));
  await shotOf(proxies, PREFIX, 'proxies');

  // Eve sees that she is Ferdie's proxy, and acts as him.
  await useAccount(page, eve.address);
  await proxies.getByTestId('proxy-for').getByRole('button', { name: 'Act as Ferdie' }).click();
  await page.getByTestId('acting-banner').getByText('Qualifier').waitFor({ timeout: 30_000 });
  assert.match(await text(page.getByTestId('acting-banner')), /Acting as Ferdie.*signed by Eve as its Qualifier proxy/s);

  // The Qualifier screen is Dev KYC's; Eve blocks Dave's investor through the proxy.
  await tab(page, 'Qualifier');
  await page.getByTestId('qualifier-facts').getByText('Dev KYC').waitFor({ timeout: 60_000 });
  const admin = page.locator('#investor-admin');
  await admin.getByLabel('Investor id').fill('3');
  await admin.getByTestId('block-state').getByText('not blocked').waitFor({ timeout: 30_000 });
  await admin.getByLabel('Block reason').selectOption('CourtOrder');
  await admin.getByTestId('block-tx').getByText(/Fee: .*signed by Eve, who acts as Ferdie through its Qualifier proxy \(proxy\.proxy\)/).waitFor({ timeout: 60_000 });
  const blocked = await sign(admin, 'block-tx');
  assert.match(blocked, /by Eve as Ferdie/);
  assert.match(blocked, /proxy\.ProxyExecuted: the call ran as Ferdie and succeeded/);
  await admin.getByTestId('block-state').getByText('blocked: CourtOrder').waitFor({ timeout: 60_000 });
  const investor = (await e2e.rpc(node.rpcPort, 'credentials_investor', [3])).result;
  assert.ok(investor.block, 'investor 3 is blocked on chain');
  await screenshot(page, PREFIX, 'proxy-blocked');

  // A call the proxy may make but the chain refuses: the error inside the proxy call, in words.
  const onboard = page.locator('#onboard');
  await onboard.getByTestId('investor-id-input').fill('3');
  await onboard.getByLabel('Wallet', { exact: true }).fill(bob.address);
  await assert.rejects(sign(onboard, 'link-tx'), /Failed inside: proxy\.ProxyExecuted: the call made through the proxy failed: credentials\.WalletAlreadyLinked: /);
  assert.equal((await api.query.credentials.linkRequests(bob.address)).isNone, true);

  // A call outside the Qualifier kind is refused before signing, with the chain's error...
  const outsider = api.createType('AccountId', '0x' + '42'.repeat(32)).toString();
  const holders = page.locator('#protocol-holders');
  await holders.getByLabel('Protocol account').fill(outsider);
  await holders.getByLabel('Protocol name').fill('Stoa AMM pool 1');
  const refused = holders.getByTestId('register-holder-tx');
  await refused.getByText(/A Qualifier proxy may not sign credentials\.registerProtocolHolder: the chain would refuse it \(system\.CallFiltered: /).waitFor({ timeout: 60_000 });
  assert.equal(await refused.locator('button').isDisabled(), true);
  await screenshot(page, PREFIX, 'proxy-refused');
  await shotOf(holders, PREFIX, 'proxy-refused');
  // ...which is what the chain answers for the same call.
  const events = await e2e.submit(api, api.tx.proxy.proxy(ferdie.address, 'Qualifier', api.tx.credentials.registerProtocolHolder(outsider, 'Stoa AMM pool 1')), eve);
  const result = e2e.findEvent(events, 'proxy', 'ProxyExecuted').data.result;
  assert.equal(result.isErr, true);
  assert.equal(e2e.describeDispatchError(api, result.asErr), 'system.CallFiltered');
  assert.equal((await api.query.credentials.protocolHolders(outsider)).isNone, true);
  assert.deepEqual(page.errors.filter((e) => !/WebSocket|disconnected/i.test(e)), []);
});
