//! Securities and the movements of their balances (`pallet-issuance`).
//!
//! Every movement of a security (issue, transfer, forced transfer, recovery, redemption,
//! offering settlement, and transfers through the `fungibles` traits) goes through one
//! function in `pallet-issuance`, which asks a [`TransferGuard`] whether it is allowed. The
//! guard is where compliance plugs in.

use crate::{BlockReason, CredentialKind, CredentialRegistry, HolderKind, InvestorId, Moment};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
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
	OfferingSettlement { offering: OfferingId },
}

impl MovementKind {
	/// Whether the sending side is exempt from the guard's checks.
	pub fn skips_sender_checks(&self) -> bool {
		matches!(self, Self::ForcedTransfer | Self::Recovery | Self::ForcedRedemption)
	}

	/// Whether new units come into existence.
	pub fn is_issue(&self) -> bool {
		matches!(self, Self::Issue | Self::OfferingSettlement { .. })
	}

	/// Whether a holder moves its own units of its own will (what lock-ups, vesting, transfer
	/// windows and manual approval restrict).
	pub fn is_voluntary_transfer(&self) -> bool {
		matches!(self, Self::Transfer)
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
	serde::Serialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Party {
	/// The account units leave.
	Sender,
	/// The account units arrive at.
	Receiver,
}

/// Why a movement of a security cannot happen: machine-readable reasons with stable numeric
/// codes (see [`TransferRejection::code`] and docs/compliance.md), in the spirit of ERC-1066.
///
/// The issuance pallet reports the movement-level reasons (`0x0_`), the transfer guard the
/// parties' (`0x1_`) and the security's rules' (`0x2_`).
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
	serde::Serialize,
)]
#[serde(rename_all = "camelCase")]
pub enum TransferRejection {
	/// No security has this id.
	UnknownSecurity,
	/// The amount is zero.
	ZeroAmount,
	/// The security is paused.
	SecurityPaused,
	/// The security has matured: only redemptions.
	SecurityMatured,
	/// The issuer is suspended: no issuance.
	IssuerSuspended,
	/// The sender's available balance (balance less frozen units) is too low.
	InsufficientBalance,
	/// The sender is frozen for this security.
	SenderFrozen,
	/// The receiver is frozen for this security.
	ReceiverFrozen,
	/// Issuing this much would exceed the authorised supply.
	AuthorisedSupplyExceeded,
	/// The account is neither an investor's wallet nor an active protocol holder.
	NotEligible(Party),
	/// The account, its investor or its protocol registration is blocked.
	Blocked(Party, BlockReason),
	/// The investor lacks a credential that counts now.
	MissingCredential(Party, CredentialKind),
	/// The receiving investor already holds as many different securities as the chain counts
	/// per investor.
	TooManySecurities,
	/// The investor's jurisdiction is not allowed (allow-list) or is denied (deny-list).
	JurisdictionNotAllowed(Party),
	/// The security has its maximum number of holders.
	HolderLimit,
	/// The security has its maximum number of holders in the receiver's jurisdiction.
	JurisdictionHolderLimit,
	/// The security has its maximum number of holders in one of the receiver's categories.
	CategoryHolderLimit,
	/// The receiver would own more than the maximum share of the supply.
	OwnershipLimit,
	/// The receiver would hold more than the maximum holding.
	HoldingAboveMaximum,
	/// The party would hold less than the minimum holding (and more than nothing).
	HoldingBelowMinimum(Party),
	/// The units are locked up.
	LockedUp,
	/// The units have not vested yet.
	NotVested,
	/// Transfers are not allowed now (outside the security's transfer windows).
	OutsideTransferWindow,
	/// The transfer needs the transfer agent's approval of exactly this transfer.
	ApprovalRequired,
	/// A corporate action is rewriting every holder's balance (a split): no movements until
	/// it finishes.
	CorporateActionInProgress,
}

