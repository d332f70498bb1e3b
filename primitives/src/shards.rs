//! Credentials that travel between shards (`pallet-shard-credentials`).
//!
//! A shard's own investors, wallets, attestations, blocks and qualifiers are **home** records:
//! that shard is authoritative for them. `pallet-credentials` tells a mirror what changed
//! through [`CredentialsListener::on_record_changed`](crate::CredentialsListener), and the
//! mirror reads the current state through [`CredentialsExport`] to send it to the shards that
//! trust this one. On a receiving shard the imported copies are kept apart, keyed by their home
//! shard, and `pallet-credentials` answers for them through [`ImportedCredentials`].

use crate::{
	credentials::InvestorInfo, BlockReason, CredentialKind, InvestorId, InvestorKind, Jurisdiction,
	Moment, QualifierId,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A shard's parachain id.
pub type ShardId = u32;

/// Ids from here up name investors imported from another shard; a shard's own investors are
/// numbered below it. (2^52: every id stays exact as a JavaScript number in RPC answers.)
pub const IMPORTED_INVESTOR_BASE: InvestorId = 1 << 52;

/// Whether `investor` is another shard's investor, as this shard numbers it.
pub fn is_imported(investor: InvestorId) -> bool {
	investor >= IMPORTED_INVESTOR_BASE
}

/// A home record that changed, so that a mirror sends its new state.
#[derive(PartialEq, Eq, Debug)]
pub enum RecordChange<'a, AccountId> {
	/// An investor was created, changed jurisdiction, or was blocked or unblocked.
	Investor(InvestorId),
	/// An attestation of this kind about the investor was made, renewed or revoked.
	Credential(InvestorId, CredentialKind),
	/// A wallet was linked, unlinked, recovered, blocked or unblocked.
	Wallet(&'a AccountId),
	/// A qualifier was registered, changed kinds, or was suspended, resumed or removed.
	Qualifier(QualifierId),
}

impl<AccountId> Clone for RecordChange<'_, AccountId> {
	fn clone(&self) -> Self {
		*self
	}
}
impl<AccountId> Copy for RecordChange<'_, AccountId> {}

/// A block, as it travels: why and when (who blocked stays home).
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
pub struct BlockState {
	/// Why.
	pub reason: BlockReason,
	/// When, on the home shard's clock (seconds).
	pub at: Moment,
}

/// An investor's record as its home shard holds it.
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
pub struct InvestorState {
	/// The home shard's qualifier that manages it.
	pub qualifier: QualifierId,
	/// Natural person or legal entity.
	pub kind: InvestorKind,
	/// Home jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// The block on the investor, if any.
	pub block: Option<BlockState>,
}

/// One qualifier's attestation, as it travels (the evidence hash stays home).
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
pub struct AttestationState {
	/// The home shard's qualifier.
	pub qualifier: QualifierId,
	/// When it was attested (seconds).
	pub issued_at: Moment,
	/// The first second at which it no longer counts, if it expires.
	pub expires_at: Option<Moment>,
	/// When it was revoked, if it was.
	pub revoked_at: Option<Moment>,
}

impl AttestationState {
	/// Unrevoked and unexpired at `now` (seconds).
	pub fn is_live(&self, now: Moment) -> bool {
		self.revoked_at.is_none() && self.expires_at.is_none_or(|expiry| now < expiry)
	}
}

/// A wallet as its home shard holds it.
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
pub struct WalletState {
	/// The home investor it is linked to, if any.
	pub investor: Option<InvestorId>,
	/// The block on the wallet itself, if any.
	pub block: Option<BlockState>,
}

/// A qualifier as its home shard holds it (`None` from [`CredentialsExport::qualifier`] once
/// removed).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct QualifierState {
	/// Whether its attestations count (not suspended).
	pub active: bool,
	/// The built-in credential kinds it is trusted for.
	pub kinds: Vec<CredentialKind>,
}

/// The home records of this shard, read by the mirror that sends them (`pallet-credentials`).
///
/// Custom credential kinds are numbered per shard and mean nothing elsewhere: they do not
/// travel. Imported records are never exported again (trust does not chain).
pub trait CredentialsExport<AccountId> {
	/// A home investor's record.
	fn investor(investor: InvestorId) -> Option<InvestorState>;
	/// The attestations of `kind` about a home investor (at most the pallet's bound).
	fn attestations(investor: InvestorId, kind: CredentialKind) -> Vec<AttestationState>;
	/// A wallet's home link and block.
	fn wallet(wallet: &AccountId) -> WalletState;
	/// A home qualifier's status, `None` if there is none (removed, or never registered).
	fn qualifier(qualifier: QualifierId) -> Option<QualifierState>;
	/// The wallets linked to a home investor (at most the pallet's bound).
	fn wallets(investor: InvestorId) -> Vec<AccountId>;
	/// Whether `account` is registered here as a protocol holder (blocked or not): its units
	/// are its own, whatever link another shard sends for it.
	fn protocol_holder(account: &AccountId) -> bool;
}

/// What this shard imported from the shards it trusts, as `pallet-credentials` reads it for its
/// `CredentialRegistry`. Only records whose home shard is trusted now count.
pub trait ImportedCredentials<AccountId, Hash> {
	/// The imported investor a wallet is linked to.
	fn investor_of(wallet: &AccountId) -> Option<InvestorId>;
	/// Whether an imported investor holds a credential of `kind` that counts at `at`.
	fn has_credential(investor: InvestorId, kind: CredentialKind, at: Moment) -> bool;
	/// An imported investor's home jurisdiction.
	fn jurisdiction_of(investor: InvestorId) -> Option<Jurisdiction>;
	/// An imported investor's kind.
	fn investor_kind(investor: InvestorId) -> Option<InvestorKind>;
	/// The imported block on an investor.
	fn investor_block(investor: InvestorId) -> Option<BlockReason>;
	/// An imported block that applies to the account: on the wallet, on the imported
	/// investor it is linked to, or a hold while its link changes under units.
	fn account_block(account: &AccountId) -> Option<BlockReason>;
	/// An imported investor as integrators see it.
	fn investor_info(investor: InvestorId) -> Option<InvestorInfo<AccountId, Hash>>;
}

impl<AccountId, Hash> ImportedCredentials<AccountId, Hash> for () {
	fn investor_of(_: &AccountId) -> Option<InvestorId> {
		None
	}
	fn has_credential(_: InvestorId, _: CredentialKind, _: Moment) -> bool {
		false
	}
	fn jurisdiction_of(_: InvestorId) -> Option<Jurisdiction> {
		None
	}
	fn investor_kind(_: InvestorId) -> Option<InvestorKind> {
		None
	}
	fn investor_block(_: InvestorId) -> Option<BlockReason> {
		None
	}
	fn account_block(_: &AccountId) -> Option<BlockReason> {
		None
	}
	fn investor_info(_: InvestorId) -> Option<InvestorInfo<AccountId, Hash>> {
		None
	}
}
