// A dev chain spec for a `stoa-node` built with `--features runtime-benchmarks` whose executor
// lacks the benchmarking host functions (it cannot instantiate its own runtime: "runtime
// requires function imports which are not present on the host: 'env:ext_benchmarking_...'").
//
// The runtime calls those host functions only from the `Benchmark` runtime API, never while
// importing or authoring blocks. So each `ext_benchmarking_*` import is renamed to a host
// function the executor does have, of the very same signature; nothing else in the wasm
// changes (same code, same weights). The patched runtime becomes the `:code` of
// `build-spec --dev --raw`'s genesis. Used by throughput.mjs only with
// BENCH_STUB_BENCHMARK_IMPORTS=1; the real fix is the node's executor (node/src/service.rs).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const I32 = 0x7f;
const I64 = 0x7e;

/** Host functions of sp_io::SubstrateHostFunctions, by signature, to stand in for others. */
const STAND_INS = new Map([
  ['()->()', 'ext_storage_start_transaction_version_1'],
  [`()->(${I32})`, 'ext_logging_max_level_version_1'],
  [`()->(${I64})`, 'ext_offchain_timestamp_version_1'],
  [`(${I64})->()`, 'ext_misc_print_hex_version_1'],
]);

function readLeb(buf, pos) {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

const name = (s) => Buffer.concat([leb(Buffer.byteLength(s)), Buffer.from(s)]);

/**
 * `wasm` with every import of `env:ext_benchmarking_*` renamed to a stand-in of the same
 * signature. Returns { wasm, renamed: [[from, to]] }.
 */
export function stubBenchmarkImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const out = [wasm.subarray(0, 8)];
  const types = [];
  const renamed = [];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, body] = readLeb(wasm, pos + 1);
    const end = body + size;
    if (id === 1) {
      let [count, p] = readLeb(wasm, body);
      for (let i = 0; i < count; i++) {
        p++; // 0x60
        let n;
        [n, p] = readLeb(wasm, p);
        const params = [...wasm.subarray(p, p + n)];
        p += n;
        [n, p] = readLeb(wasm, p);
        const results = [...wasm.subarray(p, p + n)];
        p += n;
        types.push(`(${params.join(',')})->(${results.join(',')})`);
      }
    }
    if (id !== 2) {
      out.push(wasm.subarray(pos, end));
      pos = end;
      continue;
    }
    // The import section: copy each entry, renaming the benchmarking functions.
    const entries = [];
    let [count, p] = readLeb(wasm, body);
    for (let i = 0; i < count; i++) {
      const start = p;
      let n;
      [n, p] = readLeb(wasm, p);
      const module = wasm.subarray(p, p + n).toString();
      p += n;
      [n, p] = readLeb(wasm, p);
      const field = wasm.subarray(p, p + n).toString();
      p += n;
      const kind = wasm[p];
      const descStart = p;
      p++;
      let type;
      if (kind === 0) {
        [type, p] = readLeb(wasm, p);
      } else if (kind === 1) {
        p++; // element type
        const flags = wasm[p++];
        [, p] = readLeb(wasm, p);
        if (flags & 1) [, p] = readLeb(wasm, p);
      } else if (kind === 2) {
        const flags = wasm[p++];
        [, p] = readLeb(wasm, p);
        if (flags & 1) [, p] = readLeb(wasm, p);
      } else if (kind === 3) {
        p += 2;
      } else {
        throw new Error(`unknown import kind ${kind}`);
      }
      if (kind === 0 && module === 'env' && field.startsWith('ext_benchmarking_')) {
        const signature = types[type];
        const standIn = STAND_INS.get(signature);
        if (!standIn) throw new Error(`no stand-in host function of signature ${signature} for ${field}`);
        renamed.push([field, standIn]);
        entries.push(Buffer.concat([name(module), name(standIn), wasm.subarray(descStart, p)]));
      } else {
        entries.push(wasm.subarray(start, p));
      }
    }
    const section = Buffer.concat([leb(count), ...entries]);
    out.push(Buffer.from([2]), leb(section.length), section);
    pos = end;
  }
  return { wasm: Buffer.concat(out), renamed };
}

/** zstd-compressed runtimes (substrate's "compact.compressed") start with this prefix. */
const ZSTD_PREFIX = Buffer.from([82, 188, 83, 118, 70, 219, 142, 5]);

/**
 * Writes `dir/stub-dev-spec.json`: `stoa-node build-spec --dev --raw` with its runtime's
 * benchmarking imports stubbed. Returns { path, renamed }.
 */
export function stubbedDevSpec(nodeBin, dir) {
  const spec = JSON.parse(execFileSync(nodeBin, ['build-spec', '--dev', '--raw'], {
    encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
  }));
  const top = spec.genesis.raw.top;
  const key = '0x3a636f6465'; // ":code"
  let code = Buffer.from(top[key].slice(2), 'hex');
  if (code.subarray(0, 8).equals(ZSTD_PREFIX)) {
    // Substrate's compressed runtime: the prefix, then one zstd frame (the zstd tool reads it).
    code = execFileSync('zstd', ['-d', '-c', '-q'], { input: code.subarray(8), maxBuffer: 1024 * 1024 * 1024 });
  }
  const { wasm, renamed } = stubBenchmarkImports(code);
  top[key] = '0x' + wasm.toString('hex');
  const path = join(dir, 'stub-dev-spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return { path, renamed };
}
