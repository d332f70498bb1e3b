//! Who is behind a wallet, and what trusted parties have attested about them.
//!
//! The model (`pallet-credentials`): governance registers **qualifiers** (KYC providers,
//! exchanges, brokers) and says which credential kinds each is trusted to attest. A qualifier
//! creates **investors** (an id with no personal data), links their **wallets** (with each
//! wallet's consent) and **attests credentials** about them. Qualifiers and governance can
//! **block** an investor or a single wallet. Contracts and pallet-owned accounts can hold
//! securities as **protocol holders** (an optimistic whitelist, guarded by governance).
//!
//! Every other pallet reads this through [`CredentialRegistry`] and learns about changes
//! through [`CredentialsListener`].

use crate::{shards::RecordChange, Jurisdiction};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// An investor: a natural person or legal entity a qualifier has identified. It carries no
/// personal data; that stays in the qualifier's own registry.
pub type InvestorId = u64;

/// A qualifier (KYC provider, exchange, broker) registered by governance.
pub type QualifierId = u32;

/// Unix time in seconds: the unit of credential issue and expiry times, read from the
/// chain's timestamp.
pub type Moment = u64;

/// What a credential attests.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Serialize,
	Deserialize,
)]
pub enum CredentialKind {
	/// Identity verified (know your customer).
	Kyc,
	/// Screened against sanctions and AML/CTF lists.
	AmlScreening,
	/// An accredited investor (e.g. US Regulation D).
	AccreditedInvestor,
	/// A professional or qualified investor (e.g. MiFID II professional client).
	ProfessionalInvestor,
	/// The investor's home jurisdiction (residence or place of incorporation) was verified.
	Residence,
	/// A kind registered by governance, by its number.
	Custom(u32),
}

/// Whether an investor is a natural person or a legal entity.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Serialize,
	Deserialize,
)]
pub enum InvestorKind {
	/// A natural person.
	Individual,
	/// A company, fund, trust or other legal entity.
	LegalEntity,
}

/// Why an investor, a wallet or a protocol holder was blocked.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	Serialize,
	Deserialize,
)]
pub enum BlockReason {
	/// A compliance finding the chain does not disclose: a sanctions listing, an AML/CTF
	/// screening hit, fraud. Which one, and why, stays in the blocker's case file, where
	/// regulators read it; state and events are public, and naming the finding there would tie
	/// criminal-offence data to every linked wallet and could tip off the person. On chain is
	/// only a salted commitment to the case (e.g. BLAKE2-256 of a random salt, the finding and
	/// the file's reference), which the blocker can open to a regulator or court.
	Restricted(CaseCommitment),
	/// A court or regulator ordered it.
	CourtOrder,
	/// The wallet's keys are lost or compromised.
	LostWallet,
	/// A protocol behaves in a way its registration did not announce.
	ProtocolMisbehaviour,
	/// Any other reason, recorded off chain by whoever blocked.
	Other,
}

/// A salted commitment to a blocker's off-chain case file (see [`BlockReason::Restricted`]).
pub type CaseCommitment = sp_core::H256;

/// Who may hold securities through an account, as far as credentials are concerned.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub enum HolderKind {
	/// A wallet linked to this investor.
	Investor(InvestorId),
	/// A registered, unblocked protocol holder (contract or pallet-owned account).
	Protocol,
	/// Neither: no investor behind it and no protocol registration.
	Unknown,
}

/// Read access to investors, wallets, credentials, blocks and protocol holders.
///
/// Implemented by `pallet-credentials`; read by compliance and issuance. Every answer takes
/// qualifier status into account: attestations of a suspended or removed qualifier, or of a
/// qualifier no longer trusted for the kind, do not count.
pub trait CredentialRegistry<AccountId> {
	/// The investor a wallet is linked to.
	fn investor_of(wallet: &AccountId) -> Option<InvestorId>;

	/// Whether `account` is an investor's wallet, an active protocol holder, or neither.
	fn holder_kind(account: &AccountId) -> HolderKind {
		match Self::investor_of(account) {
			Some(investor) => HolderKind::Investor(investor),
			None if Self::is_protocol_holder(account) => HolderKind::Protocol,
			None => HolderKind::Unknown,
		}
	}

	/// Whether `investor` holds a credential of `kind` that counts at time `at` (seconds):
	/// attested by a qualifier that is active and trusted for `kind` (and, if `qualifiers`
	/// is given, one of them), not revoked and not expired.
	fn has_credential(
		investor: InvestorId,
		kind: CredentialKind,
		qualifiers: Option<&[QualifierId]>,
		at: Moment,
	) -> bool;

