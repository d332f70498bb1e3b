//! The records the issuance pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use stoa_primitives::{Cusip, Figi, InvestorId, Isin, Jurisdiction, Lei, Moment, Role, SecurityId};

/// A regulator: the authority that approves issuers in its jurisdiction.
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
pub struct Regulator<NameLimit: Get<u32>> {
	/// Where it regulates.
	pub jurisdiction: Jurisdiction,
	/// Display name (e.g. "BaFin").
	pub name: BoundedVec<u8, NameLimit>,
}

/// Whether an issuer may create and issue securities.
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
pub enum IssuerStatus {
	/// It may create securities and issue.
	Active,
	/// Its regulator suspended it: no new securities, no issuance, no offerings.
	Suspended,
}

/// An issuer: a legal-entity investor approved by the regulator of its jurisdiction.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Issuer<AccountId, Hash> {
	/// The issuer's jurisdiction (that of the approving regulator).
	pub jurisdiction: Jurisdiction,
	/// The regulator that approved it.
	pub regulator: AccountId,
	/// Hash of its licence or prospectus.
	pub licence_hash: Hash,
	/// Whether it may create and issue.
	pub status: IssuerStatus,
}

/// What a security is.
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
pub enum SecurityKind {
	/// Shares.
	Equity,
	/// A bond or note: annual coupon rate in basis points, maturity (Unix seconds).
	Debt { coupon_bps: u32, maturity: Moment },
	/// A hybrid or convertible instrument: coupon in basis points, maturity if dated.
	Hybrid { coupon_bps: u32, maturity: Option<Moment> },
	/// Units of a fund.
	FundUnit,
}

/// Market identifiers of a security. The ISIN is required; the others are optional. Each is
/// checked for its check digit when the security is created.
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
pub struct Identifiers {
	/// ISO 6166 ISIN.
	pub isin: Isin,
	/// CUSIP (North American securities).
	pub cusip: Option<Cusip>,
	/// ISO 17442 LEI of the issuer.
	pub lei: Option<Lei>,
	/// Bloomberg FIGI.
	pub figi: Option<Figi>,
}

impl Identifiers {
	/// Whether every identifier present has a valid format and check digit.
	pub fn is_valid(&self) -> bool {
		self.isin.is_valid()
			&& self.cusip.is_none_or(|c| c.is_valid())
			&& self.lei.is_none_or(|l| l.is_valid())
			&& self.figi.is_none_or(|f| f.is_valid())
	}
}

/// Whether a security's units may move.
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
pub enum SecurityStatus {
	/// Units are issued and move subject to the transfer guard.
	Active,
	/// Paused by its compliance agent: only forced transfers, recoveries and forced
	/// redemptions move units.
	Paused,
	/// Matured or called: no issuance and no transfers; holders and the issuance agent may
	/// still redeem.
	Matured,
}

/// A security: the register entry for one instrument.
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
#[scale_info(skip_type_params(NameLimit, SymbolLimit))]
#[codec(mel_bound(Balance: MaxEncodedLen))]
pub struct Security<
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	NameLimit: Get<u32>,
	SymbolLimit: Get<u32>,
> {
	/// The issuing investor (a legal entity approved as issuer).
	pub issuer: InvestorId,
	/// Full name.
	pub name: BoundedVec<u8, NameLimit>,
	/// Ticker symbol.
	pub symbol: BoundedVec<u8, SymbolLimit>,
	/// Equity, debt, hybrid or fund unit.
	pub kind: SecurityKind,
	/// Decimal places of one unit.
	pub decimals: u8,
	/// ISIN and optional CUSIP, LEI, FIGI.
	pub identifiers: Identifiers,
	/// The most units that may ever be outstanding at once.
	pub authorised_supply: Balance,
	/// Units outstanding.
	pub total_supply: Balance,
	/// Holders, counting each investor once (and each protocol holder once).
	pub holders: u32,
	/// How many documents are attached.
	pub documents: u32,
	/// Whether units may move.
	pub status: SecurityStatus,
}

/// A document attached to a security (prospectus, terms, reports).
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
pub struct Document<Hash: Clone + PartialEq + Eq + core::fmt::Debug, UriLimit: Get<u32>> {
	/// Where it can be read.
	pub uri: BoundedVec<u8, UriLimit>,
	/// Hash of its content.
	pub hash: Hash,
}

