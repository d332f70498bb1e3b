//! Rules, exemptions and the records the compliance pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use stoa_primitives::{
	CredentialKind, InvestorId, InvestorKind, Jurisdiction, Moment, OfferingId, QualifierId,
};

/// Which side of a movement a rule looks at.
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
pub enum Side {
	/// The account units leave (not checked for forced movements).
	Sender,
	/// The account units arrive at.
	Receiver,
	/// Both.
	Both,
}

impl Side {
	/// Whether the sender is looked at.
	pub fn sender(&self) -> bool {
		matches!(self, Side::Sender | Side::Both)
	}
	/// Whether the receiver is looked at.
	pub fn receiver(&self) -> bool {
		matches!(self, Side::Receiver | Side::Both)
	}
}

/// A class of investors that holder limits can count separately.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum InvestorCategory {
	/// Natural persons.
	Individual,
	/// Legal entities.
	LegalEntity,
	/// Holders of a valid accredited-investor credential.
	Accredited,
	/// Investors without one (e.g. US Rule 506(b): at most 35).
	NonAccredited,
	/// Holders of a valid professional / qualified-investor credential.
	Professional,
	/// Investors without one (retail).
	Retail,
}

impl InvestorCategory {
	/// Every category, in bit order.
	pub const ALL: [InvestorCategory; 6] = [
		Self::Individual,
		Self::LegalEntity,
		Self::Accredited,
		Self::NonAccredited,
		Self::Professional,
		Self::Retail,
	];

	/// This category's bit in a [`Categories`] set.
	pub fn bit(&self) -> u8 {
		1 << (*self as u8)
	}
}

/// A set of [`InvestorCategory`], as bits.
pub type Categories = u8;

/// Which holders a holder limit counts.
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
pub enum HolderScope {
	/// Every holder (investors counted once, protocol holders once each).
	Total,
	/// Investors of this home jurisdiction.
	Jurisdiction(Jurisdiction),
	/// Investors of this category.
	Category(InvestorCategory),
}

/// What a maximum ownership is a share of.
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
pub enum SupplyBase {
	/// Units outstanding after the movement.
	Outstanding,
	/// The authorised supply (stable while units are first issued).
	Authorised,
}

/// Which units a lock-up holds.
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
pub enum LockScope {
	/// Every unit of the security.
	Security,
	/// The units each holder received in this offering.
	Offering(OfferingId),
}

/// When holders may transfer.
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
#[scale_info(skip_type_params(ListLimit))]
pub enum TransferWindow<ListLimit: Get<u32>> {
	/// Never.
	Never,
	/// Once a year, from `month` / `day` (UTC) for `days` days.
	Annual { month: u8, day: u8, days: u16 },
	/// Once a quarter, from `day` of its first month (January, April, July, October; UTC) for
	/// `days` days.
	Quarterly { day: u8, days: u16 },
	/// Within any of these `[start, end)` ranges (Unix seconds).
	Ranges(BoundedVec<(Moment, Moment), ListLimit>),
}

/// What a rule requires. `ListLimit` bounds each list in a rule.
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
#[scale_info(skip_type_params(ListLimit))]
#[codec(mel_bound(Balance: MaxEncodedLen))]
pub enum RuleKind<Balance: Clone + PartialEq + Eq + core::fmt::Debug, ListLimit: Get<u32>> {
	/// Investors on `side` hold a valid credential of `kind`, from one of `qualifiers` (any
	/// trusted qualifier when empty). Protocol holders are not asked.
	RequiredCredential {
		side: Side,
		kind: CredentialKind,
		qualifiers: BoundedVec<QualifierId, ListLimit>,
	},
	/// Investors on `side` are of one of these home jurisdictions.
	JurisdictionAllowList { side: Side, jurisdictions: BoundedVec<Jurisdiction, ListLimit> },
	/// Investors on `side` are of none of these home jurisdictions.
	JurisdictionDenyList { side: Side, jurisdictions: BoundedVec<Jurisdiction, ListLimit> },
	/// At most `max` holders in `scope`, counted per investor.
	MaxHolders { scope: HolderScope, max: u32 },
	/// No investor owns more than `share` of `base`.
	MaxOwnership { share: Perbill, base: SupplyBase },
	/// No investor holds more than `amount` units.
	MaxHolding { amount: Balance },
	/// An investor holds nothing or at least `amount` units.
	MinHolding { amount: Balance },
	/// Holders may not transfer or redeem the units in `scope` before `until` (Unix seconds).
	LockUp { scope: LockScope, until: Moment },
	/// The units each holder received in `offering` vest linearly from `start` to `end`
	/// (nothing before `cliff`); unvested units may not be transferred or redeemed.
	Vesting { offering: OfferingId, start: Moment, cliff: Moment, end: Moment },
	/// Holders may transfer only within `window`.
	TransferWindow { window: TransferWindow<ListLimit> },
	/// Each transfer needs the transfer agent's approval of exactly that transfer (sender,
	/// receiver, amount), consumed once.
	ManualApproval,
}

