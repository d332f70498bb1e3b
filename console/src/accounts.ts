// Signers: accounts of injected wallets (polkadot-js extension, Talisman, SubWallet, through
// @polkadot/extension-dapp) and, on a development chain only, the well-known dev accounts.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export interface Account {
  address: string;
  name: string;
  source: string; // "dev" or the extension's name
  pair?: KeyringPair; // dev accounts sign locally
  signer?: Signer; // injected accounts sign in their wallet
}

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** //Alice ... //Ferdie in the chain's address format. Only offered on development chains. */
export async function devAccounts(ss58: number): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58 });
  return DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return { address: pair.address, name, source: 'dev', pair };
  });
}

/** Accounts of the browser's injected wallets; none (with the reason) if there is no wallet. */
export async function injectedAccounts(ss58: number): Promise<{ accounts: Account[]; note: string }> {
  try {
    const { web3Enable, web3Accounts, web3FromSource } = await import('@polkadot/extension-dapp');
    const extensions = await web3Enable('Stoa console');
    if (extensions.length === 0) return { accounts: [], note: 'No wallet extension found (or access was refused).' };
    const found = await web3Accounts({ ss58Format: ss58 });
    const accounts: Account[] = [];
    for (const a of found) {
      const injector = await web3FromSource(a.meta.source);
      accounts.push({ address: a.address, name: a.meta.name ?? a.address, source: a.meta.source, signer: injector.signer });
    }
    return { accounts, note: `${extensions.length} wallet extension(s), ${accounts.length} account(s).` };
  } catch (e: any) {
    return { accounts: [], note: `Wallet extensions unavailable: ${e?.message ?? e}` };
  }
}
