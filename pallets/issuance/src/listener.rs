//! What this pallet answers and hears from the credentials pallet: whether an account holds
//! units, and wallet recoveries and links.

use crate::pallet::*;
use frame_support::pallet_prelude::*;
use stoa_primitives::{CredentialsListener, InvestorId, Jurisdiction};

/// Recoveries in the credentials pallet are recorded here, so that holdings can follow
/// (one security per [`Pallet::recover_holdings`] call: a wallet may hold many).
impl<T: Config> stoa_primitives::HoldingsInspector<T::AccountId> for Pallet<T> {
	fn holds_units(account: &T::AccountId) -> bool {
		HeldBy::<T>::iter_prefix(account).next().is_some()
	}
}

impl<T: Config> CredentialsListener<T::AccountId> for Pallet<T> {
	fn on_credentials_changed(_: InvestorId) -> Weight {
		Weight::zero()
	}
	fn on_jurisdiction_changed(_: InvestorId, _: Jurisdiction, _: Jurisdiction) -> Weight {
		Weight::zero()
	}
	fn on_wallet_recovered(_: InvestorId, lost: &T::AccountId, new: &T::AccountId) {
		Recoveries::<T>::insert(lost, new);
	}
	fn on_wallet_linked(_: InvestorId, wallet: &T::AccountId) {
		// A wallet linked again is someone's again: its new holdings are not the recovered
		// investor's to pull away.
		Recoveries::<T>::remove(wallet);
	}
	fn on_wallet_linked_weight() -> Weight {
		T::DbWeight::get().writes(1)
	}
	fn on_credentials_changed_weight() -> Weight {
		Weight::zero()
	}
	fn on_jurisdiction_changed_weight() -> Weight {
		Weight::zero()
	}
	fn on_wallet_recovered_weight() -> Weight {
		T::DbWeight::get().writes(1)
	}
}
