//! Storage and call types of the corporate-actions pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use stoa_primitives::{CheckpointId, Jurisdiction, Moment, SecurityId};

/// The order in which checkpoints of one security took effect. Snapshots are keyed by it
/// (big-endian, so that storage order is epoch order).
pub type Epoch = u32;

/// An epoch as a storage key: big-endian bytes, so that keys sort like numbers.
pub type EpochKey = [u8; 4];

/// The storage key of `epoch`.
pub fn epoch_key(epoch: Epoch) -> EpochKey {
	epoch.to_be_bytes()
}

/// A time as a storage key: big-endian bytes, so that keys sort in time order.
pub type MomentKey = [u8; 8];

/// The storage key of `at`.
pub fn moment_key(at: Moment) -> MomentKey {
	at.to_be_bytes()
}

/// A record date.
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
pub struct Checkpoint {
	/// The time balances are recorded at (Unix seconds).
	pub at: Moment,
	/// Its place among the security's checkpoints that have taken effect; none while its
	/// time has not come, or has come without any balance changing since.
	pub epoch: Option<Epoch>,
}

/// A security's checkpoints: how many, the last epoch, and those waiting for their time.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(Limit))]
pub struct CheckpointState<Limit: Get<u32>> {
	/// The id the last checkpoint got (0: none yet).
	pub last_id: CheckpointId,
	/// The last epoch that took effect (0: none yet).
	pub epoch: Epoch,
	/// Scheduled checkpoints whose time has not taken effect, earliest first.
	pub scheduled: BoundedVec<(Moment, CheckpointId), Limit>,
	/// The block in which the first epoch took effect "now" (a record date taken by a call):
	/// movements of that block may have been weighed before, when there was nothing to
	/// snapshot, and pay their snapshots to the block.
	pub opened_in: u32,
}

/// Which record date a corporate action uses.
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
pub enum RecordDate {
	/// Balances now (a new checkpoint).
	Now,
	/// Balances at a future time (a new scheduled checkpoint).
	At(Moment),
	/// An existing checkpoint of the security.
	Checkpoint(CheckpointId),
}

/// How much a distribution pays.
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
pub enum Amount<Balance> {
	/// This much in total, shared pro rata by record-date units (each share rounded down).
	Total(Balance),
	/// This much (settlement currency's smallest units) per whole unit of the security
	/// (10^decimals of its smallest units), each holder's amount rounded down.
	PerUnit(Balance),
}

/// What a distribution is.
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
pub enum DistributionKind {
	/// A dividend or any other cash payout created by the agent.
	Dividend,
	/// The `number`th coupon of a debt security, created by the chain on its date.
	Coupon { number: u32 },
	/// Repayment of principal at maturity: each holder is paid and its units are burnt.
	Redemption,
}

/// Where a distribution stands.
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
pub enum DistributionStatus {
	/// Created; waiting for its payment date.
	Created,
	/// Paying: the chain goes through the record date's holders; holders may claim.
	Paying,
	/// Every record-date holder has been gone through; holders not paid (blocked wallets,
	/// failed transfers) may still claim until expiry.
	Pushed,
	/// Over: cancelled, defaulted, or expired and reclaimed.
	Closed,
}

/// Which holders the chain's push goes through, in order.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Cursor<AccountId> {
	/// The security's current holders, after this account (none: from the start).
	Holders(Option<AccountId>),
	/// Accounts that emptied their holding since the first checkpoint (they may have held at
	/// the record date), after this account.
	Exited(Option<AccountId>),
}

/// A cash distribution.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(TaxLimit))]
pub struct Distribution<AccountId, Balance, AssetId, TaxLimit>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	AssetId: Clone + PartialEq + Eq + core::fmt::Debug,
	TaxLimit: Get<u32>,
{
	/// The security.
	pub security: SecurityId,
	/// What it is.
	pub kind: DistributionKind,
	/// The record date.
	pub checkpoint: CheckpointId,
	/// The record date's time (Unix seconds).
	pub record_at: Moment,
	/// The settlement currency (`pallet-assets`).
	pub asset: AssetId,
	/// How much it pays.
	pub amount: Amount<Balance>,
	/// Who funded it; refunds, withheld tax and unclaimed funds return here.
	pub funder: AccountId,
	/// From when it is paid (Unix seconds).
	pub pay_at: Moment,
	/// When unclaimed funds may be returned (Unix seconds).
	pub expires_at: Moment,
	/// Withholding tax rate per investor jurisdiction (others: none).
	pub withholding: BoundedVec<(Jurisdiction, Perbill), TaxLimit>,
	/// The security's supply at the record date (set when payment starts).
	pub supply: Balance,
	/// Where it stands.
	pub status: DistributionStatus,
	/// Where the chain's push continues.
	pub cursor: Cursor<AccountId>,
	/// Holders paid.
	pub payments: u32,
	/// Paid to holders (net).
	pub paid: Balance,
	/// Withheld from holders.
	pub withheld: Balance,
}

