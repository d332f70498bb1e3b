//! Weights of the upstream pallets, measured on Stoa's runtime by `scripts/benchmark.sh upstream`
//! (a release `stoa-node benchmark pallet`); each file's header names the machine and command.

pub mod cumulus_pallet_xcmp_queue;
pub mod pallet_collective;
pub mod pallet_membership;
pub mod pallet_message_queue;
pub mod pallet_multisig;
pub mod pallet_preimage;
pub mod pallet_proxy;
pub mod pallet_timestamp;
pub mod pallet_utility;
pub mod pallet_whitelist;
