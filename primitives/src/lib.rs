//! Types and traits shared by Stoa's pallets, runtime and node.
//!
//! Pallets talk to each other through the traits declared here, wired together in the
//! runtime's `configs/`, never by reading one another's storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod calendar;
pub mod corporate_actions;
pub mod credentials;
pub mod identifiers;
pub mod issuance;
pub mod jurisdiction;
pub mod master_nodes;
pub mod proxy;
pub mod shards;

pub use corporate_actions::{BallotId, CheckpointId, DistributionId};
pub use credentials::{
	BlockReason, CredentialKind, CredentialRegistry, CredentialsListener, HolderKind,
	HoldingsInspector, InvestorId, InvestorKind, Moment, QualifierId,
};
pub use identifiers::{Cusip, Figi, Isin, Lei};
pub use issuance::{
	DebtTerms, HoldingsObserver, Movement, MovementKind, OfferingId, Party, Role, SecurityAdmin,
	SecurityId, SecurityRegistry, TransferGuard, TransferRejection,
};
pub use jurisdiction::Jurisdiction;
pub use master_nodes::MasterNodeRegistry;
pub use proxy::ProxyType;
pub use shards::{CredentialsExport, ImportedCredentials, RecordChange, ShardId};

/// Serialises UTF-8 bytes (names, URIs) as a JSON string, for the node's RPC methods.
pub(crate) fn serialize_utf8<S: serde::Serializer>(
	bytes: &alloc::vec::Vec<u8>,
	serializer: S,
) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&alloc::string::String::from_utf8_lossy(bytes))
}
