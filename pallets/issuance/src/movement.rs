//! The one chokepoint: every movement of a security is assessed here (the movement's own
//! checks, then the transfer guard's) and written here, and nowhere else.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Saturating, Zero},
	ArithmeticError,
};
use stoa_primitives::{
	CredentialRegistry, HolderKind, HoldingsObserver, Movement, MovementKind, SecurityId,
	TransferGuard, TransferRejection,
};

impl<T: Config> Pallet<T> {
	/// Changes a holder's frozen amount, creating or removing its holding as needed.
	pub(crate) fn mutate_frozen(
		security: SecurityId,
		holder: &T::AccountId,
		f: impl FnOnce(&mut T::Balance),
	) {
		let mut holding = Holdings::<T>::get(security, holder).unwrap_or_else(|| Holding {
			balance: Zero::zero(),
			frozen: Zero::zero(),
			holder: Self::holder_key(holder),
		});
		f(&mut holding.frozen);
		Self::put_holding(security, holder, holding);
	}

	/// Stores a holding, or removes it (and its index entry) once it is empty.
	pub(crate) fn put_holding(security: SecurityId, who: &T::AccountId, holding: HoldingOf<T>) {
		let listed = HeldBy::<T>::contains_key(who, security);
		Self::put_holding_listed(security, who, holding, listed)
	}

	/// [`Self::put_holding`], told whether `who` is listed in the index now (a positive
	/// balance before the change), which saves reading it.
	pub(crate) fn put_holding_listed(
		security: SecurityId,
		who: &T::AccountId,
		holding: HoldingOf<T>,
		listed: bool,
	) {
		// The index lists positive balances only: a frozen amount an agent sets on an empty
		// wallet must not make it look like a holder (it would pin the wallet to its investor).
		let holds = !holding.balance.is_zero();
		if holds != listed {
			if holds {
				HeldBy::<T>::insert(who, security, ());
			} else {
				HeldBy::<T>::remove(who, security);
			}
		}
		if holding.balance.is_zero() && holding.frozen.is_zero() {
			Holdings::<T>::remove(security, who);
		} else {
			Holdings::<T>::insert(security, who, holding);
		}
	}

	/// Who a new holding of `who` counts for.
	pub(crate) fn holder_key(who: &T::AccountId) -> HolderKey<T::AccountId> {
		match T::Credentials::holder_kind(who) {
			HolderKind::Investor(investor) => HolderKey::Investor(investor),
			_ => HolderKey::Account(who.clone()),
		}
	}

	/// Every reason `movement` cannot happen now (empty: it can), in evaluation order:
	/// the movement itself (security, amount, issuer, status, freezes, balance, authorised
	/// supply), then the transfer guard's (parties and the security's rules). This is the
	/// pre-flight check integrators call, and exactly what [`Self::do_move`] enforces.
	pub fn pre_flight(movement: &Movement<T::AccountId, T::Balance>) -> Vec<TransferRejection> {
		Self::assess(movement).0
	}

	/// [`Self::pre_flight`]'s reasons, with the security record it read (so that
	/// [`Self::do_move`] does not read it again).
	pub(crate) fn assess(
		movement: &Movement<T::AccountId, T::Balance>,
	) -> (Vec<TransferRejection>, Option<SecurityOf<T>>) {
		let Movement { security, kind, ref from, ref to, amount } = *movement;
		let Some(record) = Securities::<T>::get(security) else {
			return (alloc::vec![TransferRejection::UnknownSecurity], None);
		};
		if amount.is_zero() {
			return (alloc::vec![TransferRejection::ZeroAmount], Some(record));
		}
		let mut rejections = Vec::new();
		if T::Observer::is_locked(security) {
			rejections.push(TransferRejection::CorporateActionInProgress);
		}
		let forced = kind.skips_sender_checks();
		if kind.is_issue() && !Self::issuer_is_active(&record) {
			rejections.push(TransferRejection::IssuerSuspended);
		}
		match record.status {
			SecurityStatus::Active => {},
			SecurityStatus::Paused if !forced => rejections.push(TransferRejection::SecurityPaused),
			SecurityStatus::Matured if !forced && kind != MovementKind::Redemption => {
				rejections.push(TransferRejection::SecurityMatured)
			},
			_ => {},
		}
		if let Some(from) = from {
			let (balance, frozen) = Holdings::<T>::get(security, from)
				.map(|h| (h.balance, h.frozen))
				.unwrap_or_default();
			if !forced && FrozenHolders::<T>::contains_key(security, from) {
				rejections.push(TransferRejection::SenderFrozen);
			}
			let available = if forced { balance } else { balance.saturating_sub(frozen) };
			if available < amount {
				rejections.push(TransferRejection::InsufficientBalance);
			}
		}
		if let Some(to) = to {
			let overrides_freeze =
				matches!(kind, MovementKind::Recovery | MovementKind::ForcedTransfer);
			if !overrides_freeze && FrozenHolders::<T>::contains_key(security, to) {
				rejections.push(TransferRejection::ReceiverFrozen);
			}
		}
		if kind.is_issue()
			&& record.total_supply.checked_add(&amount).is_none_or(|s| s > record.authorised_supply)
		{
			rejections.push(TransferRejection::AuthorisedSupplyExceeded);
		}
		rejections.extend(T::Guard::check_all(movement));
		(rejections, Some(record))
	}