/// Whose units received in an offering are counted (an investor's wallets together, or a
/// protocol holder's account), so that moving them between one investor's wallets, or
/// recovering a lost wallet, leaves lock-ups and vesting in place.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum UnitsOwner<AccountId> {
	/// All wallets of an investor.
	Investor(InvestorId),
	/// A protocol holder (or any account without an investor).
	Account(AccountId),
}

/// Units an owner received in an offering, in the units of the time they were recorded:
/// `splits` is how many of the security's splits had happened then, so that later splits
/// apply on read (a split rescales every record in O(1)).
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
pub struct OfferingUnitsRecord<Balance> {
	/// The units.
	pub units: Balance,
	/// The number of the security's splits already applied to `units`.
	pub splits: u32,
}

/// Who a rule does not apply to.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Exemption<AccountId> {
	/// This account (the issuer's treasury, a transfer agent).
	Account(AccountId),
	/// Every wallet of this investor.
	Investor(InvestorId),
	/// Every active protocol holder (approved DeFi contracts).
	ProtocolHolders,
}

/// One rule of a security's rule set: what it requires, and who it does not apply to.
///
/// An exemption lifts the rule for the exempt party's side only: an exempt sender skips the
/// sender's checks (its credentials, jurisdiction, minimum holding, lock-ups and vesting),
/// an exempt receiver the receiver's (credentials, jurisdiction, holder caps, ownership and
/// holding limits). Rules about the transfer itself (transfer windows, manual approval) are
/// lifted only when both parties are exempt.
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
#[scale_info(skip_type_params(ListLimit))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Rule<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	ListLimit: Get<u32>,
> {
	/// What it requires.
	pub kind: RuleKind<Balance, ListLimit>,
	/// Who it does not apply to.
	pub exemptions: BoundedVec<Exemption<AccountId>, ListLimit>,
}

/// How an investor was counted for a security when it became a holder (or when its
/// jurisdiction or credentials last changed): the buckets to leave when it stops holding.
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
pub struct CountedAs {
	/// Home jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// Categories, as bits.
	pub categories: Categories,
}

/// The categories of an investor of `kind` with or without the accredited and professional
/// credentials.
pub fn categories_of(kind: InvestorKind, accredited: bool, professional: bool) -> Categories {
	use InvestorCategory::*;
	let mut bits = match kind {
		InvestorKind::Individual => Individual.bit(),
		InvestorKind::LegalEntity => LegalEntity.bit(),
	};
	bits |= if accredited { Accredited.bit() } else { NonAccredited.bit() };
	bits |= if professional { Professional.bit() } else { Retail.bit() };
	bits
}

pub use stoa_primitives::calendar::{civil_date, unix_time_of};

impl<ListLimit: Get<u32>> TransferWindow<ListLimit> {
	/// Whether transfers are allowed at `now` (Unix seconds, UTC).
	pub fn is_open(&self, now: Moment) -> bool {
		let within = |start: Moment, days: u16| now >= start && now < start + days as u64 * 86_400;
		match self {
			Self::Never => false,
			Self::Annual { month, day, days } => {
				let (year, _, _) = civil_date(now);
				// This year's window, or last year's if it runs into this year.
				within(unix_time_of(year, *month, *day), *days)
					|| within(unix_time_of(year - 1, *month, *day), *days)
			},
			Self::Quarterly { day, days } => {
				let (year, month, _) = civil_date(now);
				let first_month = (month - 1) / 3 * 3 + 1;
				let previous =
					if first_month == 1 { (year - 1, 10) } else { (year, first_month - 3) };
				within(unix_time_of(year, first_month, *day), *days)
					|| within(unix_time_of(previous.0, previous.1, *day), *days)
			},
			Self::Ranges(ranges) => ranges.iter().any(|(start, end)| now >= *start && now < *end),
		}
	}

	/// Whether the window's parameters make sense.
	pub fn is_valid(&self) -> bool {
		match self {
			Self::Never => true,
			Self::Annual { month, day, days } => {
				(1..=12).contains(month) && (1..=28).contains(day) && (1..=366).contains(days)
			},
			Self::Quarterly { day, days } => (1..=28).contains(day) && (1..=92).contains(days),
			Self::Ranges(ranges) => !ranges.is_empty() && ranges.iter().all(|(s, e)| s < e),
		}
	}
}

/// What a security's rule set costs a movement, kept beside the rules so that a transfer
/// declares the rule set the security has (one small read) instead of the largest allowed.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct RuleCost {
	/// The rule set's complexity (`Pallet::complexity`).
	pub complexity: u32,
	/// Whether the set has a manual-approval rule (a transfer then uses up its approval).
	pub approvals: bool,
	/// The block in which the set last became costlier, and the lowest complexity it had
	/// in that block: a transfer of that block may have been weighed before the change (a
	/// batch is weighed before its first call runs), and pays the difference to the block.
	pub raised: Option<(u32, u32)>,
}
