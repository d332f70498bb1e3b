//! What the runtime API reads: entitlements, distribution progress and ballot results.

use crate::{pallet::*, types::*};
use frame_support::traits::fungibles::Inspect as _;
use stoa_primitives::{
	corporate_actions::{BallotResults, DistributionProgress, Entitlement},
	BallotId, CredentialRegistry, DistributionId,
};

impl<T: Config> Pallet<T> {
	/// Entitlement of `who` in a distribution, for the runtime API.
	pub fn entitlement(
		distribution: DistributionId,
		who: &T::AccountId,
	) -> Option<Entitlement<T::Balance>> {
		let record = Distributions::<T>::get(distribution)?;
		let mut owed = Self::entitlement_of(&record, who);
		owed.paid = Payments::<T>::contains_key(distribution, who);
		Some(owed)
	}

	/// A distribution's progress, for the runtime API.
	pub fn progress(distribution: DistributionId) -> Option<DistributionProgress<T::Balance>> {
		let record = Distributions::<T>::get(distribution)?;
		Some(DistributionProgress {
			security: record.security,
			active: record.status != DistributionStatus::Created,
			pushed: matches!(
				record.status,
				DistributionStatus::Pushed | DistributionStatus::Closed
			),
			closed: record.status == DistributionStatus::Closed,
			payments: record.payments,
			paid: record.paid,
			withheld: record.withheld,
			remaining: T::Assets::balance(record.asset, &Self::escrow_account(distribution)),
		})
	}

	/// A ballot's tallies, for the runtime API.
	pub fn results(ballot: BallotId) -> Option<BallotResults<T::Balance>> {
		let record = Ballots::<T>::get(ballot)?;
		Some(BallotResults {
			security: record.security,
			tallies: record.tallies.into_iter().map(|t| t.into_inner()).collect(),
			voters: record.voters,
			closed: T::Credentials::now() >= record.ends_at,
		})
	}
}
