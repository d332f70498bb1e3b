//! Primary offerings: escrow accounts, pricing, and settling one subscription.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect as _, Mutate as _},
		tokens::Preservation,
	},
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{AccountIdConversion, CheckedAdd, Saturating, UniqueSaturatedInto, Zero},
	ArithmeticError, Rounding,
};
use stoa_primitives::{
	CredentialRegistry, Moment, Movement, MovementKind, OfferingId, Role, SecurityId,
	TransferGuard, TransferRejection,
};

impl<T: Config> Pallet<T> {
	/// Pays `amount` of the settlement asset back from the offering's escrow to `to`.
	pub(crate) fn refund(
		offering: OfferingId,
		asset: AssetIdOf<T>,
		to: &T::AccountId,
		amount: T::Balance,
	) -> DispatchResult {
		T::Settlement::transfer(
			asset,
			&Self::escrow_account(offering),
			to,
			amount,
			Preservation::Expendable,
		)
		.map(|_| ())
	}

	/// Collects `subscriber`'s deferred refund (see the call).
	pub(crate) fn do_claim_refund(
		subscriber: T::AccountId,
		offering: OfferingId,
	) -> DispatchResult {
		let refund = DeferredRefunds::<T>::take(offering, &subscriber)
			.ok_or(Error::<T>::NoDeferredRefund)?;
		let asset = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?.asset;
		Self::refund(offering, asset, &subscriber, refund)?;
		Self::deposit_event(Event::DeferredRefundClaimed { offering, subscriber, refund });
		Ok(())
	}

	/// The escrow account holding an offering's subscription payments.
	pub fn escrow_account(offering: OfferingId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(offering)
	}

	/// What `units` cost at `price` per whole unit of a security with `decimals`, rounded
	/// up to the settlement currency's smallest unit.
	pub fn cost(
		units: T::Balance,
		price: T::Balance,
		decimals: u8,
	) -> Result<T::Balance, DispatchError> {
		let cost = multiply_by_rational_with_rounding(
			units.unique_saturated_into(),
			price.unique_saturated_into(),
			10u128.pow(decimals as u32),
			Rounding::Up,
		)
		.ok_or(ArithmeticError::Overflow)?;
		T::Balance::try_from(cost).map_err(|_| ArithmeticError::Overflow.into())
	}

	/// Issues one subscription's units and releases its payment. `Err(Some(rejection))`
	/// with the first reason the issue cannot happen (the guard now refuses the subscriber,
	/// the authorised supply is exhausted, ...), `Err(None)` when the payment could not be
	/// released: both lead to a refund.
	pub(crate) fn settle_one(
		offering: OfferingId,
		record: &OfferingOf<T>,
		escrow: &T::AccountId,
		subscriber: &T::AccountId,
		subscription: &Subscription<T::Balance>,
	) -> Result<(), Option<TransferRejection>> {
		let movement = Movement {
			security: record.security,
			kind: MovementKind::OfferingSettlement { offering },
			from: None,
			to: Some(subscriber.clone()),
			amount: subscription.units,
		};
		// Issue and pay together, or neither; the guard evaluates the issue once.
		let mut refused = None;
		let applied = frame_support::storage::with_storage_layer(|| -> DispatchResult {
			if let Err(rejection) = Self::try_move(movement)? {
				refused = Some(rejection);
				return Ok(());
			}
			T::Settlement::transfer(
				record.asset.clone(),
				escrow,
				&record.proceeds_to,
				subscription.paid,
				Preservation::Expendable,
			)?;
			Ok(())
		});
		match (refused, applied) {
			(Some(rejection), _) => Err(Some(rejection)),
			(None, Ok(())) => Ok(()),
			(None, Err(_)) => Err(None),
		}
	}