	/// The investor's home jurisdiction (residence or place of incorporation).
	fn jurisdiction_of(investor: InvestorId) -> Option<Jurisdiction>;

	/// Whether the investor is a natural person or a legal entity.
	fn investor_kind(investor: InvestorId) -> Option<InvestorKind>;

	/// Why the investor is blocked, if it is.
	fn investor_block(investor: InvestorId) -> Option<BlockReason>;

	/// Why this account may not hold or move securities, if it may not: a block on the
	/// wallet itself, on the investor behind it, or on the protocol holder it is. A block
	/// beats every credential.
	fn account_block(account: &AccountId) -> Option<BlockReason>;

	/// Whether `account` is a registered protocol holder that governance has not blocked.
	fn is_protocol_holder(account: &AccountId) -> bool;

	/// The chain's current time, in seconds, as credential expiry reads it.
	fn now() -> Moment;
}

/// Told when something about an investor changes that other pallets keep derived state
/// for (per-jurisdiction holder counts, holdings to move on recovery).
///
/// Called inside the extrinsic that made the change, so implementations must be cheap and
/// declare their cost in the `*_weight` functions: the calls' weights include them.
pub trait CredentialsListener<AccountId> {
	/// An attestation was added, renewed or revoked, or the investor was blocked or
	/// unblocked. (Qualifier suspension and removal take effect on read, without notice to
	/// each investor: that is what keeps them O(1).)
	///
	/// Returns what it cost, at most [`Self::on_credentials_changed_weight`] (the caller
	/// declares that and refunds the rest: the cost depends on what the investor holds).
	fn on_credentials_changed(investor: InvestorId) -> Weight;

	/// The investor's home jurisdiction changed from `from` to `to`. Returns what it cost,
	/// at most [`Self::on_jurisdiction_changed_weight`].
	fn on_jurisdiction_changed(
		investor: InvestorId,
		from: Jurisdiction,
		to: Jurisdiction,
	) -> Weight;

	/// The investor's `lost` wallet was replaced by its wallet `new`: holdings should move.
	fn on_wallet_recovered(investor: InvestorId, lost: &AccountId, new: &AccountId);

	/// `wallet` was linked to `investor` (a recovery recorded for it no longer applies).
	fn on_wallet_linked(_investor: InvestorId, _wallet: &AccountId) {}

	/// The most [`Self::on_credentials_changed`] may cost.
	fn on_credentials_changed_weight() -> Weight;

	/// The most [`Self::on_jurisdiction_changed`] may cost.
	fn on_jurisdiction_changed_weight() -> Weight;

	/// The most [`Self::on_wallet_recovered`] may cost.
	fn on_wallet_recovered_weight() -> Weight;

	/// The most [`Self::on_wallet_linked`] may cost.
	fn on_wallet_linked_weight() -> Weight {
		Weight::zero()
	}

	/// A home record changed (for a mirror that sends it to other shards: see
	/// [`crate::shards`]). Returns what it cost, at most [`Self::on_record_changed_weight`].
	fn on_record_changed(_change: RecordChange<'_, AccountId>) -> Weight {
		Weight::zero()
	}

	/// The most [`Self::on_record_changed`] may cost.
	fn on_record_changed_weight() -> Weight {
		Weight::zero()
	}
}

/// Whether an account holds units of any security (`pallet-issuance`).
///
/// The credentials pallet asks before it changes who is behind a wallet (unlinking, linking,
/// protocol-holder registration): units never change beneficial owner, or shed the rules that
/// bind their owner, except by a movement the transfer guard saw.
pub trait HoldingsInspector<AccountId> {
	/// Whether `account` holds a positive balance of any security. (A frozen amount alone does
	/// not count: any security's transfer agent can set one on any account, and must not be
	/// able to pin a wallet to its investor that way.)
	fn holds_units(account: &AccountId) -> bool;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl<AccountId> CredentialsListener<AccountId> for Tuple {
	fn on_credentials_changed(investor: InvestorId) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_credentials_changed(investor)); )* );
		weight
	}
	fn on_jurisdiction_changed(
		investor: InvestorId,
		from: Jurisdiction,
		to: Jurisdiction,
	) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_jurisdiction_changed(investor, from, to)); )* );
		weight
	}
	fn on_wallet_recovered(investor: InvestorId, lost: &AccountId, new: &AccountId) {
		for_tuples!( #( Tuple::on_wallet_recovered(investor, lost, new); )* );
	}
	fn on_wallet_linked(investor: InvestorId, wallet: &AccountId) {
		for_tuples!( #( Tuple::on_wallet_linked(investor, wallet); )* );
	}
	fn on_record_changed(change: RecordChange<'_, AccountId>) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_record_changed(change)); )* );
		weight
	}
	fn on_record_changed_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_record_changed_weight()); )* );
		weight
	}
	fn on_credentials_changed_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_credentials_changed_weight()); )* );
		weight
	}
	fn on_jurisdiction_changed_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_jurisdiction_changed_weight()); )* );
		weight
	}
	fn on_wallet_recovered_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_wallet_recovered_weight()); )* );
		weight
	}
	fn on_wallet_linked_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_wallet_linked_weight()); )* );
		weight
	}
}

