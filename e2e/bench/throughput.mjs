// Throughput benchmark of a real `stoa-node --dev` (run it through scripts/bench-throughput.sh).
//
// Starts its own dev node on free loopback ports, onboards N credentialed investors (one
// wallet each, KYC attested, holding units of two securities), then measures:
//
//   onboarding  N `credentials.attest` (KYC), one qualifier, one signed extrinsic each
//   phase 1     N `balances.transferKeepAlive` (A) and N `issuance.transferKeepHolding` (B,
//               its counterpart: the sender keeps a holding), interleaved A,B,A,B..., on a
//               security with no rules
//   phase 2     the same on a security with a typical rule set (KYC and accreditation
//               required, a jurisdiction deny list, a holder cap)
//   phase 3     a rebalance burst: 2N `issuance.transfer` on the security with rules
//
// Every transaction is signed before its phase starts (explicit nonces, immortal era), then
// submitted as fast as possible with `author_submitExtrinsic` over a few WebSocket
// connections (JSON-RPC batches, nothing waits for inclusion). New blocks are followed and
// each extrinsic is matched by hash; afterwards each block's events tell whether each one
// succeeded, `system.blockWeight` how full the block was. Exits non-zero if any transaction
// failed or never made it into a block.
//
// Environment: N (investors, default 5000; or the first argument), STOA_NODE (the binary),
// SUBMIT_CONNECTIONS (4), RPC_BATCH (requests per JSON-RPC batch, 250), RPC_IN_FLIGHT (batches
// in flight per connection, 2), KEY_TYPE (sr25519 | ed25519, for the generated accounts),
// POOL_TYPE (the node's --pool-type, default: the node's own), STALL_BLOCKS (blocks without
// progress before the remaining transactions count as dropped, 20), KEEP_NODE=1 (keep the
// node's base path and log).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { NODE_BIN, startNode, connect, devAccounts, runCli, sleep, describeDispatchError } from '../lib/node.mjs';

// ---------------------------------------------------------------------------------------------
// Configuration

const N = Number(process.argv[2] ?? process.env.N ?? 5000);
const CONNECTIONS = Number(process.env.SUBMIT_CONNECTIONS ?? 4);
const RPC_BATCH = Number(process.env.RPC_BATCH ?? 250);
const IN_FLIGHT = Number(process.env.RPC_IN_FLIGHT ?? 2);
const KEY_TYPE = process.env.KEY_TYPE ?? 'sr25519';
const POOL_TYPE = process.env.POOL_TYPE;
const STALL_BLOCKS = Number(process.env.STALL_BLOCKS ?? 20);
const KEEP_NODE = process.env.KEEP_NODE === '1';

if (!Number.isInteger(N) || N < 10) {
  console.error(`N must be an integer of at least 10 (got ${process.argv[2] ?? process.env.N})`);
  process.exit(2);
}
if (!['sr25519', 'ed25519'].includes(KEY_TYPE)) {
  console.error(`KEY_TYPE must be sr25519 or ed25519 (got ${KEY_TYPE})`);
  process.exit(2);
}

const UNIT = 10n ** 12n;
/** STOA each generated account gets for fees (and, for the plain senders, for transfers). */
const FUNDING = 10n * UNIT;
/** What each plain balances transfer moves: 1 milli-STOA (the existential deposit). */
const PLAIN_AMOUNT = 10n ** 9n;
/** Units of each security issued to each investor. */
const UNITS_EACH = 1_000;
/** Home jurisdictions of the investors, all covered by the dev qualifier "Dev KYC". */
const HOMES = ['CH', 'DE', 'FR', 'GB', 'IE', 'JP', 'LI', 'LU', 'NL', 'SG', 'US', 'AE'];
/** The typical rule set's deny list (none of the investors lives there). */
const DENIED = ['KP', 'IR', 'SY', 'CU'];
/** Two ISINs with valid check digits, one per security. */
const ISINS = ['US0378331005', 'CH0012032048'];
/** A batch may use this share of the normal-class block weight. */
const BATCH_WEIGHT_SHARE = 0.25;

