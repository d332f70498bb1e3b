//! Helpers every part of the pallet uses: who may act as a security's agent, and
//! amounts rounded down.

use crate::pallet::*;
use frame_support::pallet_prelude::*;
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Bounded, UniqueSaturatedFrom, UniqueSaturatedInto, Zero},
	Rounding,
};
use stoa_primitives::{Role, SecurityAdmin, SecurityId, SecurityRegistry};

impl<T: Config> Pallet<T> {
	/// Fails unless `security` exists and `who` may act as its corporate-actions agent.
	pub(crate) fn ensure_agent(who: &T::AccountId, security: SecurityId) -> DispatchResult {
		ensure!(T::Securities::issuer_of(security).is_some(), Error::<T>::UnknownSecurity);
		ensure!(
			T::Securities::has_role(security, who, Role::CorporateActions),
			Error::<T>::NotAgent
		);
		Ok(())
	}

	/// `a × b / c`, rounded down (zero if `c` is zero; saturating).
	pub(crate) fn mul_div(a: T::Balance, b: T::Balance, c: T::Balance) -> T::Balance {
		if c.is_zero() {
			return Zero::zero();
		}
		multiply_by_rational_with_rounding(
			a.unique_saturated_into(),
			b.unique_saturated_into(),
			c.unique_saturated_into(),
			Rounding::Down,
		)
		.map(T::Balance::unique_saturated_from)
		.unwrap_or_else(T::Balance::max_value)
	}

	/// Smallest units per whole unit of `security`.
	pub(crate) fn one(security: SecurityId) -> T::Balance {
		let decimals = T::Securities::decimals(security).unwrap_or_default();
		T::Balance::unique_saturated_from(10u128.saturating_pow(decimals.into()))
	}
}