impl TransferRejection {
	/// The stable numeric code of this reason (docs/compliance.md has the table).
	pub fn code(&self) -> u8 {
		use Party::*;
		match self {
			Self::UnknownSecurity => 0x01,
			Self::ZeroAmount => 0x02,
			Self::SecurityPaused => 0x03,
			Self::SecurityMatured => 0x04,
			Self::IssuerSuspended => 0x05,
			Self::InsufficientBalance => 0x06,
			Self::SenderFrozen => 0x07,
			Self::ReceiverFrozen => 0x08,
			Self::AuthorisedSupplyExceeded => 0x09,
			Self::CorporateActionInProgress => 0x0A,
			Self::NotEligible(Sender) => 0x10,
			Self::NotEligible(Receiver) => 0x11,
			Self::Blocked(Sender, _) => 0x12,
			Self::Blocked(Receiver, _) => 0x13,
			Self::MissingCredential(Sender, _) => 0x14,
			Self::MissingCredential(Receiver, _) => 0x15,
			Self::TooManySecurities => 0x16,
			Self::JurisdictionNotAllowed(Sender) => 0x20,
			Self::JurisdictionNotAllowed(Receiver) => 0x21,
			Self::HolderLimit => 0x22,
			Self::JurisdictionHolderLimit => 0x23,
			Self::CategoryHolderLimit => 0x24,
			Self::OwnershipLimit => 0x25,
			Self::HoldingAboveMaximum => 0x26,
			Self::HoldingBelowMinimum(Sender) => 0x27,
			Self::HoldingBelowMinimum(Receiver) => 0x28,
			Self::LockedUp => 0x29,
			Self::NotVested => 0x2A,
			Self::OutsideTransferWindow => 0x2B,
			Self::ApprovalRequired => 0x2C,
		}
	}
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
	fn check(movement: &Movement<AccountId, Balance>) -> Result<(), TransferRejection> {
		match Self::check_all(movement).first() {
			Some(rejection) => Err(*rejection),
			None => Ok(()),
		}
	}

	/// Every reason the movement may not happen (empty: it may), in evaluation order.
	fn check_all(movement: &Movement<AccountId, Balance>) -> Vec<TransferRejection>;

	/// The most [`Self::check_all`] may cost, given the guard's own bounds (rule count and
	/// complexity cap); added to the weight of every call that moves units.
	fn check_weight() -> Weight;

	/// What evaluating `security`'s own rule set (beyond the checks that always apply, which
	/// the movement benchmarks include) and following it up in [`Self::on_moved`] cost, read
	/// from a figure the guard keeps with the rules. Movements that declare this instead of
	/// [`Self::check_weight`] pay for the rule set the security has, not for the largest
	/// one allowed.
	fn rules_weight(_security: SecurityId) -> Weight {
		Self::check_weight().saturating_add(Self::on_moved_weight())
	}

	/// Told after a movement was applied (to consume a one-time approval, record units
	/// issued in an offering).
	fn on_moved(_movement: &Movement<AccountId, Balance>) {}

	/// The most [`Self::on_moved`] and [`Self::on_holding_changed`] together may cost.
	fn on_moved_weight() -> Weight {
		Weight::zero()
	}

	/// Told when `investor` starts (`holds`) or stops holding `security` (all its wallets
	/// together), to keep per-jurisdiction and per-category holder counts.
	fn on_holding_changed(_security: SecurityId, _investor: InvestorId, _holds: bool) {}

	/// Whether the guard can follow one more split of `security` (its unit-denominated
	/// state: holding limits, units received in offerings, approvals of exact amounts).
	fn can_split(_security: SecurityId) -> bool {
		true
	}

	/// Told when a split `numerator:denominator` of `security` starts, so that what the guard
	/// keeps in units is rescaled with the holdings.
	fn on_split(_security: SecurityId, _numerator: u32, _denominator: u32) {}

	/// The most [`Self::on_split`] may cost.
	fn on_split_weight() -> Weight {
		Weight::zero()
	}
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
	fn check_all(movement: &Movement<AccountId, Balance>) -> Vec<TransferRejection> {
		let mut rejections = Vec::new();
		if let Some(from) = &movement.from {
			if !movement.kind.skips_sender_checks() {
				rejections.extend(Self::check_party(from, Party::Sender).err());
			}
		}
		if let Some(to) = &movement.to {
			rejections.extend(Self::check_party(to, Party::Receiver).err());
		}
		rejections
	}

