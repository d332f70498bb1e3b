//! Cash distributions: creation and escrow, activation against the record date's supply,
//! entitlements and withholding, claims, the push through every record-date holder, closing
//! and reclaiming.

use crate::{pallet::*, types::*, weights::WeightInfo, MAX_PUSH_PAGE};
use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungibles::{Inspect as _, Mutate as _},
		tokens::Preservation,
	},
};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, Zero},
	Perbill,
};
use stoa_primitives::{
	corporate_actions::Entitlement, CredentialRegistry, DistributionId, Jurisdiction, Moment,
	SecurityAdmin, SecurityId, SecurityRegistry,
};

impl<T: Config> Pallet<T> {
	/// The escrow account holding a distribution's reserve.
	pub fn escrow_account(distribution: DistributionId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((b"dist", distribution))
	}

	/// What a distribution needs in escrow for a record-date `supply`.
	pub(crate) fn required(record: &DistributionOf<T>, supply: T::Balance) -> T::Balance {
		match record.amount {
			Amount::Total(total) => total,
			Amount::PerUnit(rate) => Self::mul_div(supply, rate, Self::one(record.security)),
		}
	}

	/// What [`Pallet::create_distribution`] does, signed by `who` (the funder).
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_create_dividend(
		who: T::AccountId,
		security: SecurityId,
		record_date: RecordDate,
		asset: AssetIdOf<T>,
		amount: Amount<T::Balance>,
		pay_at: Moment,
		expires_at: Moment,
		withholding: BoundedVec<(Jurisdiction, Perbill), T::MaxWithholdingRates>,
	) -> DispatchResult {
		Self::ensure_agent(&who, security)?;
		let mut seen = Vec::with_capacity(withholding.len());
		for (jurisdiction, _) in withholding.iter() {
			ensure!(!seen.contains(jurisdiction), Error::<T>::DuplicateJurisdiction);
			seen.push(*jurisdiction);
		}
		with_storage_layer(|| {
			Self::do_create_distribution(
				security,
				DistributionKind::Dividend,
				record_date,
				asset,
				amount,
				pay_at,
				expires_at,
				withholding,
				who,
			)
			.map(|_| ())
		})
	}

	/// What [`Pallet::cancel_distribution`] does, signed by `who`.
	pub(crate) fn do_cancel_distribution(
		who: T::AccountId,
		distribution: DistributionId,
	) -> DispatchResult {
		let mut record =
			Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
		Self::ensure_agent(&who, record.security)?;
		ensure!(record.status == DistributionStatus::Created, Error::<T>::AlreadyPaying);
		ensure!(T::Credentials::now() < record.pay_at, Error::<T>::AlreadyPaying);
		let refunded = with_storage_layer(|| Self::close(distribution, &mut record))?;
		Distributions::<T>::insert(distribution, record);
		Self::deposit_event(Event::DistributionCancelled { distribution, refunded });
		Ok(())
	}

	/// What [`Pallet::push_payments`] does, once signed.
	pub(crate) fn do_push_payments(
		distribution: DistributionId,
		max: u32,
	) -> DispatchResultWithPostInfo {
		ensure!(max <= MAX_PUSH_PAGE, Error::<T>::PageTooLarge);
		let mut record =
			Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
		ensure!(T::Credentials::now() >= record.pay_at, Error::<T>::NotPayable);
		let fixed = T::WeightInfo::activate();
		match record.status {
			DistributionStatus::Closed => return Err(Error::<T>::DistributionClosed.into()),
			DistributionStatus::Pushed => return Ok(Some(fixed).into()),
			DistributionStatus::Created | DistributionStatus::Paying => {},
		}
		ensure!(!Self::payments_wait(&record), Error::<T>::SplitInProgress);
		if record.status == DistributionStatus::Created {
			Self::activate(distribution, &mut record)?;
		}
		let mut visited = 0;
		if record.status == DistributionStatus::Paying {
			visited = Self::push(distribution, &mut record, max);
		}
		let kind = record.kind;
		Distributions::<T>::insert(distribution, record);
		Ok(Some(fixed.saturating_add(Self::page_weight(kind, visited))).into())
	}

	/// What [`Pallet::reclaim`] does, once signed.
	pub(crate) fn do_reclaim(distribution: DistributionId) -> DispatchResult {
		let mut record =
			Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
		ensure!(record.status != DistributionStatus::Closed, Error::<T>::DistributionClosed);
		ensure!(T::Credentials::now() >= record.expires_at, Error::<T>::NotExpired);
		let amount = with_storage_layer(|| Self::close(distribution, &mut record))?;
		Distributions::<T>::insert(distribution, record);
		Self::deposit_event(Event::DistributionReclaimed { distribution, amount });
		Ok(())
	}

