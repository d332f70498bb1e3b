//! What the pallets built on issuance read and change through it: `SecurityRegistry` (balances,
//! supply, roles, holder counts) and `SecurityAdmin` (the corporate actions' rescaling,
//! redemption and maturity), with no role checks here: the calling pallet made them.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Bounded, Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
	Rounding,
};
use stoa_primitives::{
	DebtTerms, HoldingsObserver, InvestorId, Movement, MovementKind, Role, SecurityId,
	TransferGuard,
};

impl<T: Config> stoa_primitives::SecurityRegistry<T::AccountId, T::Balance> for Pallet<T> {
	fn issuer_of(security: SecurityId) -> Option<InvestorId> {
		Securities::<T>::get(security).map(|s| s.issuer)
	}
	fn has_role(security: SecurityId, who: &T::AccountId, role: Role) -> bool {
		Securities::<T>::get(security)
			.is_some_and(|record| Self::is_authorised(who, security, &record, role))
	}
	fn balance_of(security: SecurityId, who: &T::AccountId) -> T::Balance {
		Holdings::<T>::get(security, who).map(|h| h.balance).unwrap_or_default()
	}
	fn total_supply(security: SecurityId) -> T::Balance {
		Securities::<T>::get(security).map(|s| s.total_supply).unwrap_or_default()
	}
	fn holder_count(security: SecurityId) -> u32 {
		Securities::<T>::get(security).map(|s| s.holders).unwrap_or_default()
	}
	fn authorised_supply(security: SecurityId) -> T::Balance {
		Securities::<T>::get(security).map(|s| s.authorised_supply).unwrap_or_default()
	}
	fn investor_balance(security: SecurityId, investor: InvestorId) -> T::Balance {
		HolderBalances::<T>::get(security, HolderKey::Investor(investor))
	}
}

/// What corporate actions (splits, maturity redemptions, paged payouts) need beyond ordinary
/// movements. Nothing here checks roles: the corporate-actions pallet has done so.
impl<T: Config> stoa_primitives::SecurityAdmin<T::AccountId, T::Balance> for Pallet<T> {
	fn decimals(security: SecurityId) -> Option<u8> {
		Securities::<T>::get(security).map(|s| s.decimals)
	}
	fn debt_terms(security: SecurityId) -> Option<DebtTerms> {
		match Securities::<T>::get(security)?.kind {
			SecurityKind::Debt { coupon_bps, maturity } => {
				Some(DebtTerms { coupon_bps, maturity: Some(maturity) })
			},
			SecurityKind::Hybrid { coupon_bps, maturity } => {
				Some(DebtTerms { coupon_bps, maturity })
			},
			SecurityKind::Equity | SecurityKind::FundUnit => None,
		}
	}
	fn holders_after(
		security: SecurityId,
		start_after: Option<&T::AccountId>,
		limit: u32,
	) -> Vec<(T::AccountId, T::Balance)> {
		let iter = match start_after {
			Some(after) => Holdings::<T>::iter_prefix_from(
				security,
				Holdings::<T>::hashed_key_for(security, after),
			),
			None => Holdings::<T>::iter_prefix(security),
		};
		iter.take(limit as usize).map(|(account, h)| (account, h.balance)).collect()
	}
	fn rescale_holding(
		security: SecurityId,
		who: &T::AccountId,
		numerator: u32,
		denominator: u32,
	) -> (T::Balance, T::Balance) {
		let (Some(mut holding), Some(mut record)) =
			(Holdings::<T>::get(security, who), Securities::<T>::get(security))
		else {
			return (Zero::zero(), Zero::zero());
		};
		let before = holding.balance;
		let after = Self::rescale(before, numerator, denominator);
		if after == before {
			return (before, after);
		}
		let key = holding.holder.clone();
		let holder_before = HolderBalances::<T>::get(security, &key);
		Self::observe(security, who, before, &key, holder_before);
		T::Observer::before_supply_change(security, record.total_supply);
		let holder_after = if after > before {
			holder_before.saturating_add(after - before)
		} else {
			holder_before.saturating_sub(before - after)
		};
		if holder_after.is_zero() {
			HolderBalances::<T>::remove(security, &key);
			record.holders.saturating_dec();
			if let HolderKey::Investor(investor) = key {
				T::Guard::on_holding_changed(security, investor, false);
			}
		} else {
			HolderBalances::<T>::insert(security, &key, holder_after);
		}
		if after.is_zero() {
			T::Observer::on_emptied(security, who);
		}
		record.total_supply = record.total_supply.saturating_sub(before).saturating_add(after);
		holding.balance = after;
		holding.frozen = Self::rescale(holding.frozen, numerator, denominator).min(after);
		Self::put_holding(security, who, holding);
		Securities::<T>::insert(security, record);
		(before, after)
	}
	fn rescale_authorised_supply(security: SecurityId, numerator: u32, denominator: u32) {
		Securities::<T>::mutate_extant(security, |record| {
			record.authorised_supply =
				Self::rescale(record.authorised_supply, numerator, denominator);
		});
		// The split starts: the guard's unit-denominated rules follow.
		T::Guard::on_split(security, numerator, denominator);
	}
	fn redeem_all(security: SecurityId, who: &T::AccountId) -> Result<T::Balance, DispatchError> {
		let amount = Holdings::<T>::get(security, who).map(|h| h.balance).unwrap_or_default();
		if !amount.is_zero() {
			Self::do_move(Movement {
				security,
				kind: MovementKind::ForcedRedemption,
				from: Some(who.clone()),
				to: None,
				amount,
			})?;
		}
		Ok(amount)
	}
	fn mark_matured(security: SecurityId) {
		Securities::<T>::mutate_extant(security, |record| {
			if record.status != SecurityStatus::Matured {
				record.status = SecurityStatus::Matured;
				Self::deposit_event(Event::StatusChanged {
					security,
					status: SecurityStatus::Matured,
				});
			}
		});
	}
	fn offering_in_progress(security: SecurityId) -> bool {
		OfferingsInProgress::<T>::get(security) > 0
	}
	fn can_split(security: SecurityId) -> bool {
		!Self::offering_in_progress(security) && T::Guard::can_split(security)
	}
	fn movement_hooks_weight() -> Weight {
		Self::guard_weight(1)
	}
}

impl<T: Config> Pallet<T> {
	/// `amount × numerator / denominator`, rounded down (saturating).
	pub(crate) fn rescale(amount: T::Balance, numerator: u32, denominator: u32) -> T::Balance {
		multiply_by_rational_with_rounding(
			amount.unique_saturated_into(),
			numerator.into(),
			denominator.max(1).into(),
			Rounding::Down,
		)
		.map(T::Balance::unique_saturated_from)
		.unwrap_or_else(T::Balance::max_value)
	}
}