const t0 = performance.now();
const log = (...args) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s]`, ...args);
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const pct = (x) => `${fmt(x * 100, 1)}%`;
const us = (refTime) => fmt(Number(refTime) / 1e6, 1); // ref_time is in picoseconds

// ---------------------------------------------------------------------------------------------
// A minimal JSON-RPC client over one WebSocket: pipelined requests and batches, no
// subscriptions (polkadot-js' provider does too much per request for 20,000 submissions).

class RawRpc {
  constructor(url) {
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
  }

  async open() {
    this.ws = new WebSocket(this.url, { maxPayload: 1024 * 1024 * 1024, perMessageDeflate: false });
    await new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data) => this.#onMessage(data));
    this.ws.on('close', () => this.#failAll(new Error(`${this.url}: connection closed`)));
    this.ws.on('error', (e) => this.#failAll(e));
    return this;
  }

  #failAll(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  #onMessage(data) {
    const msg = JSON.parse(data.toString());
    for (const item of Array.isArray(msg) ? msg : [msg]) {
      if (item.id === null || item.id === undefined) {
        // An error about a whole batch (too large, unparsable): nothing can be matched.
        this.#failAll(new Error(`${this.url}: ${JSON.stringify(item.error ?? item)}`));
        continue;
      }
      const p = this.pending.get(item.id);
      if (p) {
        this.pending.delete(item.id);
        p.resolve(item);
      }
    }
  }

  #register(method, params) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    return [{ jsonrpc: '2.0', id, method, params }, promise];
  }

  /** One call; resolves with its result, rejects with its error. */
  async call(method, params = []) {
    const [req, promise] = this.#register(method, params);
    this.ws.send(JSON.stringify(req));
    const reply = await promise;
    if (reply.error) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  }

  /** A JSON-RPC batch of [method, params]; resolves with each reply ({ result } or { error }). */
  batch(calls) {
    const reqs = [];
    const promises = [];
    for (const [method, params] of calls) {
      const [req, promise] = this.#register(method, params);
      reqs.push(req);
      promises.push(promise);
    }
    this.ws.send(JSON.stringify(reqs));
    return Promise.all(promises);
  }

  close() {
    this.ws?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks: followed as they are imported, each extrinsic matched to the transactions we track.

/** Every transaction we submitted, by extrinsic hash. */
const tracked = new Map();

class Follower {
  constructor(rpc) {
    this.rpc = rpc;
    this.blocks = new Map(); // number -> { hash, xts: [extrinsic hash] }
    this.best = null;
    this.onBlock = null; // (number, block, ours[]) => void
    this.stopped = false;
  }

  async start() {
    const header = await this.rpc.call('chain_getHeader');
    this.best = parseInt(header.number, 16);
    await this.#fetch(this.best);
    this.loop = this.#run();
  }

  async #fetch(n) {
    const hash = await this.rpc.call('chain_getBlockHash', [n]);
    const signed = await this.rpc.call('chain_getBlock', [hash]);
    const xts = signed.block.extrinsics.map((x) => blake2AsHex(hexToU8a(x)));
    const block = { number: n, hash, xts };
    this.blocks.set(n, block);
    const ours = [];
    xts.forEach((h, index) => {
      const tx = tracked.get(h);
      if (tx && tx.block === undefined) {
        tx.block = n;
        tx.index = index;
        tx.stage.included++;
        tx.stage.lastProgress = n;
        ours.push(tx);
      }
    });
    this.onBlock?.(n, block, ours);
  }

  async #run() {
    while (!this.stopped) {
      try {
        const header = await this.rpc.call('chain_getHeader');
        const n = parseInt(header.number, 16);
        while (this.best < n) {
          await this.#fetch(this.best + 1);
          this.best++;
        }
      } catch (e) {
        if (!this.stopped) log(`block follower: ${e.message}`);
      }
      await sleep(200);
    }
  }

  async stop() {
    this.stopped = true;
    await this.loop;
  }
}

// ---------------------------------------------------------------------------------------------
// Signing and submission.

let api;
let rpcs; // RawRpc[] for submission
let follower;
let signBase;
const nonces = new Map();

/** The next nonce of `pair` (taken, so the next call gets the one after). */
function takeNonce(pair) {
  const n = nonces.get(pair.address) ?? 0;
  nonces.set(pair.address, n + 1);
  return n;
}

/**
 * Signs `tx` by `pair` with the given nonce (immortal era, no tip) and returns what we keep
 * of it: the hex to submit and its hash.
 */
function sign(tx, pair, nonce, kind) {
  tx.sign(pair, { ...signBase, nonce });
  const u8a = tx.toU8a();
  return { hex: u8aToHex(u8a), hash: blake2AsHex(u8a), kind, signer: pair.address, nonce };
}

/** A stage: a set of transactions submitted together and followed until all are in blocks. */
function newStage(name, txs) {
  const stage = { name, txs, included: 0, rejected: [], lastProgress: null, submitMs: 0 };
  for (const tx of txs) {
    tx.stage = stage;
    if (tracked.has(tx.hash)) throw new Error(`${name}: two identical transactions (${tx.kind})`);
    tracked.set(tx.hash, tx);
  }
  return stage;
}

/**
 * Submits every transaction of `stage` over the submission connections, in order within a
 * connection, `IN_FLIGHT` JSON-RPC batches in flight per connection, without waiting for
 * inclusion. Transactions the node refuses are recorded with its error.
 */
async function submitStage(stage, { connections = CONNECTIONS } = {}) {
  const start = performance.now();
  const txs = stage.txs;
  let next = 0;
  const worker = async (client) => {
    while (next < txs.length) {
      const from = next;
      const to = Math.min(txs.length, from + RPC_BATCH);
      next = to;
      const replies = await client.batch(txs.slice(from, to).map((tx) => ['author_submitExtrinsic', [tx.hex]]));
      replies.forEach((reply, k) => {
        if (reply.error) {
          const tx = txs[from + k];
          const data = reply.error.data ? ` ${JSON.stringify(reply.error.data)}` : '';
          tx.rejected = `${reply.error.code} ${reply.error.message}${data}`;
          // Included anyway? (cannot be, but keep the books straight.)
          if (tx.block === undefined) stage.rejected.push(tx);
        }
      });
    }
  };
  const clients = rpcs.slice(0, Math.max(1, connections));
  await Promise.all(clients.flatMap((c) => Array.from({ length: IN_FLIGHT }, () => worker(c))));
  stage.submitMs = performance.now() - start;
  stage.lastProgress ??= follower.best;
  return stage;
}

/** Waits until every accepted transaction of `stage` is in a block, or progress stalls. */
async function drainStage(stage, { quiet = false } = {}) {
  const start = performance.now();
  let lastReport = start;
  for (;;) {
    const outstanding = stage.txs.length - stage.included - stage.rejected.length;
    if (outstanding <= 0) break;
    if (follower.best - (stage.lastProgress ?? follower.best) >= STALL_BLOCKS) {
      log(`${stage.name}: no progress for ${STALL_BLOCKS} blocks; ${outstanding} transactions still missing`);
      break;
    }
    if (!quiet && performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      log(`${stage.name}: ${stage.included}/${stage.txs.length} included (best #${follower.best})`);
    }
    await sleep(100);
  }
  stage.drainMs = performance.now() - start;
  stage.missing = stage.txs.filter((tx) => tx.block === undefined && !tx.rejected);
  if (stage.missing.length) {
    // Are they still in the pool, or gone?
    try {
      const pool = new Set((await rpcs[0].call('author_pendingExtrinsics')).map((x) => blake2AsHex(hexToU8a(x))));
      stage.missingInPool = stage.missing.filter((tx) => pool.has(tx.hash)).length;
    } catch (e) {
      stage.missingInPool = `unknown (${e.message})`;
    }
  }
  return stage;
}

