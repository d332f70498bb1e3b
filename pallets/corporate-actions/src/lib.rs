//! # Corporate actions
//!
//! Record dates, cash distributions (dividends, coupons, redemptions), splits, ballots and
//! debt service for Stoa's securities, run by each security's corporate-actions agent
//! ([`Role::CorporateActions`](stoa_primitives::Role)) and, for what must happen by itself,
//! by the chain.
//!
//! ## Record dates: O(1) checkpoints, copy-on-write
//!
//! [`Pallet::create_checkpoint`] writes one record, whatever the number of holders. Balances
//! are recorded lazily: `pallet-issuance` tells this pallet (through
//! [`HoldingsObserver`](stoa_primitives::HoldingsObserver)) before any balance or supply
//! changes, and the balance *before* the change is written once per checkpoint epoch, the
//! first time it changes after the checkpoint. A balance at a checkpoint is then the first
//! snapshot at or after the checkpoint's epoch, or, if there is none, the current balance (it
//! has not changed since): one or two storage reads. Scheduled checkpoints (a future record
//! date) take effect at the first balance change at or after their time, or are answered by the
//! current balances if nothing changed since.
//!
//! ## Distributions paid by the chain
//!
//! [`Pallet::create_distribution`] reserves the funds from the agent into the distribution's
//! own escrow account. From the payment date, `on_idle` pays every holder at the record date in
//! pages sized to the block's remaining weight (a cursor over the current holders, then over
//! the accounts that emptied their holding since the first checkpoint): no off-chain holder
//! list, no extrinsic per holder. Each security has its own bounded job list, and `on_idle`
//! gives the securities with work their turns round-robin, so that no security's jobs crowd
//! out another's. Holders may [`Pallet::claim`] at any time after the payment date; one
//! payment marker per (distribution, record-date account) makes the push and the claim pay at
//! most once. Withholding tax is taken per investor jurisdiction; unclaimed funds return to the
//! funder after expiry ([`Pallet::reclaim`]), and a distribution only closes once they have.
//!
//! A wallet replaced in a credentials recovery is paid through its replacement: the pallet
//! listens to `pallet-credentials`
//! ([`CredentialsListener`](stoa_primitives::CredentialsListener)) and pays what a lost wallet
//! is owed to the wallet that replaced it ([`Pallet::claim_recovered`] for a claim).
//!
//! Rounding: each holder's gross amount is rounded down (pro rata of a total, or per unit), and
//! so is the tax (in the holder's favour); the sum paid never exceeds the reserve, and what
//! rounding leaves returns to the funder.
//!
//! ## Splits, ballots, debt
//!
//! A split `n:m` locks the security's movements and rescales every holder in `on_idle` pages,
//! rounding each wallet down (fractions are cancelled; see docs/corporate-actions.md); what is
//! counted per unit (a debt's face value, per-unit amounts of distributions whose record date
//! is still to come) is rescaled with it, and no record date is taken while it runs. Ballots
//! weigh each investor's single vote by all its wallets' units at the record date. Debt and
//! hybrid securities with a coupon schedule get their coupon distributions created by the
//! chain on their dates and their principal repaid (and units burnt) at maturity; a payment the
//! chain cannot create is recorded as missed, and stays owed until it is retried.
//!
//! ## Where the code is
//!
//! This file is the pallet's face (config, storage, events, errors, hooks, calls). The logic
//! lives beside it: `checkpoints.rs` (record dates, balances at a checkpoint, the
//! `HoldingsObserver` snapshots), `distributions.rs` (create, activate, claim, push, close,
//! entitlements), `jobs.rs` (job lists and `on_idle`'s round-robin), `splits.rs`,
//! `ballots.rs`, `debt.rs` (coupon schedules, coupons and maturity), `recovery.rs` (the
//! `CredentialsListener` and payments to replacement wallets), `api.rs` (runtime API reads)
//! and `functions.rs` (the agent check and rounding helpers).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod api;
mod ballots;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod checkpoints;
mod debt;
mod distributions;
mod functions;
mod jobs;
#[cfg(test)]
mod mock;
mod recovery;
mod splits;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// The most holders one [`Pallet::push_payments`] call goes through.
pub const MAX_PUSH_PAGE: u32 = 500;

