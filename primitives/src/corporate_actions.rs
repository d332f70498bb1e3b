//! Record dates, distributions, splits, ballots and debt service (`pallet-corporate-actions`):
//! the types integrators read through [`CorporateActionsApi`].

use crate::SecurityId;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A record date of a security, by its number among that security's checkpoints (from 1).
pub type CheckpointId = u32;

/// A cash distribution (dividend, coupon, redemption), by its number on this chain.
pub type DistributionId = u32;

/// A ballot, by its number on this chain.
pub type BallotId = u32;

/// What one account is owed by a distribution.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entitlement<Balance> {
	/// The account's balance of the security at the record date.
	pub units: Balance,
	/// Its share before tax, in the settlement currency's smallest unit (rounded down).
	pub gross: Balance,
	/// The tax withheld for its investor's jurisdiction (rounded down).
	pub withheld: Balance,
	/// What it receives: `gross - withheld`.
	pub net: Balance,
	/// Whether it has been paid (by the chain or by its own claim).
	pub paid: bool,
}

/// Where a distribution stands.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DistributionProgress<Balance> {
	/// The security.
	pub security: SecurityId,
	/// Whether the payment date has passed and the reserve was settled against the record
	/// date's supply.
	pub active: bool,
	/// Whether the chain has gone through every holder at the record date.
	pub pushed: bool,
	/// Whether the distribution is over (cancelled, defaulted or reclaimed after expiry).
	pub closed: bool,
	/// Holders paid so far.
	pub payments: u32,
	/// Paid to holders so far (net of tax).
	pub paid: Balance,
	/// Withheld so far.
	pub withheld: Balance,
	/// Still in the distribution's escrow.
	pub remaining: Balance,
}

/// A ballot's tallies.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BallotResults<Balance> {
	/// The security.
	pub security: SecurityId,
	/// Per motion, the weight (record-date units) behind each choice.
	pub tallies: Vec<Vec<Balance>>,
	/// How many investors voted.
	pub voters: u32,
	/// Whether voting has closed (the results are final).
	pub closed: bool,
}

sp_api::decl_runtime_apis! {
	/// Read record dates, distributions and ballots (`pallet-corporate-actions`).
	#[api_version(1)]
	pub trait CorporateActionsApi<AccountId, Balance> where
		AccountId: codec::Codec,
		Balance: codec::Codec,
	{
		/// `account`'s balance of `security` at `checkpoint` (none if the checkpoint does not
		/// exist or its time has not come).
		fn balance_at(security: SecurityId, checkpoint: CheckpointId, account: AccountId)
			-> Option<Balance>;

		/// What `account` is owed by `distribution`, and whether it has been paid.
		fn entitlement(distribution: DistributionId, account: AccountId)
			-> Option<Entitlement<Balance>>;

		/// How far `distribution` has got.
		fn distribution_progress(distribution: DistributionId)
			-> Option<DistributionProgress<Balance>>;

		/// `ballot`'s tallies.
		fn ballot_results(ballot: BallotId) -> Option<BallotResults<Balance>>;
	}
}