	/// Settles or refunds up to `max` subscriptions of a closed offering (see the call).
	pub(crate) fn do_settle_offering(offering: OfferingId, max: u32) -> DispatchResult {
		ensure!(max >= 1 && max <= T::MaxSettlementBatch::get(), Error::<T>::InvalidBatchSize);
		let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
		if record.status == OfferingStatus::Open {
			ensure!(T::Credentials::now() >= record.ends_at, Error::<T>::OfferingNotEnded);
			let settling = record.subscribed >= record.soft_cap;
			record.status =
				if settling { OfferingStatus::Settling } else { OfferingStatus::Refunding };
			Self::deposit_event(Event::OfferingClosed {
				offering,
				subscribed: record.subscribed,
				settling,
			});
		}
		ensure!(record.status != OfferingStatus::Closed, Error::<T>::OfferingFinished);
		let escrow = Self::escrow_account(offering);
		// The subscriptions map is the work queue: each page is drained from it.
		let page: Vec<_> = Subscriptions::<T>::drain_prefix(offering).take(max as usize).collect();
		for (subscriber, subscription) in page {
			record.subscribers.saturating_dec();
			let rejection = if record.status == OfferingStatus::Settling {
				match Self::settle_one(offering, &record, &escrow, &subscriber, &subscription) {
					Ok(()) => {
						Self::deposit_event(Event::SubscriptionSettled {
							offering,
							subscriber,
							units: subscription.units,
							paid: subscription.paid,
						});
						continue;
					},
					Err(rejection) => rejection,
				}
			} else {
				None
			};
			// A refund the subscriber cannot receive now waits for it: it must not hold up
			// the rest of the offering.
			let refunded = frame_support::storage::with_storage_layer(|| {
				Self::refund(offering, record.asset.clone(), &subscriber, subscription.paid)
			});
			if refunded.is_ok() {
				Self::deposit_event(Event::SubscriptionRefunded {
					offering,
					subscriber,
					refund: subscription.paid,
					rejection,
				});
			} else {
				DeferredRefunds::<T>::insert(offering, &subscriber, subscription.paid);
				Self::deposit_event(Event::RefundDeferred {
					offering,
					subscriber,
					refund: subscription.paid,
					rejection,
				});
			}
		}
		if Subscriptions::<T>::iter_prefix(offering).next().is_none() {
			record.status = OfferingStatus::Closed;
			OfferingsInProgress::<T>::mutate_exists(record.security, |n| {
				*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
			});
			Self::deposit_event(Event::OfferingFinished { offering });
		}
		Offerings::<T>::insert(offering, record);
		Ok(())
	}

	/// Subscribes `units` more of an open offering, paying into escrow (see the call).
	pub(crate) fn do_subscribe(
		subscriber: T::AccountId,
		offering: OfferingId,
		units: T::Balance,
	) -> DispatchResult {
		let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
		ensure!(record.status == OfferingStatus::Open, Error::<T>::OfferingNotOpen);
		let now = T::Credentials::now();
		ensure!(now >= record.starts_at, Error::<T>::OfferingNotStarted);
		ensure!(now < record.ends_at, Error::<T>::OfferingEnded);
		ensure!(!units.is_zero(), Error::<T>::ZeroAmount);
		let mut subscription = Subscriptions::<T>::get(offering, &subscriber).unwrap_or_default();
		let total = subscription.units.checked_add(&units).ok_or(ArithmeticError::Overflow)?;
		ensure!(total >= record.min_subscription, Error::<T>::BelowMinimumSubscription);
		ensure!(total <= record.max_subscription, Error::<T>::AboveMaximumSubscription);
		let subscribed = record.subscribed.checked_add(&units).ok_or(ArithmeticError::Overflow)?;
		ensure!(subscribed <= record.hard_cap, Error::<T>::HardCapExceeded);
		// The subscriber must qualify now for the units it will receive.
		T::Guard::check(&Movement {
			security: record.security,
			kind: MovementKind::OfferingSettlement { offering },
			from: None,
			to: Some(subscriber.clone()),
			amount: units,
		})
		.map_err(Error::<T>::from)?;
		let decimals =
			Securities::<T>::get(record.security).ok_or(Error::<T>::UnknownSecurity)?.decimals;
		// Price the whole subscription, so that rounding never favours splitting it.
		let cost = Self::cost(total, record.price, decimals)?;
		let payment = cost.saturating_sub(subscription.paid);
		T::Settlement::transfer(
			record.asset.clone(),
			&subscriber,
			&Self::escrow_account(offering),
			payment,
			Preservation::Preserve,
		)?;
		if subscription.units.is_zero() {
			record.subscribers.saturating_inc();
		}
		subscription.units = total;
		subscription.paid = cost;
		record.subscribed = subscribed;
		Subscriptions::<T>::insert(offering, &subscriber, subscription);
		Offerings::<T>::insert(offering, record);
		Self::deposit_event(Event::Subscribed { offering, subscriber, units: total, paid: cost });
		Ok(())
	}

