//! Securities and the movements of their balances (`pallet-issuance`).
//!
//! Every movement of a security (issue, transfer, forced transfer, recovery, redemption,
//! offering settlement, and transfers through the `fungibles` traits) goes through one
//! function in `pallet-issuance`, which asks a [`TransferGuard`] whether it is allowed. The
//! guard is where compliance plugs in.

use crate::{BlockReason, CredentialKind, CredentialRegistry, HolderKind, InvestorId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A security, by its number on this chain.
pub type SecurityId = u32;

/// A primary offering, by its number on this chain.
pub type OfferingId = u32;

/// What moves a security's balance.
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
)]
pub enum MovementKind {
	/// New units issued to `to` by the issuance agent.
	Issue,
	/// A holder moves units to `to`.
	Transfer,
	/// The transfer agent moves units from `from` to `to` (court order, error correction,
	/// inheritance). The sender's consent, freezes and blocks are not required: that is the
	/// point of a forced transfer. The receiver is still checked.
	ForcedTransfer,
	/// Holdings of a lost wallet move to the investor's new wallet after a credentials
	/// recovery. The lost wallet is blocked by design, so only the receiver is checked.
	Recovery,
	/// A holder redeems (burns) its own units; the sender is checked.
	Redemption,
	/// The issuance agent redeems a holder's units (maturity, buy-back, court order); like a
	/// forced transfer, the holder is not checked.
	ForcedRedemption,
	/// Units issued to a subscriber when an offering settles.
	OfferingSettlement,
}

impl MovementKind {
	/// Whether the sending side is exempt from the guard's checks.
	pub fn skips_sender_checks(&self) -> bool {
		matches!(self, Self::ForcedTransfer | Self::Recovery | Self::ForcedRedemption)
	}
}

/// A movement of `amount` units of `security`, from `from` (none when issuing) to `to`
/// (none when redeeming).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct Movement<AccountId, Balance> {
	/// The security.
	pub security: SecurityId,
	/// What kind of movement.
	pub kind: MovementKind,
	/// The sender, unless units are issued.
	pub from: Option<AccountId>,
	/// The receiver, unless units are redeemed.
	pub to: Option<AccountId>,
	/// How many units (the security's smallest unit).
	pub amount: Balance,
}

/// Which side of a movement a rejection is about.
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
)]
pub enum Party {
	/// The account units leave.
	Sender,
	/// The account units arrive at.
	Receiver,
}

/// Why a guard refuses a movement: machine-readable, stable reason codes for integrators.
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
)]
pub enum TransferRejection {
	/// The account is neither an investor's wallet nor an active protocol holder.
	NotEligible(Party),
	/// The account, its investor or its protocol registration is blocked.
	Blocked(Party, BlockReason),
	/// The investor lacks a credential that counts now.
	MissingCredential(Party, CredentialKind),
	/// A rule of the security's rule set refused it (`rule` is its index in the set).
	RuleViolation { rule: u32 },
}

/// Decides whether a movement of a security may happen.
///
/// Called by `pallet-issuance` for every movement, before anything is written; a rejection
/// aborts the movement with no state change.
pub trait TransferGuard<AccountId, Balance> {
	/// `Ok` if the movement may happen, else why not.
	///
	/// Its cost is part of the benchmarked weight of every call that moves units (the
	/// benchmarks run against the runtime's guard), so weights are regenerated whenever the
	/// runtime's guard changes.
	fn check(movement: &Movement<AccountId, Balance>) -> Result<(), TransferRejection>;

	/// Told after a movement was applied (per-jurisdiction holder counts, for instance).
	fn on_moved(_movement: &Movement<AccountId, Balance>) {}
}

/// The interim transfer guard: each side of a movement must be an unblocked investor's wallet
/// with a valid KYC credential, or an active protocol holder. The sender's checks are skipped
/// for forced transfers, recoveries and forced redemptions (see [`MovementKind`]).
///
/// Used until securities carry their own rule sets (the compliance pallet).
pub struct KycGuard<Registry>(core::marker::PhantomData<Registry>);