	/// The one place where balances of securities change.
	///
	/// Refuses with the first reason [`Self::pre_flight`] gives, as a pallet error, and
	/// writes nothing unless there is none. Forced transfers, recoveries and forced
	/// redemptions skip the sender's freezes and the pause (and the guard skips the
	/// sender's checks for them): they exist to move units whatever the holder's state.
	pub fn do_move(movement: Movement<T::AccountId, T::Balance>) -> DispatchResult {
		Self::do_move_metered(movement).map(|_| ())
	}

	/// A holder's transfer, charged what it did (a refused one, its checks). With
	/// `keep_holding` (see [`Pallet::transfer_keep_holding`]) a transfer that would empty
	/// the sender's holding is refused before anything is checked or moved.
	pub(crate) fn do_transfer(
		security: SecurityId,
		from: T::AccountId,
		to: T::AccountId,
		amount: T::Balance,
		keep_holding: bool,
	) -> DispatchResultWithPostInfo {
		// Units sent to their own wallet close nothing (the movement changes nothing).
		let empties = || {
			from != to && Holdings::<T>::get(security, &from).is_some_and(|h| h.balance == amount)
		};
		let cost = if keep_holding && empties() {
			Err(Error::<T>::WouldCloseHolding.into())
		} else {
			Self::do_move_metered(Movement {
				security,
				kind: MovementKind::Transfer,
				from: Some(from.clone()),
				to: Some(to.clone()),
				amount,
			})
		}
		.map_err(|error| Self::transfer_refused(security, error))?;
		debug_assert!(
			!(keep_holding && cost.closed),
			"a holding larger than the amount stays open"
		);
		Self::deposit_event(Event::Transferred { security, from, to, amount });
		Ok(Some(Self::transfer_used(security, &cost)).into())
	}

	/// [`Self::do_move`], with what the movement did, for a call that pays what it used.
	pub(crate) fn do_move_metered(
		movement: Movement<T::AccountId, T::Balance>,
	) -> Result<MoveCost, DispatchError> {
		Self::try_move(movement)?.map_err(|rejection| Error::<T>::from(rejection).into())
	}

	/// [`Self::do_move`], with the first reason that refuses the movement as it is
	/// (`Ok(Err(_))`, nothing written), for callers that act on the reason.
	pub(crate) fn try_move(
		movement: Movement<T::AccountId, T::Balance>,
	) -> Result<Result<MoveCost, TransferRejection>, DispatchError> {
		let (rejections, record) = Self::assess(&movement);
		if let Some(first) = rejections.first() {
			return Ok(Err(*first));
		}
		let Movement { security, ref from, ref to, amount, .. } = movement;
		let mut record = record.ok_or(Error::<T>::UnknownSecurity)?;
		let holders_before = record.holders;
		let mut cost = MoveCost::default();
		if from.is_some() && from == to {
			// Units moved to the wallet they are in: checked like any movement, and nothing
			// changes (not even a holding closed and opened again).
			T::Guard::on_moved(&movement);
			return Ok(Ok(cost));
		}
		if let Some(from) = from {
			let (closed, hooks) = Self::debit(security, &mut record, from, amount)?;
			cost.closed = closed;
			cost.hooks.saturating_accrue(hooks);
		}
		if let Some(to) = to {
			let (opened, hooks) = Self::credit(security, &mut record, to, amount)?;
			cost.opened = opened;
			cost.hooks.saturating_accrue(hooks);
		}
		let supply_changes = from.is_none() || to.is_none();
		if supply_changes {
			let hooks = T::Observer::before_supply_change(security, record.total_supply);
			cost.hooks.saturating_accrue(hooks);
		}
		if from.is_none() {
			record.total_supply.saturating_accrue(amount);
		}
		if to.is_none() {
			record.total_supply.saturating_reduce(amount);
		}
		// A transfer between holders changes neither the supply nor the number of holders.
		if supply_changes || record.holders != holders_before {
			Securities::<T>::insert(security, record);
		}
		T::Guard::on_moved(&movement);
		Ok(Ok(cost))
	}

