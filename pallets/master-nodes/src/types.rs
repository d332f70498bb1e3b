//! The records the master-nodes pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use stoa_primitives::Jurisdiction;

/// Where a master node's licence can be read, and the hash of the document found there.
///
/// The document stays off chain (at the regulator or the operator); the hash lets anyone
/// check that what they read is what was admitted.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(UriLimit))]
#[codec(mel_bound(Hash: MaxEncodedLen))]
pub struct Licence<Hash: Clone + PartialEq + Eq + core::fmt::Debug, UriLimit: Get<u32>> {
	/// URI of the licence document (e.g. a regulator's register entry).
	pub uri: BoundedVec<u8, UriLimit>,
	/// Hash of the licence document.
	pub hash: Hash,
}

/// A master node: a regulated entity admitted to author blocks.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(NameLimit, UriLimit))]
#[codec(mel_bound(Hash: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct MasterNode<
	Hash: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	NameLimit: Get<u32>,
	UriLimit: Get<u32>,
> {
	/// Display name of the regulated entity that operates the node.
	pub name: BoundedVec<u8, NameLimit>,
	/// The jurisdiction whose regulator licensed the entity.
	pub jurisdiction: Jurisdiction,
	/// The licence that makes the entity eligible.
	pub licence: Licence<Hash, UriLimit>,
	/// The block at which governance admitted the node.
	pub admitted_at: BlockNumber,
}

/// A master node as written in a chain spec's genesis.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisMasterNode<AccountId, Hash> {
	/// The operator's account; it signs `session.set_keys`.
	pub operator: AccountId,
	/// Display name of the regulated entity.
	pub name: alloc::string::String,
	/// ISO 3166-1 alpha-2 code of the licensing jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// URI of the licence document.
	pub licence_uri: alloc::string::String,
	/// Hash of the licence document.
	pub licence_hash: Hash,
}