/// A motion put to the vote, with its choices.
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
#[scale_info(skip_type_params(TextLimit, ChoiceLimit))]
pub struct Motion<TextLimit: Get<u32>, ChoiceLimit: Get<u32>> {
	/// What is proposed (or a link to the proxy statement).
	pub title: BoundedVec<u8, TextLimit>,
	/// The choices ("for", "against", "abstain", candidates, ...).
	pub choices: BoundedVec<BoundedVec<u8, TextLimit>, ChoiceLimit>,
}

/// A ballot of a security's investors.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(TextLimit, ChoiceLimit, MotionLimit))]
pub struct Ballot<Balance, TextLimit, ChoiceLimit, MotionLimit>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	TextLimit: Get<u32>,
	ChoiceLimit: Get<u32>,
	MotionLimit: Get<u32>,
{
	/// The security.
	pub security: SecurityId,
	/// The record date whose balances weigh the votes.
	pub checkpoint: CheckpointId,
	/// Voting opens (Unix seconds).
	pub starts_at: Moment,
	/// Voting closes (Unix seconds, exclusive).
	pub ends_at: Moment,
	/// The motions.
	pub motions: BoundedVec<Motion<TextLimit, ChoiceLimit>, MotionLimit>,
	/// Per motion, the record-date units behind each choice.
	pub tallies: BoundedVec<BoundedVec<Balance, ChoiceLimit>, MotionLimit>,
	/// How many investors voted.
	pub voters: u32,
}

/// A split in progress: every holder's balance is multiplied by `numerator / denominator`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Split<AccountId, Balance> {
	/// New units per `denominator` old ones.
	pub numerator: u32,
	/// Old units per `numerator` new ones.
	pub denominator: u32,
	/// The last holder rescaled (none: not started).
	pub after: Option<AccountId>,
	/// Holders rescaled so far.
	pub holders: u32,
	/// The supply before the split.
	pub supply_before: Balance,
}

/// A debt security's coupon and principal schedule.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct DebtSchedule<AccountId, Balance, AssetId> {
	/// The settlement currency.
	pub asset: AssetId,
	/// Face value of one whole unit, in the currency's smallest units.
	pub face_value: Balance,
	/// Months between coupons (1, 3, 6 or 12).
	pub months: u8,
	/// The first coupon date (Unix seconds); the `k`th is `k - 1` periods later (calendar
	/// months, day of month clamped).
	pub first_coupon: Moment,
	/// Coupons created so far.
	pub coupons: u32,
	/// When the principal is due, if the security matures.
	pub maturity: Option<Moment>,
	/// The account coupons and principal are paid from (the issuer's reserve).
	pub funder: AccountId,
	/// Payments missed for lack of funds.
	pub defaults: u32,
	/// Whether the principal has been put up for repayment.
	pub redeemed: bool,
}

/// A chain-run job of one security that pages through its holders in `on_idle`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum Job {
	/// Pay a distribution, from its payment date `from` (kept here so that waiting jobs cost
	/// no read).
	Pay { distribution: stoa_primitives::DistributionId, from: Moment },
	/// Rescale the security's holders (a split).
	Split,
}

/// A coupon the chain could not create on its date (the reserve could not cover it, or the
/// security's job list was full). Anyone may retry it; its record date stays the coupon date.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct MissedCoupon<Balance> {
	/// The record date taken on the coupon date.
	pub checkpoint: CheckpointId,
	/// The amount per whole unit (of the record date's units).
	pub rate: Balance,
	/// The coupon date (Unix seconds).
	pub due_at: Moment,
}

/// A credentials recovery of a wallet: what it was owed at record dates before `until` is
/// paid to `to`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Recovery<AccountId> {
	/// The wallet that replaced it.
	pub to: AccountId,
	/// When the lost wallet was linked to an investor again (Unix seconds): record dates from
	/// then on are its own. None while it is nobody's.
	pub until: Option<Moment>,
}

/// Which payment a debt security missed.
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
pub enum DebtPayment {
	/// The `number`th coupon.
	Coupon { number: u32 },
	/// The principal at maturity.
	Principal,
}

/// Why the chain did not pay a holder now (it may claim later, until expiry).
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
pub enum Deferral {
	/// The wallet or its investor is blocked.
	Blocked,
	/// The settlement currency refused the transfer (below its minimum balance, frozen).
	TransferFailed,
	/// Its units could not be redeemed (a redemption).
	RedemptionFailed,
}
