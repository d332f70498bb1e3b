// The connection to a Stoa node: @polkadot/api for state, runtime APIs and extrinsics, and the
// node's own JSON-RPC methods (compliance_canTransfer, issuance_holders, ...), which
// @polkadot/api does not know, sent through the same WebSocket.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { hexToU8a, isHex, u8aToString } from '@polkadot/util';

export const DEFAULT_NODE = 'ws://127.0.0.1:9944';

/** The node URL: `?node=` if given, else the default. */
export function initialNodeUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('node');
  return fromQuery && /^wss?:\/\//.test(fromQuery) ? fromQuery : DEFAULT_NODE;
}

export interface Chain {
  api: ApiPromise;
  provider: WsProvider;
  url: string;
  name: string;
  chainType: string;
  isDev: boolean;
  ss58: number;
  tokenSymbol: string;
  tokenDecimals: number;
}

export async function connectChain(url: string): Promise<Chain> {
  const provider = new WsProvider(url, 2500);
  let api: ApiPromise;
  try {
    api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  } catch (e: any) {
    // Stop retrying: the user may correct the URL.
    await provider.disconnect().catch(() => undefined);
    throw new Error(e instanceof Error ? e.message : 'the node did not answer (is it running, with its RPC on this address?)');
  }
  const [name, chainType, props] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.system.chainType(),
    api.rpc.system.properties(),
  ]);
  const tokenSymbol = props.tokenSymbol.isSome ? props.tokenSymbol.unwrap()[0].toString() : 'UNIT';
  const tokenDecimals = props.tokenDecimals.isSome ? props.tokenDecimals.unwrap()[0].toNumber() : 12;
  return {
    api,
    provider,
    url,
    name: name.toString(),
    chainType: chainType.toString(),
    isDev: chainType.isDevelopment || chainType.isLocal,
    ss58: api.registry.chainSS58 ?? 42,
    tokenSymbol,
    tokenDecimals,
  };
}

/** An error returned by one of the node's JSON-RPC methods, with its code. */
export class RpcError extends Error {
  constructor(public code: number | undefined, message: string) {
    super(message);
  }
}

/** Calls one of Stoa's RPC methods (see rpc/src/*.rs) and returns its JSON result. */
export async function stoaRpc<T = any>(chain: Chain, method: string, params: unknown[]): Promise<T> {
  try {
    return (await chain.provider.send(method, params)) as T;
  } catch (e: any) {
    // WsProvider errors read "<code>: <message>".
    const m = /^(-?\d+): (.*)$/s.exec(String(e?.message ?? e));
    throw new RpcError(m ? Number(m[1]) : undefined, m ? m[2] : String(e?.message ?? e));
  }
}

/** A jurisdiction or other short ASCII code, whichever form it arrives in ("FR", "0x4652", codec). */
export function code(value: any): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return isHex(value) ? u8aToString(hexToU8a(value)) : value;
  if (typeof value.toU8a === 'function') return u8aToString(value.toU8a(true));
  return String(value);
}

/** UTF-8 bytes (a Bytes codec or a hex string) as text. */
export function text(value: any): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return isHex(value) ? u8aToString(hexToU8a(value)) : value;
  if (typeof value.toUtf8 === 'function') return value.toUtf8();
  return code(value);
}

/** The enum variant's name of a JSON-ified enum: "Kyc", { kyc: null } or { custom: 3 }. */
export function variant(value: any): string {
  if (typeof value === 'string') return value.charAt(0).toUpperCase() + value.slice(1);
  if (value && typeof value === 'object') {
    const key = Object.keys(value)[0];
    const name = key.charAt(0).toUpperCase() + key.slice(1);
    return value[key] === null ? name : `${name}(${JSON.stringify(value[key])})`;
  }
  return String(value);
}

/** Chain time (Unix seconds) from pallet-timestamp. */
export async function chainSeconds(chain: Chain): Promise<number> {
  return Math.floor(((await chain.api.query.timestamp.now()) as any).toNumber() / 1000);
}

/** The docs of an enum type's variants in the metadata, by variant name (e.g. TransferRejection). */
export function variantDocs(chain: Chain, typeName: string): Map<string, string> {
  const docs = new Map<string, string>();
  for (const { type } of chain.api.registry.lookup.types) {
    const path = type.path.map(String);
    if (path[path.length - 1] !== typeName || !type.def.isVariant) continue;
    for (const v of type.def.asVariant.variants) {
      docs.set(v.name.toString(), v.docs.map(String).join(' ').trim());
    }
    break;
  }
  return docs;
}