/** Submits and drains a stage of transactions; returns the stage once analysed. */
async function runStage(name, txs, opts = {}) {
  const stage = newStage(name, txs);
  await submitStage(stage, opts);
  await drainStage(stage, opts);
  await analyseStage(stage);
  return stage;
}

// ---------------------------------------------------------------------------------------------
// What happened in each block: outcomes from events, weight, timestamp, proposer log line.

const blockInfos = new Map();

async function blockInfo(n) {
  if (blockInfos.has(n)) return blockInfos.get(n);
  const block = follower.blocks.get(n);
  const hash = block?.hash ?? (await rpcs[0].call('chain_getBlockHash', [n]));
  const at = await api.at(hash);
  const [events, weight, now] = await Promise.all([
    at.query.system.events(),
    at.query.system.blockWeight(),
    at.query.timestamp.now(),
  ]);
  const outcomes = new Map(); // extrinsic index -> { ok, error, refTime }
  for (const { phase, event } of events) {
    if (!phase.isApplyExtrinsic) continue;
    const index = phase.asApplyExtrinsic.toNumber();
    if (api.events.system.ExtrinsicSuccess.is(event)) {
      const o = outcomes.get(index) ?? {};
      outcomes.set(index, { ok: o.ok ?? true, error: o.error, refTime: event.data.dispatchInfo.weight.refTime.toBigInt() });
    } else if (api.events.system.ExtrinsicFailed.is(event)) {
      outcomes.set(index, {
        ok: false,
        error: describeDispatchError(api, event.data.dispatchError),
        refTime: event.data.dispatchInfo.weight.refTime.toBigInt(),
      });
    } else if (api.events.sudo?.Sudid?.is(event) && event.data.sudoResult.isErr) {
      // A sudo call whose inner call failed still succeeds as an extrinsic.
      const o = outcomes.get(index) ?? {};
      outcomes.set(index, { ...o, ok: false, error: `sudo: ${describeDispatchError(api, event.data.sudoResult.asErr)}` });
    }
  }
  const info = {
    number: n,
    hash,
    extrinsics: block?.xts.length,
    timestamp: now.toNumber(),
    normalRefTime: weight.normal.refTime.toBigInt(),
    mandatoryRefTime: weight.mandatory.refTime.toBigInt(),
    outcomes,
  };
  blockInfos.set(n, info);
  return info;
}

/** Proposer lines of the node's log, by block number: build time, why it ended, extrinsics. */
function proposerLog(logPath) {
  const byNumber = new Map();
  let text = '';
  try {
    text = readFileSync(logPath, 'utf8');
  } catch {
    return byNumber;
  }
  const re = /Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+)(?:; extrinsics_count: (\d+))?/g;
  for (const m of text.matchAll(re)) {
    byNumber.set(Number(m[1]), { ms: Number(m[2]), end: m[3], count: m[4] ? Number(m[4]) : undefined });
  }
  return byNumber;
}

let limits; // { normalMax, maxExtrinsic, baseExtrinsic, maxBlock }
let slotMs;

async function analyseStage(stage) {
  const included = stage.txs.filter((tx) => tx.block !== undefined);
  stage.failed = [];
  stage.perBlock = [];
  if (!included.length) return stage;
  const first = Math.min(...included.map((tx) => tx.block));
  const last = Math.max(...included.map((tx) => tx.block));
  stage.first = first;
  stage.last = last;
  const byBlock = new Map();
  for (const tx of included) {
    if (!byBlock.has(tx.block)) byBlock.set(tx.block, []);
    byBlock.get(tx.block).push(tx);
  }
  // The chain time the stage took: from the block before its first to its last.
  const before = await blockInfo(first - 1);
  // (Genesis has no timestamp: count slots from it.)
  stage.chainMs = before.timestamp
    ? (await blockInfo(last)).timestamp - before.timestamp
    : (last - first + 1) * slotMs;
  for (let n = first; n <= last; n++) {
    const info = await blockInfo(n);
    // The block we matched must still be the canonical one (a one-authority dev chain does
    // not fork, but check).
    const canonical = await rpcs[0].call('chain_getBlockHash', [n]);
    if (canonical !== info.hash) throw new Error(`block #${n} was replaced (${info.hash} -> ${canonical})`);
    const txs = byBlock.get(n) ?? [];
    const kinds = {};
    for (const tx of txs) {
      kinds[tx.kind] = (kinds[tx.kind] ?? 0) + 1;
      const o = info.outcomes.get(tx.index);
      if (!o) {
        tx.ok = false;
        tx.error = 'no ExtrinsicSuccess/ExtrinsicFailed event';
      } else {
        tx.ok = o.ok;
        tx.error = o.error;
        tx.refTime = o.refTime;
      }
      if (!tx.ok) stage.failed.push(tx);
    }
    stage.perBlock.push({
      number: n,
      count: txs.length,
      kinds,
      extrinsics: info.extrinsics,
      weightShare: Number(info.normalRefTime) / Number(limits.normalMax),
      mandatoryShare: Number(info.mandatoryRefTime) / Number(limits.maxBlock),
    });
  }
  return stage;
}

/** min / avg / max of numbers. */
function spread(xs) {
  if (!xs.length) return { min: NaN, avg: NaN, max: NaN };
  const sum = xs.reduce((a, b) => a + b, 0);
  return { min: Math.min(...xs), avg: sum / xs.length, max: Math.max(...xs) };
}

function stageFigures(stage) {
  const blocks = stage.perBlock.length;
  const counts = spread(stage.perBlock.map((b) => b.count));
  const weights = spread(stage.perBlock.map((b) => b.weightShare));
  const chainS = stage.chainMs / 1000;
  const tps = stage.included / chainS;
  // Blocks between the first and the last, which the stage had to itself from start to end.
  const middle = spread(stage.perBlock.slice(1, -1).map((b) => b.count));
  return { blocks, counts, weights, chainS, tps, middle };
}

