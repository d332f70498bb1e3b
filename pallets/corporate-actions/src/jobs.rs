//! `on_idle`'s work: each security's job list (distributions to pay, a split to run), and
//! the round-robin over the securities with work, within the block's remaining weight.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::pallet_prelude::*;
use stoa_primitives::{CredentialRegistry, Moment, SecurityId};

impl<T: Config> Pallet<T> {
	/// Adds a job to the end of `security`'s list ([`Error::TooManyJobs`] if it is full).
	pub(crate) fn push_job(security: SecurityId, job: Job) -> DispatchResult {
		Jobs::<T>::try_mutate(security, |jobs| {
			jobs.get_or_insert_with(Default::default)
				.try_push(job)
				.map_err(|_| Error::<T>::TooManyJobs.into())
		})
	}

	/// Removes a job from `security`'s list (and the list once empty).
	pub(crate) fn remove_job(security: SecurityId, job: Job) {
		let same = |j: &Job| match (j, job) {
			(Job::Pay { distribution: a, .. }, Job::Pay { distribution: b, .. }) => *a == b,
			(Job::Split, Job::Split) => true,
			_ => false,
		};
		Jobs::<T>::mutate_exists(security, |jobs| {
			if let Some(list) = jobs {
				list.retain(|j| !same(j));
				if list.is_empty() {
					*jobs = None;
				}
			}
		});
	}

	/// How many items of weight `per` fit in `left` after `fixed`.
	pub(crate) fn fit(left: Weight, fixed: Weight, per: Weight) -> u32 {
		let Some(room) = left.checked_sub(&fixed) else { return 0 };
		let by = |room: u64, per: u64| if per == 0 { u64::MAX } else { room / per };
		by(room.ref_time(), per.ref_time())
			.min(by(room.proof_size(), per.proof_size()))
			.min(u32::MAX as u64) as u32
	}

	/// `on_idle`'s work: every security with jobs gets a turn, round-robin from where the
	/// last block stopped, and within a security its jobs run oldest first (paying
	/// distributions, rescaling a split), all within `remaining`. Returns the weight used
	/// (never more than `remaining`).
	///
	/// The securities are taken in storage order after the cursor, then from the start up
	/// to and including the cursor: each at most once per block.
	pub fn run_jobs(remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		// The time and the cursor, read and written.
		let mut used = db.reads_writes(2, 1);
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let now = T::Credentials::now();
		let start = JobCursor::<T>::get();
		let start_key = start.map(Jobs::<T>::hashed_key_for);
		let mut position = start;
		let mut after = start_key.clone();
		let mut wrapped = start.is_none();
		// Finding each security and reading its job list.
		let visit = db.reads(2);
		while remaining.saturating_sub(used).all_gte(visit) {
			let next = match after.clone() {
				Some(key) => Jobs::<T>::iter_keys_from(key).next(),
				None => Jobs::<T>::iter_keys().next(),
			};
			let Some(security) = next else {
				if wrapped {
					break;
				}
				wrapped = true;
				after = None;
				continue;
			};
			let key = Jobs::<T>::hashed_key_for(security);
			if wrapped && start_key.as_ref().is_some_and(|start| key > *start) {
				break;
			}
			after = Some(key);
			used.saturating_accrue(visit);
			let (spent, worked, out_of_weight) =
				Self::run_security_jobs(security, now, remaining.saturating_sub(used));
			used.saturating_accrue(spent);
			if worked || !out_of_weight {
				// It had its turn (or could do nothing yet): the next one goes first.
				position = Some(security);
			}
			if out_of_weight {
				break;
			}
		}
		if position != start {
			if let Some(security) = position {
				JobCursor::<T>::put(security);
			}
		}
		used
	}

	/// One security's turn: its jobs, oldest first, within `left`. Returns the weight used,
	/// whether any work was done and whether it stopped for lack of weight.
	pub(crate) fn run_security_jobs(
		security: SecurityId,
		now: Moment,
		left: Weight,
	) -> (Weight, bool, bool) {
		let mut used = Weight::zero();
		let mut worked = false;
		// Removing a finished job from the list.
		let list_update = T::DbWeight::get().reads_writes(1, 1);
		for job in Jobs::<T>::get(security).unwrap_or_default() {
			let left = left.saturating_sub(used);
			match job {
				Job::Pay { distribution, from } => {
					if now < from {
						continue;
					}
					// Reading the record and starting payment are within `activate`.
					let fixed = T::WeightInfo::activate().saturating_add(list_update);
					if left.any_lt(fixed) {
						return (used, worked, true);
					}
					let Some(mut record) = Distributions::<T>::get(distribution) else {
						used.saturating_accrue(fixed);
						Self::remove_job(security, job);
						continue;
					};
					if Self::payments_wait(&record) {
						used.saturating_accrue(T::DbWeight::get().reads(2));
						continue;
					}
					let per_holder = Self::page_weight(record.kind, 1)
						.saturating_sub(Self::page_weight(record.kind, 0));
					let n = Self::fit(
						left.saturating_sub(fixed),
						Self::page_weight(record.kind, 0),
						per_holder,
					);
					if n == 0 {
						return (used, worked, true);
					}
					used.saturating_accrue(fixed);
					worked = true;
					if record.status == DistributionStatus::Created
						&& Self::activate(distribution, &mut record).is_err()
					{
						// The default's refund failed: nothing changed; retried later.
						continue;
					}
					if record.status == DistributionStatus::Paying {
						let visited = Self::push(distribution, &mut record, n);
						used.saturating_accrue(Self::page_weight(record.kind, visited));
					}
					Distributions::<T>::insert(distribution, record);
				},
				Job::Split => {
					let per_holder = T::WeightInfo::split_holders(1)
						.saturating_sub(T::WeightInfo::split_holders(0));
					let n = Self::fit(left, T::WeightInfo::split_holders(0), per_holder);
					if n == 0 {
						return (used, worked, true);
					}
					worked = true;
					let visited = Self::split_page(security, n);
					used.saturating_accrue(T::WeightInfo::split_holders(visited));
					// Still rescaling: the weight left did not cover the rest.
					if Splits::<T>::contains_key(security) {
						return (used, worked, true);
					}
				},
			}
		}
		(used, worked, false)
	}
}
