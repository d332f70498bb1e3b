//! Roles, issuer status, the guard's weight, and the reads the runtime APIs serve.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use frame_support::{dispatch::DispatchErrorWithPostInfo, pallet_prelude::*};
use frame_system::pallet_prelude::*;
use sp_runtime::{traits::Zero, ArithmeticError};
use stoa_primitives::{
	issuance::{HolderInfo, HoldersPage, HoldingInfo},
	CredentialRegistry, HoldingsObserver, InvestorId, InvestorKind, Role, SecurityId,
	TransferGuard,
};

impl<T: Config> Pallet<T> {
	/// What a transfer of `security` to `to` declares, from three small reads: the
	/// benchmarked transfer (a holding opened if `to` holds nothing now; the sender's
	/// closed, as it may be), what the security's own rule set costs, and the observer's
	/// bookkeeping for the record dates the security has. [`Self::transfer_used`] is what
	/// the transfer is then charged.
	pub fn transfer_weight(security: SecurityId, to: &T::AccountId) -> Weight {
		Self::declared(security, to, true)
	}

	/// What [`Pallet::transfer_keep_holding`] declares: [`Self::transfer_weight`] with the
	/// sender's holding known to stay open.
	pub fn transfer_keep_holding_weight(security: SecurityId, to: &T::AccountId) -> Weight {
		Self::declared(security, to, false)
	}

