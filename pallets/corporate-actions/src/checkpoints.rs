//! Record dates: checkpoints (now or scheduled), balances and supply at a checkpoint, and
//! the snapshots written before a balance first changes in a checkpoint epoch
//! ([`HoldingsObserver`]).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::Saturating;
use stoa_primitives::{
	CheckpointId, CredentialRegistry, HoldingsObserver, InvestorId, Moment, SecurityId,
	SecurityRegistry,
};

impl<T: Config> Pallet<T> {
	/// What [`Pallet::create_checkpoint`] does, signed by `who`.
	pub(crate) fn do_create_checkpoint(
		who: T::AccountId,
		security: SecurityId,
		at: Option<Moment>,
	) -> DispatchResult {
		Self::ensure_agent(&who, security)?;
		let record = match at {
			None => RecordDate::Now,
			Some(at) => RecordDate::At(at),
		};
		Self::record_date(security, record)?;
		Ok(())
	}

	/// Lets scheduled checkpoints whose time has come take effect (in time order), and
	/// returns the security's checkpoint state. While a split of the security rescales its
	/// balances, none takes effect: those whose time comes meanwhile take effect after it,
	/// on post-split balances (no movement happens during a split, so these are the
	/// holdings of their time, in the new units).
	pub(crate) fn materialise(security: SecurityId, now: Moment) -> CheckpointStateOf<T> {
		Self::materialise_counted(security, now).0
	}

	/// [`Self::materialise`], with how many checkpoints took effect.
	pub(crate) fn materialise_counted(
		security: SecurityId,
		now: Moment,
	) -> (CheckpointStateOf<T>, u32) {
		let mut state = CheckpointStates::<T>::get(security);
		let mut due = state.scheduled.iter().take_while(|(at, _)| *at <= now).count();
		if due > 0 && Splits::<T>::contains_key(security) {
			due = 0;
		}
		if due > 0 {
			for (_, id) in state.scheduled.iter().take(due) {
				state.epoch.saturating_inc();
				let epoch = state.epoch;
				Checkpoints::<T>::mutate(security, id, |c| {
					if let Some(c) = c {
						c.epoch = Some(epoch)
					}
				});
			}
			let rest = state.scheduled.iter().skip(due).cloned().collect::<Vec<_>>();
			state.scheduled = BoundedVec::truncate_from(rest);
			CheckpointStates::<T>::insert(security, &state);
		}
		(state, due as u32)
	}

	/// Resolves (or creates) a record date: its checkpoint and time. Balances now cannot
	/// be recorded while a split is rescaling them.
	pub(crate) fn record_date(
		security: SecurityId,
		record_date: RecordDate,
	) -> Result<(CheckpointId, Moment), DispatchError> {
		let now = T::Credentials::now();
		let (id, at) = match record_date {
			RecordDate::Checkpoint(id) => {
				let checkpoint =
					Checkpoints::<T>::get(security, id).ok_or(Error::<T>::UnknownCheckpoint)?;
				return Ok((id, checkpoint.at));
			},
			RecordDate::Now => {
				ensure!(!Splits::<T>::contains_key(security), Error::<T>::SplitInProgress);
				let mut state = Self::materialise(security, now);
				if state.epoch == 0 {
					state.opened_in = Self::block();
				}
				state.last_id.saturating_inc();
				state.epoch.saturating_inc();
				let id = state.last_id;
				Checkpoints::<T>::insert(
					security,
					id,
					Checkpoint { at: now, epoch: Some(state.epoch) },
				);
				CheckpointStates::<T>::insert(security, state);
				(id, now)
			},
			RecordDate::At(at) => {
				ensure!(at > now, Error::<T>::CheckpointInPast);
				let mut state = CheckpointStates::<T>::get(security);
				state.last_id.saturating_inc();
				let id = state.last_id;
				let position = state.scheduled.partition_point(|(t, _)| *t <= at);
				state
					.scheduled
					.try_insert(position, (at, id))
					.map_err(|_| Error::<T>::TooManyScheduledCheckpoints)?;
				Checkpoints::<T>::insert(security, id, Checkpoint { at, epoch: None });
				CheckpointStates::<T>::insert(security, state);
				(id, at)
			},
		};
		Self::deposit_event(Event::CheckpointCreated { security, checkpoint: id, at });
		Ok((id, at))
	}

