//! Recoveries: what a wallet replaced in a credentials recovery is owed is paid to its
//! replacement ([`CredentialsListener`]); the replacement may claim it.

use crate::{pallet::*, types::*, MAX_RECOVERY_HOPS};
use frame_support::pallet_prelude::*;
use stoa_primitives::{
	CredentialRegistry, CredentialsListener, DistributionId, InvestorId, Jurisdiction, Moment,
};

impl<T: Config> Pallet<T> {
	/// What [`Pallet::claim_recovered`] does, signed by `who` (the replacement).
	pub(crate) fn do_claim_recovered(
		who: T::AccountId,
		distribution: DistributionId,
		lost: T::AccountId,
	) -> DispatchResult {
		ensure!(Recoveries::<T>::contains_key(&lost), Error::<T>::NotRecovered);
		let record =
			Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
		ensure!(Self::payee_of(&lost, record.record_at) == who, Error::<T>::NotReplacement);
		Self::do_claim(distribution, record, &lost)
	}

	/// The wallet `who`'s entitlement at a record date of time `record_at` is paid to:
	/// `who` itself, or the wallet that replaced it in a credentials recovery (following
	/// up to [`MAX_RECOVERY_HOPS`] recoveries). A recovery applies to every record date
	/// until the lost wallet is linked to an investor again: before it, and after it while
	/// units left on the lost wallet are still its investor's; from the new link on, the
	/// wallet is paid itself.
	pub fn payee_of(who: &T::AccountId, record_at: Moment) -> T::AccountId {
		let mut payee = who.clone();
		for _ in 0..MAX_RECOVERY_HOPS {
			let Some(recoveries) = Recoveries::<T>::get(&payee) else { break };
			let Some(recovery) =
				recoveries.into_iter().find(|r| r.until.is_none_or(|until| record_at < until))
			else {
				break;
			};
			payee = recovery.to;
		}
		payee
	}

	/// The most [`Self::payee_of`] reads (one per recovery followed, and the last miss);
	/// added per holder to the benchmarked weights, which see no recovery.
	pub fn recovery_weight() -> Weight {
		T::DbWeight::get().reads(MAX_RECOVERY_HOPS as u64 + 1)
	}
}

/// Recoveries: what a lost wallet is owed is paid to the wallet that replaced it.
impl<T: Config> CredentialsListener<T::AccountId> for Pallet<T> {
	fn on_credentials_changed(_: InvestorId) -> Weight {
		Weight::zero()
	}

	fn on_jurisdiction_changed(_: InvestorId, _: Jurisdiction, _: Jurisdiction) -> Weight {
		Weight::zero()
	}

	fn on_wallet_recovered(_: InvestorId, lost: &T::AccountId, new: &T::AccountId) {
		Recoveries::<T>::mutate(lost, |recoveries| {
			let list = recoveries.get_or_insert_with(Default::default);
			if list.is_full() {
				list.remove(0);
			}
			let _ = list.try_push(Recovery { to: new.clone(), until: None });
		});
	}

	fn on_wallet_linked(_: InvestorId, wallet: &T::AccountId) {
		// A lost wallet linked again: record dates from now on are its own.
		if Recoveries::<T>::contains_key(wallet) {
			let now = T::Credentials::now();
			Recoveries::<T>::mutate_extant(wallet, |list| {
				for recovery in list.iter_mut().filter(|r| r.until.is_none()) {
					recovery.until = Some(now);
				}
			});
		}
	}

	fn on_credentials_changed_weight() -> Weight {
		Weight::zero()
	}

	fn on_jurisdiction_changed_weight() -> Weight {
		Weight::zero()
	}

	fn on_wallet_recovered_weight() -> Weight {
		// The wallet's recoveries, read and written.
		T::DbWeight::get().reads_writes(1, 1)
	}

	fn on_wallet_linked_weight() -> Weight {
		// The wallet's recoveries (read twice), the time, and the recoveries written.
		T::DbWeight::get().reads_writes(3, 1)
	}
}
