//! Types and traits shared by Stoa's pallets, runtime and node.
//!
//! Pallets talk to each other through the traits declared here, wired together in the
//! runtime's `configs/`, never by reading one another's storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod credentials;
pub mod identifiers;
pub mod issuance;
pub mod jurisdiction;
pub mod master_nodes;

pub use credentials::{
	BlockReason, CredentialKind, CredentialRegistry, CredentialsListener, HolderKind, InvestorId,
	InvestorKind, Moment, QualifierId,
};
pub use identifiers::{Cusip, Figi, Isin, Lei};
pub use issuance::{
	Movement, MovementKind, OfferingId, Party, Role, SecurityId, SecurityRegistry, TransferGuard,
	TransferRejection,
};
pub use jurisdiction::Jurisdiction;
pub use master_nodes::MasterNodeRegistry;
