// Hardware-wallet signing (RFC 78, docs/governance.md): the runtime's `CheckMetadataHash`
// extension. A signer such as a Ledger app computes the hash of the metadata (a merkle root
// over its types, with the chain's token symbol and decimals) from the metadata itself, shows
// the call it decoded with it, and signs that hash with mode 1. The runtime carries the hash
// it was built with (runtime/build.rs) and refuses the signature unless they agree, so a
// compromised host cannot make the device show one thing and sign another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { startNode, connect, submit, devAccounts, findEvent } from '../lib/node.mjs';

let node;
let api;
let accounts;

before(async () => {
  node = await startNode('hardware-wallet', ['--dev']);
  api = await connect(node);
  accounts = devAccounts(api);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
  node?.cleanup();
});

/** The metadata hash a hardware wallet computes: from the V15 metadata and the chain's properties. */
async function metadataHash() {
  const metadata = (await api.call.metadata.metadataAtVersion(15)).unwrap().toU8a(true);
  const properties = await api.rpc.system.properties();
  const tokenSymbol = properties.tokenSymbol.unwrap()[0].toString();
  const decimals = properties.tokenDecimals.unwrap()[0].toNumber();
  return u8aToHex(merkleizeMetadata(metadata, { tokenSymbol, decimals }).digest());
}

test('the runtime declares CheckMetadataHash, which polkadot-js signs with mode 0 by default', async () => {
  const extensions = api.registry.signedExtensions;
  assert.ok(extensions.includes('CheckMetadataHash'), `extensions: ${extensions.join(', ')}`);
  // Every other test of the suite signs this way (mode 0: no hash), so mode 0 keeps working.
  const { alice, bob } = accounts;
  const events = await submit(api, api.tx.balances.transferKeepAlive(bob.address, 10n ** 12n), alice);
  assert.ok(findEvent(events, 'balances', 'Transfer'));
});

test('a transfer signed over the metadata hash (mode 1) is accepted', async () => {
  const { alice, charlie } = accounts;
  const metadataHashHex = await metadataHash();
  const before = (await api.query.system.account(charlie.address)).data.free.toBigInt();
  const events = await submit(
    api,
    api.tx.balances.transferKeepAlive(charlie.address, 10n ** 12n),
    alice,
    { mode: 1, metadataHash: metadataHashHex },
  );
  assert.ok(findEvent(events, 'balances', 'Transfer'));
  const after = (await api.query.system.account(charlie.address)).data.free.toBigInt();
  assert.equal(after - before, 10n ** 12n);
});

test('a signature over another metadata hash is refused: what the device showed is not what runs', async () => {
  const { alice, dave } = accounts;
  const hash = Buffer.from((await metadataHash()).slice(2), 'hex');
  hash[31] ^= 0xff;
  await assert.rejects(
    submit(api, api.tx.balances.transferKeepAlive(dave.address, 10n ** 12n), alice, {
      mode: 1,
      metadataHash: u8aToHex(hash),
    }),
    /bad signature/i,
  );
  // A hash computed with another token symbol (as a device told the wrong chain would) fails too.
  const metadata = (await api.call.metadata.metadataAtVersion(15)).unwrap().toU8a(true);
  const otherChain = u8aToHex(merkleizeMetadata(metadata, { tokenSymbol: 'DOT', decimals: 10 }).digest());
  await assert.rejects(
    submit(api, api.tx.balances.transferKeepAlive(dave.address, 10n ** 12n), alice, {
      mode: 1,
      metadataHash: otherChain,
    }),
    /bad signature/i,
  );
});
