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
