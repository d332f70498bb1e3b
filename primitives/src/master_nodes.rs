//! What other pallets may ask about master nodes.

use crate::Jurisdiction;

/// Read access to the registry of master nodes (the regulated entities that author blocks).
///
/// Implemented by `pallet-master-nodes`. Issuance uses it for the regulatory reach a master
/// node brings: a master node can help issue in its own jurisdiction.
pub trait MasterNodeRegistry<AccountId> {
	/// Whether `operator` is an admitted master node.
	fn is_master_node(operator: &AccountId) -> bool;
	/// The jurisdiction a master node is licensed in, if `operator` is one.
	fn jurisdiction_of(operator: &AccountId) -> Option<Jurisdiction>;
	/// The number of admitted master nodes.
	fn count() -> u32;
}

/// A master node as integrators see it.
#[derive(
	Clone,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	scale_info::TypeInfo,
	Debug,
	serde::Serialize,
)]
#[serde(rename_all = "camelCase")]
pub struct MasterNodeInfo<AccountId> {
	/// The operator's account (its session keys author blocks).
	pub operator: AccountId,
	/// Display name (UTF-8).
	#[serde(serialize_with = "crate::serialize_utf8")]
	pub name: alloc::vec::Vec<u8>,
	/// Where it is licensed.
	pub jurisdiction: Jurisdiction,
	/// Where its licence is published (UTF-8).
	#[serde(serialize_with = "crate::serialize_utf8")]
	pub licence_uri: alloc::vec::Vec<u8>,
	/// The block it was admitted in.
	pub admitted_at: u32,
	/// Whether it is in the authority set planned for the next session.
	pub authoring: bool,
	/// Whether it is admitted but left out of the authority set for lack of session keys.
	pub awaiting_keys: bool,
}

sp_api::decl_runtime_apis! {
	/// Read the master nodes (`pallet-master-nodes`).
	#[api_version(1)]
	pub trait MasterNodesApi<AccountId> where AccountId: codec::Codec {
		/// Every admitted master node (at most the runtime's `MaxMasterNodes`).
		fn master_nodes() -> alloc::vec::Vec<MasterNodeInfo<AccountId>>;
	}
}
