// Shared by the console's browser tests: a real `stoa-node --dev` (started by the end-to-end
// suite's e2e/lib/node.mjs, on free loopback ports), the built console served from dist/ on a
// free loopback port, and Debian's chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, extname, dirname, resolve } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_DIR = resolve(here, '..');
export const DIST = join(CONSOLE_DIR, 'dist');
export const ARTIFACTS = join(CONSOLE_DIR, 'test-artifacts');

// The node under test: STOA_NODE (scripts/test.sh sets it), else the cached debug build.
process.env.STOA_NODE ??= join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/stoa/target'), 'debug/stoa-node');

/** The end-to-end suite's helpers (node start/stop, submit, council motions), reused as they are. */
export const e2e = await import('../../e2e/lib/node.mjs');
export const council = await import('../../e2e/lib/council.mjs');

/** A debug node seals a block every 6 s; a signed call takes one or two. */
export const TX_TIMEOUT_MS = 180_000;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves dist/ on a free loopback port. */
export async function serveConsole() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('console/dist is missing: run `npm run build` first (npm test does)');
  const port = await e2e.freePort();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Debian's chromium, headless. CHROMIUM overrides the executable. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A real `stoa-node --dev`, the built console served on a free loopback port, and a browser
 * page connected to them, filled into `s` as each starts (so that `stopSession` ends whatever
 * did start if one fails).
 */
export async function startSession(name, s) {
  s.node = await e2e.startNode(name, ['--dev']);
  s.api = await e2e.connect(s.node);
  s.accounts = e2e.devAccounts(s.api);
  s.site = await serveConsole();
  s.browser = await launchBrowser();
  s.page = await openConsole(s.browser, s.site, s.node);
  return s;
}

/** Ends what `startSession` started. */
export async function stopSession(s) {
  await s.browser?.close();
  await s.site?.close();
  await s.api?.disconnect();
  await s.node?.stop();
  s.node?.cleanup();
}

/** Eve (a dev account, nobody's wallet) becomes the German regulator, and approves Alice's
 * company (investor 0) as an issuer. */
export async function approveAlicesCompany(api, accounts) {
  const regulator = accounts.eve;
  await council.govern(api, api.tx.issuance.registerRegulator(regulator.address, 'DE', 'BaFin'));
  await e2e.submit(api, api.tx.issuance.approveIssuer(0, '0x' + '11'.repeat(32)), regulator);
}

/** A page of the console connected to `node`, collecting console errors. */
export async function openConsole(browser, site, node, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(`${site.url}?node=ws://127.0.0.1:${node.rpcPort}#investor`);
  await page.getByTestId('best').waitFor({ timeout: 120_000 });
  return page;
}

/** Picks the signer in the account picker. */
export async function useAccount(page, address) {
  await page.locator('#account').selectOption(address);
}

/** Opens a role tab. */
export async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
}

let shots = 0;
/** A full-page screenshot under test-artifacts/, numbered in order. */
export async function screenshot(page, prefix, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  shots += 1;
  const file = join(ARTIFACTS, `${prefix}-${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A screenshot of one element (a screen's section), for the docs. */
export async function shotOf(locator, prefix, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${prefix}-section-${name}.png`);
  await locator.screenshot({ path: file });
  return file;
}

/**
 * Clicks the sign button of the transaction box `testid` (within `scope`, a page or a locator)
 * once it is enabled, and waits for the outcome in the activity log (which outlives the form:
 * a form may change as soon as its transaction lands): resolves with the entry's text on
 * success (in block or finalized), throws with the decoded error otherwise.
 */
export async function sign(scope, testid) {
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  const ids = await page.locator('#activity li[data-log-id]').evaluateAll((els) => els.map((e) => Number(e.dataset.logId)));
  const after = Math.max(0, ...ids);
  await scope.getByTestId(testid).first().locator('button').first().click({ timeout: TX_TIMEOUT_MS });
  const entry = await page.waitForFunction(([tx, seen]) => {
    const li = [...document.querySelectorAll('#activity li')].find((e) => e.dataset.tx === tx && Number(e.dataset.logId) > seen);
    return li && ['success', 'error'].includes(li.dataset.outcome) ? { outcome: li.dataset.outcome, text: li.innerText } : null;
  }, [testid, after], { timeout: TX_TIMEOUT_MS, polling: 250 });
  const { outcome, text } = await entry.jsonValue();
  if (outcome === 'error') throw new Error(`${testid} failed: ${text}`);
  return text;
}

/** Waits until `check()` (run in the test, polling) is truthy. */
export const waitFor = e2e.waitFor;