impl<Registry> KycGuard<Registry> {
	/// Whether `account` may take part in a movement on the `party` side.
	pub fn check_party<AccountId>(
		account: &AccountId,
		party: Party,
	) -> Result<(), TransferRejection>
	where
		Registry: CredentialRegistry<AccountId>,
	{
		if let Some(reason) = Registry::account_block(account) {
			return Err(TransferRejection::Blocked(party, reason));
		}
		match Registry::holder_kind(account) {
			HolderKind::Investor(investor) => {
				let now = Registry::now();
				if !Registry::has_credential(investor, CredentialKind::Kyc, None, now) {
					return Err(TransferRejection::MissingCredential(party, CredentialKind::Kyc));
				}
				Ok(())
			},
			HolderKind::Protocol => Ok(()),
			HolderKind::Unknown => Err(TransferRejection::NotEligible(party)),
		}
	}
}

impl<Registry, AccountId, Balance> TransferGuard<AccountId, Balance> for KycGuard<Registry>
where
	Registry: CredentialRegistry<AccountId>,
{
	fn check(movement: &Movement<AccountId, Balance>) -> Result<(), TransferRejection> {
		if let Some(from) = &movement.from {
			if !movement.kind.skips_sender_checks() {
				Self::check_party(from, Party::Sender)?;
			}
		}
		if let Some(to) = &movement.to {
			Self::check_party(to, Party::Receiver)?;
		}
		Ok(())
	}
}

/// A role an issuer may delegate for one of its securities. The issuer (any wallet of the
/// issuing investor) holds every role.
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
)]
pub enum Role {
	/// Issues and redeems units, runs offerings.
	Issuance,
	/// Pauses the security and manages its rules.
	Compliance,
	/// Freezes holders and amounts, forces transfers, recovers holdings.
	Transfer,
	/// Runs corporate actions (distributions, splits, ballots).
	CorporateActions,
}

/// Read access to securities and their holders, for the pallets built on issuance
/// (compliance, corporate actions).
pub trait SecurityRegistry<AccountId, Balance> {
	/// The investor that issued `security`, if it exists.
	fn issuer_of(security: SecurityId) -> Option<InvestorId>;
	/// Whether `who` may act in `role` for `security` (the issuer always may).
	fn has_role(security: SecurityId, who: &AccountId, role: Role) -> bool;
	/// `who`'s balance of `security`.
	fn balance_of(security: SecurityId, who: &AccountId) -> Balance;
	/// The units of `security` in existence.
	fn total_supply(security: SecurityId) -> Balance;
	/// How many holders `security` has, counting each investor once.
	fn holder_count(security: SecurityId) -> u32;
}

/// A security as integrators see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct HoldingInfo<Balance> {
	/// The security.
	pub security: SecurityId,
	/// The whole balance.
	pub balance: Balance,
	/// How much of it is frozen.
	pub frozen: Balance,
	/// Whether the whole holder is frozen for this security.
	pub holder_frozen: bool,
}

/// One holder of a security, for paged holder lists.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct HolderInfo<AccountId, Balance> {
	/// The holding account.
	pub account: AccountId,
	/// The investor behind it, if any (a protocol holder has none).
	pub investor: Option<InvestorId>,
	/// Its balance.
	pub balance: Balance,
	/// How much of it is frozen.
	pub frozen: Balance,
}

/// A page of holders and where the next page starts.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct HoldersPage<AccountId, Balance> {
	/// Holders, in storage order.
	pub holders: Vec<HolderInfo<AccountId, Balance>>,
	/// Pass this as `start_after` for the next page; `None` when this page is the last.
	pub next: Option<AccountId>,
}

sp_api::decl_runtime_apis! {
	/// Read securities, holdings and holders (`pallet-issuance`). `Security` is the runtime's
	/// security record (name, symbol, kind, identifiers, supply, status; see the metadata).
	pub trait IssuanceApi<AccountId, Balance, Security> where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		Security: codec::Codec,
	{
		/// A security's details.
		fn security(security: SecurityId) -> Option<Security>;

		/// Every holding of `account`.
		fn holdings(account: AccountId) -> Vec<HoldingInfo<Balance>>;

		/// Up to `limit` (at most 1,000) holders of `security`, starting after `start_after`.
		fn holders(
			security: SecurityId,
			start_after: Option<AccountId>,
			limit: u32,
		) -> HoldersPage<AccountId, Balance>;
	}
}
