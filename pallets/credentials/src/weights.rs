//! Weights for `pallet_credentials`: placeholder until `scripts/benchmark.sh credentials` runs.

#![allow(unused_parens)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed for `pallet_credentials`.
pub trait WeightInfo {
	fn register_qualifier() -> Weight;
	fn update_qualifier() -> Weight;
	fn set_qualifier_account() -> Weight;
	fn suspend_qualifier() -> Weight;
	fn resume_qualifier() -> Weight;
	fn remove_qualifier() -> Weight;
	fn register_credential_kind() -> Weight;
	fn create_investor() -> Weight;
	fn set_investor_jurisdiction() -> Weight;
	fn reassign_investor() -> Weight;
	fn request_wallet_link() -> Weight;
	fn accept_wallet_link() -> Weight;
	fn unlink_wallet() -> Weight;
	fn recover_wallet() -> Weight;
	fn attest() -> Weight;
	fn revoke() -> Weight;
	fn block_investor() -> Weight;
	fn unblock_investor() -> Weight;
	fn block_wallet() -> Weight;
	fn unblock_wallet() -> Weight;
	fn register_protocol_holder() -> Weight;
	fn deregister_protocol_holder() -> Weight;
	fn block_protocol_holder() -> Weight;
}

/// Weights for `pallet_credentials` using the node's recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn update_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn set_qualifier_account() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn suspend_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn resume_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn remove_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn register_credential_kind() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn create_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn set_investor_jurisdiction() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn reassign_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn request_wallet_link() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn accept_wallet_link() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn unlink_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn recover_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn attest() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn revoke() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn block_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn unblock_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn block_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn unblock_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn register_protocol_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn deregister_protocol_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn block_protocol_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
}

impl WeightInfo for () {
	fn register_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn update_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn set_qualifier_account() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn suspend_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn resume_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn remove_qualifier() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn register_credential_kind() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn create_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn set_investor_jurisdiction() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn reassign_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn request_wallet_link() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn accept_wallet_link() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn unlink_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn recover_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn attest() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn revoke() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn block_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn unblock_investor() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn block_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn unblock_wallet() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn register_protocol_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn deregister_protocol_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
	fn block_protocol_holder() -> Weight {
		Weight::from_parts(500_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads_writes(5, 5))
	}
}
