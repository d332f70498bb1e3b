//! Debt service: coupon schedules, the coupons and principal repayments the chain creates on
//! their dates (`on_initialize`), missed payments and their retries.

use crate::{pallet::*, types::*};
use frame_support::{
	pallet_prelude::*, storage::with_storage_layer, traits::fungibles::Inspect as _,
};
use sp_runtime::traits::{Saturating, UniqueSaturatedFrom, Zero};
use stoa_primitives::{
	calendar::add_months, CheckpointId, CredentialRegistry, DistributionId, Moment, SecurityAdmin,
	SecurityId, SecurityRegistry,
};

impl<T: Config> Pallet<T> {
	/// What [`Pallet::set_debt_schedule`] does, signed by `who` (the reserve).
	pub(crate) fn do_set_debt_schedule(
		who: T::AccountId,
		security: SecurityId,
		asset: AssetIdOf<T>,
		face_value: T::Balance,
		months: u8,
		first_coupon: Moment,
	) -> DispatchResult {
		Self::ensure_agent(&who, security)?;
		let terms = T::Securities::debt_terms(security).ok_or(Error::<T>::NotDebt)?;
		ensure!(!DebtSchedules::<T>::contains_key(security), Error::<T>::ScheduleExists);
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		ensure!(
			matches!(months, 1 | 3 | 6 | 12)
				&& !face_value.is_zero()
				&& first_coupon > T::Credentials::now()
				&& terms.maturity.is_none_or(|m| first_coupon <= m),
			Error::<T>::InvalidSchedule
		);
		Self::file_date(first_coupon, security);
		DebtSchedules::<T>::insert(
			security,
			DebtSchedule {
				asset,
				face_value,
				months,
				first_coupon,
				coupons: 0,
				maturity: terms.maturity,
				funder: who,
				defaults: 0,
				redeemed: false,
			},
		);
		Self::deposit_event(Event::DebtScheduleSet { security, first_coupon, months });
		Ok(())
	}

	/// What [`Pallet::redeem_at_maturity`] does, signed by `who` (who pays).
	pub(crate) fn do_redeem_at_maturity(who: T::AccountId, security: SecurityId) -> DispatchResult {
		Self::ensure_agent(&who, security)?;
		let mut schedule = DebtSchedules::<T>::get(security).ok_or(Error::<T>::NoSchedule)?;
		let now = T::Credentials::now();
		ensure!(
			!schedule.redeemed && schedule.maturity.is_some_and(|m| m <= now),
			Error::<T>::NotRedeemable
		);
		schedule.funder = who;
		let distribution = with_storage_layer(|| Self::create_redemption(security, &schedule))?;
		schedule.redeemed = true;
		DebtSchedules::<T>::insert(security, schedule);
		Self::deposit_event(Event::PrincipalRedemptionCreated { security, distribution });
		Ok(())
	}

	/// What [`Pallet::retry_coupon`] does, once signed.
	pub(crate) fn do_retry_coupon(security: SecurityId, number: u32) -> DispatchResult {
		let schedule = DebtSchedules::<T>::get(security).ok_or(Error::<T>::NoSchedule)?;
		let missed = MissedCoupons::<T>::get(security, number).ok_or(Error::<T>::NoMissedCoupon)?;
		let distribution = with_storage_layer(|| {
			Self::create_coupon(security, number, missed.checkpoint, missed.rate, &schedule)
		})?;
		MissedCoupons::<T>::remove(security, number);
		Self::deposit_event(Event::CouponCreated { security, number, distribution });
		Ok(())
	}

	/// Files `security`'s next coupon or maturity date.
	pub(crate) fn file_date(at: Moment, security: SecurityId) {
		CouponCalendar::<T>::insert(moment_key(at), security, ());
	}

