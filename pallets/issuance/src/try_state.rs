//! The pallet's storage invariants, checked by `try_state` (try-runtime builds: before and
//! after every runtime upgrade, and by try-runtime-cli against a live chain's state) and at the
//! end of the pallet's unit tests. They walk every holding, so they are never run on chain.

use crate::*;
use alloc::{collections::BTreeMap, format, vec::Vec};
use codec::Encode;
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};
use stoa_primitives::SecurityId;

impl<T: Config> Pallet<T> {
	/// Every holding belongs to a security; a security's holdings add up to its total supply;
	/// `HeldBy` lists an account exactly where it holds a positive balance; `HolderBalances`
	/// is each holder's holdings summed (an investor's wallets together), and a security's
	/// `holders` counts the holders with a positive sum.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut supply = BTreeMap::<SecurityId, T::Balance>::new();
		// Keyed by the holder key's encoding: `HolderKey` has no order of its own.
		let mut by_holder = BTreeMap::<(SecurityId, Vec<u8>), T::Balance>::new();
		for (security, account, holding) in Holdings::<T>::iter() {
			ensure_state(Securities::<T>::contains_key(security), || {
				format!("a holding of security {security}, which does not exist")
			})?;
			ensure_state(
				HeldBy::<T>::contains_key(&account, security) == !holding.balance.is_zero(),
				|| format!("security {security}: HeldBy disagrees with a holding's balance"),
			)?;
			supply.entry(security).or_default().saturating_accrue(holding.balance);
			if !holding.balance.is_zero() {
				by_holder
					.entry((security, holding.holder.encode()))
					.or_default()
					.saturating_accrue(holding.balance);
			}
		}
		for (account, security, ()) in HeldBy::<T>::iter() {
			ensure_state(
				Holdings::<T>::get(security, &account).is_some_and(|h| !h.balance.is_zero()),
				|| format!("security {security}: HeldBy lists an account that holds nothing"),
			)?;
		}
		let mut holders = BTreeMap::<SecurityId, u32>::new();
		for (security, key, balance) in HolderBalances::<T>::iter() {
			ensure_state(
				by_holder.remove(&(security, key.encode())) == Some(balance) && !balance.is_zero(),
				|| format!("security {security}: a holder's balance is not its holdings' sum"),
			)?;
			holders.entry(security).or_default().saturating_inc();
		}
		ensure_state(by_holder.is_empty(), || {
			"a holder with holdings has no HolderBalances entry".into()
		})?;
		for (security, record) in Securities::<T>::iter() {
			let held = supply.get(&security).copied().unwrap_or_default();
			ensure_state(held == record.total_supply, || {
				format!(
					"security {security}: holdings add up to {held:?}, total supply {:?}",
					record.total_supply
				)
			})?;
			let counted = holders.get(&security).copied().unwrap_or_default();
			ensure_state(counted == record.holders, || {
				format!(
					"security {security}: {counted} holders, the record says {}",
					record.holders
				)
			})?;
		}
		Ok(())
	}
}

/// `Ok` if `holds`; else the error `what` describes (built only on failure).
fn ensure_state(
	holds: bool,
	what: impl FnOnce() -> alloc::string::String,
) -> Result<(), TryRuntimeError> {
	if holds {
		return Ok(());
	}
	log::error!(target: "runtime::issuance", "try_state: {}", what());
	Err(TryRuntimeError::Other("pallet-issuance: storage is inconsistent (see the log)"))
}
