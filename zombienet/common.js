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
 * Signs and submits `tx`; resolves with its events (and their `blockHash`) once in a block. Rejects on a dispatch
 * error (by its pallet error's name), a failed sudo call, or a transaction the pool drops.
 * (A failed council motion's call is `councilMotion`'s to report.)
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
        const failed = events.find(({ event }) => api.events.sudo?.Sudid.is(event) && event.data[0].isErr);
        if (failed) reject(new Error(`sudo call failed: ${failed.event.data[0].toString()}`));
        else resolve(Object.assign(events, { blockHash: status.isInBlock ? status.asInBlock : status.asFinalized }));
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

/**
 * Waits until the finalized chain has a block after `after` sealed by Aura key `key`, and
 * returns its number. Only finalized blocks count: with several collators, a block at the tip
 * may lose to a sibling and be dropped, which is no fault.
 */
async function finalizedBlockSealedBy(api, key, after, what, timeoutMs) {
  let checked = after;
  let sealed = null;
  await waitFor(what, async () => {
    const head = await finalizedNumber(api);
    for (; checked < head && sealed === null; ) {
      checked += 1;
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(checked));
      if ((await authorOf(api, header)) === key) sealed = checked;
    }
    return sealed !== null;
  }, timeoutMs);
  return sealed;
}

/**
 * Runs `call` as a motion of the regulators' council: `members[0]` proposes it with
 * `threshold`, the first `threshold` members (the proposer too) vote aye, and the proposer
 * closes it. Resolves with its `Executed` event and the block it is in;
 * rejects unless the motion was approved and its call succeeded. (A threshold of 1 executes
 * at once, as `propose` does.)
 */
async function councilMotion(api, call, members, threshold) {
  const [proposer] = members;
  const lengthBound = call.method.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(threshold, call, lengthBound), proposer);
  const executedAtOnce = proposed.find(({ event }) => api.events.council.Executed.is(event));
  let blockHash = proposed.blockHash;
  const outcome = executedAtOnce ?? await (async () => {
    const { event } = proposed.find(({ event }) => api.events.council.Proposed.is(event));
    const [, index, hash] = event.data;
    for (const member of members.slice(0, threshold)) {
      await submit(api, api.tx.council.vote(hash, index, true), member);
    }
    const { weight } = await call.paymentInfo(proposer.address);
    const closed = await submit(api, api.tx.council.close(hash, index, weight, lengthBound), proposer);
    blockHash = closed.blockHash;
    const executed = closed.find(({ event }) => api.events.council.Executed.is(event));
    if (!executed) throw new Error(`council motion ${index} was not approved`);
    return executed;
  })();
  const result = outcome.event.data[1];
  if (result.isErr) {
    const error = result.asErr;
    if (error.isModule) {
      const { section, name } = api.registry.findMetaError(error.asModule);
      throw new Error(`council motion failed: ${section}.${name}`);
    }
    throw new Error(`council motion failed: ${error.toString()}`);
  }
  return { event: outcome.event, blockHash };
}

/**
 * Dispatches `call` as root through the council: a two-thirds motion whitelists the call's
 * hash and dispatches it (shards have no sudo key).
 */
async function councilAsRoot(api, call, members) {
  const batch = api.tx.utility.batchAll([
    api.tx.whitelist.whitelistCall(call.method.hash),
    api.tx.whitelist.dispatchWhitelistedCallWithPreimage(call),
  ]);
  const outcome = await councilMotion(api, batch, members, Math.ceil((2 * members.length) / 3));
  // The whitelist reports the root call's own outcome in an event.
  const events = await (await api.at(outcome.blockHash)).query.system.events();
  const dispatched = events.find(({ event }) => api.events.whitelist.WhitelistedCallDispatched.is(event));
  if (!dispatched || dispatched.event.data[1].isErr) {
    throw new Error(`root call failed: ${dispatched ? dispatched.event.data[1].toString() : 'not dispatched'}`);
  }
  return outcome;
}

/** The dev council of every Stoa preset: Alice, Bob and Charlie. */
function devCouncil(keyring) {
  return ['//Alice', '//Bob', '//Charlie'].map((seed) => keyring.addFromUri(seed));
}

module.exports = {
  devSeed, waitFor, submit, finalizedNumber, authorOf, finalizedBlockSealedBy,
  councilMotion, councilAsRoot, devCouncil,
};