	/// Creates the coupon or principal repayment at the head of the calendar if it is due,
	/// and files the security's next date. Returns whether a date was due.
	///
	/// A date that comes while the security is being split waits for the split (it is
	/// retried in the next block). A coupon that cannot be created (the reserve cannot
	/// cover it, or the security's job list is full) is recorded as missed, with its
	/// record date, and stays owed until [`Pallet::retry_coupon`].
	pub(crate) fn service_next_debt_payment(now: Moment) -> bool {
		let Some((key, security, ())) = CouponCalendar::<T>::iter().next() else {
			return false;
		};
		if Moment::from_be_bytes(key) > now {
			return false;
		}
		CouponCalendar::<T>::remove(key, security);
		let Some(mut schedule) = DebtSchedules::<T>::get(security) else { return true };
		if Splits::<T>::contains_key(security) {
			Self::file_date(now.saturating_add(1), security);
			return true;
		}
		let period =
			|k: u32| add_months(schedule.first_coupon, (schedule.months as u32).saturating_mul(k));
		let coupon_date = period(schedule.coupons);
		let before_maturity = |date: Moment| schedule.maturity.is_none_or(|m| date <= m);
		let mut matured_now = false;
		if coupon_date <= now && before_maturity(coupon_date) {
			let number = schedule.coupons.saturating_add(1);
			let bps = T::Securities::debt_terms(security).map(|t| t.coupon_bps).unwrap_or(0);
			// face × bps × months / (10,000 × 12) per whole unit, rounded down.
			let rate = Self::mul_div(
				schedule.face_value,
				T::Balance::unique_saturated_from(bps as u128 * schedule.months as u128),
				T::Balance::unique_saturated_from(120_000u128),
			);
			// The record date is the coupon date, whether or not the coupon can be created.
			let Ok((checkpoint, _)) = Self::record_date(security, RecordDate::Now) else {
				Self::file_date(now.saturating_add(1), security);
				return true;
			};
			let created = with_storage_layer(|| {
				Self::create_coupon(security, number, checkpoint, rate, &schedule)
			});
			match created {
				Ok(distribution) => {
					Self::deposit_event(Event::CouponCreated { security, number, distribution })
				},
				Err(_) => {
					schedule.defaults.saturating_inc();
					MissedCoupons::<T>::insert(
						security,
						number,
						MissedCoupon { checkpoint, rate, due_at: coupon_date },
					);
					let supply = T::Securities::total_supply(security);
					Self::deposit_event(Event::PaymentMissed {
						security,
						payment: DebtPayment::Coupon { number },
						due: Self::mul_div(supply, rate, Self::one(security)),
					});
				},
			}
			schedule.coupons = number;
		} else if schedule.maturity.is_some_and(|m| m <= now) {
			matured_now = true;
			T::Securities::mark_matured(security);
			match with_storage_layer(|| Self::create_redemption(security, &schedule)) {
				Ok(distribution) => {
					schedule.redeemed = true;
					Self::deposit_event(Event::PrincipalRedemptionCreated {
						security,
						distribution,
					});
				},
				Err(_) => {
					schedule.defaults.saturating_inc();
					let supply = T::Securities::total_supply(security);
					Self::deposit_event(Event::PaymentMissed {
						security,
						payment: DebtPayment::Principal,
						due: Self::mul_div(supply, schedule.face_value, Self::one(security)),
					});
				},
			}
		}
		if !matured_now && !schedule.redeemed {
			let next = period(schedule.coupons);
			let next = match schedule.maturity {
				Some(maturity) if next > maturity => maturity,
				_ => next,
			};
			Self::file_date(next, security);
		}
		DebtSchedules::<T>::insert(security, schedule);
		true
	}

	/// Creates the `number`th coupon of `security` at `checkpoint`, `rate` per whole unit,
	/// from the schedule's reserve, paid from now. Call inside a storage layer.
	pub(crate) fn create_coupon(
		security: SecurityId,
		number: u32,
		checkpoint: CheckpointId,
		rate: T::Balance,
		schedule: &DebtScheduleOf<T>,
	) -> Result<DistributionId, DispatchError> {
		let now = T::Credentials::now();
		Self::do_create_distribution(
			security,
			DistributionKind::Coupon { number },
			RecordDate::Checkpoint(checkpoint),
			schedule.asset.clone(),
			Amount::PerUnit(rate),
			now,
			now.saturating_add(T::ClaimPeriod::get()),
			Default::default(),
			schedule.funder.clone(),
		)
	}

	/// Creates the distribution repaying the principal of a matured security (the units
	/// are burnt as each holder is paid).
	pub(crate) fn create_redemption(
		security: SecurityId,
		schedule: &DebtScheduleOf<T>,
	) -> Result<DistributionId, DispatchError> {
		let now = T::Credentials::now();
		Self::do_create_distribution(
			security,
			DistributionKind::Redemption,
			RecordDate::Now,
			schedule.asset.clone(),
			Amount::PerUnit(schedule.face_value),
			now,
			now.saturating_add(T::ClaimPeriod::get()),
			Default::default(),
			schedule.funder.clone(),
		)
	}
}
