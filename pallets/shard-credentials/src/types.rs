//! The message format between shards, and the imported records a receiving shard keeps.
//!
//! The format is a protocol between shards that may run different runtime versions, so its
//! bounds are constants of the format, not of a runtime's configuration, and every message is
//! [`VersionedUpdates`]: a later format is a new variant, decoded beside the old one.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use stoa_primitives::{
	shards::{AttestationState, BlockState, InvestorState, ShardId, WalletState},
	CredentialKind, InvestorId, QualifierId,
};

/// The most attestations of one kind about one investor a message carries.
pub const MAX_ATTESTATIONS: u32 = 16;
/// The most credential kinds a qualifier's record carries.
pub const MAX_KINDS: u32 = 16;
/// The most updates one message carries (an investor with every wallet and kind fits).
pub const MAX_UPDATES: u32 = 32;

/// The credential kinds that travel: custom kinds are numbered per shard and stay home.
pub const TRAVELLING_KINDS: [CredentialKind; 5] = [
	CredentialKind::Kyc,
	CredentialKind::AmlScreening,
	CredentialKind::AccreditedInvestor,
	CredentialKind::ProfessionalInvestor,
	CredentialKind::Residence,
];

/// The attestations of one kind about one investor.
pub type Attestations = BoundedVec<AttestationState, ConstU32<MAX_ATTESTATIONS>>;
/// The credential kinds a qualifier is trusted for.
pub type Kinds = BoundedVec<CredentialKind, ConstU32<MAX_KINDS>>;

/// A home qualifier's status as it travels.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct QualifierRecord {
	/// Whether its attestations count (it is not suspended).
	pub active: bool,
	/// The built-in credential kinds it is trusted for.
	pub kinds: Kinds,
}

/// The current state of one home record. Every record is sent whole, so the newest one a
/// receiver has seen is the truth, whatever order messages arrive in.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Record<AccountId> {
	/// An investor: kind, jurisdiction and block (`None`: no such investor).
	Investor { investor: InvestorId, state: Option<InvestorState> },
	/// Every qualifier's attestation of `kind` about an investor (empty: none left).
	Credential { investor: InvestorId, kind: CredentialKind, attestations: Attestations },
	/// A wallet's link and block.
	Wallet { wallet: AccountId, state: WalletState },
	/// A qualifier's status (`None`: removed).
	Qualifier { qualifier: QualifierId, state: Option<QualifierRecord> },
}

/// One record with the home shard's sequence number: strictly increasing over everything the
/// shard sends, so that a receiver applies a record only if it is newer than the one it has.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Update<AccountId> {
	/// The home shard's sequence number.
	pub seq: u64,
	/// The record's state.
	pub record: Record<AccountId>,
}

/// A message's payload, versioned.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum VersionedUpdates<AccountId> {
	/// Version 1.
	#[codec(index = 1)]
	V1(BoundedVec<Update<AccountId>, ConstU32<MAX_UPDATES>>),
}

/// An imported investor, under the id this shard gives it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ImportedInvestor {
	/// Its home shard.
	pub shard: ShardId,
	/// Its id on the home shard.
	pub home_id: InvestorId,
	/// The sequence number of the record last applied (0: none yet).
	pub seq: u64,
	/// The trust epoch it was imported in: it counts only while that is the shard's.
	pub epoch: u32,
	/// Its record, once one arrived (`None` before, or if the home shard has none).
	pub state: Option<InvestorState>,
}

/// An imported set of attestations of one kind about one investor.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ImportedAttestations {
	/// The home shard (whose qualifiers attested).
	pub shard: ShardId,
	/// The sequence number of the record.
	pub seq: u64,
	/// The trust epoch it was imported in.
	pub epoch: u32,
	/// The attestations.
	pub attestations: Attestations,
}

/// An imported wallet.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ImportedWallet {
	/// The shard whose record this is.
	pub shard: ShardId,
	/// The sequence number of the record.
	pub seq: u64,
	/// The trust epoch it was imported in.
	pub epoch: u32,
	/// The imported investor it counts as linked to here.
	pub investor: Option<InvestorId>,
	/// The investor the home shard links it to now, when that differs from `investor`: the
	/// wallet held units here when its link changed, so the units keep their owner and the
	/// wallet is held (blocked) until they have left; then anyone may apply the new link.
	/// (Also set when this shard's recovery unlinks a wallet it linked too, with units in it.)
	pub pending: Option<Option<InvestorId>>,
	/// The block on the wallet itself.
	pub block: Option<BlockState>,
}

/// A trusted shard's block of a wallet that another trusted shard links here: the claim is
/// refused (one home per wallet), the block counts (blocks win wherever they come from).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ImportedWalletBlock {
	/// The sequence number of the record it came in.
	pub seq: u64,
	/// The trust epoch it was imported in.
	pub epoch: u32,
	/// The block, `None` once the shard lifted it (kept, so an older record cannot return).
	pub block: Option<BlockState>,
}

/// An imported qualifier.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ImportedQualifier {
	/// The sequence number of the record.
	pub seq: u64,
	/// The trust epoch it was imported in.
	pub epoch: u32,
	/// Its status (`None`: removed).
	pub state: Option<QualifierRecord>,
}

/// What became of one update on import.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
	/// Applied.
	Applied,
	/// Older than (or as old as) the record already held: dropped.
	Stale,
	/// Refused: see the event it raised.
	Refused,
}
