//! Who may act: governance, qualifiers (active or not), and what each may manage.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, traits::UnixTime};
use frame_system::pallet_prelude::*;
use stoa_primitives::{InvestorId, Moment, QualifierId};

impl<T: Config> Pallet<T> {
	/// The chain's time in seconds.
	pub fn now() -> Moment {
		T::UnixTime::now().as_secs()
	}

	/// The signer's qualifier, whatever its status.
	pub(crate) fn ensure_qualifier(
		origin: OriginFor<T>,
	) -> Result<(QualifierId, QualifierOf<T>), DispatchError> {
		let who = ensure_signed(origin)?;
		let id = QualifierOfAccount::<T>::get(&who).ok_or(Error::<T>::NotQualifier)?;
		let q = Qualifiers::<T>::get(id).ok_or(Error::<T>::NotQualifier)?;
		Ok((id, q))
	}

	/// The signer's qualifier, which must be active.
	pub(crate) fn ensure_active_qualifier(
		origin: OriginFor<T>,
	) -> Result<(QualifierId, QualifierOf<T>), DispatchError> {
		let (id, q) = Self::ensure_qualifier(origin)?;
		ensure!(q.status == QualifierStatus::Active, Error::<T>::QualifierSuspended);
		Ok((id, q))
	}

	/// Governance, or the signer's active qualifier.
	pub(crate) fn ensure_governance_or_active_qualifier(
		origin: OriginFor<T>,
	) -> Result<Actor, DispatchError> {
		match T::QualifierAdminOrigin::try_origin(origin) {
			Ok(_) => Ok(Actor::Governance),
			Err(origin) => Ok(Actor::Qualifier(Self::ensure_active_qualifier(origin)?.0)),
		}
	}

	/// Governance, or the signer's qualifier whatever its status.
	pub(crate) fn ensure_governance_or_qualifier(
		origin: OriginFor<T>,
	) -> Result<Actor, DispatchError> {
		match T::QualifierAdminOrigin::try_origin(origin) {
			Ok(_) => Ok(Actor::Governance),
			Err(origin) => Ok(Actor::Qualifier(Self::ensure_qualifier(origin)?.0)),
		}
	}

	/// Governance manages every investor; a qualifier only its own.
	pub(crate) fn ensure_manages(actor: Actor, investor: InvestorId) -> DispatchResult {
		if let Actor::Qualifier(qualifier) = actor {
			let record = Investors::<T>::get(investor).ok_or(Error::<T>::UnknownInvestor)?;
			ensure!(record.qualifier == qualifier, Error::<T>::NotInvestorsQualifier);
		}
		Ok(())
	}

	/// Governance lifts any block; a qualifier only its own.
	pub(crate) fn ensure_may_lift(actor: Actor, block: &Block) -> DispatchResult {
		ensure!(actor == Actor::Governance || actor == block.by, Error::<T>::NotBlocker);
		Ok(())
	}

	pub(crate) fn qualifier_of_actor(actor: Actor) -> Option<QualifierId> {
		match actor {
			Actor::Governance => None,
			Actor::Qualifier(id) => Some(id),
		}
	}
}