/** Prints what the stage measured; `kinds` lists the kinds to break blocks down by. */
function reportStage(stage, { kinds = [], detail = true, ratio = null } = {}) {
  const f = stageFigures(stage);
  const submitS = stage.submitMs / 1000;
  console.log('');
  console.log(`== ${stage.name} (${stage.txs.length} transactions) ==`);
  console.log(`submitted in ${fmt(submitS, 2)} s (${fmt(stage.txs.length / submitS, 0)} tx/s accepted by RPC), ` +
    `refused at submission: ${stage.rejected.length}, never included: ${stage.missing.length}, ` +
    `included: ${stage.included}, failed: ${stage.failed.length}`);
  if (!stage.perBlock.length) return f;
  console.log(`blocks to drain: ${f.blocks} (#${stage.first}..#${stage.last}), chain time ${fmt(f.chainS, 1)} s`);
  console.log(`included per block: min ${f.counts.min} / avg ${fmt(f.counts.avg)} / max ${f.counts.max}` +
    (f.blocks > 2 ? ` (avg of the ${f.blocks - 2} blocks between the first and the last: ${fmt(f.middle.avg)})` : ''));
  console.log(`throughput: ${fmt(f.tps, 1)} tx/s`);
  console.log(`block weight (normal ref_time of ${us(limits.normalMax)} µs): min ${pct(f.weights.min)} / avg ${pct(f.weights.avg)} / max ${pct(f.weights.max)}`);
  if (ratio) {
    const [a, b] = ratio;
    const as = stage.perBlock.map((blk) => blk.kinds[a] ?? 0);
    const bs = stage.perBlock.map((blk) => blk.kinds[b] ?? 0);
    const sa = spread(as);
    const sb = spread(bs);
    // Over the whole phase A/B is 1 (N of each): the ratio that tells how the pool orders
    // them is the one in the blocks that took both (while both were waiting).
    const both = stage.perBlock.filter((blk) => blk.kinds[a] && blk.kinds[b]);
    const sum = (k) => both.reduce((acc, blk) => acc + blk.kinds[k], 0);
    f.ratio = both.length ? sum(a) / sum(b) : NaN;
    const perBlock = stage.perBlock.map((blk) => `${blk.kinds[a] ?? 0}:${blk.kinds[b] ?? 0}`).join(' ');
    console.log(`${a} per block: min ${sa.min} / avg ${fmt(sa.avg)} / max ${sa.max}; ` +
      `${b} per block: min ${sb.min} / avg ${fmt(sb.avg)} / max ${sb.max}; ` +
      `${a}/${b} in the ${both.length} blocks that took both: ${fmt(f.ratio, 2)}`);
    console.log(`${a}:${b} by block: ${perBlock}`);
  }
  // Actual (post-dispatch) weight of each kind, from the ExtrinsicSuccess events (which add
  // the base extrinsic weight: taken off here, to compare with the declared weight).
  const byKind = new Map();
  for (const tx of stage.txs) {
    if (tx.refTime === undefined) continue;
    if (!byKind.has(tx.kind)) byKind.set(tx.kind, []);
    byKind.get(tx.kind).push(Number(tx.refTime) - Number(limits.baseExtrinsic));
  }
  for (const [kind, xs] of byKind) {
    const s = spread(xs);
    console.log(`actual weight of ${kind} (events, less base extrinsic): min ${us(s.min)} / avg ${us(s.avg)} / max ${us(s.max)} µs ref_time`);
  }
  if (detail) {
    const proposals = proposerLog(node.logPath);
    console.log('block  ours  ' + kinds.map((k) => k.padStart(8)).join('') + '  all xts  normal  mandatory  proposer (build time, end)');
    for (const blk of stage.perBlock) {
      const p = proposals.get(blk.number);
      console.log(`#${String(blk.number).padEnd(5)} ${String(blk.count).padStart(5)}  ` +
        kinds.map((k) => String(blk.kinds[k] ?? 0).padStart(8)).join('') +
        `  ${String(blk.extrinsics).padStart(7)}  ${pct(blk.weightShare).padStart(6)}  ${pct(blk.mandatoryShare).padStart(9)}  ` +
        (p ? `${p.ms} ms, ${p.end}` : ''));
    }
  }
  reportProblems(stage);
  return f;
}

/** Prints the failed, refused and missing transactions of a stage (grouped). */
function reportProblems(stage) {
  const group = (txs, key) => {
    const m = new Map();
    for (const tx of txs) {
      const k = key(tx);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m].map(([k, c]) => `  ${c} x ${k}`).join('\n');
  };
  if (stage.failed.length) {
    console.log(`FAILED in a block (${stage.failed.length}):`);
    console.log(group(stage.failed, (tx) => `${tx.kind}: ${tx.error}`));
    for (const tx of stage.failed.slice(0, 5)) {
      console.log(`  e.g. ${tx.kind} from ${tx.signer} nonce ${tx.nonce}, block #${tx.block} index ${tx.index}: ${tx.error}`);
    }
  }
  if (stage.rejected.length) {
    console.log(`REFUSED at submission (${stage.rejected.length}):`);
    console.log(group(stage.rejected, (tx) => `${tx.kind}: ${tx.rejected}`));
  }
  if (stage.missing.length) {
    console.log(`NEVER INCLUDED (${stage.missing.length}; still in the pool: ${stage.missingInPool}):`);
    console.log(group(stage.missing, (tx) => tx.kind));
    for (const tx of stage.missing.slice(0, 5)) console.log(`  e.g. ${tx.kind} from ${tx.signer} nonce ${tx.nonce}`);
  }
}

const problems = (stage) => stage.failed.length + stage.rejected.length + stage.missing.length;