	/// `who`'s balance of `security` at `checkpoint` (none: no such checkpoint, or its
	/// time has not come).
	pub fn balance_at(
		security: SecurityId,
		checkpoint: CheckpointId,
		who: &T::AccountId,
	) -> Option<T::Balance> {
		let epoch = Self::effective_epoch(security, checkpoint)?;
		let current = || T::Securities::balance_of(security, who);
		let Some(epoch) = epoch else { return Some(current()) };
		// The first snapshot at or after `epoch`: storage order is epoch order, and the
		// iteration starts after the key of the epoch before.
		let prefix = (security, who.clone());
		let after =
			AccountSnapshots::<T>::hashed_key_for(&prefix, epoch_key(epoch.saturating_sub(1)));
		let snapshot =
			AccountSnapshots::<T>::iter_prefix_from(&prefix, after).next().map(|(_, b)| b);
		Some(snapshot.unwrap_or_else(current))
	}

	/// What `investor`'s wallets held of `security` together at `checkpoint`.
	pub fn investor_balance_at(
		security: SecurityId,
		checkpoint: CheckpointId,
		investor: InvestorId,
	) -> Option<T::Balance> {
		let epoch = Self::effective_epoch(security, checkpoint)?;
		let current = || T::Securities::investor_balance(security, investor);
		let Some(epoch) = epoch else { return Some(current()) };
		// The first snapshot at or after `epoch`: storage order is epoch order, and the
		// iteration starts after the key of the epoch before.
		let prefix = (security, investor);
		let after =
			InvestorSnapshots::<T>::hashed_key_for(&prefix, epoch_key(epoch.saturating_sub(1)));
		let snapshot =
			InvestorSnapshots::<T>::iter_prefix_from(&prefix, after).next().map(|(_, b)| b);
		Some(snapshot.unwrap_or_else(current))
	}

	/// The supply of `security` at `checkpoint`.
	pub fn supply_at(security: SecurityId, checkpoint: CheckpointId) -> Option<T::Balance> {
		let epoch = Self::effective_epoch(security, checkpoint)?;
		let current = || T::Securities::total_supply(security);
		let Some(epoch) = epoch else { return Some(current()) };
		// The first snapshot at or after `epoch`: storage order is epoch order, and the
		// iteration starts after the key of the epoch before.
		let prefix = security;
		let after =
			SupplySnapshots::<T>::hashed_key_for(&prefix, epoch_key(epoch.saturating_sub(1)));
		let snapshot =
			SupplySnapshots::<T>::iter_prefix_from(&prefix, after).next().map(|(_, b)| b);
		Some(snapshot.unwrap_or_else(current))
	}

	/// `Some(Some(epoch))` for a checkpoint that took effect, `Some(None)` for one whose
	/// time came with no change since (current balances answer), none if it does not
	/// exist, its time has not come, or its time came during a split still in progress
	/// (it takes effect after the split).
	pub(crate) fn effective_epoch(
		security: SecurityId,
		checkpoint: CheckpointId,
	) -> Option<Option<Epoch>> {
		let record = Checkpoints::<T>::get(security, checkpoint)?;
		match record.epoch {
			Some(epoch) => Some(Some(epoch)),
			None if record.at <= T::Credentials::now() && !Splits::<T>::contains_key(security) => {
				Some(None)
			},
			None => None,
		}
	}
}

impl<T: Config> Pallet<T> {
	fn block() -> u32 {
		use sp_runtime::SaturatedConversion;
		frame_system::Pallet::<T>::block_number().saturated_into()
	}

	/// What `taken` checkpoints taking effect cost (each written, and the state).
	fn materialise_weight(taken: u32) -> Weight {
		if taken == 0 {
			return Weight::zero();
		}
		T::DbWeight::get().reads_writes(taken as u64 + 1, taken as u64 + 1)
	}

