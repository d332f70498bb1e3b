//! Splits: starting one (rescaling what is counted per unit at once) and rescaling the
//! holders page by page.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};
use stoa_primitives::{CredentialRegistry, SecurityAdmin, SecurityId, SecurityRegistry};

impl<T: Config> Pallet<T> {
	/// What [`Pallet::split`] does, signed by `who`.
	pub(crate) fn do_split(
		who: T::AccountId,
		security: SecurityId,
		numerator: u32,
		denominator: u32,
	) -> DispatchResult {
		Self::ensure_agent(&who, security)?;
		let max = T::MaxSplitRatio::get();
		ensure!(
			numerator != denominator
				&& (1..=max).contains(&numerator)
				&& (1..=max).contains(&denominator),
			Error::<T>::InvalidRatio
		);
		ensure!(!Splits::<T>::contains_key(security), Error::<T>::SplitInProgress);
		ensure!(!T::Securities::offering_in_progress(security), Error::<T>::OfferingInProgress);
		ensure!(T::Securities::can_split(security), Error::<T>::SplitNotSupported);
		let rescale =
			|amount: T::Balance| Self::mul_div(amount, denominator.into(), numerator.into());
		let schedule = DebtSchedules::<T>::get(security);
		let face_value = schedule.as_ref().map(|s| rescale(s.face_value));
		ensure!(face_value.is_none_or(|f| !f.is_zero()), Error::<T>::InvalidRatio);
		// Checked first, written first: nothing else is written if the list is full.
		Self::push_job(security, Job::Split)?;
		let now = T::Credentials::now();
		// Record dates whose time has come take effect before any balance is rescaled.
		Self::materialise(security, now);
		T::Securities::rescale_authorised_supply(security, numerator, denominator);
		if let (Some(mut schedule), Some(face_value)) = (schedule, face_value) {
			schedule.face_value = face_value;
			DebtSchedules::<T>::insert(security, schedule);
		}
		// Per-unit amounts of distributions whose record date is to come are paid on
		// post-split units (bounded by the security's job list).
		for job in Jobs::<T>::get(security).unwrap_or_default() {
			let Job::Pay { distribution, .. } = job else { continue };
			Distributions::<T>::mutate_extant(distribution, |record| {
				if let (DistributionStatus::Created, Amount::PerUnit(rate)) =
					(record.status, record.amount)
				{
					if record.record_at > now {
						record.amount = Amount::PerUnit(rescale(rate));
					}
				}
			});
		}
		Splits::<T>::insert(
			security,
			Split {
				numerator,
				denominator,
				after: None,
				holders: 0,
				supply_before: T::Securities::total_supply(security),
			},
		);
		Self::deposit_event(Event::SplitStarted { security, numerator, denominator });
		Ok(())
	}

	/// Rescales up to `max` holders of a split; completes it when none are left. Returns
	/// how many holders it rescaled.
	pub(crate) fn split_page(security: SecurityId, max: u32) -> u32 {
		let Some(mut split) = Splits::<T>::get(security) else {
			Self::remove_job(security, Job::Split);
			return 0;
		};
		let page = T::Securities::holders_after(security, split.after.as_ref(), max);
		let last = (page.len() as u32) < max;
		let visited = page.len() as u32;
		for (who, _) in page {
			T::Securities::rescale_holding(security, &who, split.numerator, split.denominator);
			split.holders.saturating_inc();
			split.after = Some(who);
		}
		if last {
			Splits::<T>::remove(security);
			Self::remove_job(security, Job::Split);
			Self::deposit_event(Event::SplitCompleted {
				security,
				holders: split.holders,
				supply_before: split.supply_before,
				supply_after: T::Securities::total_supply(security),
			});
		} else {
			Splits::<T>::insert(security, split);
		}
		visited
	}
}