/** A setup stage must succeed entirely: the rest depends on it. */
function requireClean(stage) {
  const f = stageFigures(stage);
  log(`${stage.name}: ${stage.included}/${stage.txs.length} included in ${f.blocks} blocks ` +
    `(#${stage.first}..#${stage.last}), submitted in ${fmt(stage.submitMs / 1000, 2)} s, ` +
    `drained ${fmt(stage.drainMs / 1000, 1)} s later`);
  setupStages.push({ stage, f });
  if (problems(stage)) {
    reportProblems(stage);
    throw new Error(`set-up stage "${stage.name}" did not fully succeed`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for calls.

/**
 * The largest number of items (at most `maxItems`) whose batch, as built by `build(k)`,
 * declares at most BATCH_WEIGHT_SHARE of the normal-class block weight.
 */
async function fitChunk(build, maxItems) {
  const target = Number(limits.normalMax) * BATCH_WEIGHT_SHARE;
  const maxExtrinsic = Number(limits.maxExtrinsic);
  let k = maxItems;
  for (;;) {
    const call = build(k).method;
    const info = await api.call.transactionPaymentCallApi.queryCallInfo(call, call.encodedLength);
    const w = Number(info.weight.refTime.toBigInt());
    if ((w <= target && w <= maxExtrinsic) || k === 1) return { k, weight: w };
    k = Math.max(1, Math.min(k - 1, Math.floor((k * target) / w)));
  }
}

/** Batches `calls` with `utility.batchAll` in chunks that fit; each chunk signed by `pair`. */
async function batched(calls, pair, kind, maxItems = 1000) {
  if (!calls.length) return [];
  const { k } = await fitChunk((n) => api.tx.utility.batchAll(calls.slice(0, n)), Math.min(maxItems, calls.length));
  const txs = [];
  for (let i = 0; i < calls.length; i += k) {
    txs.push(sign(api.tx.utility.batchAll(calls.slice(i, i + k)), pair, takeNonce(pair), kind));
  }
  return txs;
}

/**
 * Declared weight and class of a signed transaction: RPC `payment_queryInfo`, which calls the
 * runtime's `TransactionPaymentApi.query_info`. (polkadot-js' `api.call.transactionPaymentApi
 * .queryInfo` sends this runtime's `Extrinsic` argument as JSON text, which the runtime cannot
 * decode.)
 */
async function declared(tx) {
  const info = await rpcs[0].call('payment_queryInfo', [tx.hex]);
  const w = info.weight;
  return { refTime: BigInt(w.ref_time ?? w.refTime), proofSize: BigInt(w.proof_size ?? w.proofSize), class: info.class, fee: BigInt(info.partialFee) };
}

/** Node flags that this binary knows (from its --help). */
async function supported(flags) {
  const { stdout } = await runCli(['--help'], 60_000);
  return flags.filter(([flag]) => {
    const ok = stdout.includes(flag);
    if (!ok) log(`note: ${NODE_BIN} has no ${flag}; not using it`);
    return ok;
  });
}

// ---------------------------------------------------------------------------------------------
// The benchmark.

let node;
const setupStages = [];

async function main() {
  await cryptoWaitReady();
  log(`Stoa throughput benchmark: N = ${N} investors, node ${NODE_BIN}`);
  log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);

  const wanted = [
    ['--pool-limit', '100000'],
    ['--pool-kbytes', '1000000'],
    ['--rpc-max-connections', '1000'],
    ['--rpc-max-request-size', '200'],
    ['--rpc-max-response-size', '200'],
    ['--rpc-message-buffer-capacity-per-connection', '10000'],
    ['--state-pruning', 'archive'],
  ];
  if (POOL_TYPE) wanted.push(['--pool-type', POOL_TYPE]);
  const flags = (await supported(wanted)).flat();
  const chain = ['--dev'];
  log(`starting stoa-node ${[...chain, ...flags].join(' ')}`);
  node = await startNode('bench', [...chain, ...flags]);
  log(`node up: rpc port ${node.rpcPort}, log ${node.logPath}`);
  api = await connect(node);
  const url = `ws://127.0.0.1:${node.rpcPort}`;
  rpcs = await Promise.all(Array.from({ length: Math.max(1, CONNECTIONS) }, () => new RawRpc(url).open()));
  const followRpc = await new RawRpc(url).open();
  follower = new Follower(followRpc);
  await follower.start();
  const version = await rpcs[0].call('system_version');
  log(`node version ${version}, runtime ${api.runtimeVersion.specName} ${api.runtimeVersion.specVersion}`);

  signBase = {
    blockHash: api.genesisHash,
    genesisHash: api.genesisHash,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
    version: api.extrinsicType,
  };
  const bw = api.consts.system.blockWeights;
  limits = {
    normalMax: bw.perClass.normal.maxTotal.unwrap().refTime.toBigInt(),
    maxExtrinsic: bw.perClass.normal.maxExtrinsic.unwrap().refTime.toBigInt(),
    baseExtrinsic: bw.perClass.normal.baseExtrinsic.refTime.toBigInt(),
    maxBlock: bw.maxBlock.refTime.toBigInt(),
  };
  slotMs = api.consts.aura?.slotDuration?.toNumber() ?? api.consts.timestamp.minimumPeriod.toNumber() * 2;
  log(`block weight: max ${us(limits.maxBlock)} µs, normal class ${us(limits.normalMax)} µs, ` +
    `max extrinsic ${us(limits.maxExtrinsic)} µs, base extrinsic ${us(limits.baseExtrinsic)} µs`);

  // Progress: one line per block while something is being followed.
  follower.onBlock = (n, block, ours) => {
    if (!ours.length) return;
    const byStage = new Map();
    for (const tx of ours) byStage.set(tx.stage.name, (byStage.get(tx.stage.name) ?? 0) + 1);
    log(`#${n}: ${block.xts.length} extrinsics; ` +
      [...byStage].map(([s, c]) => `${s} +${c}`).join(', '));
  };

  // --- Accounts ------------------------------------------------------------------------
  const dev = devAccounts(api);
  const { alice, ferdie } = dev;
  const keyring = new Keyring({ type: KEY_TYPE, ss58Format: api.registry.chainSS58 });
  const regulator = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 }).addFromUri('//BaFin');
  let t = performance.now();
  const wallets = Array.from({ length: N }, (_, i) => keyring.addFromSeed(blake2AsU8a(`stoa-bench/wallet/${i}`)));
  const plains = Array.from({ length: N }, (_, i) => keyring.addFromSeed(blake2AsU8a(`stoa-bench/plain/${i}`)));
  log(`generated ${2 * N} ${KEY_TYPE} accounts in ${fmt((performance.now() - t) / 1000, 1)} s`);
  for (const pair of [alice, ferdie, regulator]) {
    nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
  }
  const firstInvestor = (await api.query.credentials.nextInvestorId()).toNumber();
  const investorOf = (i) => firstInvestor + i;
  const home = (i) => HOMES[i % HOMES.length];

  // --- Set-up 1: fund accounts, create investors, invite wallets, register a regulator -----
  t = performance.now();
  const fundCalls = [
    api.tx.balances.transferKeepAlive(regulator.address, 1_000n * UNIT),
    ...wallets.map((w) => api.tx.balances.transferKeepAlive(w.address, FUNDING)),
    ...plains.map((p) => api.tx.balances.transferKeepAlive(p.address, FUNDING)),
  ];
  const setup1 = [
    ...(await batched(fundCalls, alice, 'fund')),
    sign(api.tx.sudo.sudo(api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin')), alice, takeNonce(alice), 'registerRegulator'),
    ...(await batched(wallets.map((_, i) => api.tx.credentials.createInvestor('Individual', home(i))), ferdie, 'createInvestor')),
    ...(await batched(wallets.map((w, i) => api.tx.credentials.requestWalletLink(investorOf(i), w.address)), ferdie, 'requestWalletLink')),
  ];
  log(`set-up 1: ${setup1.length} extrinsics signed in ${fmt((performance.now() - t) / 1000, 1)} s`);
  requireClean(await runStage('set-up 1: fund, investors, link requests', setup1, { quiet: true }));

  // --- Set-up 2: wallets accept their links; the regulator approves Alice's company ----------
  t = performance.now();
  const setup2 = [
    sign(api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator, takeNonce(regulator), 'approveIssuer'),
    ...wallets.map((w, i) => sign(api.tx.credentials.acceptWalletLink(investorOf(i)), w, takeNonce(w), 'acceptWalletLink')),
  ];
  log(`set-up 2: ${setup2.length} extrinsics signed in ${fmt((performance.now() - t) / 1000, 1)} s`);
  const links = await runStage('set-up 2: wallet links (one per wallet)', setup2, { quiet: true });
  requireClean(links);

  // --- Onboarding, measured: N KYC attestations, one signed extrinsic each, one qualifier ---
  t = performance.now();
  const kycTxs = wallets.map((_, i) =>
    sign(api.tx.credentials.attest(investorOf(i), 'Kyc', null, blake2AsHex(`kyc/${i}`)), ferdie, takeNonce(ferdie), 'attest'));
  const kycSignS = (performance.now() - t) / 1000;
  log(`onboarding: ${N} attestations signed in ${fmt(kycSignS, 1)} s (${fmt(N / kycSignS, 0)}/s)`);
  const kyc = await runStage('onboarding: KYC attestations (one qualifier)', kycTxs, { connections: 1 });

  // --- Set-up 3: accreditation, two securities, rules on the second, issue the first ---------
  const securities = (await api.query.issuance.nextSecurityId()).toNumber();
  const [plainSec, ruledSec] = [securities, securities + 1];
  const ids = (isin) => ({ isin, cusip: null, lei: null, figi: null });
  const rules = [
    { kind: { RequiredCredential: { side: 'Both', kind: 'Kyc', qualifiers: [] } }, exemptions: [] },
    { kind: { RequiredCredential: { side: 'Both', kind: 'AccreditedInvestor', qualifiers: [] } }, exemptions: [] },
    { kind: { JurisdictionDenyList: { side: 'Both', jurisdictions: DENIED } }, exemptions: [] },
    { kind: { MaxHolders: { scope: 'Total', max: N + 100 } }, exemptions: [] },
  ];
  const maxBatchIssue = api.consts.issuance.maxBatchIssue.toNumber();
  const issueTxs = async (security) => {
    const { k } = await fitChunk((n) => api.tx.issuance.batchIssue(security, wallets.slice(0, n).map((w) => [w.address, UNITS_EACH])),
      Math.min(maxBatchIssue, N));
    const txs = [];
    for (let i = 0; i < N; i += k) {
      const issues = wallets.slice(i, i + k).map((w) => [w.address, UNITS_EACH]);
      txs.push(sign(api.tx.issuance.batchIssue(security, issues), alice, takeNonce(alice), 'batchIssue'));
    }
    return txs;
  };
  t = performance.now();
  const setup3 = [
    ...(await batched(wallets.map((_, i) => api.tx.credentials.attest(investorOf(i), 'AccreditedInvestor', null, blake2AsHex(`acc/${i}`))), ferdie, 'attestAccredited')),
    sign(api.tx.issuance.createSecurity('Bench Plain AG', 'BPLN', 'Equity', 0, ids(ISINS[0]), 10n ** 15n), alice, takeNonce(alice), 'createSecurity'),
    sign(api.tx.issuance.createSecurity('Bench Ruled AG', 'BRUL', 'Equity', 0, ids(ISINS[1]), 10n ** 15n), alice, takeNonce(alice), 'createSecurity'),
    sign(api.tx.compliance.setRules(ruledSec, rules), alice, takeNonce(alice), 'setRules'),
  ];
  setup3.push(...(await issueTxs(plainSec)));
  log(`set-up 3: ${setup3.length} extrinsics signed in ${fmt((performance.now() - t) / 1000, 1)} s`);
  requireClean(await runStage('set-up 3: accreditation, securities, rules, issue (no rules)', setup3, { quiet: true }));

  // --- Set-up 4: issue the security with rules (needs the accreditation) ------------------------
  const setup4 = await issueTxs(ruledSec);
  requireClean(await runStage('set-up 4: issue (with rules)', setup4, { quiet: true }));

  // Sanity: holdings and the pre-flight check of one transfer of each phase.
  const holders = (sec) => api.call.issuanceApi.security(sec).then((d) => d.unwrap().holders.toNumber());
  log(`holders: security ${plainSec} (no rules) ${await holders(plainSec)}, security ${ruledSec} (rules) ${await holders(ruledSec)}`);
  for (const sec of [plainSec, ruledSec]) {
    const reasons = await api.call.complianceApi.canTransfer(sec, wallets[0].address, wallets[1].address, 1);
    if (reasons.length) throw new Error(`pre-flight of a transfer on security ${sec}: ${reasons.map(String).join(', ')}`);
  }

  // --- Pre-sign the three phases -----------------------------------------------------------
  const next = (i, k) => wallets[(i + k) % N];
  t = performance.now();
  const phase1 = [];
  const phase2 = [];
  for (let i = 0; i < N; i++) {
    phase1.push(sign(api.tx.balances.transferKeepAlive(plains[(i + 1) % N].address, PLAIN_AMOUNT), plains[i], takeNonce(plains[i]), 'A'));
    phase1.push(sign(api.tx.issuance.transferKeepHolding(plainSec, next(i, 1).address, 1), wallets[i], takeNonce(wallets[i]), 'B'));
  }
  for (let i = 0; i < N; i++) {
    phase2.push(sign(api.tx.balances.transferKeepAlive(plains[(i + 1) % N].address, PLAIN_AMOUNT), plains[i], takeNonce(plains[i]), 'A'));
    phase2.push(sign(api.tx.issuance.transferKeepHolding(ruledSec, next(i, 1).address, 1), wallets[i], takeNonce(wallets[i]), 'B'));
  }
  // Rebalance: each wallet sends twice (first every wallet's first, then every second).
  const phase3 = [];
  for (const [k, amount] of [[2, 2], [3, 3]]) {
    for (let i = 0; i < N; i++) {
      phase3.push(sign(api.tx.issuance.transfer(ruledSec, next(i, k).address, amount), wallets[i], takeNonce(wallets[i]), 'transfer'));
    }
  }
  const signS = (performance.now() - t) / 1000;
  const signedCount = phase1.length + phase2.length + phase3.length;
  log(`phases: ${signedCount} transactions signed in ${fmt(signS, 1)} s (${fmt(signedCount / signS, 0)}/s, ${KEY_TYPE})`);

  // --- Declared weights ----------------------------------------------------------------------
  const weights = {
    'balances.transferKeepAlive': await declared(phase1[0]),
    'issuance.transferKeepHolding (no rules)': await declared(phase1[1]),
    'issuance.transferKeepHolding (typical rules)': await declared(phase2[1]),
    'issuance.transfer (typical rules)': await declared(phase3[0]),
    'credentials.attest (KYC)': await declared(kycTxs[0]),
  };
  const base = Number(weights['balances.transferKeepAlive'].refTime);
  console.log('');
  console.log('== Declared weights (payment_queryInfo, i.e. TransactionPaymentApi.query_info, on one signed example) ==');
  for (const [call, w] of Object.entries(weights)) {
    console.log(`${call.padEnd(46)} ref_time ${us(w.refTime).padStart(9)} µs  proof ${String(w.proofSize).padStart(7)} B  ` +
      `x${fmt(Number(w.refTime) / base, 2).padStart(6)} of transferKeepAlive  ` +
      `at most ${capOf(w.refTime)} a block by declared weight (plus base extrinsic ${us(limits.baseExtrinsic)} µs each)`);
  }
  console.log(`issuance.transferKeepHolding / transferKeepAlive: ${fmt(Number(weights['issuance.transferKeepHolding (no rules)'].refTime) / base, 2)} (no rules), ` +
    `${fmt(Number(weights['issuance.transferKeepHolding (typical rules)'].refTime) / base, 2)} (typical rules); ` +
    `issuance.transfer: ${fmt(Number(weights['issuance.transfer (typical rules)'].refTime) / base, 2)} (typical rules)`);

  // --- The phases ----------------------------------------------------------------------------
  await waitQuiet();
  const p1 = await runStage('phase 1: A = balances.transferKeepAlive, B = issuance.transferKeepHolding, no rules', phase1);
  await waitQuiet();
  const p2 = await runStage('phase 2: A = balances.transferKeepAlive, B = issuance.transferKeepHolding, typical rules', phase2);
  await waitQuiet();
  const p3 = await runStage('phase 3: rebalance burst, issuance.transfer, typical rules', phase3);

  // --- Report --------------------------------------------------------------------------------
  console.log('');
  console.log('== Set-up ==');
  for (const { stage, f } of setupStages) {
    console.log(`${stage.name}: ${stage.txs.length} extrinsics in ${f.blocks} blocks, ` +
      `${fmt(f.chainS, 0)} s chain time, weight avg ${pct(f.weights.avg)} / max ${pct(f.weights.max)}`);
  }
  const kycF = reportStage(kyc, { kinds: ['attest'] });
  const p1F = reportStage(p1, { kinds: ['A', 'B'], ratio: ['A', 'B'] });
  const p2F = reportStage(p2, { kinds: ['A', 'B'], ratio: ['A', 'B'] });
  const p3F = reportStage(p3, { kinds: ['transfer'] });

  const rows = [
    ['KYC attestations (one qualifier, `credentials.attest`)', kyc, kycF],
    ['phase 1: A/B interleaved, no rules', p1, p1F],
    ['phase 2: A/B interleaved, typical rules', p2, p2F],
    ['phase 3: rebalance burst (`issuance.transfer`, typical rules)', p3, p3F],
  ];
  const cpu = `${os.cpus().length} x ${os.cpus()[0]?.model?.trim() ?? '?'}`;
  console.log('');
  console.log('== Summary (markdown) ==');
  console.log('');
  console.log(`Measured ${new Date().toISOString().slice(0, 10)} with \`scripts/bench-throughput.sh\`, N = ${N} investors, ` +
    `\`stoa-node ${version}\` (release, \`--dev\`, one master node, ${cpu}), ${KEY_TYPE} senders, ` +
    `normal-class block weight ${us(limits.normalMax)} µs ref_time, 6 s blocks. ` +
    'A = `balances.transferKeepAlive`, B = `issuance.transferKeepHolding`; typical rules: KYC and accreditation required on both sides, ' +
    `a deny list of ${DENIED.length} jurisdictions, a cap of N + 100 holders.`);
  console.log('');
  console.log('| phase | txs | blocks to drain | included per block (min / avg / max) | avg, middle blocks | tx/s | block weight used (avg / max) | A/B in blocks with both | failed or dropped |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, stage, f] of rows) {
    console.log(`| ${name} | ${stage.txs.length} | ${f.blocks} | ${f.counts.min} / ${fmt(f.counts.avg, 0)} / ${f.counts.max} | ${fmt(f.middle.avg, 0)} | ` +
      `${fmt(f.tps, 1)} | ${pct(f.weights.avg)} / ${pct(f.weights.max)} | ${f.ratio !== undefined ? fmt(f.ratio, 2) : '–'} | ${problems(stage)} |`);
  }
  console.log('');
  console.log('| call | declared ref_time (µs) | proof size (B) | × transferKeepAlive | actual ref_time in blocks (µs, avg) | per block by declared weight | per block by actual weight |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const actualOf = {
    'balances.transferKeepAlive': avgOf([p1, p2], 'A'),
    'issuance.transferKeepHolding (no rules)': avgOf([p1], 'B'),
    'issuance.transferKeepHolding (typical rules)': avgOf([p2], 'B'),
    'issuance.transfer (typical rules)': avgOf([p3], 'transfer'),
    'credentials.attest (KYC)': avgOf([kyc], 'attest'),
  };
  for (const [call, w] of Object.entries(weights)) {
    const actual = actualOf[call];
    console.log(`| \`${call}\` | ${us(w.refTime)} | ${w.proofSize} | ${fmt(Number(w.refTime) / base, 2)} | ${us(actual)} | ` +
      `${capOf(w.refTime)} | ${Number.isFinite(actual) ? capOf(actual) : '-'} |`);
  }
  console.log('');
  console.log('"Actual" is the weight in each extrinsic\'s `ExtrinsicSuccess` event less the base extrinsic weight ' +
    `(${us(limits.baseExtrinsic)} µs); the caps divide the normal-class limit by a call's weight plus the base extrinsic weight. ` +
    'A block is filled by actual weight when calls refund (each is admitted if its declared weight still fits).');
  console.log('');
  console.log(`Set-up (batched with \`utility.batchAll\`, not measured as throughput): ` +
    setupStages.map(({ stage, f }) => `${stage.name.replace(/^set-up \d: /, '')}: ${stage.txs.length} extrinsics in ${f.blocks} blocks`).join('; ') + '.');

  // Node log: anything the node complained about.
  nodeComplaints();

  const total = [kyc, p1, p2, p3].reduce((a, s) => a + problems(s), 0);
  if (total) {
    console.log(`\nFAILED: ${total} transactions failed, were refused or never included (see above).`);
    return 1;
  }
  console.log('\nOK: every transaction was included and succeeded.');
  return 0;
}

/** Average actual ref_time of the given kinds over stages (from the events, less base extrinsic). */
function avgOf(stages, ...kinds) {
  const xs = stages.flatMap((s) => s.txs).filter((tx) => kinds.includes(tx.kind) && tx.refTime !== undefined).map((tx) => Number(tx.refTime));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length - Number(limits.baseExtrinsic) : NaN;
}

/** How many calls of this ref_time fit in the normal class of a block, with the base extrinsic weight. */
function capOf(refTime) {
  return Math.floor(Number(limits.normalMax) / (Number(refTime) + Number(limits.baseExtrinsic)));
}

/** Lets the pool empty out and a fresh block start before a measured phase. */
async function waitQuiet() {
  const start = follower.best;
  while (follower.best < start + 1) await sleep(100);
}

/** Distinct warnings and errors in the node's log. */
function nodeComplaints() {
  let text = '';
  try {
    text = readFileSync(node.logPath, 'utf8');
  } catch {
    return;
  }
  const lines = text.split('\n').filter((l) => / (WARN|ERROR) /.test(l));
  if (!lines.length) {
    console.log('\nnode log: no warnings or errors.');
    return;
  }
  const distinct = new Map();
  for (const l of lines) {
    const key = l.replace(/^\S+ \S+ /, '').replace(/0x[0-9a-f]{8,}/g, '0x…').replace(/\d+/g, 'N').slice(0, 200);
    distinct.set(key, (distinct.get(key) ?? 0) + 1);
  }
  console.log(`\nnode log: ${lines.length} warnings/errors, ${distinct.size} distinct:`);
  for (const [k, c] of [...distinct].slice(0, 15)) console.log(`  ${c} x ${k}`);
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`\nbenchmark failed: ${e.stack ?? e.message}`);
  if (node) console.error(`node log: ${node.logPath}`);
  code = 1;
} finally {
  await follower?.stop().catch(() => {});
  for (const r of rpcs ?? []) r.close();
  follower?.rpc.close();
  await api?.disconnect().catch(() => {});
  await node?.stop();
  if (node && !KEEP_NODE && code === 0) node.cleanup();
  else if (node) console.error(`node base path kept: ${node.base}`);

}
process.exit(code);