	/// Takes `amount` from `who`'s holding; returns whether the holding is now empty and
	/// what the observer's hooks cost.
	pub(crate) fn debit(
		security: SecurityId,
		record: &mut SecurityOf<T>,
		who: &T::AccountId,
		amount: T::Balance,
	) -> Result<(bool, Weight), DispatchError> {
		let mut holding =
			Holdings::<T>::get(security, who).ok_or(Error::<T>::InsufficientBalance)?;
		let before = holding.balance;
		holding.balance =
			holding.balance.checked_sub(&amount).ok_or(Error::<T>::InsufficientBalance)?;
		let key = holding.holder.clone();
		let investor_before = HolderBalances::<T>::get(security, &key);
		let mut hooks = Self::observe(security, who, before, &key, investor_before);
		let closed = holding.balance.is_zero();
		if closed {
			hooks.saturating_accrue(T::Observer::on_emptied(security, who));
		}
		let total = investor_before.saturating_sub(amount);
		if total.is_zero() {
			HolderBalances::<T>::remove(security, &key);
			record.holders.saturating_dec();
			if let HolderKey::Investor(investor) = key {
				T::Guard::on_holding_changed(security, investor, false);
			}
		} else {
			HolderBalances::<T>::insert(security, &key, total);
		}
		Self::put_holding_listed(security, who, holding, !before.is_zero());
		Ok((closed, hooks))
	}

	/// Adds `amount` to `who`'s holding; returns whether it held nothing before and what
	/// the observer's hooks cost.
	pub(crate) fn credit(
		security: SecurityId,
		record: &mut SecurityOf<T>,
		who: &T::AccountId,
		amount: T::Balance,
	) -> Result<(bool, Weight), DispatchError> {
		let mut holding = Holdings::<T>::get(security, who).unwrap_or_else(|| Holding {
			balance: Zero::zero(),
			frozen: Zero::zero(),
			holder: Self::holder_key(who),
		});
		// An empty holding (a frozen amount only) is filed under whoever is behind the
		// wallet now, not whoever was when the amount was frozen.
		if holding.balance.is_zero() {
			holding.holder = Self::holder_key(who);
		}
		let balance_before = holding.balance;
		holding.balance = holding.balance.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		let key = holding.holder.clone();
		let before = HolderBalances::<T>::get(security, &key);
		let hooks = Self::observe(security, who, balance_before, &key, before);
		if before.is_zero() {
			record.holders.saturating_inc();
			if let HolderKey::Investor(investor) = &key {
				T::Guard::on_holding_changed(security, *investor, true);
			}
		}
		HolderBalances::<T>::insert(security, &key, before.saturating_add(amount));
		Self::put_holding_listed(security, who, holding, !balance_before.is_zero());
		Ok((balance_before.is_zero(), hooks))
	}

	/// Tells the observer (record dates) that `who`'s balance is about to change.
	pub(crate) fn observe(
		security: SecurityId,
		who: &T::AccountId,
		balance: T::Balance,
		key: &HolderKey<T::AccountId>,
		holder_balance: T::Balance,
	) -> Weight {
		let investor = match key {
			HolderKey::Investor(investor) => Some((*investor, holder_balance)),
			HolderKey::Account(_) => None,
		};
		T::Observer::before_balance_change(security, who, balance, investor)
	}

	/// Moves a recovered wallet's holding of `security` to its replacement (see the call).
	pub(crate) fn do_recover_holdings(security: SecurityId, lost: T::AccountId) -> DispatchResult {
		let new = Recoveries::<T>::get(&lost).ok_or(Error::<T>::NotRecovered)?;
		let holding = Holdings::<T>::get(security, &lost).ok_or(Error::<T>::NothingToRecover)?;
		// A recovery moves units within one investor: only a holding filed under the
		// investor that now owns the replacement wallet may follow it.
		let investor =
			T::Credentials::investor_of(&new).ok_or(Error::<T>::RecoveryNotApplicable)?;
		ensure!(holding.holder == HolderKey::Investor(investor), Error::<T>::RecoveryNotApplicable);
		let amount = holding.balance;
		let movement = Movement {
			security,
			kind: MovementKind::Recovery,
			from: Some(lost.clone()),
			to: Some(new.clone()),
			amount,
		};
		if amount.is_zero() {
			// Only a frozen amount moves: still not during a split, nor to a receiver the
			// guard refuses, exactly as units would not.
			ensure!(!T::Observer::is_locked(security), Error::<T>::CorporateActionInProgress);
			if let Some(rejection) = T::Guard::check_all(&movement).first() {
				return Err(Error::<T>::from(*rejection).into());
			}
		} else {
			Self::do_move(movement)?;
		}
		let frozen_holder = FrozenHolders::<T>::take(security, &lost).is_some();
		// The freezes follow the units.
		Holdings::<T>::remove(security, &lost);
		HeldBy::<T>::remove(&lost, security);
		if !holding.frozen.is_zero() {
			Self::mutate_frozen(security, &new, |frozen| frozen.saturating_accrue(holding.frozen));
		}
		if frozen_holder {
			FrozenHolders::<T>::insert(security, &new, ());
		}
		// Once the lost wallet holds nothing the recovery is complete.
		if HeldBy::<T>::iter_prefix(&lost).next().is_none() {
			Recoveries::<T>::remove(&lost);
		}
		Self::deposit_event(Event::HoldingsRecovered { security, lost, new, amount });
		Ok(())
	}
}