/// An attestation as integrators see it, with whether it counts now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialInfo<Hash> {
	/// What it attests.
	pub kind: CredentialKind,
	/// Who attested it.
	pub qualifier: QualifierId,
	/// When it was attested (seconds).
	pub issued_at: Moment,
	/// The first second at which it no longer counts, if it expires.
	pub expires_at: Option<Moment>,
	/// Hash of the qualifier's off-chain evidence (the KYC file).
	pub evidence: Hash,
	/// When its qualifier revoked it, if it did.
	pub revoked_at: Option<Moment>,
	/// Whether it counts now: unexpired, unrevoked, and its qualifier active and trusted
	/// for the kind.
	pub valid: bool,
}

/// A block as integrators see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockInfo {
	/// Why.
	pub reason: BlockReason,
	/// The qualifier that blocked, or `None` for governance.
	pub by_qualifier: Option<QualifierId>,
	/// When (seconds).
	pub at: Moment,
}

/// An investor as integrators see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvestorInfo<AccountId, Hash> {
	/// The investor's id.
	pub id: InvestorId,
	/// Natural person or legal entity.
	pub kind: InvestorKind,
	/// Home jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// The qualifier that manages it (created it, or was assigned by governance); for an
	/// imported investor, a qualifier of its home shard.
	pub qualifier: QualifierId,
	/// Its linked wallets.
	pub wallets: Vec<AccountId>,
	/// Every attestation about it, valid or not.
	pub credentials: Vec<CredentialInfo<Hash>>,
	/// The block on it, if any.
	pub block: Option<BlockInfo>,
	/// Where it comes from, if another shard is its home (this shard imported it): the
	/// shard's parachain id and the investor's id there. `None` for this shard's own.
	pub home: Option<HomeShard>,
}

/// The shard an imported investor comes from (`credentials_account` shows it).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeShard {
	/// The home shard's parachain id.
	pub shard: crate::ShardId,
	/// The investor's id on its home shard.
	pub investor: InvestorId,
	/// Whether this shard trusts the home shard now (if not, nothing imported counts).
	pub trusted: bool,
}

/// A protocol-holder registration as integrators see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtocolHolderInfo<AccountId> {
	/// Who registered it (and whose deposit is held).
	pub registrant: AccountId,
	/// What the protocol is.
	#[serde(serialize_with = "crate::serialize_utf8")]
	pub name: Vec<u8>,
	/// The guardian's block, if it blocked the protocol.
	pub block: Option<BlockInfo>,
}

/// Everything the chain knows about an account, credential-wise.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountCredentials<AccountId, Hash> {
	/// The investor behind the wallet, with its credentials.
	pub investor: Option<InvestorInfo<AccountId, Hash>>,
	/// A block on this wallet itself, if any.
	pub wallet_block: Option<BlockInfo>,
	/// Its protocol-holder registration, if it is one.
	pub protocol_holder: Option<ProtocolHolderInfo<AccountId>>,
	/// An investor that invited this wallet and is waiting for its acceptance.
	pub pending_link: Option<InvestorId>,
	/// Why the account may not hold securities, if it may not (the block that wins).
	pub blocked: Option<BlockReason>,
}

sp_api::decl_runtime_apis! {
	/// Read investors, wallets, credentials and blocks (`pallet-credentials`).
	#[api_version(1)]
	pub trait CredentialsApi<AccountId, Hash> where
		AccountId: codec::Codec,
		Hash: codec::Codec,
	{
		/// Everything known about `account`: its investor and that investor's credentials
		/// (with whether each counts now), blocks, protocol-holder status.
		fn account(account: AccountId) -> AccountCredentials<AccountId, Hash>;

		/// An investor, its wallets, credentials and block.
		fn investor(investor: InvestorId) -> Option<InvestorInfo<AccountId, Hash>>;

		/// Whether `investor` holds a credential of `kind` that counts now.
		fn has_credential(investor: InvestorId, kind: CredentialKind) -> bool;
	}
}
