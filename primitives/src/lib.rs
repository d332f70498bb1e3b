//! Types and traits shared by Stoa's pallets, runtime and node.
//!
//! Pallets talk to each other through the traits declared here, wired together in the
//! runtime's `configs/`, never by reading one another's storage.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod jurisdiction;
pub mod master_nodes;

pub use jurisdiction::Jurisdiction;
pub use master_nodes::MasterNodeRegistry;
