//! Linking and unlinking wallets.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;
use stoa_primitives::{
	BlockReason, CredentialsListener, HoldingsInspector, ImportedCredentials, InvestorId,
	RecordChange,
};

impl<T: Config> Pallet<T> {
	/// Whether `wallet` may be linked to the investor `record` (not yet anyone's, not a
	/// protocol holder, room left).
	pub(crate) fn ensure_can_link(record: &Investor, wallet: &T::AccountId) -> DispatchResult {
		ensure!(!InvestorOfWallet::<T>::contains_key(wallet), Error::<T>::WalletAlreadyLinked);
		// One person, one identity: a wallet another shard links stays that shard's.
		ensure!(T::Imported::investor_of(wallet).is_none(), Error::<T>::WalletAlreadyLinked);
		ensure!(!ProtocolHolders::<T>::contains_key(wallet), Error::<T>::IsProtocolHolder);
		ensure!(record.wallets < T::MaxWalletsPerInvestor::get(), Error::<T>::TooManyWallets);
		ensure!(!T::Holdings::holds_units(wallet), Error::<T>::WalletHoldsUnits);
		Ok(())
	}

	/// Links `wallet` to `investor` (no consent check: callers are the acceptance call,
	/// genesis and benchmark set-up). Enforces one investor per wallet and the wallet limit.
	pub fn do_link(investor: InvestorId, wallet: &T::AccountId) -> DispatchResult {
		let mut record = Investors::<T>::get(investor).ok_or(Error::<T>::UnknownInvestor)?;
		Self::ensure_can_link(&record, wallet)?;
		record.wallets += 1;
		Investors::<T>::insert(investor, record);
		InvestorOfWallet::<T>::insert(wallet, investor);
		InvestorWallets::<T>::insert(investor, wallet, ());
		Ok(())
	}

	pub(crate) fn do_unlink(investor: InvestorId, wallet: &T::AccountId) {
		InvestorOfWallet::<T>::remove(wallet);
		InvestorWallets::<T>::remove(investor, wallet);
		Investors::<T>::mutate(investor, |record| {
			if let Some(record) = record {
				record.wallets = record.wallets.saturating_sub(1);
			}
		});
	}

	/// Unlinks `wallet`, for `signer` (`None`: governance) (see the call).
	pub(crate) fn do_unlink_wallet(
		signer: Option<T::AccountId>,
		wallet: T::AccountId,
	) -> DispatchResult {
		let investor = InvestorOfWallet::<T>::get(&wallet).ok_or(Error::<T>::WalletNotLinked)?;
		let investor_block = InvestorBlocks::<T>::get(investor);
		if let Some(who) = signer {
			let qualifier = QualifierOfAccount::<T>::get(&who);
			let by_qualifier = qualifier.is_some()
				&& Investors::<T>::get(investor).map(|r| r.qualifier) == qualifier;
			let by_investor = InvestorOfWallet::<T>::get(&who) == Some(investor);
			ensure!(by_investor || by_qualifier, Error::<T>::NotAllowedToUnlink);
			// A blocked investor must not shed its block by leaving through a wallet.
			ensure!(by_qualifier || investor_block.is_none(), Error::<T>::InvestorIsBlocked);
		}
		// Units never change beneficial owner without a movement the guard sees.
		ensure!(!T::Holdings::holds_units(&wallet), Error::<T>::WalletHoldsUnits);
		Self::do_unlink(investor, &wallet);
		// The investor's block follows the wallet out, so that it cannot come back as a
		// protocol holder or another investor's wallet unblocked.
		if let Some(block) = investor_block {
			if !WalletBlocks::<T>::contains_key(&wallet) {
				WalletBlocks::<T>::insert(&wallet, block);
			}
		}
		T::Listener::on_record_changed(RecordChange::Wallet(&wallet));
		Self::deposit_event(Event::WalletUnlinked { investor, wallet });
		Ok(())
	}

	/// Replaces the lost wallet with the new one, for `actor` (see the call).
	pub(crate) fn do_recover_wallet(
		actor: Actor,
		lost: T::AccountId,
		new: T::AccountId,
	) -> DispatchResult {
		ensure!(lost != new, Error::<T>::SameWallet);
		let investor = InvestorOfWallet::<T>::get(&lost).ok_or(Error::<T>::WalletNotLinked)?;
		ensure!(InvestorOfWallet::<T>::get(&new) == Some(investor), Error::<T>::NotSameInvestor);
		Self::ensure_manages(actor, investor)?;
		Self::do_unlink(investor, &lost);
		// A stolen key must not come back through another link: keep the wallet blocked
		// (an earlier block, with its own reason, is kept).
		if !WalletBlocks::<T>::contains_key(&lost) {
			WalletBlocks::<T>::insert(
				&lost,
				Block { reason: BlockReason::LostWallet, by: actor, at: Self::now() },
			);
		}
		T::Listener::on_wallet_recovered(investor, &lost, &new);
		T::Listener::on_record_changed(RecordChange::Wallet(&lost));
		Self::deposit_event(Event::WalletRecovered { investor, lost, new });
		Ok(())
	}
}