/// The most recoveries followed from a record-date account to the wallet that is paid (a
/// wallet lost, its replacement lost in turn, ...).
pub const MAX_RECOVERY_HOPS: u32 = 3;

/// The most recoveries remembered per wallet (a wallet lost, linked again, lost again...); the
/// oldest is forgotten beyond.
pub const MAX_RECOVERIES_PER_WALLET: u32 = 3;

/// Sets up securities, holders, settlement assets and time for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetId, Balance> {
	/// A new equity security (no decimals, ample authorised supply) and an account that may
	/// act as its corporate-actions agent.
	fn security_with_agent() -> (stoa_primitives::SecurityId, AccountId);
	/// A new debt security (no decimals, a coupon, maturing at `maturity`) and its agent.
	fn debt_security_with_agent(maturity: u64) -> (stoa_primitives::SecurityId, AccountId);
	/// Makes `who` a KYC'd investor's wallet in `jurisdiction` and issues it `units`.
	fn holder(
		security: stoa_primitives::SecurityId,
		who: &AccountId,
		jurisdiction: stoa_primitives::Jurisdiction,
		units: Balance,
	);
	/// A settlement asset (minimum balance 1) with `amount` minted to `who`.
	fn funded_asset(who: &AccountId, amount: Balance) -> AssetId;
	/// Sets the chain's time (seconds).
	fn set_time(now: u64);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		dispatch::DispatchResultWithPostInfo,
		pallet_prelude::*,
		traits::{fungibles, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Saturating, Perbill};
	use stoa_primitives::{
		BallotId, CheckpointId, CredentialRegistry, DistributionId, InvestorId, Jurisdiction,
		Moment, SecurityAdmin, SecurityId,
	};

	/// The settlement currencies' asset ids.
	pub type AssetIdOf<T> = <<T as Config>::Assets as fungibles::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::AssetId;
	/// A distribution as stored.
	pub type DistributionOf<T> = Distribution<
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		AssetIdOf<T>,
		<T as Config>::MaxWithholdingRates,
	>;
	/// A ballot as stored.
	pub type BallotOf<T> = Ballot<
		<T as Config>::Balance,
		<T as Config>::MaxTextLength,
		<T as Config>::MaxChoices,
		<T as Config>::MaxMotions,
	>;
	/// A motion as passed to [`Pallet::open_ballot`].
	pub type MotionOf<T> = Motion<<T as Config>::MaxTextLength, <T as Config>::MaxChoices>;
	/// A security's checkpoint bookkeeping.
	pub type CheckpointStateOf<T> = CheckpointState<<T as Config>::MaxScheduledCheckpoints>;
	/// A debt schedule as stored.
	pub type DebtScheduleOf<T> =
		DebtSchedule<<T as frame_system::Config>::AccountId, <T as Config>::Balance, AssetIdOf<T>>;
	/// A security's job list.
	pub type JobsOf<T> = BoundedVec<Job, <T as Config>::MaxJobs>;
	/// A wallet's recoveries, oldest first.
	pub type RecoveriesOf<T> = BoundedVec<
		Recovery<<T as frame_system::Config>::AccountId>,
		ConstU32<MAX_RECOVERIES_PER_WALLET>,
	>;

	/// The layout of this pallet's storage, stored on chain from genesis. Bump it with each
	/// migration of the pallet's storage (a `VersionedMigration` in the runtime's
	/// `Migrations`), so that a migration runs once and only on the layout it expects.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Balances of securities and of settlement currencies.
		type Balance: BalanceT;

		/// Investors, wallets, jurisdictions, blocks and the chain's time.
		type Credentials: CredentialRegistry<Self::AccountId>;

		/// Securities, holders, roles, and the balance changes corporate actions make.
		type Securities: SecurityAdmin<Self::AccountId, Self::Balance>;

		/// Settlement currencies (`pallet-assets`).
		type Assets: fungibles::Mutate<Self::AccountId, Balance = Self::Balance>;

		/// The pallet's id, from which each distribution's escrow account is derived.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// How long holders may claim a coupon or redemption the chain created (seconds).
		#[pallet::constant]
		type ClaimPeriod: Get<Moment>;

		/// The most scheduled checkpoints of one security waiting for their time.
		#[pallet::constant]
		type MaxScheduledCheckpoints: Get<u32>;

		/// The most jurisdictions with their own withholding rate in one distribution.
		#[pallet::constant]
		type MaxWithholdingRates: Get<u32>;

		/// The most distributions and splits in progress at once for **one security** (each
		/// security has its own job list: one security's jobs never crowd out another's).
		#[pallet::constant]
		type MaxJobs: Get<u32>;

		/// The most motions in one ballot.
		#[pallet::constant]
		type MaxMotions: Get<u32>;

		/// The most choices in one motion.
		#[pallet::constant]
		type MaxChoices: Get<u32>;

		/// The longest motion title or choice, in bytes.
		#[pallet::constant]
		type MaxTextLength: Get<u32>;

		/// The most coupon or maturity dates handled in one block (more wait for the next).
		#[pallet::constant]
		type MaxCouponsPerBlock: Get<u32>;

		/// The largest numerator or denominator of a split.
		#[pallet::constant]
		type MaxSplitRatio: Get<u32>;

		/// Weights of this pallet's calls and jobs, generated by `stoa-node benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Sets up securities, holders and assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, AssetIdOf<Self>, Self::Balance>;
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// The most holders one `push_payments` call goes through.
		#[pallet::constant_name(MaxPushPage)]
		fn max_push_page() -> u32 {
			MAX_PUSH_PAGE
		}

		/// The most recoveries followed from a record-date account to the wallet paid.
		#[pallet::constant_name(MaxRecoveryHops)]
		fn max_recovery_hops() -> u32 {
			MAX_RECOVERY_HOPS
		}
	}

	/// Each security's checkpoint count, last epoch and scheduled checkpoints.
	#[pallet::storage]
	pub type CheckpointStates<T: Config> =
		StorageMap<_, Twox64Concat, SecurityId, CheckpointStateOf<T>, ValueQuery>;

	/// Checkpoints (record dates), by security and id.
	#[pallet::storage]
	pub type Checkpoints<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SecurityId, Twox64Concat, CheckpointId, Checkpoint>;

	/// A wallet's balance just before its first change in an epoch, by (security, wallet) and
	/// epoch (big-endian, so that storage order is epoch order).
	#[pallet::storage]
	pub type AccountSnapshots<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(SecurityId, T::AccountId),
		Identity,
		EpochKey,
		T::Balance,
	>;

	/// An investor's balance (all its wallets) just before its first change in an epoch.
	#[pallet::storage]
	pub type InvestorSnapshots<T: Config> =
		StorageDoubleMap<_, Twox64Concat, (SecurityId, InvestorId), Identity, EpochKey, T::Balance>;

	/// A security's supply just before its first change in an epoch.
	#[pallet::storage]
	pub type SupplySnapshots<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SecurityId, Identity, EpochKey, T::Balance>;

	/// Wallets that emptied their holding of a security after its first checkpoint took
	/// effect: they may have held at a record date without being a holder now.
	#[pallet::storage]
	pub type Exited<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SecurityId, Blake2_128Concat, T::AccountId, ()>;

	/// Distributions, by id.
	#[pallet::storage]
	pub type Distributions<T: Config> =
		StorageMap<_, Twox64Concat, DistributionId, DistributionOf<T>>;

	/// The id the next distribution gets.
	#[pallet::storage]
	pub type NextDistributionId<T: Config> = StorageValue<_, DistributionId, ValueQuery>;

	/// Who has been paid by a distribution (by the chain or by a claim), by record-date
	/// account (a recovered wallet's entitlement is marked under the lost wallet, whoever
	/// received it).
	#[pallet::storage]
	pub type Payments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DistributionId, Blake2_128Concat, T::AccountId, ()>;

	/// Each security's distributions waiting to be paid or being paid, and its split in
	/// progress, oldest first (at most `MaxJobs` per security): what `on_idle` works on.
	/// Securities without jobs have no entry.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, SecurityId, JobsOf<T>>;

	/// The security whose jobs `on_idle` last worked on: the next block starts after it, so
	/// that every security with work gets its turn.
	#[pallet::storage]
	pub type JobCursor<T: Config> = StorageValue<_, SecurityId>;

	/// Splits in progress, by security (its movements are locked meanwhile).
	#[pallet::storage]
	pub type Splits<T: Config> =
		StorageMap<_, Twox64Concat, SecurityId, Split<T::AccountId, T::Balance>>;

	/// Ballots, by id.
	#[pallet::storage]
	pub type Ballots<T: Config> = StorageMap<_, Twox64Concat, BallotId, BallotOf<T>>;

	/// The id the next ballot gets.
	#[pallet::storage]
	pub type NextBallotId<T: Config> = StorageValue<_, BallotId, ValueQuery>;

	/// Investors that voted in a ballot.
	#[pallet::storage]
	pub type Votes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BallotId, Twox64Concat, InvestorId, ()>;

	/// Coupon and principal schedules of debt securities.
	#[pallet::storage]
	pub type DebtSchedules<T: Config> = StorageMap<_, Twox64Concat, SecurityId, DebtScheduleOf<T>>;

	/// The next coupon or maturity date of each scheduled debt security, by date (big-endian,
	/// so that storage order is time order) and security: one entry per security.
	#[pallet::storage]
	pub type CouponCalendar<T: Config> =
		StorageDoubleMap<_, Identity, MomentKey, Twox64Concat, SecurityId, ()>;

	/// Coupons the chain could not create on their date, by security and coupon number:
	/// owed until [`Pallet::retry_coupon`] creates them.
	#[pallet::storage]
	pub type MissedCoupons<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SecurityId, Twox64Concat, u32, MissedCoupon<T::Balance>>;

	/// Wallets replaced in a credentials recovery, and their replacements (oldest first): what
	/// they were owed at record dates until they were linked to an investor again is paid to
	/// the replacement.
	#[pallet::storage]
	pub type Recoveries<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, RecoveriesOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record date was created (for balances at `at`).
		CheckpointCreated { security: SecurityId, checkpoint: CheckpointId, at: Moment },
		/// A distribution was created and `reserved` moved into its escrow.
		DistributionCreated {
			distribution: DistributionId,
			security: SecurityId,
			kind: DistributionKind,
			checkpoint: CheckpointId,
			asset: AssetIdOf<T>,
			reserved: T::Balance,
			escrow: T::AccountId,
		},
		/// Payment started: the reserve was settled against the record date's supply (the
		/// shortfall collected from the funder, or the excess returned).
		DistributionActivated {
			distribution: DistributionId,
			supply: T::Balance,
			reserve: T::Balance,
		},
		/// What `holder` was owed at the record date was paid: `gross` before tax, `withheld`
		/// for its jurisdiction, `net` sent to `payee` (the holder itself, or the wallet that
		/// replaced it in a recovery).
		Paid {
			distribution: DistributionId,
			holder: T::AccountId,
			payee: T::AccountId,
			gross: T::Balance,
			withheld: T::Balance,
			net: T::Balance,
		},
		/// The chain could not pay a holder now; it may claim until expiry.
		PaymentDeferred { distribution: DistributionId, holder: T::AccountId, reason: Deferral },
		/// Every record-date holder has been gone through; withheld tax went to the funder.
		DistributionPushed {
			distribution: DistributionId,
			payments: u32,
			paid: T::Balance,
			withheld: T::Balance,
		},
		/// The funder could not cover the reserve at the payment date: nothing was paid and
		/// the reserve was returned.
		DistributionDefaulted { distribution: DistributionId, shortfall: T::Balance },
		/// A distribution was cancelled before its payment date and its reserve returned.
		DistributionCancelled { distribution: DistributionId, refunded: T::Balance },
		/// After expiry, what was left in the escrow returned to the funder.
		DistributionReclaimed { distribution: DistributionId, amount: T::Balance },
		/// A split started; the security's movements are locked until it completes.
		SplitStarted { security: SecurityId, numerator: u32, denominator: u32 },
		/// A split completed.
		SplitCompleted {
			security: SecurityId,
			holders: u32,
			supply_before: T::Balance,
			supply_after: T::Balance,
		},
		/// A ballot was opened.
		BallotOpened { ballot: BallotId, security: SecurityId, checkpoint: CheckpointId },
		/// An investor voted with `weight` record-date units.
		Voted { ballot: BallotId, investor: InvestorId, weight: T::Balance },
		/// A ballot was cancelled before voting opened.
		BallotCancelled { ballot: BallotId },
		/// A debt security's coupon and principal schedule was set.
		DebtScheduleSet { security: SecurityId, first_coupon: Moment, months: u8 },
		/// A coupon distribution was created (by the chain on its date, or by a retry).
		CouponCreated { security: SecurityId, number: u32, distribution: DistributionId },
		/// The security matured and the repayment of its principal was created.
		PrincipalRedemptionCreated { security: SecurityId, distribution: DistributionId },
		/// A scheduled debt payment could not be created on its date (the issuer's reserve
		/// could not cover it, or the security's job list was full). A coupon stays owed, with
		/// its record date, until [`Pallet::retry_coupon`]; the principal until
		/// [`Pallet::redeem_at_maturity`].
		PaymentMissed { security: SecurityId, payment: DebtPayment, due: T::Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No security has this id.
		UnknownSecurity,
		/// The signer is not the security's corporate-actions agent.
		NotAgent,
		/// The security has no checkpoint with this id, or its time has not come.
		UnknownCheckpoint,
		/// A scheduled checkpoint must be in the future.
		CheckpointInPast,
		/// The security has as many scheduled checkpoints waiting as allowed.
		TooManyScheduledCheckpoints,
		/// The dates are inconsistent (record date after payment date, payment after expiry,
		/// voting window empty or before the record date).
		InvalidDates,
		/// The amount is zero.
		ZeroAmount,
		/// The settlement asset does not exist.
		UnknownAsset,
		/// A jurisdiction appears twice in the withholding rates.
		DuplicateJurisdiction,
		/// The security has as many distributions and splits in progress as allowed
		/// (`MaxJobs` per security).
		TooManyJobs,
		/// The funds could not be moved from the funder into the escrow.
		FundingFailed,
		/// No distribution has this id.
		UnknownDistribution,
		/// The distribution's payment date has passed: it can no longer be cancelled.
		AlreadyPaying,
		/// The distribution's payment date has not come.
		NotPayable,
		/// The distribution is closed.
		DistributionClosed,
		/// The distribution has not expired.
		NotExpired,
		/// The account has already been paid by this distribution.
		AlreadyPaid,
		/// The account is owed nothing by this distribution.
		NothingToClaim,
		/// The wallet paid (the holder, or the wallet that replaced it) or its investor is
		/// blocked.
		HolderBlocked,
		/// The settlement currency refused the payment.
		PaymentFailed,
		/// The holder's units could not be redeemed.
		RedemptionFailed,
		/// Numerator and denominator must differ and be between 1 and `MaxSplitRatio` (and
		/// must not rescale a debt's face value to nothing).
		InvalidRatio,
		/// A split of this security is in progress: no record date can be taken and no
		/// payment made until it completes.
		SplitInProgress,
		/// No ballot has this id.
		UnknownBallot,
		/// A ballot needs at least one motion and each motion at least two choices.
		InvalidBallot,
		/// Voting is not open.
		VotingClosed,
		/// Voting has opened: the ballot can no longer be cancelled.
		VotingStarted,
		/// The investor has already voted in this ballot.
		AlreadyVoted,
		/// The signer is not an investor's wallet.
		NotInvestor,
		/// The investor held nothing at the record date.
		NoVotingPower,
		/// A vote needs one valid choice per motion.
		InvalidVote,
		/// The security has no coupon or maturity terms (not debt or hybrid).
		NotDebt,
		/// The schedule is invalid (months not 1, 3, 6 or 12; first coupon in the past or after
		/// maturity; zero face value).
		InvalidSchedule,
		/// The security already has a schedule.
		ScheduleExists,
		/// The security has no schedule.
		NoSchedule,
		/// The security has not matured, or its principal has already been put up.
		NotRedeemable,
		/// What is left in the escrow could not be returned to the funder (the settlement
		/// currency or the escrow account is frozen): nothing changed; try again once thawed.
		RefundFailed,
		/// A primary offering of the security is open or settling: a split must wait for it.
		OfferingInProgress,
		/// The transfer guard cannot follow another split of this security (it rescales rules
		/// kept in units, and has recorded as many splits as it can).
		SplitNotSupported,
		/// `max` is above [`MAX_PUSH_PAGE`].
		PageTooLarge,
		/// The account was not replaced in a credentials recovery.
		NotRecovered,
		/// The signer is not the wallet that replaced the lost one.
		NotReplacement,
		/// The security has no missed coupon with this number.
		NoMissedCoupon,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Creates the coupons and redemptions due (at most `MaxCouponsPerBlock`).
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			let now = T::Credentials::now();
			let mut serviced = 0u32;
			while serviced < T::MaxCouponsPerBlock::get() && Self::service_next_debt_payment(now) {
				serviced.saturating_inc();
			}
			// The time and the calendar's head that was not due (each serviced date's read of
			// the head is part of `service_debt`).
			T::DbWeight::get()
				.reads(2)
				.saturating_add(T::WeightInfo::service_debt().saturating_mul(serviced.into()))
		}

		/// Pays distributions and rescales splits in pages, with the weight the block has left.
		fn on_idle(_: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::run_jobs(remaining)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a record date of `security`: balances now (`at` none), or at a future time
		/// (signed by its corporate-actions agent). O(1), whatever the number of holders. The
		/// id is in [`Event::CheckpointCreated`]. Refused while a split of the security is in
		/// progress for balances now ([`Error::SplitInProgress`]); a scheduled checkpoint whose
		/// time comes during a split takes effect when the split completes.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_checkpoint())]
		pub fn create_checkpoint(
			origin: OriginFor<T>,
			security: SecurityId,
			at: Option<Moment>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_checkpoint(who, security, at)
		}

		/// Create a cash distribution of `security` (signed by its corporate-actions agent):
		/// holders at the record date share `amount` of `asset`, paid by the chain from
		/// `pay_at`, claimable until `expires_at` (Unix seconds), less the withholding rate of
		/// each holder's investor's jurisdiction.
		///
		/// The reserve moves from the signer into the distribution's escrow now: the total, or
		/// for a per-unit amount what the current supply needs (settled against the record
		/// date's supply when payment starts). The id is in [`Event::DistributionCreated`].
		/// A per-unit amount is per unit at the record date (a split before a future record
		/// date rescales it). Each security has at most `MaxJobs` distributions and splits in
		/// progress ([`Error::TooManyJobs`]).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::create_distribution())]
		pub fn create_distribution(
			origin: OriginFor<T>,
			security: SecurityId,
			record_date: RecordDate,
			asset: AssetIdOf<T>,
			amount: Amount<T::Balance>,
			pay_at: Moment,
			expires_at: Moment,
			withholding: BoundedVec<(Jurisdiction, Perbill), T::MaxWithholdingRates>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_dividend(
				who,
				security,
				record_date,
				asset,
				amount,
				pay_at,
				expires_at,
				withholding,
			)
		}

		/// Cancel a distribution before its payment date and return its reserve (signed by the
		/// security's corporate-actions agent). Fails with [`Error::RefundFailed`], changing
		/// nothing, if the reserve cannot be returned now (a frozen asset or escrow).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_distribution())]
		pub fn cancel_distribution(
			origin: OriginFor<T>,
			distribution: DistributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_distribution(who, distribution)
		}

		/// Claim the signer's entitlement from a distribution (from its payment date until it
		/// is reclaimed). Pays exactly what the chain's push would have, once. A wallet replaced
		/// in a recovery is paid through its replacement (see [`Pallet::claim_recovered`]).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim().saturating_add(Pallet::<T>::recovery_weight()))]
		pub fn claim(origin: OriginFor<T>, distribution: DistributionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record =
				Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
			Self::do_claim(distribution, record, &who)
		}

		/// Pay up to `max` (at most [`MAX_PUSH_PAGE`]) more holders of a distribution now (any
		/// signed origin): the same push `on_idle` runs, for when blocks are too full for idle
		/// work. Charged for the heavier of a payment and a redemption per holder, refunded to
		/// what the distribution's kind and the holders gone through cost.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::push_payments_weight(*max))]
		pub fn push_payments(
			origin: OriginFor<T>,
			distribution: DistributionId,
			max: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_push_payments(distribution, max)
		}

		/// After a distribution's expiry, return what is left in its escrow to the funder (any
		/// signed origin) and close it. Holders not paid by then lose their claim. Fails with
		/// [`Error::RefundFailed`], changing nothing (the distribution stays open and can be
		/// reclaimed later), if the funds cannot leave the escrow now (a frozen asset or escrow).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reclaim())]
		pub fn reclaim(origin: OriginFor<T>, distribution: DistributionId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_reclaim(distribution)
		}

		/// Split `security` `numerator:denominator` (2:1 doubles every holding, 1:10 is a
		/// reverse split); signed by its corporate-actions agent. Refused while an offering of
		/// the security is open or settling.
		///
		/// At once: record dates whose time has come take effect (in pre-split units), the
		/// authorised supply, the debt schedule's face value and the per-unit amounts of
		/// distributions whose record date is still to come are rescaled (each rounded down).
		/// Holders are rescaled by the chain in `on_idle` pages, each wallet rounded down
		/// (fractions are cancelled). Until [`Event::SplitCompleted`], movements of the
		/// security are refused, no record date is taken and no payment is made.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::split())]
		pub fn split(
			origin: OriginFor<T>,
			security: SecurityId,
			numerator: u32,
			denominator: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_split(who, security, numerator, denominator)
		}

		/// Open a ballot of `security`'s investors on `motions`, weighted by record-date units,
		/// voting from `starts_at` until `ends_at` (Unix seconds); signed by its
		/// corporate-actions agent. The record date must not be after `starts_at`. The id is
		/// in [`Event::BallotOpened`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::open_ballot())]
		pub fn open_ballot(
			origin: OriginFor<T>,
			security: SecurityId,
			record_date: RecordDate,
			starts_at: Moment,
			ends_at: Moment,
			motions: BoundedVec<MotionOf<T>, T::MaxMotions>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_ballot(who, security, record_date, starts_at, ends_at, motions)
		}

		/// Vote in a ballot: one choice (its index) per motion, in order. Signed by any wallet
		/// of an investor; the investor votes once, with all its wallets' units at the record
		/// date.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			ballot: BallotId,
			choices: BoundedVec<u8, T::MaxMotions>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(who, ballot, choices)
		}

		/// Cancel a ballot before voting opens (signed by the security's corporate-actions
		/// agent).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_ballot())]
		pub fn cancel_ballot(origin: OriginFor<T>, ballot: BallotId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_ballot(who, ballot)
		}

		/// Set a debt or hybrid security's coupon schedule (signed by its corporate-actions
		/// agent, whose account is the reserve coupons and principal are paid from): coupons
		/// every `months` (1, 3, 6 or 12) from `first_coupon`, each `face_value × rate ×
		/// months / 12` per whole unit (the rate is the security's `coupon_bps`), and at
		/// maturity `face_value` per whole unit, the units being burnt. The chain creates each
		/// payment on its date; one it cannot create is recorded as missed and stays owed
		/// ([`Pallet::retry_coupon`], [`Pallet::redeem_at_maturity`]). A split rescales the
		/// face value.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_debt_schedule())]
		pub fn set_debt_schedule(
			origin: OriginFor<T>,
			security: SecurityId,
			asset: AssetIdOf<T>,
			face_value: T::Balance,
			months: u8,
			first_coupon: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_debt_schedule(who, security, asset, face_value, months, first_coupon)
		}

		/// Retry the repayment of a matured security's principal after it was missed (signed by
		/// its corporate-actions agent, whose account pays).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::redeem_at_maturity())]
		pub fn redeem_at_maturity(origin: OriginFor<T>, security: SecurityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem_at_maturity(who, security)
		}

		/// Create a coupon the chain could not create on its date ([`Event::PaymentMissed`]),
		/// from the schedule's reserve, with the record date taken on the coupon date (any
		/// signed origin: the issuer committed to it when setting the schedule, so any holder
		/// may turn the crank once the reserve is funded).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::retry_coupon())]
		pub fn retry_coupon(
			origin: OriginFor<T>,
			security: SecurityId,
			number: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_retry_coupon(security, number)
		}

		/// Claim what `lost` is owed by a distribution, for the wallet that replaced it in a
		/// credentials recovery (signed by that wallet: the one the entitlement is paid to,
		/// following the recoveries). The same entitlement, paid once, whether by the chain's
		/// push, this claim or the lost wallet's own claim.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::claim_recovered())]
		pub fn claim_recovered(
			origin: OriginFor<T>,
			distribution: DistributionId,
			lost: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_recovered(who, distribution, lost)
		}
	}
}
