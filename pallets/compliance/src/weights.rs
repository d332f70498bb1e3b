//! Weights for `pallet_compliance`: placeholder until `scripts/benchmark.sh compliance` runs.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed for `pallet_compliance`.
pub trait WeightInfo {
	fn set_rules(n: u32) -> Weight;
	fn approve_transfer() -> Weight;
	fn cancel_approval() -> Weight;
	fn recount_investor() -> Weight;
	fn evaluate_worst_case() -> Weight;
	fn on_moved_worst_case() -> Weight;
}

/// Weights for `pallet_compliance` using the node's recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_rules(_n: u32) -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn approve_transfer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn cancel_approval() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn recount_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn evaluate_worst_case() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn on_moved_worst_case() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
}

impl WeightInfo for () {
	fn set_rules(_n: u32) -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn approve_transfer() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn cancel_approval() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn recount_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn evaluate_worst_case() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn on_moved_worst_case() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
}