	/// Opens an offering after checking the agent, the issuer and the terms (see the call).
	pub(crate) fn do_open_offering(
		who: T::AccountId,
		security: SecurityId,
		asset: AssetIdOf<T>,
		price: T::Balance,
		starts_at: Moment,
		ends_at: Moment,
		min_subscription: T::Balance,
		max_subscription: T::Balance,
		soft_cap: T::Balance,
		hard_cap: T::Balance,
		proceeds_to: T::AccountId,
	) -> DispatchResult {
		let record = Self::ensure_role(&who, security, Role::Issuance)?;
		Self::ensure_issuer_active(&record)?;
		ensure!(record.status == SecurityStatus::Active, Error::<T>::SecurityPaused);
		ensure!(T::Settlement::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		let now = T::Credentials::now();
		let room = record.authorised_supply.saturating_sub(record.total_supply);
		ensure!(
			!price.is_zero()
				&& starts_at < ends_at
				&& ends_at > now
				&& !min_subscription.is_zero()
				&& min_subscription <= max_subscription
				&& max_subscription <= hard_cap
				&& soft_cap <= hard_cap
				&& !hard_cap.is_zero()
				&& hard_cap <= room,
			Error::<T>::InvalidOfferingTerms
		);
		let offering = NextOfferingId::<T>::get();
		NextOfferingId::<T>::put(offering.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		OfferingsInProgress::<T>::mutate(security, |n| n.saturating_inc());
		Offerings::<T>::insert(
			offering,
			Offering {
				security,
				asset,
				price,
				starts_at,
				ends_at,
				min_subscription,
				max_subscription,
				soft_cap,
				hard_cap,
				subscribed: Zero::zero(),
				subscribers: 0,
				proceeds_to,
				status: OfferingStatus::Open,
			},
		);
		Self::deposit_event(Event::OfferingOpened {
			offering,
			security,
			escrow: Self::escrow_account(offering),
		});
		Ok(())
	}

	/// Withdraws `subscriber`'s whole subscription and refunds it (see the call).
	pub(crate) fn do_withdraw_subscription(
		subscriber: T::AccountId,
		offering: OfferingId,
	) -> DispatchResult {
		let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
		ensure!(record.status == OfferingStatus::Open, Error::<T>::OfferingNotOpen);
		ensure!(T::Credentials::now() < record.ends_at, Error::<T>::OfferingEnded);
		let subscription =
			Subscriptions::<T>::take(offering, &subscriber).ok_or(Error::<T>::NoSubscription)?;
		Self::refund(offering, record.asset.clone(), &subscriber, subscription.paid)?;
		record.subscribed = record.subscribed.saturating_sub(subscription.units);
		record.subscribers.saturating_dec();
		Offerings::<T>::insert(offering, record);
		Self::deposit_event(Event::SubscriptionWithdrawn {
			offering,
			subscriber,
			refund: subscription.paid,
		});
		Ok(())
	}
}
