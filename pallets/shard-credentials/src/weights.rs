// This file is part of Stoa.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_shard_credentials`.
//!
//! INTERIM: written by hand from the storage each call touches (and 25 µs of execution per
//! access), until `scripts/benchmark.sh shard-credentials` regenerates this file on a release
//! node. The benchmarks in `benchmarking.rs` are what it will run.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_shard_credentials`.
pub trait WeightInfo {
	fn trust_shard() -> Weight;
	fn untrust_shard() -> Weight;
	fn add_recipient() -> Weight;
	fn remove_recipient() -> Weight;
	fn import_base() -> Weight;
	fn import_stale() -> Weight;
	fn import_investor() -> Weight;
	fn import_credential() -> Weight;
	fn import_wallet() -> Weight;
	fn import_qualifier() -> Weight;
	fn send_record(n: u32) -> Weight;
	fn push_record(n: u32) -> Weight;
	fn push_investor(n: u32) -> Weight;
	fn apply_wallet_link() -> Weight;
}

/// Interim weights for `pallet_shard_credentials`, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn trust_shard() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn untrust_shard() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn add_recipient() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn remove_recipient() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn import_base() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
	fn import_stale() -> Weight {
		Weight::from_parts(50_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
	fn import_investor() -> Weight {
		Weight::from_parts(175_000_000, 16000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn import_credential() -> Weight {
		Weight::from_parts(200_000_000, 16000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn import_wallet() -> Weight {
		Weight::from_parts(250_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn import_qualifier() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn send_record(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 12000)
			.saturating_add(Weight::from_parts(60_000_000, 66_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 2_u64).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn push_record(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 12000)
			.saturating_add(Weight::from_parts(60_000_000, 66_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 2_u64).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn push_investor(n: u32) -> Weight {
		Weight::from_parts(650_000_000, 100000)
			.saturating_add(Weight::from_parts(60_000_000, 66_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3_u64, 2_u64).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(25_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn apply_wallet_link() -> Weight {
		Weight::from_parts(150_000_000, 12000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn trust_shard() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn untrust_shard() -> Weight {
		Weight::from_parts(100_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn add_recipient() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn remove_recipient() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn import_base() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(0_u64))
	}
	fn import_stale() -> Weight {
		Weight::from_parts(50_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(0_u64))
	}
	fn import_investor() -> Weight {
		Weight::from_parts(175_000_000, 16000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn import_credential() -> Weight {
		Weight::from_parts(200_000_000, 16000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn import_wallet() -> Weight {
		Weight::from_parts(250_000_000, 20000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn import_qualifier() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn send_record(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 12000)
			.saturating_add(Weight::from_parts(60_000_000, 66_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(3_u64, 2_u64).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn push_record(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 12000)
			.saturating_add(Weight::from_parts(60_000_000, 66_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(3_u64, 2_u64).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn push_investor(n: u32) -> Weight {
		Weight::from_parts(650_000_000, 100000)
			.saturating_add(Weight::from_parts(60_000_000, 66_000).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(3_u64, 2_u64).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(25_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn apply_wallet_link() -> Weight {
		Weight::from_parts(150_000_000, 12000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
}
