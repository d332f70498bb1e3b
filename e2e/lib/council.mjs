// Governance through the regulators' council (docs/governance.md): motions that propose,
// vote and close, one member acting alone, and root through the whitelist. Every Stoa preset's
// council is Alice, Bob and Charlie.
import { Keyring } from '@polkadot/api';
import { submit, describeDispatchError } from './node.mjs';

/** The dev council: Alice, Bob and Charlie. */
export function devCouncil() {
  const keyring = new Keyring({ type: 'sr25519' });
  return ['//Alice', '//Bob', '//Charlie'].map((seed) => keyring.addFromUri(seed));
}

/** Throws unless a council `Executed`/`MemberExecuted` event in `events` reports success. */
function ensureExecuted(api, events, what) {
  const executed = events.find(({ event }) =>
    api.events.council.Executed.is(event) || api.events.council.MemberExecuted.is(event));
  if (!executed) throw new Error(`${what} was not approved`);
  const result = executed.event.data.result;
  if (result.isErr) throw new Error(`${what} failed: ${describeDispatchError(api, result.asErr)}`);
  return events;
}

/**
 * Runs `call` as a council motion: `members[0]` proposes it with `threshold`, the first
 * `threshold` members vote aye (the proposer too), and the proposer closes it. Resolves with
 * the events of the block that dispatched the call (its own events among them); rejects with
 * `council motion failed: pallet.Error` if the call failed, or if the motion was not approved.
 */
export async function councilMotion(api, call, { members = devCouncil(), threshold = 2 } = {}) {
  const [proposer] = members;
  const lengthBound = call.method.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(threshold, call, lengthBound), proposer);
  if (threshold < 2) return ensureExecuted(api, proposed, 'council motion');
  const { event } = proposed.find(({ event }) => api.events.council.Proposed.is(event));
  const { proposalIndex, proposalHash } = event.data;
  for (const member of members.slice(0, threshold)) {
    await submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), member);
  }
  const { weight } = await call.paymentInfo(proposer.address);
  const closed = await submit(api, api.tx.council.close(proposalHash, proposalIndex, weight, lengthBound), proposer);
  return ensureExecuted(api, closed, 'council motion');
}

/** One council member dispatches `call` alone (`council.execute`), as the guardian does. */
export async function memberExecute(api, call, member = devCouncil()[0]) {
  const events = await submit(api, api.tx.council.execute(call, call.method.encodedLength), member);
  return ensureExecuted(api, events, 'council member call');
}

/**
 * Dispatches `call` as root through the council: a two-thirds motion whitelists the call's
 * hash and dispatches it (`whitelist.dispatchWhitelistedCallWithPreimage`).
 */
export async function councilAsRoot(api, call, options = {}) {
  const members = options.members ?? devCouncil();
  const batch = api.tx.utility.batchAll([
    api.tx.whitelist.whitelistCall(call.method.hash),
    api.tx.whitelist.dispatchWhitelistedCallWithPreimage(call),
  ]);
  const events = await councilMotion(api, batch, { members, threshold: Math.ceil((2 * members.length) / 3) });
  // The whitelist reports the root call's own outcome in an event.
  const { event } = events.find(({ event }) => api.events.whitelist.WhitelistedCallDispatched.is(event));
  const result = event.data.result;
  if (result.isErr) throw new Error(`root call failed: ${describeDispatchError(api, result.asErr.error)}`);
  return events;
}

/**
 * Governance's everyday path: a motion of two of the three dev members, which is both a
 * majority and two thirds of the dev council.
 */
export const govern = (api, call) => councilMotion(api, call);