	fn declared(security: SecurityId, to: &T::AccountId, may_close: bool) -> Weight {
		let opens = Holdings::<T>::get(security, to).is_none_or(|h| h.balance.is_zero());
		Self::movement_weight(opens, may_close)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::Guard::rules_weight(security))
			.saturating_add(T::Observer::transfer_weight(security))
	}

	/// What a transfer of `security` that did `cost` used (the up-front reads included).
	pub(crate) fn transfer_used(security: SecurityId, cost: &MoveCost) -> Weight {
		Self::movement_weight(cost.opened, cost.closed)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::Guard::rules_weight(security))
			.saturating_add(cost.hooks)
	}

	/// A refused transfer wrote nothing: it is charged its checks and reads, at most the
	/// plain movement's weight. That never exceeds what it declared, even in a batch whose
	/// earlier calls emptied the receiver's holding after the batch was weighed (the call
	/// is weighed again, dearer, when its turn comes).
	pub(crate) fn transfer_refused(
		security: SecurityId,
		error: DispatchError,
	) -> DispatchErrorWithPostInfo {
		DispatchErrorWithPostInfo {
			post_info: Some(Self::transfer_used(security, &MoveCost::default())).into(),
			error,
		}
	}

	/// The benchmarked transfer that opened the receiver's holding or not, and closed the
	/// sender's or not. `transfer(r, s)` is fitted from runs that vary one component with
	/// the other at its maximum, so it is exact only where the sender closes (`s = 1`); a
	/// transfer that keeps the sender's holding open is what `transfer_keep_holding(r)`
	/// measured (the same movement, and a comparison of the holding already read).
	fn movement_weight(opened: bool, closed: bool) -> Weight {
		if closed {
			T::WeightInfo::transfer(opened as u32, 1)
		} else {
			T::WeightInfo::transfer_keep_holding(opened as u32)
		}
	}

	/// What the transfer guard may add to `movements` movements: evaluating them, and its
	/// bookkeeping once they are applied. The benchmarks measure the calls with an empty
	/// rule set; this adds the guard's declared worst case.
	pub fn guard_weight(movements: u32) -> Weight {
		T::Guard::check_weight()
			.saturating_add(T::Guard::on_moved_weight())
			.saturating_add(T::Observer::observer_weight())
			.saturating_mul(movements.into())
	}

	/// The security, if `who` is a wallet of its issuer.
	pub(crate) fn ensure_issuer_of(
		who: &T::AccountId,
		security: SecurityId,
	) -> Result<SecurityOf<T>, DispatchError> {
		let record = Securities::<T>::get(security).ok_or(Error::<T>::UnknownSecurity)?;
		ensure!(
			T::Credentials::investor_of(who) == Some(record.issuer),
			Error::<T>::NotSecurityIssuer
		);
		Ok(record)
	}

	/// The security, if `who` is a wallet of its issuer or an agent holding `role`.
	pub(crate) fn ensure_role(
		who: &T::AccountId,
		security: SecurityId,
		role: Role,
	) -> Result<SecurityOf<T>, DispatchError> {
		let record = Securities::<T>::get(security).ok_or(Error::<T>::UnknownSecurity)?;
		ensure!(Self::is_authorised(who, security, &record, role), Error::<T>::MissingRole);
		Ok(record)
	}

	pub(crate) fn is_authorised(
		who: &T::AccountId,
		security: SecurityId,
		record: &SecurityOf<T>,
		role: Role,
	) -> bool {
		T::Credentials::investor_of(who) == Some(record.issuer)
			|| Agents::<T>::get(security, who).is_some_and(|roles| roles.has(role))
	}

	pub(crate) fn ensure_issuer_active(record: &SecurityOf<T>) -> DispatchResult {
		let issuer = Issuers::<T>::get(record.issuer).ok_or(Error::<T>::NotIssuer)?;
		ensure!(issuer.status == IssuerStatus::Active, Error::<T>::IssuerSuspended);
		Ok(())
	}

	/// Whether the security's issuer is approved and not suspended.
	pub(crate) fn issuer_is_active(record: &SecurityOf<T>) -> bool {
		Issuers::<T>::get(record.issuer).is_some_and(|i| i.status == IssuerStatus::Active)
	}

	pub(crate) fn set_issuer_status(
		origin: OriginFor<T>,
		issuer: InvestorId,
		status: IssuerStatus,
	) -> DispatchResult {
		let by_regulator = match T::RegulatorAdminOrigin::try_origin(origin) {
			Ok(_) => None,
			Err(origin) => Some(ensure_signed(origin)?),
		};
		Issuers::<T>::try_mutate(issuer, |record| -> DispatchResult {
			let record = record.as_mut().ok_or(Error::<T>::NotIssuer)?;
			if let Some(regulator) = by_regulator {
				let r = Regulators::<T>::get(&regulator).ok_or(Error::<T>::NotRegulator)?;
				ensure!(r.jurisdiction == record.jurisdiction, Error::<T>::NotIssuersRegulator);
			}
			match status {
				IssuerStatus::Suspended => {
					ensure!(record.status == IssuerStatus::Active, Error::<T>::IssuerSuspended)
				},
				IssuerStatus::Active => ensure!(
					record.status == IssuerStatus::Suspended,
					Error::<T>::IssuerNotSuspended
				),
			}
			record.status = status;
			Ok(())
		})
	}

	/// Every holding of `account`, for the runtime API (bounded by the securities it holds).
	pub fn holdings_of(account: &T::AccountId) -> Vec<HoldingInfo<T::Balance>> {
		HeldBy::<T>::iter_key_prefix(account)
			.filter_map(|security| {
				Holdings::<T>::get(security, account).map(|h| HoldingInfo {
					security,
					balance: h.balance,
					frozen: h.frozen,
					holder_frozen: FrozenHolders::<T>::contains_key(security, account),
				})
			})
			.collect()
	}

	/// A page of a security's holders, for the runtime API.
	pub fn holders_page(
		security: SecurityId,
		start_after: Option<T::AccountId>,
		limit: u32,
	) -> HoldersPage<T::AccountId, T::Balance> {
		let limit = limit.clamp(1, 1_000) as usize;
		let iter = match start_after {
			Some(after) => Holdings::<T>::iter_prefix_from(
				security,
				Holdings::<T>::hashed_key_for(security, after),
			),
			None => Holdings::<T>::iter_prefix(security),
		};
		let mut holders: Vec<_> = iter
			.take(limit + 1)
			.map(|(account, h)| HolderInfo {
				investor: match h.holder {
					HolderKey::Investor(id) => Some(id),
					HolderKey::Account(_) => None,
				},
				account,
				balance: h.balance,
				frozen: h.frozen,
			})
			.collect();
		let next = if holders.len() > limit {
			holders.truncate(limit);
			holders.last().map(|h| h.account.clone())
		} else {
			None
		};
		HoldersPage { holders, next }
	}

	/// Creates a security for the issuer behind `who` (see the call).
	pub(crate) fn do_create_security(
		who: T::AccountId,
		name: Vec<u8>,
		symbol: Vec<u8>,
		kind: SecurityKind,
		decimals: u8,
		identifiers: Identifiers,
		authorised_supply: T::Balance,
	) -> DispatchResult {
		let issuer = T::Credentials::investor_of(&who).ok_or(Error::<T>::NotInvestor)?;
		let record = Issuers::<T>::get(issuer).ok_or(Error::<T>::NotIssuer)?;
		ensure!(record.status == IssuerStatus::Active, Error::<T>::IssuerSuspended);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		let name = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		ensure!(!symbol.is_empty(), Error::<T>::EmptySymbol);
		let symbol = symbol.try_into().map_err(|_| Error::<T>::SymbolTooLong)?;
		ensure!(decimals <= 18, Error::<T>::TooManyDecimals);
		ensure!(identifiers.is_valid(), Error::<T>::InvalidIdentifier);
		ensure!(!SecurityByIsin::<T>::contains_key(identifiers.isin), Error::<T>::DuplicateIsin);
		let now = T::Credentials::now();
		let maturity = match kind {
			SecurityKind::Debt { maturity, .. } => Some(maturity),
			SecurityKind::Hybrid { maturity, .. } => maturity,
			_ => None,
		};
		ensure!(maturity.is_none_or(|m| m > now), Error::<T>::MaturityInPast);
		ensure!(!authorised_supply.is_zero(), Error::<T>::ZeroAuthorisedSupply);

		let security = NextSecurityId::<T>::get();
		NextSecurityId::<T>::put(security.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		SecurityByIsin::<T>::insert(identifiers.isin, security);
		Securities::<T>::insert(
			security,
			Security {
				issuer,
				name,
				symbol,
				kind,
				decimals,
				identifiers,
				authorised_supply,
				total_supply: Zero::zero(),
				holders: 0,
				documents: 0,
				status: SecurityStatus::Active,
			},
		);
		Self::deposit_event(Event::SecurityCreated {
			security,
			issuer,
			isin: identifiers.isin,
			authorised_supply,
		});
		Ok(())
	}

	/// Approves `investor` as an issuer of the regulator `regulator` (see the call).
	pub(crate) fn do_approve_issuer(
		regulator: T::AccountId,
		investor: InvestorId,
		licence_hash: T::Hash,
	) -> DispatchResult {
		let record = Regulators::<T>::get(&regulator).ok_or(Error::<T>::NotRegulator)?;
		let kind = T::Credentials::investor_kind(investor).ok_or(Error::<T>::UnknownInvestor)?;
		ensure!(kind == InvestorKind::LegalEntity, Error::<T>::NotLegalEntity);
		ensure!(
			T::Credentials::jurisdiction_of(investor) == Some(record.jurisdiction),
			Error::<T>::JurisdictionMismatch
		);
		ensure!(T::Credentials::investor_block(investor).is_none(), Error::<T>::InvestorBlocked);
		ensure!(!Issuers::<T>::contains_key(investor), Error::<T>::AlreadyIssuer);
		Issuers::<T>::insert(
			investor,
			Issuer {
				jurisdiction: record.jurisdiction,
				regulator: regulator.clone(),
				licence_hash,
				status: IssuerStatus::Active,
			},
		);
		Self::deposit_event(Event::IssuerApproved { issuer: investor, regulator, licence_hash });
		Ok(())
	}
}