	/// Snapshots written in the block where the security's first epoch was opened by a call:
	/// a movement weighed before that (in the same batch) did not declare them.
	fn pay_if_opened_now(state: &CheckpointStateOf<T>, written: Weight) {
		if state.opened_in == Self::block() && !written.is_zero() {
			frame_system::Pallet::<T>::register_extra_weight_unchecked(
				written,
				DispatchClass::Normal,
			);
		}
	}
}

/// Record dates: balances are written before their first change in each checkpoint epoch.
impl<T: Config> HoldingsObserver<T::AccountId, T::Balance> for Pallet<T> {
	fn is_locked(security: SecurityId) -> bool {
		Splits::<T>::contains_key(security)
	}

	fn before_balance_change(
		security: SecurityId,
		who: &T::AccountId,
		balance: T::Balance,
		investor: Option<(InvestorId, T::Balance)>,
	) -> Weight {
		let (state, taken) = Self::materialise_counted(security, T::Credentials::now());
		let mut weight = Self::materialise_weight(taken);
		if state.epoch == 0 {
			return weight;
		}
		let db = T::DbWeight::get();
		let key = epoch_key(state.epoch);
		let account = (security, who.clone());
		let mut written = Weight::zero();
		weight.saturating_accrue(db.reads(1));
		if !AccountSnapshots::<T>::contains_key(&account, key) {
			AccountSnapshots::<T>::insert(&account, key, balance);
			written.saturating_accrue(db.writes(1));
		}
		if let Some((investor, total)) = investor {
			weight.saturating_accrue(db.reads(1));
			if !InvestorSnapshots::<T>::contains_key((security, investor), key) {
				InvestorSnapshots::<T>::insert((security, investor), key, total);
				written.saturating_accrue(db.writes(1));
			}
		}
		Self::pay_if_opened_now(&state, written);
		weight.saturating_add(written)
	}

	fn on_emptied(security: SecurityId, who: &T::AccountId) -> Weight {
		let state = CheckpointStates::<T>::get(security);
		if state.epoch == 0 {
			return Weight::zero();
		}
		Exited::<T>::insert(security, who, ());
		let written = T::DbWeight::get().writes(1);
		Self::pay_if_opened_now(&state, written);
		written
	}

	fn before_supply_change(security: SecurityId, supply: T::Balance) -> Weight {
		let (state, taken) = Self::materialise_counted(security, T::Credentials::now());
		let mut weight = Self::materialise_weight(taken);
		if state.epoch == 0 {
			return weight;
		}
		let key = epoch_key(state.epoch);
		weight.saturating_accrue(T::DbWeight::get().reads(1));
		if !SupplySnapshots::<T>::contains_key(security, key) {
			SupplySnapshots::<T>::insert(security, key, supply);
			let written = T::DbWeight::get().writes(1);
			Self::pay_if_opened_now(&state, written);
			weight.saturating_accrue(written);
		}
		weight
	}

	fn transfer_weight(security: SecurityId) -> Weight {
		let db = T::DbWeight::get();
		// The state and the time: read up front.
		let lookup = db.reads(2);
		let state = CheckpointStates::<T>::get(security);
		let now = T::Credentials::now();
		let due = state.scheduled.iter().take_while(|(at, _)| *at <= now).count() as u32;
		if state.epoch == 0 && due == 0 {
			return lookup;
		}
		// Every due checkpoint takes effect; then each side's wallet and investor snapshot
		// (looked up, written) and the sender's exit marker.
		lookup.saturating_add(Self::materialise_weight(due)).saturating_add(db.reads_writes(4, 5))
	}

	fn observer_weight() -> Weight {
		let scheduled = T::MaxScheduledCheckpoints::get() as u64;
		// Per movement: the lock (1 read); each side: the checkpoint state, the split, the
		// time, the account and investor snapshots (read, written) and the exit marker
		// (state read, marker written): 6 reads, 3 writes; the supply: state, split, time
		// and its snapshot: 4 reads, 1 write. And once per movement (the first call finds
		// them due, the others none), every scheduled checkpoint may take effect: each read
		// and written, and the state written.
		T::DbWeight::get().reads_writes(17 + scheduled, 7 + scheduled + 1)
	}
}