	/// Creates a distribution and moves its reserve into escrow. Call inside a storage
	/// layer: it fails after writing.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_create_distribution(
		security: SecurityId,
		kind: DistributionKind,
		record_date: RecordDate,
		asset: AssetIdOf<T>,
		amount: Amount<T::Balance>,
		pay_at: Moment,
		expires_at: Moment,
		withholding: BoundedVec<(Jurisdiction, Perbill), T::MaxWithholdingRates>,
		funder: T::AccountId,
	) -> Result<DistributionId, DispatchError> {
		let (Amount::Total(value) | Amount::PerUnit(value)) = amount;
		ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		let now = T::Credentials::now();
		ensure!(pay_at < expires_at && expires_at > now, Error::<T>::InvalidDates);
		let (checkpoint, at) = Self::record_date(security, record_date)?;
		// Payment cannot start before the record date. A payment date already past (a
		// caller's "now", older than the block that records balances) means "as soon as
		// the record date allows"; a future one before a future record date is an error.
		let pay_at = if at > pay_at {
			ensure!(at <= now, Error::<T>::InvalidDates);
			at
		} else {
			pay_at
		};
		let distribution = NextDistributionId::<T>::get();
		NextDistributionId::<T>::put(distribution.saturating_add(1));
		let record = Distribution {
			security,
			kind,
			checkpoint,
			record_at: at,
			asset: asset.clone(),
			amount,
			funder: funder.clone(),
			pay_at,
			expires_at,
			withholding,
			supply: Zero::zero(),
			status: DistributionStatus::Created,
			cursor: Cursor::Holders(None),
			payments: 0,
			paid: Zero::zero(),
			withheld: Zero::zero(),
		};
		let supply = Self::supply_at(security, checkpoint)
			.unwrap_or_else(|| T::Securities::total_supply(security));
		let reserved = Self::required(&record, supply);
		Self::push_job(security, Job::Pay { distribution, from: pay_at })?;
		let escrow = Self::escrow_account(distribution);
		// The escrow exists while the distribution does, whatever the asset's sufficiency.
		frame_system::Pallet::<T>::inc_providers(&escrow);
		if !reserved.is_zero() {
			T::Assets::transfer(
				asset.clone(),
				&funder,
				&escrow,
				reserved,
				Preservation::Expendable,
			)
			.map_err(|_| Error::<T>::FundingFailed)?;
		}
		Distributions::<T>::insert(distribution, record);
		Self::deposit_event(Event::DistributionCreated {
			distribution,
			security,
			kind,
			checkpoint,
			asset,
			reserved,
			escrow,
		});
		Ok(distribution)
	}

	/// Settles the reserve against the record date's supply when payment starts: collects
	/// a shortfall from the funder or returns the excess. If the funder cannot cover it, the
	/// distribution defaults and closes, its reserve returned; if the reserve cannot be
	/// returned now ([`Error::RefundFailed`]), nothing changes and activation is retried.
	pub(crate) fn activate(
		distribution: DistributionId,
		record: &mut DistributionOf<T>,
	) -> DispatchResult {
		let supply = Self::supply_at(record.security, record.checkpoint)
			.unwrap_or_else(|| T::Securities::total_supply(record.security));
		let required = Self::required(record, supply);
		let escrow = Self::escrow_account(distribution);
		let reserve = T::Assets::balance(record.asset.clone(), &escrow);
		if required > reserve {
			let shortfall = required - reserve;
			let collected = T::Assets::transfer(
				record.asset.clone(),
				&record.funder,
				&escrow,
				shortfall,
				Preservation::Expendable,
			);
			if collected.is_err() {
				Self::close(distribution, record)?;
				Self::deposit_event(Event::DistributionDefaulted { distribution, shortfall });
				return Ok(());
			}
		} else if reserve > required {
			// If the escrow cannot pay it back now, the excess returns with `reclaim`.
			let _ = T::Assets::transfer(
				record.asset.clone(),
				&escrow,
				&record.funder,
				reserve - required,
				Preservation::Expendable,
			);
		}
		record.supply = supply;
		record.status = DistributionStatus::Paying;
		Self::deposit_event(Event::DistributionActivated {
			distribution,
			supply,
			reserve: required,
		});
		Ok(())
	}

	/// Returns everything left in the escrow to the funder and closes the distribution;
	/// returns how much. Fails with [`Error::RefundFailed`] before writing anything if the
	/// funds cannot leave the escrow (a frozen asset or escrow): a distribution closes only
	/// once its escrow is empty.
	pub(crate) fn close(
		distribution: DistributionId,
		record: &mut DistributionOf<T>,
	) -> Result<T::Balance, DispatchError> {
		let escrow = Self::escrow_account(distribution);
		let left = T::Assets::balance(record.asset.clone(), &escrow);
		if !left.is_zero() {
			T::Assets::transfer(
				record.asset.clone(),
				&escrow,
				&record.funder,
				left,
				Preservation::Expendable,
			)
			.map_err(|_| Error::<T>::RefundFailed)?;
		}
		let _ = frame_system::Pallet::<T>::dec_providers(&escrow);
		record.status = DistributionStatus::Closed;
		Self::remove_job(record.security, Job::Pay { distribution, from: record.pay_at });
		Ok(left)
	}

	/// Whether payments must wait: while a split rescales the security's units, nothing is
	/// activated, paid or burnt (a record date whose time came meanwhile is not known yet).
	pub(crate) fn payments_wait(record: &DistributionOf<T>) -> bool {
		Splits::<T>::contains_key(record.security)
	}

	/// What `who` (a record-date account) is owed by a distribution.
	pub fn entitlement_of(
		record: &DistributionOf<T>,
		who: &T::AccountId,
	) -> Entitlement<T::Balance> {
		Self::entitlement_with(record, who, &Self::payee_of(who, record.record_at))
	}

	/// What `who` is owed, taxed at the rate of the jurisdiction of `payee`'s investor (the
	/// wallet paid: a lost wallet has no investor any more, its replacement has).
	pub(crate) fn entitlement_with(
		record: &DistributionOf<T>,
		who: &T::AccountId,
		payee: &T::AccountId,
	) -> Entitlement<T::Balance> {
		let units = Self::balance_at(record.security, record.checkpoint, who).unwrap_or_default();
		let gross = match record.amount {
			Amount::Total(total) => {
				let supply = if record.status == DistributionStatus::Created {
					Self::supply_at(record.security, record.checkpoint).unwrap_or_default()
				} else {
					record.supply
				};
				Self::mul_div(total, units, supply)
			},
			Amount::PerUnit(rate) => Self::mul_div(units, rate, Self::one(record.security)),
		};
		let rate = T::Credentials::investor_of(payee)
			.and_then(T::Credentials::jurisdiction_of)
			.and_then(|home| {
				record.withholding.iter().find(|(j, _)| *j == home).map(|(_, rate)| *rate)
			})
			.unwrap_or_default();
		let withheld = rate.mul_floor(gross);
		Entitlement { units, gross, withheld, net: gross - withheld, paid: false }
	}

	pub(crate) fn is_blocked(who: &T::AccountId) -> bool {
		T::Credentials::account_block(who).is_some()
			|| T::Credentials::investor_of(who).and_then(T::Credentials::investor_block).is_some()
	}

	/// A claim of what `holder` is owed (by itself, or for it by its replacement).
	pub(crate) fn do_claim(
		distribution: DistributionId,
		mut record: DistributionOf<T>,
		holder: &T::AccountId,
	) -> DispatchResult {
		ensure!(record.status != DistributionStatus::Closed, Error::<T>::DistributionClosed);
		ensure!(T::Credentials::now() >= record.pay_at, Error::<T>::NotPayable);
		ensure!(!Self::payments_wait(&record), Error::<T>::SplitInProgress);
		if record.status == DistributionStatus::Created {
			Self::activate(distribution, &mut record)?;
			if record.status == DistributionStatus::Closed {
				Distributions::<T>::insert(distribution, record);
				return Ok(());
			}
		}
		with_storage_layer(|| Self::pay_holder(distribution, &mut record, holder))?;
		Distributions::<T>::insert(distribution, record);
		Ok(())
	}

	/// Pays what `holder` was owed at the record date to its payee (itself, or the wallet
	/// that replaced it), and burns the units for a redemption. Call inside a storage
	/// layer: it fails after writing.
	pub(crate) fn pay_holder(
		distribution: DistributionId,
		record: &mut DistributionOf<T>,
		holder: &T::AccountId,
	) -> DispatchResult {
		ensure!(!Payments::<T>::contains_key(distribution, holder), Error::<T>::AlreadyPaid);
		let payee = Self::payee_of(holder, record.record_at);
		let owed = Self::entitlement_with(record, holder, &payee);
		ensure!(!owed.gross.is_zero(), Error::<T>::NothingToClaim);
		ensure!(!Self::is_blocked(&payee), Error::<T>::HolderBlocked);
		if record.kind == DistributionKind::Redemption {
			let burnt = T::Securities::redeem_all(record.security, holder)
				.map_err(|_| Error::<T>::RedemptionFailed)?;
			// A recovered wallet's units followed it to its replacement: burn them there.
			if burnt.is_zero() && payee != *holder {
				T::Securities::redeem_all(record.security, &payee)
					.map_err(|_| Error::<T>::RedemptionFailed)?;
			}
		}
		if !owed.net.is_zero() {
			T::Assets::transfer(
				record.asset.clone(),
				&Self::escrow_account(distribution),
				&payee,
				owed.net,
				Preservation::Expendable,
			)
			.map_err(|_| Error::<T>::PaymentFailed)?;
		}
		Payments::<T>::insert(distribution, holder, ());
		record.payments.saturating_inc();
		record.paid.saturating_accrue(owed.net);
		record.withheld.saturating_accrue(owed.withheld);
		Self::deposit_event(Event::Paid {
			distribution,
			holder: holder.clone(),
			payee,
			gross: owed.gross,
			withheld: owed.withheld,
			net: owed.net,
		});
		Ok(())
	}

	/// The push's step for one account: pays it if it is owed and not paid, else moves on.
	pub(crate) fn push_one(
		distribution: DistributionId,
		record: &mut DistributionOf<T>,
		who: &T::AccountId,
	) {
		let mut attempt = record.clone();
		match with_storage_layer(|| Self::pay_holder(distribution, &mut attempt, who)) {
			Ok(()) => *record = attempt,
			Err(error) => {
				let reason = if error == Error::<T>::HolderBlocked.into() {
					Deferral::Blocked
				} else if error == Error::<T>::PaymentFailed.into() {
					Deferral::TransferFailed
				} else if error == Error::<T>::RedemptionFailed.into() {
					Deferral::RedemptionFailed
				} else {
					// Already paid, or owed nothing.
					return;
				};
				Self::deposit_event(Event::PaymentDeferred {
					distribution,
					holder: who.clone(),
					reason,
				});
			},
		}
	}

	/// Goes through up to `max` accounts of a paying distribution from its cursor (current
	/// holders, then accounts that emptied their holding), paying each what it is owed;
	/// finishes the push when none are left. Returns how many accounts it went through.
	pub(crate) fn push(
		distribution: DistributionId,
		record: &mut DistributionOf<T>,
		max: u32,
	) -> u32 {
		let security = record.security;
		let mut visited = 0u32;
		while visited < max && record.status == DistributionStatus::Paying {
			let room = max - visited;
			match record.cursor.clone() {
				Cursor::Holders(after) => {
					let page = T::Securities::holders_after(security, after.as_ref(), room);
					let last = (page.len() as u32) < room;
					for (who, _) in page {
						Self::push_one(distribution, record, &who);
						visited.saturating_inc();
						record.cursor = Cursor::Holders(Some(who));
					}
					if last {
						record.cursor = Cursor::Exited(None);
					}
				},
				Cursor::Exited(after) => {
					let page: Vec<T::AccountId> = match after {
						Some(after) => Exited::<T>::iter_key_prefix_from(
							security,
							Exited::<T>::hashed_key_for(security, after),
						)
						.take(room as usize)
						.collect(),
						None => {
							Exited::<T>::iter_key_prefix(security).take(room as usize).collect()
						},
					};
					let last = (page.len() as u32) < room;
					for who in page {
						Self::push_one(distribution, record, &who);
						visited.saturating_inc();
						record.cursor = Cursor::Exited(Some(who));
					}
					if last {
						Self::finish_push(distribution, record);
					}
				},
			}
		}
		visited
	}

	/// Every record-date holder has been gone through: withheld tax goes to the funder (or,
	/// if the escrow cannot pay it now, with `reclaim`).
	pub(crate) fn finish_push(distribution: DistributionId, record: &mut DistributionOf<T>) {
		if !record.withheld.is_zero() {
			let _ = T::Assets::transfer(
				record.asset.clone(),
				&Self::escrow_account(distribution),
				&record.funder,
				record.withheld,
				Preservation::Expendable,
			);
		}
		record.status = DistributionStatus::Pushed;
		Self::remove_job(record.security, Job::Pay { distribution, from: record.pay_at });
		Self::deposit_event(Event::DistributionPushed {
			distribution,
			payments: record.payments,
			paid: record.paid,
			withheld: record.withheld,
		});
	}

	/// What paying (or, for a redemption, redeeming) `n` holders costs.
	pub(crate) fn page_weight(kind: DistributionKind, n: u32) -> Weight {
		let page = if kind == DistributionKind::Redemption {
			T::WeightInfo::redeem_holders(n)
		} else {
			T::WeightInfo::pay_holders(n)
		};
		page.saturating_add(Self::recovery_weight().saturating_mul(n.into()))
	}

	/// What [`Pallet::push_payments`] is charged before it knows the distribution's kind:
	/// the heavier per holder of a payment and a redemption.
	pub fn push_payments_weight(max: u32) -> Weight {
		T::WeightInfo::activate().saturating_add(
			Self::page_weight(DistributionKind::Dividend, max)
				.max(Self::page_weight(DistributionKind::Redemption, max)),
		)
	}
}
