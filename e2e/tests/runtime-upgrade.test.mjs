// A runtime upgrade through the council, on a live dev node (docs/governance.md, "Upgrading the
// runtime"). The next runtime is this same runtime one `spec_version` ahead, built by
// scripts/build-next-runtime.sh (scripts/test.sh builds it and sets STOA_NEXT_RUNTIME). Two
// thirds of the council authorize its hash as root, through the whitelist; anyone then
// applies the code; the shard stores it, applies it when the relay chain (mocked on a dev
// node) gives the go-ahead, and reports the new version. A security, its holders and an
// investor's credentials are the same after as before, and the chain goes on working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startNode, connect, rpc, submit, devAccounts, findEvent, waitFor } from '../lib/node.mjs';
import { govern, councilAsRoot } from '../lib/council.mjs';

const NEXT_RUNTIME = process.env.STOA_NEXT_RUNTIME;

let node;
let api;
let accounts;
let security;
let qualifier;
let investor; // wallet
let before_; // the state that must survive

const call = async (method, params) => {
  const response = await rpc(node.rpcPort, method, params);
  assert.ok(!response.error, `${method}: ${JSON.stringify(response.error)}`);
  return response.result;
};

/** What the upgrade must not change: the security, its holders, the investor's credentials. */
async function snapshot() {
  return {
    security: (await api.query.issuance.securities(security)).toJSON(),
    holders: await call('issuance_holders', [security, null, 10]),
    credentials: await call('credentials_account', [investor.address]),
    holding: (await api.query.issuance.holdings(security, investor.address)).toJSON(),
  };
}

before(async () => {
  assert.ok(NEXT_RUNTIME && existsSync(NEXT_RUNTIME),
    'STOA_NEXT_RUNTIME must name the wasm built by scripts/build-next-runtime.sh (scripts/test.sh sets it)');
  node = await startNode('runtime-upgrade', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
  const { alice } = accounts;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  qualifier = keyring.addFromUri('//UpgradeKyc');
  const regulator = keyring.addFromUri('//UpgradeRegulator');
  investor = keyring.addFromUri('//UpgradeInvestor');
  await submit(api, api.tx.utility.batchAll([qualifier, regulator, investor]
    .map((k) => api.tx.balances.transferKeepAlive(k.address, 10n ** 15n))), alice);

  // A qualifier, an investor with a KYC credential, an approved issuer and a security held.
  await govern(api, api.tx.credentials.registerQualifier(qualifier.address, 'Upgrade KYC SA', ['DE'], ['Kyc']));
  await govern(api, api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin'));
  await submit(api, api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
  const created = await submit(api, api.tx.credentials.createInvestor('Individual', 'DE'), qualifier);
  const id = findEvent(created, 'credentials', 'InvestorCreated').data.investor.toNumber();
  await submit(api, api.tx.credentials.requestWalletLink(id, investor.address), qualifier);
  await submit(api, api.tx.credentials.acceptWalletLink(id), investor);
  await submit(api, api.tx.credentials.attest(id, 'Kyc', null, '0x' + '42'.repeat(32)), qualifier);
  const ids = { isin: 'DE000BAY0017', cusip: null, lei: null, figi: null };
  const security_ = await submit(api, api.tx.issuance.createSecurity('Upgrade AG', 'UPG', 'Equity', 0, ids, 1_000_000), alice);
  security = findEvent(security_, 'issuance', 'SecurityCreated').data.security.toNumber();
  await submit(api, api.tx.issuance.issue(security, investor.address, 1_000), alice);
  before_ = await snapshot();
  assert.equal(before_.holders.holders.length, 1);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

test('code the council has not authorized is refused', async () => {
  const { bob } = accounts;
  assert.ok((await api.query.system.authorizedUpgrade()).isNone);
  await assert.rejects(submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(readFileSync(NEXT_RUNTIME))), bob),
    /system\.NothingAuthorized/);
  // Root's own `set_code` is not a council member's to call.
  await assert.rejects(submit(api, api.tx.system.setCode('0x00'), bob), /BadOrigin/);
});

test('two thirds of the council authorize the next runtime; anyone applies it; the node reports it', async () => {
  const { bob } = accounts;
  const code = readFileSync(NEXT_RUNTIME);
  const codeHash = blake2AsHex(code, 256);
  const current = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();

  const authorized = await councilAsRoot(api, api.tx.system.authorizeUpgrade(codeHash));
  assert.equal(findEvent(authorized, 'system', 'UpgradeAuthorized').data.codeHash.toHex(), codeHash);
  // Only the authorized code goes in: other bytes are refused while the authorization stands.
  await assert.rejects(submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code.subarray(0, 1024))), bob),
    /system\.Unauthorized/);

  // As hex: polkadot-js reads a byte array given for `Bytes` as already length-prefixed.
  const applied = await submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)), bob);
  // A shard does not switch code in the block that brings it: it stores it for the relay chain
  // to validate, and applies it once the relay chain says go ahead.
  assert.ok(findEvent(applied, 'parachainSystem', 'ValidationFunctionStored'));
  assert.ok((await api.query.system.authorizedUpgrade()).isNone);

  const version = await waitFor('the node to report the next runtime', async () => {
    const v = await api.rpc.state.getRuntimeVersion();
    return v.specVersion.toNumber() === current + 1 ? v : null;
  }, 180_000);
  assert.equal(version.specName.toString(), 'stoa');
  // The first block under the new runtime records it (frame-executive's upgrade check).
  await waitFor('the upgrade to be recorded on chain', async () => {
    const last = await api.query.system.lastRuntimeUpgrade();
    return last.isSome && last.unwrap().specVersion.toNumber() === current + 1;
  }, 60_000);
});

test('the security, its holders and the credentials are the same after the upgrade', async () => {
  assert.deepEqual(await snapshot(), before_);
});

test('the chain goes on working under the new runtime', async () => {
  const { alice, bob } = accounts;
  const stranger = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 }).addFromUri('//UpgradeStranger');
  // polkadot-js follows the upgrade by itself: it reloads the metadata the new runtime serves.
  await waitFor('the client to load the new metadata', async () =>
    api.runtimeVersion.specVersion.toNumber() === (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), 60_000);
  const issued = await submit(api, api.tx.issuance.issue(security, investor.address, 5), alice);
  assert.ok(findEvent(issued, 'issuance', 'Issued'));
  const moved = await submit(api, api.tx.balances.transferKeepAlive(bob.address, 10n ** 12n), alice);
  assert.ok(findEvent(moved, 'balances', 'Transfer'));
  // Compliance still holds: a wallet with no credential cannot receive units.
  await assert.rejects(submit(api, api.tx.issuance.issue(security, stranger.address, 5), alice), /issuance\./);
});
