// Helpers shared by the network test's js checks. They run inside zombienet's js-script
// runner, which provides the `zombie` global (@polkadot/api's Keyring, WsProvider, connect).

/** The dev account seed of a node named after it: `dave` -> `//Dave`. */
const devSeed = (name) => `//${name[0].toUpperCase()}${name.slice(1)}`;

/** Calls `check` every 2 s until it returns something truthy, which it returns. */
async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Signs and submits `tx`; resolves with its events once in a block. Rejects on a dispatch
 * error (by its pallet error's name), a failed sudo call, or a transaction the pool drops.
 */
function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, dispatchError, events }) => {
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`${section}.${name}`));
        } else reject(new Error(dispatchError.toString()));
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`transaction ${status.type}`));
      } else if (status.isInBlock || status.isFinalized) {
        const failed = events.find(({ event }) => api.events.sudo.Sudid.is(event) && event.data[0].isErr);
        if (failed) reject(new Error(`sudo call failed: ${failed.event.data[0].toString()}`));
        else resolve(events);
      }
    }).catch(reject);
  });
}

/** The height of `api`'s node's finalized head. */
async function finalizedNumber(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

/** The Aura key that sealed a block: the authority of its slot, in its parent's state. */
async function authorOf(api, header) {
  const digest = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
  const slot = api.createType('u64', digest.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

module.exports = { devSeed, waitFor, submit, finalizedNumber, authorOf };
