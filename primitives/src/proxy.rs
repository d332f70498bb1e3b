//! The kinds of proxy an account can name (`pallet-proxy`): what a delegate may sign for its
//! principal. The runtime decides which calls each kind admits (`InstanceFilter`); the calls
//! still run as the principal, so every pallet's own checks (is the principal the security's
//! agent, the qualifier, a council member?) apply on top.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What a proxy may do for its principal.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Default,
)]
pub enum ProxyType {
	/// Anything the principal may do.
	#[default]
	Any,
	/// Anything but moving the principal's money or units: no balance, settlement-currency
	/// or security transfers, no subscriptions or redemptions, no XCM, no security
	/// administration (that is `Issuance`), no signing for another account or a multisig.
	NonTransfer,
	/// A security's staff: the issuance, compliance and corporate-actions calls a security's
	/// agent signs (the pallets check that the principal is that security's agent), except
	/// appointing agents.
	Issuance,
	/// A council member's office: council proposals, votes and closes.
	Governance,
	/// A qualifier's staff: the credentials calls a qualifier signs (attest, revoke, onboard
	/// and block investors).
	Qualifier,
	/// Only rejects announcements of the principal's time-delayed proxies and cancels its
	/// multisig operations.
	CancelProxy,
}