/// The roles an agent holds for one security.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct AgentRoles {
	/// Issue and redeem units, run offerings.
	pub issuance: bool,
	/// Pause and resume the security; manage its rules.
	pub compliance: bool,
	/// Freeze, force transfers, recover holdings.
	pub transfer: bool,
	/// Run corporate actions.
	pub corporate_actions: bool,
}

impl AgentRoles {
	/// Whether these roles include `role`.
	pub fn has(&self, role: Role) -> bool {
		match role {
			Role::Issuance => self.issuance,
			Role::Compliance => self.compliance,
			Role::Transfer => self.transfer,
			Role::CorporateActions => self.corporate_actions,
		}
	}

	/// Whether no role is held.
	pub fn is_empty(&self) -> bool {
		*self == Self::default()
	}
}

/// Who a holding counts for when holders are counted: an investor (all its wallets count
/// once) or a bare account (a protocol holder).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum HolderKey<AccountId> {
	/// Every wallet of this investor.
	Investor(InvestorId),
	/// This account alone.
	Account(AccountId),
}

/// One account's holding of one security.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Holding<AccountId, Balance> {
	/// Units held.
	pub balance: Balance,
	/// Units that may not move (partial freeze); may exceed the balance, freezing incoming
	/// units too.
	pub frozen: Balance,
	/// Who the holding counts for, fixed when the holding is created.
	pub holder: HolderKey<AccountId>,
}

/// Why the transfer agent forced a transfer.
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
pub enum ForcedTransferReason {
	/// A court or regulator ordered it.
	CourtOrder,
	/// Correcting an erroneous transfer.
	ErrorCorrection,
	/// Succession after a holder's death or a corporate merger.
	Succession,
	/// Enforcement of a pledge or collateral.
	CollateralEnforcement,
	/// Recorded off chain.
	Other,
}

/// Where an offering is in its life.
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
pub enum OfferingStatus {
	/// Accepting subscriptions between its start and end.
	Open,
	/// Closed with the soft cap reached: subscriptions are being settled, page by page.
	Settling,
	/// Closed below the soft cap, or cancelled: subscriptions are being refunded, page by page.
	Refunding,
	/// Every subscription settled or refunded.
	Closed,
}

/// A primary offering of a security against a settlement currency (seed 002's escrow pool).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Offering<AccountId, AssetId, Balance> {
	/// The security offered.
	pub security: SecurityId,
	/// The settlement currency (a `pallet-assets` asset).
	pub asset: AssetId,
	/// Price of one whole unit of the security (10^decimals smallest units), in the
	/// settlement currency's smallest units.
	pub price: Balance,
	/// Subscriptions open at this time (Unix seconds) ...
	pub starts_at: Moment,
	/// ... and close at this one (the first second they are refused).
	pub ends_at: Moment,
	/// The least units one subscriber's total subscription may be.
	pub min_subscription: Balance,
	/// The most units one subscriber may subscribe.
	pub max_subscription: Balance,
	/// Below this many units subscribed at the close, everyone is refunded.
	pub soft_cap: Balance,
	/// No more than this many units may be subscribed.
	pub hard_cap: Balance,
	/// Units subscribed so far.
	pub subscribed: Balance,
	/// Subscribers with an open subscription.
	pub subscribers: u32,
	/// Where the proceeds go at settlement.
	pub proceeds_to: AccountId,
	/// Where it is in its life.
	pub status: OfferingStatus,
}

/// One subscriber's subscription: units wanted and what was paid into escrow for them.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Subscription<Balance> {
	/// Units of the security subscribed.
	pub units: Balance,
	/// Settlement currency paid into escrow.
	pub paid: Balance,
}

/// What a movement did, for a call that is charged what it used.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct MoveCost {
	/// The receiving wallet held nothing before (a holding was opened).
	pub opened: bool,
	/// The sending wallet holds nothing now (its holding was closed).
	pub closed: bool,
	/// What the holdings observer's hooks cost beyond the benchmarked case.
	pub hooks: frame_support::weights::Weight,
}
