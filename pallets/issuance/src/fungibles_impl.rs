//! The `fungibles` traits (`Inspect`, `metadata::Inspect`, `Unbalanced`, `Mutate`), so that DeFi pallets can hold and move securities through the
//! standard interfaces.
//!
//! Every balance change goes through [`Pallet::do_move`]: `transfer` is a holder's transfer,
//! checked exactly as the `transfer` call is. Issuing and redeeming are decisions of the
//! security's issuance agent, made by signed calls whose role the pallet checks; the traits
//! carry no signer, so `mint_into` and `burn_from` refuse with [`TokenError::Unsupported`]
//! (a pallet wired to the trait cannot issue units, nor burn a holder's without its consent).
//! The raw `Unbalanced` primitives (`write_balance`, `increase_balance`, ...) refuse the same
//! way, so that nothing built on them (`set_balance`, `shelve`, `restore`, ...) can move a
//! security around the transfer guard.

use crate::{pallet::*, FrozenHolders, Holdings, SecurityStatus};
use alloc::vec::Vec;
use frame_support::traits::tokens::{
	fungibles::{metadata, Dust, Inspect, Mutate, Unbalanced},
	DepositConsequence, Fortitude, Precision, Preservation, Provenance, WithdrawConsequence,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, TokenError,
};
use stoa_primitives::{Movement, MovementKind, SecurityId, TransferGuard};

impl<T: Config> Inspect<T::AccountId> for Pallet<T> {
	type AssetId = SecurityId;
	type Balance = T::Balance;

	fn total_issuance(security: SecurityId) -> T::Balance {
		Securities::<T>::get(security).map(|s| s.total_supply).unwrap_or_default()
	}

	/// Securities have no existential deposit: any positive balance may be held.
	fn minimum_balance(_: SecurityId) -> T::Balance {
		Zero::zero()
	}

	fn total_balance(security: SecurityId, who: &T::AccountId) -> T::Balance {
		Self::balance(security, who)
	}

	fn balance(security: SecurityId, who: &T::AccountId) -> T::Balance {
		Holdings::<T>::get(security, who).map(|h| h.balance).unwrap_or_default()
	}

	/// What the holder may move now: nothing while the security is not active or the holder
	/// is frozen, else its balance less its frozen units.
	fn reducible_balance(
		security: SecurityId,
		who: &T::AccountId,
		_: Preservation,
		_: Fortitude,
	) -> T::Balance {
		let active =
			Securities::<T>::get(security).is_some_and(|s| s.status == SecurityStatus::Active);
		if !active || FrozenHolders::<T>::contains_key(security, who) {
			return Zero::zero();
		}
		Holdings::<T>::get(security, who)
			.map(|h| h.balance.saturating_sub(h.frozen))
			.unwrap_or_default()
	}

	/// Whether `who` may receive `amount`: the security is active, `who` is not frozen, and
	/// the transfer guard accepts it as receiver.
	fn can_deposit(
		security: SecurityId,
		who: &T::AccountId,
		amount: T::Balance,
		provenance: Provenance,
	) -> DepositConsequence {
		let Some(record) = Securities::<T>::get(security) else {
			return DepositConsequence::UnknownAsset;
		};
		if record.status != SecurityStatus::Active
			|| FrozenHolders::<T>::contains_key(security, who)
		{
			return DepositConsequence::Blocked;
		}
		let kind = match provenance {
			// Units are issued only by the issuance agent's signed calls.
			Provenance::Minted => return DepositConsequence::Blocked,
			Provenance::Extant => MovementKind::Transfer,
		};
		// Only the receiving side: the sender is not known here.
		let movement = Movement { security, kind, from: None, to: Some(who.clone()), amount };
		match T::Guard::check(&movement) {
			Ok(()) => DepositConsequence::Success,
			Err(_) => DepositConsequence::Blocked,
		}
	}

	fn can_withdraw(
		security: SecurityId,
		who: &T::AccountId,
		amount: T::Balance,
	) -> WithdrawConsequence<T::Balance> {
		if !Securities::<T>::contains_key(security) {
			return WithdrawConsequence::UnknownAsset;
		}
		let Some(holding) = Holdings::<T>::get(security, who) else {
			return if amount.is_zero() {
				WithdrawConsequence::Success
			} else {
				WithdrawConsequence::BalanceLow
			};
		};
		if amount > holding.balance {
			return WithdrawConsequence::BalanceLow;
		}
		if amount
			> Self::reducible_balance(security, who, Preservation::Expendable, Fortitude::Polite)
		{
			return WithdrawConsequence::Frozen;
		}
		WithdrawConsequence::Success
	}

	fn asset_exists(security: SecurityId) -> bool {
		Securities::<T>::contains_key(security)
	}
}

impl<T: Config> Unbalanced<T::AccountId> for Pallet<T> {
	fn handle_dust(_: Dust<T::AccountId, Self>) {
		// No existential deposit, so no dust.
	}

	/// Refused: a raw balance write would bypass the transfer guard.
	fn write_balance(
		_: SecurityId,
		_: &T::AccountId,
		_: T::Balance,
	) -> Result<Option<T::Balance>, DispatchError> {
		Err(TokenError::Unsupported.into())
	}

	/// Ignored: total supply follows the movements made through [`Pallet::do_move`].
	fn set_total_issuance(_: SecurityId, _: T::Balance) {}
}

impl<T: Config> Mutate<T::AccountId> for Pallet<T> {
	/// Refused: issuing is the issuance agent's signed decision (`issue`, `batch_issue`,
	/// offerings), and the trait has no signer whose role could be checked.
	fn mint_into(
		_: SecurityId,
		_: &T::AccountId,
		_: T::Balance,
	) -> Result<T::Balance, DispatchError> {
		Err(TokenError::Unsupported.into())
	}

	/// Refused: a holder redeems with its own signed `redeem`, the issuance agent with
	/// `force_redeem`; the trait would burn `who`'s units with neither's consent.
	fn burn_from(
		_: SecurityId,
		_: &T::AccountId,
		_: T::Balance,
		_: Preservation,
		_: Precision,
		_: Fortitude,
	) -> Result<T::Balance, DispatchError> {
		Err(TokenError::Unsupported.into())
	}

	/// Transfers through the chokepoint, exactly as the `transfer` call does.
	fn transfer(
		security: SecurityId,
		source: &T::AccountId,
		dest: &T::AccountId,
		amount: T::Balance,
		_: Preservation,
	) -> Result<T::Balance, DispatchError> {
		Self::do_move(Movement {
			security,
			kind: MovementKind::Transfer,
			from: Some(source.clone()),
			to: Some(dest.clone()),
			amount,
		})?;
		Ok(amount)
	}
}

/// Name, symbol and decimals, as wallets and DeFi pallets read them.
impl<T: Config> metadata::Inspect<T::AccountId> for Pallet<T> {
	fn name(security: SecurityId) -> Vec<u8> {
		Securities::<T>::get(security).map(|s| s.name.into_inner()).unwrap_or_default()
	}

	fn symbol(security: SecurityId) -> Vec<u8> {
		Securities::<T>::get(security).map(|s| s.symbol.into_inner()).unwrap_or_default()
	}

	fn decimals(security: SecurityId) -> u8 {
		Securities::<T>::get(security).map(|s| s.decimals).unwrap_or_default()
	}
}