	fn check_weight() -> Weight {
		// Not benchmarked on its own: used in unit tests and as the interim runtime guard.
		Weight::from_parts(100_000_000, 10_000)
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
	/// The most units of `security` that may be outstanding.
	fn authorised_supply(security: SecurityId) -> Balance;
	/// What `investor`'s wallets hold of `security` together.
	fn investor_balance(security: SecurityId, investor: InvestorId) -> Balance;
}

/// Told of every change to a holder's balance and to a security's supply, before it is
/// written: how record dates (checkpoints) are kept in O(1) per change, copy-on-write.
///
/// `pallet-issuance` calls it from its one chokepoint for balances; the corporate-actions
/// pallet implements it.
pub trait HoldingsObserver<AccountId, Balance> {
	/// Whether every movement of `security` must wait (a corporate action is rewriting its
	/// balances).
	fn is_locked(_security: SecurityId) -> bool {
		false
	}
	/// `who`'s balance of `security` is about to change from `balance`; `investor` is the
	/// investor the wallet belongs to and what all its wallets hold together before the change.
	///
	/// Returns what it cost beyond the case where the security has no record date (which
	/// the movement benchmarks include), as for the hooks below.
	fn before_balance_change(
		_security: SecurityId,
		_who: &AccountId,
		_balance: Balance,
		_investor: Option<(InvestorId, Balance)>,
	) -> Weight {
		Weight::zero()
	}
	/// `who`'s balance of `security` just became zero (it may no longer be listed as a holder).
	fn on_emptied(_security: SecurityId, _who: &AccountId) -> Weight {
		Weight::zero()
	}
	/// The supply of `security` is about to change from `supply`.
	fn before_supply_change(_security: SecurityId, _supply: Balance) -> Weight {
		Weight::zero()
	}
	/// The most one movement's calls of this observer cost (both sides and the supply),
	/// whatever the security's state.
	fn observer_weight() -> Weight {
		Weight::zero()
	}
	/// The most one transfer of `security` (no change of supply) may cost this observer
	/// given its state now (a cheap read): nothing beyond the benchmarked case while the
	/// security has no record date.
	fn transfer_weight(_security: SecurityId) -> Weight {
		Self::observer_weight()
	}
}

impl<AccountId, Balance> HoldingsObserver<AccountId, Balance> for () {}

/// What a security's terms say about interest and maturity (debt and hybrid securities).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct DebtTerms {
	/// The yearly coupon rate, in basis points of the face value.
	pub coupon_bps: u32,
	/// When the principal is repaid (Unix seconds), if the security matures.
	pub maturity: Option<Moment>,
}

/// The changes corporate actions make to a security beyond ordinary movements, implemented by
/// `pallet-issuance` (the only writer of balances).
pub trait SecurityAdmin<AccountId, Balance>: SecurityRegistry<AccountId, Balance> {
	/// The security's decimals (units per whole unit: 10^decimals).
	fn decimals(security: SecurityId) -> Option<u8>;
	/// Coupon and maturity terms, for debt and hybrid securities.
	fn debt_terms(security: SecurityId) -> Option<DebtTerms>;
	/// Up to `limit` holders of `security` with their balances, in storage order, starting
	/// after `start_after`.
	fn holders_after(
		security: SecurityId,
		start_after: Option<&AccountId>,
		limit: u32,
	) -> Vec<(AccountId, Balance)>;
	/// Multiplies `who`'s balance and frozen amount of `security` by `numerator / denominator`,
	/// rounding down; keeps holder counts and supply true. Returns the balance before and
	/// after.
	fn rescale_holding(
		security: SecurityId,
		who: &AccountId,
		numerator: u32,
		denominator: u32,
	) -> (Balance, Balance);
	/// Multiplies the authorised supply by `numerator / denominator`, rounding down.
	fn rescale_authorised_supply(security: SecurityId, numerator: u32, denominator: u32);
	/// Burns all of `who`'s units of `security` (a forced redemption); returns how many.
	fn redeem_all(
		security: SecurityId,
		who: &AccountId,
	) -> Result<Balance, sp_runtime::DispatchError>;
	/// Marks the security matured: no more issuance or transfers.
	fn mark_matured(security: SecurityId);
	/// Whether a primary offering of the security is open or still settling (a split must
	/// wait: subscriptions are priced and capped in today's units).
	fn offering_in_progress(security: SecurityId) -> bool;
	/// Whether a split of the security may start now: no offering in progress, and the
	/// transfer guard can rescale what it keeps in units.
	fn can_split(security: SecurityId) -> bool;
	/// The most one [`Self::holders_after`] entry, [`Self::rescale_holding`] or
	/// [`Self::redeem_all`] costs beyond the storage the benchmarks see (the guard's hooks).
	fn movement_hooks_weight() -> Weight;
}

/// A security as integrators see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldersPage<AccountId, Balance> {
	/// Holders, in storage order.
	pub holders: Vec<HolderInfo<AccountId, Balance>>,
	/// Pass this as `start_after` for the next page; `None` when this page is the last.
	pub next: Option<AccountId>,
}

sp_api::decl_runtime_apis! {
	/// Read securities, holdings and holders (`pallet-issuance`). `Security` is the runtime's
	/// security record (name, symbol, kind, identifiers, supply, status; see the metadata).
	#[api_version(1)]
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

sp_api::decl_runtime_apis! {
	/// The pre-flight check (`pallet-issuance` with the compliance guard): can this movement
	/// happen now, and if not, every reason why.
	#[api_version(1)]
	pub trait ComplianceApi<AccountId, Balance> where
		AccountId: codec::Codec,
		Balance: codec::Codec,
	{
		/// Every reason a transfer of `amount` units of `security` from `from` to `to` would
		/// fail now, in the order the chain checks them (empty: it would succeed). Each reason
		/// has a stable code ([`TransferRejection::code`]).
		fn can_transfer(
			security: SecurityId,
			from: AccountId,
			to: AccountId,
			amount: Balance,
		) -> Vec<TransferRejection>;
	}
}
