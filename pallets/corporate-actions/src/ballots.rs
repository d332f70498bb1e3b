//! Ballots: opening one on a record date, voting with an investor's record-date units,
//! cancelling before voting opens.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, storage::with_storage_layer};
use sp_runtime::traits::{Saturating, Zero};
use stoa_primitives::{BallotId, CredentialRegistry, Moment, SecurityId};

impl<T: Config> Pallet<T> {
	/// What [`Pallet::open_ballot`] does, signed by `who`.
	pub(crate) fn do_open_ballot(
		who: T::AccountId,
		security: SecurityId,
		record_date: RecordDate,
		starts_at: Moment,
		ends_at: Moment,
		motions: BoundedVec<MotionOf<T>, T::MaxMotions>,
	) -> DispatchResult {
		Self::ensure_agent(&who, security)?;
		ensure!(
			!motions.is_empty() && motions.iter().all(|m| m.choices.len() >= 2),
			Error::<T>::InvalidBallot
		);
		ensure!(starts_at < ends_at && ends_at > T::Credentials::now(), Error::<T>::InvalidDates);
		with_storage_layer(|| {
			let (checkpoint, at) = Self::record_date(security, record_date)?;
			ensure!(at <= starts_at, Error::<T>::InvalidDates);
			let tallies = motions
				.iter()
				.map(|m| BoundedVec::truncate_from(alloc::vec![Zero::zero(); m.choices.len()]))
				.collect::<Vec<_>>();
			let ballot = NextBallotId::<T>::get();
			NextBallotId::<T>::put(ballot.saturating_add(1));
			Ballots::<T>::insert(
				ballot,
				Ballot {
					security,
					checkpoint,
					starts_at,
					ends_at,
					motions,
					tallies: BoundedVec::truncate_from(tallies),
					voters: 0,
				},
			);
			Self::deposit_event(Event::BallotOpened { ballot, security, checkpoint });
			Ok(())
		})
	}

	/// What [`Pallet::vote`] does, signed by `who`.
	pub(crate) fn do_vote(
		who: T::AccountId,
		ballot: BallotId,
		choices: BoundedVec<u8, T::MaxMotions>,
	) -> DispatchResult {
		let mut record = Ballots::<T>::get(ballot).ok_or(Error::<T>::UnknownBallot)?;
		let now = T::Credentials::now();
		ensure!(now >= record.starts_at && now < record.ends_at, Error::<T>::VotingClosed);
		let investor = T::Credentials::investor_of(&who).ok_or(Error::<T>::NotInvestor)?;
		ensure!(!Votes::<T>::contains_key(ballot, investor), Error::<T>::AlreadyVoted);
		ensure!(choices.len() == record.motions.len(), Error::<T>::InvalidVote);
		let weight = Self::investor_balance_at(record.security, record.checkpoint, investor)
			.ok_or_else(|| {
				// A record date whose time came during a split is known once it completes.
				if Splits::<T>::contains_key(record.security) {
					Error::<T>::SplitInProgress
				} else {
					Error::<T>::UnknownCheckpoint
				}
			})?;
		ensure!(!weight.is_zero(), Error::<T>::NoVotingPower);
		for (tally, choice) in record.tallies.iter_mut().zip(choices.iter()) {
			let slot = tally.get_mut(*choice as usize).ok_or(Error::<T>::InvalidVote)?;
			slot.saturating_accrue(weight);
		}
		record.voters.saturating_inc();
		Ballots::<T>::insert(ballot, record);
		Votes::<T>::insert(ballot, investor, ());
		Self::deposit_event(Event::Voted { ballot, investor, weight });
		Ok(())
	}

	/// What [`Pallet::cancel_ballot`] does, signed by `who`.
	pub(crate) fn do_cancel_ballot(who: T::AccountId, ballot: BallotId) -> DispatchResult {
		let record = Ballots::<T>::get(ballot).ok_or(Error::<T>::UnknownBallot)?;
		Self::ensure_agent(&who, record.security)?;
		ensure!(T::Credentials::now() < record.starts_at, Error::<T>::VotingStarted);
		Ballots::<T>::remove(ballot);
		Self::deposit_event(Event::BallotCancelled { ballot });
		Ok(())
	}
}
