//! The records the credentials pallet keeps.

use alloc::{string::String, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use stoa_primitives::{
	credentials::BlockInfo, BlockReason, CredentialKind, InvestorId, InvestorKind, Jurisdiction,
	Moment, QualifierId,
};

/// Whether a qualifier's attestations count.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum QualifierStatus {
	/// Its attestations count; it may create investors, attest and block.
	Active,
	/// Governance suspended it: none of its attestations count, and it may only revoke
	/// attestations and lift its own blocks until it is resumed.
	Suspended,
}

/// A qualifier: a KYC provider, exchange or broker that governance trusts to identify
/// investors and attest credentials about them.
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
#[scale_info(skip_type_params(NameLimit, JurisdictionLimit, KindLimit))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct Qualifier<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	NameLimit: Get<u32>,
	JurisdictionLimit: Get<u32>,
	KindLimit: Get<u32>,
> {
	/// The account that acts for the qualifier.
	pub account: AccountId,
	/// Display name.
	pub name: BoundedVec<u8, NameLimit>,
	/// Where it may qualify investors (their home jurisdictions), sorted.
	pub jurisdictions: BoundedVec<Jurisdiction, JurisdictionLimit>,
	/// The credential kinds it is trusted to attest, sorted.
	pub kinds: BoundedVec<CredentialKind, KindLimit>,
	/// Whether its attestations count.
	pub status: QualifierStatus,
}

/// An investor: an identified person or entity, without personal data.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Investor {
	/// Natural person or legal entity.
	pub kind: InvestorKind,
	/// Home jurisdiction (residence or place of incorporation).
	pub jurisdiction: Jurisdiction,
	/// The qualifier that manages it: links wallets, changes its jurisdiction, recovers
	/// wallets. Any qualifier may attest credentials about it.
	pub qualifier: QualifierId,
	/// How many wallets are linked to it.
	pub wallets: u32,
}

/// One qualifier's attestation of one credential kind about one investor.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Attestation<Hash> {
	/// Who attested.
	pub qualifier: QualifierId,
	/// When (seconds).
	pub issued_at: Moment,
	/// The first second at which it no longer counts, if it expires.
	pub expires_at: Option<Moment>,
	/// Hash of the off-chain evidence (the qualifier's KYC file).
	pub evidence: Hash,
	/// When the qualifier revoked it, if it did. Kept for the audit trail.
	pub revoked_at: Option<Moment>,
}

impl<Hash> Attestation<Hash> {
	/// Whether it is unrevoked and unexpired at `now` (seconds). An attestation expiring at
	/// second `e` counts up to second `e - 1`.
	pub fn is_live(&self, now: Moment) -> bool {
		self.revoked_at.is_none() && self.expires_at.is_none_or(|expiry| now < expiry)
	}
}

/// Who acted: governance or a qualifier.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Actor {
	/// The governance origin.
	Governance,
	/// A qualifier, through its account.
	Qualifier(QualifierId),
}

/// A block on an investor, a wallet or a protocol holder. It beats every credential.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Block {
	/// Why.
	pub reason: BlockReason,
	/// Who blocked: only they (or governance) may lift it.
	pub by: Actor,
	/// When (seconds).
	pub at: Moment,
}

impl From<Block> for BlockInfo {
	fn from(block: Block) -> Self {
		BlockInfo {
			reason: block.reason,
			by_qualifier: match block.by {
				Actor::Governance => None,
				Actor::Qualifier(id) => Some(id),
			},
			at: block.at,
		}
	}
}

/// A qualifier's invitation to a wallet to link to an investor, waiting for the wallet to
/// accept.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct LinkRequest<BlockNumber> {
	/// The investor the wallet is invited to.
	pub investor: InvestorId,
	/// The last block in which the wallet may accept.
	pub expires_at: BlockNumber,
}

/// A contract or pallet-owned account registered to hold securities without an investor
/// behind it (the optimistic whitelist).
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
#[scale_info(skip_type_params(NameLimit))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct ProtocolHolder<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	NameLimit: Get<u32>,
> {
	/// Who registered it, and whose deposit is held.
	pub registrant: AccountId,
	/// The deposit held from the registrant (zero once a block settled it).
	pub deposit: Balance,
	/// What the protocol is (display name).
	pub name: BoundedVec<u8, NameLimit>,
	/// Set when the guardian blocked it: it may no longer receive securities.
	pub block: Option<Block>,
}

/// A qualifier in the genesis config.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisQualifier<AccountId> {
	/// The account that acts for it.
	pub account: AccountId,
	/// Display name.
	pub name: String,
	/// Where it may qualify investors.
	pub jurisdictions: Vec<Jurisdiction>,
	/// The kinds it is trusted to attest.
	pub kinds: Vec<CredentialKind>,
}

/// An investor in the genesis config, with its wallets and the credentials its qualifier
/// attests (unexpiring, issued at time zero).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisInvestor<AccountId> {
	/// Its qualifier, by position in the genesis `qualifiers` (ids start at 0).
	pub qualifier: QualifierId,
	/// Natural person or legal entity.
	pub kind: InvestorKind,
	/// Home jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// Its wallets.
	pub wallets: Vec<AccountId>,
	/// The credential kinds its qualifier attests.
	pub credentials: Vec<CredentialKind>,
}
