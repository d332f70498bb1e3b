// Starts and stops real stoa-node processes for the end-to-end tests.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

/** The stoa-node binary under test (scripts/test.sh sets STOA_NODE). */
export const NODE_BIN = process.env.STOA_NODE ?? '../target/debug/stoa-node';

/** A debug node compiles the runtime at start-up: give it time. */
export const START_TIMEOUT_MS = 300_000;

/** A free TCP port on loopback (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One JSON-RPC call over HTTP. */
export async function rpc(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}

/** Thrown by a `waitFor` check to give up at once instead of retrying. */
export class Fatal extends Error {}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(what, check, timeoutMs = 120_000, everyMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      if (e instanceof Fatal) throw e;
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/**
 * Starts `stoa-node` with `args` plus free RPC and p2p ports and a temporary base path.
 * Resolves once its RPC answers `system_health`. The node's log goes to a file under the
 * base path (printed on failure).
 */
export async function startNode(name, args) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const base = mkdtempSync(join(tmpdir(), `stoa-${name}-`));
  const logPath = join(base, 'node.log');
  const log = createWriteStream(logPath);
  const fullArgs = [
    ...args,
    '--base-path', base,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--name', name,
  ];
  const child = spawn(NODE_BIN, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  // A binary that cannot be started (wrong STOA_NODE) fails at once, not after the timeout.
  child.on('error', (error) => { exited = { error: error.message }; });
  const node = {
    name, child, rpcPort, p2pPort, base, logPath,
    get exited() { return exited; },
    async stop() {
      if (exited || child.exitCode !== null || child.pid === undefined) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(killer);
    },
    cleanup() { rmSync(base, { recursive: true, force: true }); },
  };
  try {
    await waitFor(`${name} to answer RPC`, async () => {
      if (exited) {
        const { readFileSync } = await import('node:fs');
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
        if (exited.error) throw new Fatal(`${name}: cannot run ${NODE_BIN}: ${exited.error}`);
        throw new Fatal(`${name} exited early (${JSON.stringify(exited)}):\n${tail}`);
      }
      const r = await rpc(rpcPort, 'system_health');
      return r.result;
    }, START_TIMEOUT_MS);
  } catch (e) {
    await node.stop();
    throw e;
  }
  return node;
}

/** Dev accounts (//Alice ... //Ferdie) in the chain's address format. */
export function devAccounts(api) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
  const account = (name) => keyring.addFromUri(`//${name}`);
  return Object.fromEntries(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']
    .map((name) => [name.toLowerCase(), account(name)]));
}

/** The first event `section.method` among `events` (as `submit` resolves them), or undefined. */
export function findEvent(events, section, method) {
  return events.map(({ event }) => event).find((e) => e.section === section && e.method === method);
}

/** A @polkadot/api connection to a node. */
export async function connect(node) {
  const provider = new WsProvider(`ws://127.0.0.1:${node.rpcPort}`, 1000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/** The libp2p peer id of a node key (hex secret), via `stoa-node key inspect-node-key`. */
export function peerIdOf(nodeKeyHex) {
  const dir = mkdtempSync(join(tmpdir(), 'stoa-key-'));
  try {
    const file = join(dir, 'node-key');
    writeFileSync(file, nodeKeyHex);
    return execFileSync(NODE_BIN, ['key', 'inspect-node-key', '--file', file], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The finalized block number. */
export async function finalizedNumber(port) {
  const head = await rpc(port, 'chain_getFinalizedHead');
  const header = await rpc(port, 'chain_getHeader', [head.result]);
  return parseInt(header.result.number, 16);
}

/** Runs `stoa-node` with `args` to completion; returns { status, stdout, stderr }. */
export function runCli(args, timeoutMs = 120_000) {
  return new Promise((resolve) => {
    const child = spawn(NODE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/**
 * Signs and submits `tx`, resolving with its events once it is in a block (or finalized). A failed
 * dispatch rejects with the error's name: `pallet.Error` for pallet errors. `options` are
 * polkadot-js' signer options (`{ mode: 1, metadataHash }` for a metadata-checked signature).
 */
export function submit(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`dispatch error: ${section}.${name}`));
        } else {
          reject(new Error(`dispatch error: ${dispatchError.toString()}`));
        }
      } else if (status.isInBlock || status.isFinalized) {
        // The dev chain finalizes each block as it seals it: the pool may then report the
        // transaction finalized without reporting it in a block first.
        resolve(events);
      }
    }).catch(reject);
  });
}

/** Dispatches `call` as root through sudo, signed by the sudo key (//Alice on dev chains). */
export function sudo(api, call, sudoKey) {
  return submit(api, api.tx.sudo.sudo(call), sudoKey);
}

/** The chain's time in Unix seconds (what credential expiry and offerings read). */
export async function chainSeconds(api) {
  return Math.floor((await api.query.timestamp.now()).toNumber() / 1000);
}

/** The Aura authority that sealed `header`: the authority at `slot % authorities`. */
export async function auraAuthorOf(api, header) {
  const digest = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  const slot = api.createType('u64', digest.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

/** A dispatch error as text: `pallet.Error` for pallet errors, else its description. */
export function describeDispatchError(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}
