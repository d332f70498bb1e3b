//! Weights for `pallet_issuance`: placeholder until `scripts/benchmark.sh issuance` runs.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed for `pallet_issuance`.
pub trait WeightInfo {
	fn register_regulator() -> Weight;
	fn remove_regulator() -> Weight;
	fn approve_issuer() -> Weight;
	fn suspend_issuer() -> Weight;
	fn reinstate_issuer() -> Weight;
	fn create_security() -> Weight;
	fn set_document() -> Weight;
	fn remove_document() -> Weight;
	fn set_agent() -> Weight;
	fn issue() -> Weight;
	fn batch_issue(n: u32) -> Weight;
	fn redeem() -> Weight;
	fn force_redeem() -> Weight;
	fn transfer() -> Weight;
	fn forced_transfer() -> Weight;
	fn recover_holdings() -> Weight;
	fn freeze_holder() -> Weight;
	fn unfreeze_holder() -> Weight;
	fn set_frozen_amount() -> Weight;
	fn pause() -> Weight;
	fn resume() -> Weight;
	fn mark_matured() -> Weight;
	fn open_offering() -> Weight;
	fn subscribe() -> Weight;
	fn withdraw_subscription() -> Weight;
	fn cancel_offering() -> Weight;
	fn settle_offering(n: u32) -> Weight;
}

/// Weights for `pallet_issuance` using the node's recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_regulator() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn remove_regulator() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn approve_issuer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn suspend_issuer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn reinstate_issuer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn create_security() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn set_document() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn remove_document() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn set_agent() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn issue() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn batch_issue(_n: u32) -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn redeem() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn force_redeem() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn transfer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn forced_transfer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn recover_holdings() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn freeze_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn unfreeze_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn set_frozen_amount() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn pause() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn resume() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn mark_matured() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn open_offering() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn subscribe() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn withdraw_subscription() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn cancel_offering() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn settle_offering(_n: u32) -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
}

impl WeightInfo for () {
	fn register_regulator() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn remove_regulator() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn approve_issuer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn suspend_issuer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn reinstate_issuer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn create_security() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn set_document() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn remove_document() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn set_agent() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn issue() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn batch_issue(_n: u32) -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn redeem() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn force_redeem() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn transfer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn forced_transfer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn recover_holdings() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn freeze_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn unfreeze_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn set_frozen_amount() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn pause() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn resume() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn mark_matured() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn open_offering() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn subscribe() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn withdraw_subscription() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn cancel_offering() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn settle_offering(_n: u32) -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
}
