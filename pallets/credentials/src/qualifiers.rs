//! Qualifiers, custom credential kinds and investors: validation and creation.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use sp_runtime::ArithmeticError;
use stoa_primitives::{CredentialKind, InvestorId, InvestorKind, Jurisdiction, QualifierId};

impl<T: Config> Pallet<T> {
	pub(crate) fn bounded_name(
		name: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxNameLength>, Error<T>> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		name.try_into().map_err(|_| Error::<T>::NameTooLong)
	}

	/// Valid, sorted, deduplicated jurisdictions for a qualifier.
	pub(crate) fn jurisdiction_set(
		mut jurisdictions: Vec<Jurisdiction>,
	) -> Result<BoundedVec<Jurisdiction, T::MaxJurisdictionsPerQualifier>, Error<T>> {
		ensure!(jurisdictions.iter().all(Jurisdiction::is_valid), Error::<T>::InvalidJurisdiction);
		jurisdictions.sort();
		jurisdictions.dedup();
		ensure!(!jurisdictions.is_empty(), Error::<T>::NoJurisdictions);
		jurisdictions.try_into().map_err(|_| Error::<T>::TooManyJurisdictions)
	}

	/// Known, sorted, deduplicated credential kinds for a qualifier.
	pub(crate) fn kind_set(
		mut kinds: Vec<CredentialKind>,
	) -> Result<BoundedVec<CredentialKind, T::MaxKindsPerQualifier>, Error<T>> {
		kinds.sort();
		kinds.dedup();
		ensure!(kinds.len() <= T::MaxKindsPerQualifier::get() as usize, Error::<T>::TooManyKinds);
		for kind in &kinds {
			if let CredentialKind::Custom(n) = kind {
				ensure!(CustomKinds::<T>::contains_key(n), Error::<T>::UnknownCredentialKind);
			}
		}
		kinds.try_into().map_err(|_| Error::<T>::TooManyKinds)
	}

	/// Registers a qualifier after validating its name and lists (no origin check: callers
	/// are the governance call, genesis, and benchmark set-up).
	pub fn do_register_qualifier(
		account: T::AccountId,
		name: Vec<u8>,
		jurisdictions: Vec<Jurisdiction>,
		kinds: Vec<CredentialKind>,
	) -> Result<QualifierId, DispatchError> {
		ensure!(!QualifierOfAccount::<T>::contains_key(&account), Error::<T>::AlreadyQualifier);
		let name = Self::bounded_name(name)?;
		let jurisdictions = Self::jurisdiction_set(jurisdictions)?;
		let kinds = Self::kind_set(kinds)?;
		let id = NextQualifierId::<T>::get();
		NextQualifierId::<T>::put(id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		QualifierOfAccount::<T>::insert(&account, id);
		Qualifiers::<T>::insert(
			id,
			Qualifier { account, name, jurisdictions, kinds, status: QualifierStatus::Active },
		);
		Ok(id)
	}

	/// Registers a custom credential kind (no origin check).
	pub fn do_register_kind(name: Vec<u8>) -> Result<CredentialKind, DispatchError> {
		let name = Self::bounded_name(name)?;
		let n = NextCustomKind::<T>::get();
		ensure!(n < T::MaxCustomKinds::get(), Error::<T>::TooManyCustomKinds);
		CustomKinds::<T>::insert(n, name);
		NextCustomKind::<T>::put(n + 1);
		Ok(CredentialKind::Custom(n))
	}

	/// Creates an investor managed by `qualifier` (no origin or coverage check).
	pub fn do_create_investor(
		qualifier: QualifierId,
		kind: InvestorKind,
		jurisdiction: Jurisdiction,
	) -> Result<InvestorId, DispatchError> {
		let id = NextInvestorId::<T>::get();
		// Ids from the base up name other shards' investors.
		ensure!(!stoa_primitives::shards::is_imported(id), ArithmeticError::Overflow);
		NextInvestorId::<T>::put(id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		Investors::<T>::insert(id, Investor { kind, jurisdiction, qualifier, wallets: 0 });
		Ok(id)
	}
}
