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
//! listens to `pallet-credentials` ([`CredentialsListener`]) and pays what a lost wallet is
//! owed to the wallet that replaced it ([`Pallet::claim_recovered`] for a claim).
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

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
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
	use alloc::vec::Vec;
	use frame_support::{
		dispatch::DispatchResultWithPostInfo,
		pallet_prelude::*,
		storage::with_storage_layer,
		traits::{
			fungibles::{self, Inspect as _, Mutate as _},
			tokens::{Balance as BalanceT, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{
			AccountIdConversion, Bounded, Saturating, UniqueSaturatedFrom, UniqueSaturatedInto,
			Zero,
		},
		Perbill, Rounding,
	};
	use stoa_primitives::{
		calendar::add_months,
		corporate_actions::{BallotResults, DistributionProgress, Entitlement},
		BallotId, CheckpointId, CredentialRegistry, CredentialsListener, DistributionId,
		HoldingsObserver, InvestorId, Jurisdiction, Moment, Role, SecurityAdmin, SecurityId,
		SecurityRegistry,
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

	#[pallet::pallet]
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
			Self::ensure_agent(&who, security)?;
			let record = match at {
				None => RecordDate::Now,
				Some(at) => RecordDate::At(at),
			};
			Self::record_date(security, record)?;
			Ok(())
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
			Self::ensure_agent(&who, security)?;
			let mut seen = Vec::with_capacity(withholding.len());
			for (jurisdiction, _) in withholding.iter() {
				ensure!(!seen.contains(jurisdiction), Error::<T>::DuplicateJurisdiction);
				seen.push(*jurisdiction);
			}
			with_storage_layer(|| {
				Self::do_create_distribution(
					security,
					DistributionKind::Dividend,
					record_date,
					asset,
					amount,
					pay_at,
					expires_at,
					withholding,
					who,
				)
				.map(|_| ())
			})
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
			let mut record =
				Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
			Self::ensure_agent(&who, record.security)?;
			ensure!(record.status == DistributionStatus::Created, Error::<T>::AlreadyPaying);
			ensure!(T::Credentials::now() < record.pay_at, Error::<T>::AlreadyPaying);
			let refunded = with_storage_layer(|| Self::close(distribution, &mut record))?;
			Distributions::<T>::insert(distribution, record);
			Self::deposit_event(Event::DistributionCancelled { distribution, refunded });
			Ok(())
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
			ensure!(max <= MAX_PUSH_PAGE, Error::<T>::PageTooLarge);
			let mut record =
				Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
			ensure!(T::Credentials::now() >= record.pay_at, Error::<T>::NotPayable);
			let fixed = T::WeightInfo::activate();
			match record.status {
				DistributionStatus::Closed => return Err(Error::<T>::DistributionClosed.into()),
				DistributionStatus::Pushed => return Ok(Some(fixed).into()),
				DistributionStatus::Created | DistributionStatus::Paying => {},
			}
			ensure!(!Self::payments_wait(&record), Error::<T>::SplitInProgress);
			if record.status == DistributionStatus::Created {
				Self::activate(distribution, &mut record)?;
			}
			let mut visited = 0;
			if record.status == DistributionStatus::Paying {
				visited = Self::push(distribution, &mut record, max);
			}
			let kind = record.kind;
			Distributions::<T>::insert(distribution, record);
			Ok(Some(fixed.saturating_add(Self::page_weight(kind, visited))).into())
		}

		/// After a distribution's expiry, return what is left in its escrow to the funder (any
		/// signed origin) and close it. Holders not paid by then lose their claim. Fails with
		/// [`Error::RefundFailed`], changing nothing (the distribution stays open and can be
		/// reclaimed later), if the funds cannot leave the escrow now (a frozen asset or escrow).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reclaim())]
		pub fn reclaim(origin: OriginFor<T>, distribution: DistributionId) -> DispatchResult {
			ensure_signed(origin)?;
			let mut record =
				Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
			ensure!(record.status != DistributionStatus::Closed, Error::<T>::DistributionClosed);
			ensure!(T::Credentials::now() >= record.expires_at, Error::<T>::NotExpired);
			let amount = with_storage_layer(|| Self::close(distribution, &mut record))?;
			Distributions::<T>::insert(distribution, record);
			Self::deposit_event(Event::DistributionReclaimed { distribution, amount });
			Ok(())
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
			Self::ensure_agent(&who, security)?;
			let max = T::MaxSplitRatio::get();
			ensure!(
				numerator != denominator
					&& (1..=max).contains(&numerator)
					&& (1..=max).contains(&denominator),
				Error::<T>::InvalidRatio
			);
			ensure!(!Splits::<T>::contains_key(security), Error::<T>::SplitInProgress);
			ensure!(!T::Securities::offering_in_progress(security), Error::<T>::OfferingInProgress);
			ensure!(T::Securities::can_split(security), Error::<T>::SplitNotSupported);
			let rescale =
				|amount: T::Balance| Self::mul_div(amount, denominator.into(), numerator.into());
			let schedule = DebtSchedules::<T>::get(security);
			let face_value = schedule.as_ref().map(|s| rescale(s.face_value));
			ensure!(face_value.is_none_or(|f| !f.is_zero()), Error::<T>::InvalidRatio);
			// Checked first, written first: nothing else is written if the list is full.
			Self::push_job(security, Job::Split)?;
			let now = T::Credentials::now();
			// Record dates whose time has come take effect before any balance is rescaled.
			Self::materialise(security, now);
			T::Securities::rescale_authorised_supply(security, numerator, denominator);
			if let (Some(mut schedule), Some(face_value)) = (schedule, face_value) {
				schedule.face_value = face_value;
				DebtSchedules::<T>::insert(security, schedule);
			}
			// Per-unit amounts of distributions whose record date is to come are paid on
			// post-split units (bounded by the security's job list).
			for job in Jobs::<T>::get(security).unwrap_or_default() {
				let Job::Pay { distribution, .. } = job else { continue };
				Distributions::<T>::mutate_extant(distribution, |record| {
					if let (DistributionStatus::Created, Amount::PerUnit(rate)) =
						(record.status, record.amount)
					{
						if record.record_at > now {
							record.amount = Amount::PerUnit(rescale(rate));
						}
					}
				});
			}
			Splits::<T>::insert(
				security,
				Split {
					numerator,
					denominator,
					after: None,
					holders: 0,
					supply_before: T::Securities::total_supply(security),
				},
			);
			Self::deposit_event(Event::SplitStarted { security, numerator, denominator });
			Ok(())
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
			Self::ensure_agent(&who, security)?;
			ensure!(
				!motions.is_empty() && motions.iter().all(|m| m.choices.len() >= 2),
				Error::<T>::InvalidBallot
			);
			ensure!(
				starts_at < ends_at && ends_at > T::Credentials::now(),
				Error::<T>::InvalidDates
			);
			with_storage_layer(|| {
				let (checkpoint, at) = Self::record_date(security, record_date)?;
				ensure!(at <= starts_at, Error::<T>::InvalidDates);
				let tallies = motions
					.iter()
					.map(|m| BoundedVec::truncate_from(alloc::vec![Zero::zero(); m.choices.len()]))
					.collect::<Vec<_>>();
				let ballot = NextBallotId::<T>::get();
				NextBallotId::<T>::put(ballot.saturating_add(1));
				Ballots::<T>::insert(
					ballot,
					Ballot {
						security,
						checkpoint,
						starts_at,
						ends_at,
						motions,
						tallies: BoundedVec::truncate_from(tallies),
						voters: 0,
					},
				);
				Self::deposit_event(Event::BallotOpened { ballot, security, checkpoint });
				Ok(())
			})
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
			let mut record = Ballots::<T>::get(ballot).ok_or(Error::<T>::UnknownBallot)?;
			let now = T::Credentials::now();
			ensure!(now >= record.starts_at && now < record.ends_at, Error::<T>::VotingClosed);
			let investor = T::Credentials::investor_of(&who).ok_or(Error::<T>::NotInvestor)?;
			ensure!(!Votes::<T>::contains_key(ballot, investor), Error::<T>::AlreadyVoted);
			ensure!(choices.len() == record.motions.len(), Error::<T>::InvalidVote);
			let weight = Self::investor_balance_at(record.security, record.checkpoint, investor)
				.ok_or_else(|| {
					// A record date whose time came during a split is known once it completes.
					if Splits::<T>::contains_key(record.security) {
						Error::<T>::SplitInProgress
					} else {
						Error::<T>::UnknownCheckpoint
					}
				})?;
			ensure!(!weight.is_zero(), Error::<T>::NoVotingPower);
			for (tally, choice) in record.tallies.iter_mut().zip(choices.iter()) {
				let slot = tally.get_mut(*choice as usize).ok_or(Error::<T>::InvalidVote)?;
				slot.saturating_accrue(weight);
			}
			record.voters.saturating_inc();
			Ballots::<T>::insert(ballot, record);
			Votes::<T>::insert(ballot, investor, ());
			Self::deposit_event(Event::Voted { ballot, investor, weight });
			Ok(())
		}

		/// Cancel a ballot before voting opens (signed by the security's corporate-actions
		/// agent).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_ballot())]
		pub fn cancel_ballot(origin: OriginFor<T>, ballot: BallotId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Ballots::<T>::get(ballot).ok_or(Error::<T>::UnknownBallot)?;
			Self::ensure_agent(&who, record.security)?;
			ensure!(T::Credentials::now() < record.starts_at, Error::<T>::VotingStarted);
			Ballots::<T>::remove(ballot);
			Self::deposit_event(Event::BallotCancelled { ballot });
			Ok(())
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
			Self::ensure_agent(&who, security)?;
			let terms = T::Securities::debt_terms(security).ok_or(Error::<T>::NotDebt)?;
			ensure!(!DebtSchedules::<T>::contains_key(security), Error::<T>::ScheduleExists);
			ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
			ensure!(
				matches!(months, 1 | 3 | 6 | 12)
					&& !face_value.is_zero()
					&& first_coupon > T::Credentials::now()
					&& terms.maturity.is_none_or(|m| first_coupon <= m),
				Error::<T>::InvalidSchedule
			);
			Self::file_date(first_coupon, security);
			DebtSchedules::<T>::insert(
				security,
				DebtSchedule {
					asset,
					face_value,
					months,
					first_coupon,
					coupons: 0,
					maturity: terms.maturity,
					funder: who,
					defaults: 0,
					redeemed: false,
				},
			);
			Self::deposit_event(Event::DebtScheduleSet { security, first_coupon, months });
			Ok(())
		}

		/// Retry the repayment of a matured security's principal after it was missed (signed by
		/// its corporate-actions agent, whose account pays).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::redeem_at_maturity())]
		pub fn redeem_at_maturity(origin: OriginFor<T>, security: SecurityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_agent(&who, security)?;
			let mut schedule = DebtSchedules::<T>::get(security).ok_or(Error::<T>::NoSchedule)?;
			let now = T::Credentials::now();
			ensure!(
				!schedule.redeemed && schedule.maturity.is_some_and(|m| m <= now),
				Error::<T>::NotRedeemable
			);
			schedule.funder = who;
			let distribution = with_storage_layer(|| Self::create_redemption(security, &schedule))?;
			schedule.redeemed = true;
			DebtSchedules::<T>::insert(security, schedule);
			Self::deposit_event(Event::PrincipalRedemptionCreated { security, distribution });
			Ok(())
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
			let schedule = DebtSchedules::<T>::get(security).ok_or(Error::<T>::NoSchedule)?;
			let missed =
				MissedCoupons::<T>::get(security, number).ok_or(Error::<T>::NoMissedCoupon)?;
			let distribution = with_storage_layer(|| {
				Self::create_coupon(security, number, missed.checkpoint, missed.rate, &schedule)
			})?;
			MissedCoupons::<T>::remove(security, number);
			Self::deposit_event(Event::CouponCreated { security, number, distribution });
			Ok(())
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
			ensure!(Recoveries::<T>::contains_key(&lost), Error::<T>::NotRecovered);
			let record =
				Distributions::<T>::get(distribution).ok_or(Error::<T>::UnknownDistribution)?;
			ensure!(Self::payee_of(&lost, record.record_at) == who, Error::<T>::NotReplacement);
			Self::do_claim(distribution, record, &lost)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Fails unless `security` exists and `who` may act as its corporate-actions agent.
		fn ensure_agent(who: &T::AccountId, security: SecurityId) -> DispatchResult {
			ensure!(T::Securities::issuer_of(security).is_some(), Error::<T>::UnknownSecurity);
			ensure!(
				T::Securities::has_role(security, who, Role::CorporateActions),
				Error::<T>::NotAgent
			);
			Ok(())
		}

		/// The escrow account holding a distribution's reserve.
		pub fn escrow_account(distribution: DistributionId) -> T::AccountId {
			T::PalletId::get().into_sub_account_truncating((b"dist", distribution))
		}

		/// Lets scheduled checkpoints whose time has come take effect (in time order), and
		/// returns the security's checkpoint state. While a split of the security rescales its
		/// balances, none takes effect: those whose time comes meanwhile take effect after it,
		/// on post-split balances (no movement happens during a split, so these are the
		/// holdings of their time, in the new units).
		fn materialise(security: SecurityId, now: Moment) -> CheckpointStateOf<T> {
			let mut state = CheckpointStates::<T>::get(security);
			let due = state.scheduled.iter().take_while(|(at, _)| *at <= now).count();
			if due > 0 && !Splits::<T>::contains_key(security) {
				for (_, id) in state.scheduled.iter().take(due) {
					state.epoch.saturating_inc();
					let epoch = state.epoch;
					Checkpoints::<T>::mutate(security, id, |c| {
						if let Some(c) = c {
							c.epoch = Some(epoch)
						}
					});
				}
				let rest = state.scheduled.iter().skip(due).cloned().collect::<Vec<_>>();
				state.scheduled = BoundedVec::truncate_from(rest);
				CheckpointStates::<T>::insert(security, &state);
			}
			state
		}

		/// Resolves (or creates) a record date: its checkpoint and time. Balances now cannot
		/// be recorded while a split is rescaling them.
		pub(crate) fn record_date(
			security: SecurityId,
			record_date: RecordDate,
		) -> Result<(CheckpointId, Moment), DispatchError> {
			let now = T::Credentials::now();
			let (id, at) = match record_date {
				RecordDate::Checkpoint(id) => {
					let checkpoint =
						Checkpoints::<T>::get(security, id).ok_or(Error::<T>::UnknownCheckpoint)?;
					return Ok((id, checkpoint.at));
				},
				RecordDate::Now => {
					ensure!(!Splits::<T>::contains_key(security), Error::<T>::SplitInProgress);
					let mut state = Self::materialise(security, now);
					state.last_id.saturating_inc();
					state.epoch.saturating_inc();
					let id = state.last_id;
					Checkpoints::<T>::insert(
						security,
						id,
						Checkpoint { at: now, epoch: Some(state.epoch) },
					);
					CheckpointStates::<T>::insert(security, state);
					(id, now)
				},
				RecordDate::At(at) => {
					ensure!(at > now, Error::<T>::CheckpointInPast);
					let mut state = CheckpointStates::<T>::get(security);
					state.last_id.saturating_inc();
					let id = state.last_id;
					let position = state.scheduled.partition_point(|(t, _)| *t <= at);
					state
						.scheduled
						.try_insert(position, (at, id))
						.map_err(|_| Error::<T>::TooManyScheduledCheckpoints)?;
					Checkpoints::<T>::insert(security, id, Checkpoint { at, epoch: None });
					CheckpointStates::<T>::insert(security, state);
					(id, at)
				},
			};
			Self::deposit_event(Event::CheckpointCreated { security, checkpoint: id, at });
			Ok((id, at))
		}

		/// `who`'s balance of `security` at `checkpoint` (none: no such checkpoint, or its
		/// time has not come).
		pub fn balance_at(
			security: SecurityId,
			checkpoint: CheckpointId,
			who: &T::AccountId,
		) -> Option<T::Balance> {
			let epoch = Self::effective_epoch(security, checkpoint)?;
			let current = || T::Securities::balance_of(security, who);
			let Some(epoch) = epoch else { return Some(current()) };
			// The first snapshot at or after `epoch`: storage order is epoch order, and the
			// iteration starts after the key of the epoch before.
			let prefix = (security, who.clone());
			let after =
				AccountSnapshots::<T>::hashed_key_for(&prefix, epoch_key(epoch.saturating_sub(1)));
			let snapshot =
				AccountSnapshots::<T>::iter_prefix_from(&prefix, after).next().map(|(_, b)| b);
			Some(snapshot.unwrap_or_else(current))
		}

		/// What `investor`'s wallets held of `security` together at `checkpoint`.
		pub fn investor_balance_at(
			security: SecurityId,
			checkpoint: CheckpointId,
			investor: InvestorId,
		) -> Option<T::Balance> {
			let epoch = Self::effective_epoch(security, checkpoint)?;
			let current = || T::Securities::investor_balance(security, investor);
			let Some(epoch) = epoch else { return Some(current()) };
			// The first snapshot at or after `epoch`: storage order is epoch order, and the
			// iteration starts after the key of the epoch before.
			let prefix = (security, investor);
			let after =
				InvestorSnapshots::<T>::hashed_key_for(&prefix, epoch_key(epoch.saturating_sub(1)));
			let snapshot =
				InvestorSnapshots::<T>::iter_prefix_from(&prefix, after).next().map(|(_, b)| b);
			Some(snapshot.unwrap_or_else(current))
		}

		/// The supply of `security` at `checkpoint`.
		pub fn supply_at(security: SecurityId, checkpoint: CheckpointId) -> Option<T::Balance> {
			let epoch = Self::effective_epoch(security, checkpoint)?;
			let current = || T::Securities::total_supply(security);
			let Some(epoch) = epoch else { return Some(current()) };
			// The first snapshot at or after `epoch`: storage order is epoch order, and the
			// iteration starts after the key of the epoch before.
			let prefix = security;
			let after =
				SupplySnapshots::<T>::hashed_key_for(&prefix, epoch_key(epoch.saturating_sub(1)));
			let snapshot =
				SupplySnapshots::<T>::iter_prefix_from(&prefix, after).next().map(|(_, b)| b);
			Some(snapshot.unwrap_or_else(current))
		}

		/// `Some(Some(epoch))` for a checkpoint that took effect, `Some(None)` for one whose
		/// time came with no change since (current balances answer), none if it does not
		/// exist, its time has not come, or its time came during a split still in progress
		/// (it takes effect after the split).
		fn effective_epoch(
			security: SecurityId,
			checkpoint: CheckpointId,
		) -> Option<Option<Epoch>> {
			let record = Checkpoints::<T>::get(security, checkpoint)?;
			match record.epoch {
				Some(epoch) => Some(Some(epoch)),
				None if record.at <= T::Credentials::now()
					&& !Splits::<T>::contains_key(security) =>
				{
					Some(None)
				},
				None => None,
			}
		}

		/// `a × b / c`, rounded down (zero if `c` is zero; saturating).
		fn mul_div(a: T::Balance, b: T::Balance, c: T::Balance) -> T::Balance {
			if c.is_zero() {
				return Zero::zero();
			}
			multiply_by_rational_with_rounding(
				a.unique_saturated_into(),
				b.unique_saturated_into(),
				c.unique_saturated_into(),
				Rounding::Down,
			)
			.map(T::Balance::unique_saturated_from)
			.unwrap_or_else(T::Balance::max_value)
		}

		/// Smallest units per whole unit of `security`.
		fn one(security: SecurityId) -> T::Balance {
			let decimals = T::Securities::decimals(security).unwrap_or_default();
			T::Balance::unique_saturated_from(10u128.saturating_pow(decimals.into()))
		}

		/// What a distribution needs in escrow for a record-date `supply`.
		fn required(record: &DistributionOf<T>, supply: T::Balance) -> T::Balance {
			match record.amount {
				Amount::Total(total) => total,
				Amount::PerUnit(rate) => Self::mul_div(supply, rate, Self::one(record.security)),
			}
		}

		/// Adds a job to the end of `security`'s list ([`Error::TooManyJobs`] if it is full).
		fn push_job(security: SecurityId, job: Job) -> DispatchResult {
			Jobs::<T>::try_mutate(security, |jobs| {
				jobs.get_or_insert_with(Default::default)
					.try_push(job)
					.map_err(|_| Error::<T>::TooManyJobs.into())
			})
		}

		/// Removes a job from `security`'s list (and the list once empty).
		fn remove_job(security: SecurityId, job: Job) {
			let same = |j: &Job| match (j, job) {
				(Job::Pay { distribution: a, .. }, Job::Pay { distribution: b, .. }) => *a == b,
				(Job::Split, Job::Split) => true,
				_ => false,
			};
			Jobs::<T>::mutate_exists(security, |jobs| {
				if let Some(list) = jobs {
					list.retain(|j| !same(j));
					if list.is_empty() {
						*jobs = None;
					}
				}
			});
		}

		/// Creates a distribution and moves its reserve into escrow. Call inside a storage
		/// layer: it fails after writing.
		#[allow(clippy::too_many_arguments)]
		pub(crate) fn do_create_distribution(
			security: SecurityId,
			kind: DistributionKind,
			record_date: RecordDate,
			asset: AssetIdOf<T>,
			amount: Amount<T::Balance>,
			pay_at: Moment,
			expires_at: Moment,
			withholding: BoundedVec<(Jurisdiction, Perbill), T::MaxWithholdingRates>,
			funder: T::AccountId,
		) -> Result<DistributionId, DispatchError> {
			let (Amount::Total(value) | Amount::PerUnit(value)) = amount;
			ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
			ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
			let now = T::Credentials::now();
			ensure!(pay_at < expires_at && expires_at > now, Error::<T>::InvalidDates);
			let (checkpoint, at) = Self::record_date(security, record_date)?;
			// Payment cannot start before the record date. A payment date already past (a
			// caller's "now", older than the block that records balances) means "as soon as
			// the record date allows"; a future one before a future record date is an error.
			let pay_at = if at > pay_at {
				ensure!(at <= now, Error::<T>::InvalidDates);
				at
			} else {
				pay_at
			};
			let distribution = NextDistributionId::<T>::get();
			NextDistributionId::<T>::put(distribution.saturating_add(1));
			let record = Distribution {
				security,
				kind,
				checkpoint,
				record_at: at,
				asset: asset.clone(),
				amount,
				funder: funder.clone(),
				pay_at,
				expires_at,
				withholding,
				supply: Zero::zero(),
				status: DistributionStatus::Created,
				cursor: Cursor::Holders(None),
				payments: 0,
				paid: Zero::zero(),
				withheld: Zero::zero(),
			};
			let supply = Self::supply_at(security, checkpoint)
				.unwrap_or_else(|| T::Securities::total_supply(security));
			let reserved = Self::required(&record, supply);
			Self::push_job(security, Job::Pay { distribution, from: pay_at })?;
			let escrow = Self::escrow_account(distribution);
			// The escrow exists while the distribution does, whatever the asset's sufficiency.
			frame_system::Pallet::<T>::inc_providers(&escrow);
			if !reserved.is_zero() {
				T::Assets::transfer(
					asset.clone(),
					&funder,
					&escrow,
					reserved,
					Preservation::Expendable,
				)
				.map_err(|_| Error::<T>::FundingFailed)?;
			}
			Distributions::<T>::insert(distribution, record);
			Self::deposit_event(Event::DistributionCreated {
				distribution,
				security,
				kind,
				checkpoint,
				asset,
				reserved,
				escrow,
			});
			Ok(distribution)
		}

		/// Settles the reserve against the record date's supply when payment starts: collects
		/// a shortfall from the funder or returns the excess. If the funder cannot cover it, the
		/// distribution defaults and closes, its reserve returned; if the reserve cannot be
		/// returned now ([`Error::RefundFailed`]), nothing changes and activation is retried.
		pub(crate) fn activate(
			distribution: DistributionId,
			record: &mut DistributionOf<T>,
		) -> DispatchResult {
			let supply = Self::supply_at(record.security, record.checkpoint)
				.unwrap_or_else(|| T::Securities::total_supply(record.security));
			let required = Self::required(record, supply);
			let escrow = Self::escrow_account(distribution);
			let reserve = T::Assets::balance(record.asset.clone(), &escrow);
			if required > reserve {
				let shortfall = required - reserve;
				let collected = T::Assets::transfer(
					record.asset.clone(),
					&record.funder,
					&escrow,
					shortfall,
					Preservation::Expendable,
				);
				if collected.is_err() {
					Self::close(distribution, record)?;
					Self::deposit_event(Event::DistributionDefaulted { distribution, shortfall });
					return Ok(());
				}
			} else if reserve > required {
				// If the escrow cannot pay it back now, the excess returns with `reclaim`.
				let _ = T::Assets::transfer(
					record.asset.clone(),
					&escrow,
					&record.funder,
					reserve - required,
					Preservation::Expendable,
				);
			}
			record.supply = supply;
			record.status = DistributionStatus::Paying;
			Self::deposit_event(Event::DistributionActivated {
				distribution,
				supply,
				reserve: required,
			});
			Ok(())
		}

		/// Returns everything left in the escrow to the funder and closes the distribution;
		/// returns how much. Fails with [`Error::RefundFailed`] before writing anything if the
		/// funds cannot leave the escrow (a frozen asset or escrow): a distribution closes only
		/// once its escrow is empty.
		fn close(
			distribution: DistributionId,
			record: &mut DistributionOf<T>,
		) -> Result<T::Balance, DispatchError> {
			let escrow = Self::escrow_account(distribution);
			let left = T::Assets::balance(record.asset.clone(), &escrow);
			if !left.is_zero() {
				T::Assets::transfer(
					record.asset.clone(),
					&escrow,
					&record.funder,
					left,
					Preservation::Expendable,
				)
				.map_err(|_| Error::<T>::RefundFailed)?;
			}
			let _ = frame_system::Pallet::<T>::dec_providers(&escrow);
			record.status = DistributionStatus::Closed;
			Self::remove_job(record.security, Job::Pay { distribution, from: record.pay_at });
			Ok(left)
		}

		/// Whether payments must wait: while a split rescales the security's units, nothing is
		/// activated, paid or burnt (a record date whose time came meanwhile is not known yet).
		fn payments_wait(record: &DistributionOf<T>) -> bool {
			Splits::<T>::contains_key(record.security)
		}

		/// The wallet `who`'s entitlement at a record date of time `record_at` is paid to:
		/// `who` itself, or the wallet that replaced it in a credentials recovery (following
		/// up to [`MAX_RECOVERY_HOPS`] recoveries). A recovery applies to every record date
		/// until the lost wallet is linked to an investor again: before it, and after it while
		/// units left on the lost wallet are still its investor's; from the new link on, the
		/// wallet is paid itself.
		pub fn payee_of(who: &T::AccountId, record_at: Moment) -> T::AccountId {
			let mut payee = who.clone();
			for _ in 0..MAX_RECOVERY_HOPS {
				let Some(recoveries) = Recoveries::<T>::get(&payee) else { break };
				let Some(recovery) =
					recoveries.into_iter().find(|r| r.until.is_none_or(|until| record_at < until))
				else {
					break;
				};
				payee = recovery.to;
			}
			payee
		}

		/// The most [`Self::payee_of`] reads (one per recovery followed, and the last miss);
		/// added per holder to the benchmarked weights, which see no recovery.
		pub fn recovery_weight() -> Weight {
			T::DbWeight::get().reads(MAX_RECOVERY_HOPS as u64 + 1)
		}

		/// What `who` (a record-date account) is owed by a distribution.
		pub fn entitlement_of(
			record: &DistributionOf<T>,
			who: &T::AccountId,
		) -> Entitlement<T::Balance> {
			Self::entitlement_with(record, who, &Self::payee_of(who, record.record_at))
		}

		/// What `who` is owed, taxed at the rate of the jurisdiction of `payee`'s investor (the
		/// wallet paid: a lost wallet has no investor any more, its replacement has).
		fn entitlement_with(
			record: &DistributionOf<T>,
			who: &T::AccountId,
			payee: &T::AccountId,
		) -> Entitlement<T::Balance> {
			let units =
				Self::balance_at(record.security, record.checkpoint, who).unwrap_or_default();
			let gross = match record.amount {
				Amount::Total(total) => {
					let supply = if record.status == DistributionStatus::Created {
						Self::supply_at(record.security, record.checkpoint).unwrap_or_default()
					} else {
						record.supply
					};
					Self::mul_div(total, units, supply)
				},
				Amount::PerUnit(rate) => Self::mul_div(units, rate, Self::one(record.security)),
			};
			let rate = T::Credentials::investor_of(payee)
				.and_then(T::Credentials::jurisdiction_of)
				.and_then(|home| {
					record.withholding.iter().find(|(j, _)| *j == home).map(|(_, rate)| *rate)
				})
				.unwrap_or_default();
			let withheld = rate.mul_floor(gross);
			Entitlement { units, gross, withheld, net: gross - withheld, paid: false }
		}

		fn is_blocked(who: &T::AccountId) -> bool {
			T::Credentials::account_block(who).is_some()
				|| T::Credentials::investor_of(who)
					.and_then(T::Credentials::investor_block)
					.is_some()
		}

		/// A claim of what `holder` is owed (by itself, or for it by its replacement).
		fn do_claim(
			distribution: DistributionId,
			mut record: DistributionOf<T>,
			holder: &T::AccountId,
		) -> DispatchResult {
			ensure!(record.status != DistributionStatus::Closed, Error::<T>::DistributionClosed);
			ensure!(T::Credentials::now() >= record.pay_at, Error::<T>::NotPayable);
			ensure!(!Self::payments_wait(&record), Error::<T>::SplitInProgress);
			if record.status == DistributionStatus::Created {
				Self::activate(distribution, &mut record)?;
				if record.status == DistributionStatus::Closed {
					Distributions::<T>::insert(distribution, record);
					return Ok(());
				}
			}
			with_storage_layer(|| Self::pay_holder(distribution, &mut record, holder))?;
			Distributions::<T>::insert(distribution, record);
			Ok(())
		}

		/// Pays what `holder` was owed at the record date to its payee (itself, or the wallet
		/// that replaced it), and burns the units for a redemption. Call inside a storage
		/// layer: it fails after writing.
		fn pay_holder(
			distribution: DistributionId,
			record: &mut DistributionOf<T>,
			holder: &T::AccountId,
		) -> DispatchResult {
			ensure!(!Payments::<T>::contains_key(distribution, holder), Error::<T>::AlreadyPaid);
			let payee = Self::payee_of(holder, record.record_at);
			let owed = Self::entitlement_with(record, holder, &payee);
			ensure!(!owed.gross.is_zero(), Error::<T>::NothingToClaim);
			ensure!(!Self::is_blocked(&payee), Error::<T>::HolderBlocked);
			if record.kind == DistributionKind::Redemption {
				let burnt = T::Securities::redeem_all(record.security, holder)
					.map_err(|_| Error::<T>::RedemptionFailed)?;
				// A recovered wallet's units followed it to its replacement: burn them there.
				if burnt.is_zero() && payee != *holder {
					T::Securities::redeem_all(record.security, &payee)
						.map_err(|_| Error::<T>::RedemptionFailed)?;
				}
			}
			if !owed.net.is_zero() {
				T::Assets::transfer(
					record.asset.clone(),
					&Self::escrow_account(distribution),
					&payee,
					owed.net,
					Preservation::Expendable,
				)
				.map_err(|_| Error::<T>::PaymentFailed)?;
			}
			Payments::<T>::insert(distribution, holder, ());
			record.payments.saturating_inc();
			record.paid.saturating_accrue(owed.net);
			record.withheld.saturating_accrue(owed.withheld);
			Self::deposit_event(Event::Paid {
				distribution,
				holder: holder.clone(),
				payee,
				gross: owed.gross,
				withheld: owed.withheld,
				net: owed.net,
			});
			Ok(())
		}

		/// The push's step for one account: pays it if it is owed and not paid, else moves on.
		fn push_one(
			distribution: DistributionId,
			record: &mut DistributionOf<T>,
			who: &T::AccountId,
		) {
			let mut attempt = record.clone();
			match with_storage_layer(|| Self::pay_holder(distribution, &mut attempt, who)) {
				Ok(()) => *record = attempt,
				Err(error) => {
					let reason = if error == Error::<T>::HolderBlocked.into() {
						Deferral::Blocked
					} else if error == Error::<T>::PaymentFailed.into() {
						Deferral::TransferFailed
					} else if error == Error::<T>::RedemptionFailed.into() {
						Deferral::RedemptionFailed
					} else {
						// Already paid, or owed nothing.
						return;
					};
					Self::deposit_event(Event::PaymentDeferred {
						distribution,
						holder: who.clone(),
						reason,
					});
				},
			}
		}

		/// Goes through up to `max` accounts of a paying distribution from its cursor (current
		/// holders, then accounts that emptied their holding), paying each what it is owed;
		/// finishes the push when none are left. Returns how many accounts it went through.
		pub(crate) fn push(
			distribution: DistributionId,
			record: &mut DistributionOf<T>,
			max: u32,
		) -> u32 {
			let security = record.security;
			let mut visited = 0u32;
			while visited < max && record.status == DistributionStatus::Paying {
				let room = max - visited;
				match record.cursor.clone() {
					Cursor::Holders(after) => {
						let page = T::Securities::holders_after(security, after.as_ref(), room);
						let last = (page.len() as u32) < room;
						for (who, _) in page {
							Self::push_one(distribution, record, &who);
							visited.saturating_inc();
							record.cursor = Cursor::Holders(Some(who));
						}
						if last {
							record.cursor = Cursor::Exited(None);
						}
					},
					Cursor::Exited(after) => {
						let page: Vec<T::AccountId> = match after {
							Some(after) => Exited::<T>::iter_key_prefix_from(
								security,
								Exited::<T>::hashed_key_for(security, after),
							)
							.take(room as usize)
							.collect(),
							None => {
								Exited::<T>::iter_key_prefix(security).take(room as usize).collect()
							},
						};
						let last = (page.len() as u32) < room;
						for who in page {
							Self::push_one(distribution, record, &who);
							visited.saturating_inc();
							record.cursor = Cursor::Exited(Some(who));
						}
						if last {
							Self::finish_push(distribution, record);
						}
					},
				}
			}
			visited
		}

		/// Every record-date holder has been gone through: withheld tax goes to the funder (or,
		/// if the escrow cannot pay it now, with `reclaim`).
		fn finish_push(distribution: DistributionId, record: &mut DistributionOf<T>) {
			if !record.withheld.is_zero() {
				let _ = T::Assets::transfer(
					record.asset.clone(),
					&Self::escrow_account(distribution),
					&record.funder,
					record.withheld,
					Preservation::Expendable,
				);
			}
			record.status = DistributionStatus::Pushed;
			Self::remove_job(record.security, Job::Pay { distribution, from: record.pay_at });
			Self::deposit_event(Event::DistributionPushed {
				distribution,
				payments: record.payments,
				paid: record.paid,
				withheld: record.withheld,
			});
		}

		/// Rescales up to `max` holders of a split; completes it when none are left. Returns
		/// how many holders it rescaled.
		pub(crate) fn split_page(security: SecurityId, max: u32) -> u32 {
			let Some(mut split) = Splits::<T>::get(security) else {
				Self::remove_job(security, Job::Split);
				return 0;
			};
			let page = T::Securities::holders_after(security, split.after.as_ref(), max);
			let last = (page.len() as u32) < max;
			let visited = page.len() as u32;
			for (who, _) in page {
				T::Securities::rescale_holding(security, &who, split.numerator, split.denominator);
				split.holders.saturating_inc();
				split.after = Some(who);
			}
			if last {
				Splits::<T>::remove(security);
				Self::remove_job(security, Job::Split);
				Self::deposit_event(Event::SplitCompleted {
					security,
					holders: split.holders,
					supply_before: split.supply_before,
					supply_after: T::Securities::total_supply(security),
				});
			} else {
				Splits::<T>::insert(security, split);
			}
			visited
		}

		/// How many items of weight `per` fit in `left` after `fixed`.
		fn fit(left: Weight, fixed: Weight, per: Weight) -> u32 {
			let Some(room) = left.checked_sub(&fixed) else { return 0 };
			let by = |room: u64, per: u64| if per == 0 { u64::MAX } else { room / per };
			by(room.ref_time(), per.ref_time())
				.min(by(room.proof_size(), per.proof_size()))
				.min(u32::MAX as u64) as u32
		}

		/// What paying (or, for a redemption, redeeming) `n` holders costs.
		fn page_weight(kind: DistributionKind, n: u32) -> Weight {
			let page = if kind == DistributionKind::Redemption {
				T::WeightInfo::redeem_holders(n)
			} else {
				T::WeightInfo::pay_holders(n)
			};
			page.saturating_add(Self::recovery_weight().saturating_mul(n.into()))
		}

		/// What [`Pallet::push_payments`] is charged before it knows the distribution's kind:
		/// the heavier per holder of a payment and a redemption.
		pub fn push_payments_weight(max: u32) -> Weight {
			T::WeightInfo::activate().saturating_add(
				Self::page_weight(DistributionKind::Dividend, max)
					.max(Self::page_weight(DistributionKind::Redemption, max)),
			)
		}

		/// `on_idle`'s work: every security with jobs gets a turn, round-robin from where the
		/// last block stopped, and within a security its jobs run oldest first (paying
		/// distributions, rescaling a split), all within `remaining`. Returns the weight used
		/// (never more than `remaining`).
		///
		/// The securities are taken in storage order after the cursor, then from the start up
		/// to and including the cursor: each at most once per block.
		pub fn run_jobs(remaining: Weight) -> Weight {
			let db = T::DbWeight::get();
			// The time and the cursor, read and written.
			let mut used = db.reads_writes(2, 1);
			if remaining.any_lt(used) {
				return Weight::zero();
			}
			let now = T::Credentials::now();
			let start = JobCursor::<T>::get();
			let start_key = start.map(Jobs::<T>::hashed_key_for);
			let mut position = start;
			let mut after = start_key.clone();
			let mut wrapped = start.is_none();
			// Finding each security and reading its job list.
			let visit = db.reads(2);
			while remaining.saturating_sub(used).all_gte(visit) {
				let next = match after.clone() {
					Some(key) => Jobs::<T>::iter_keys_from(key).next(),
					None => Jobs::<T>::iter_keys().next(),
				};
				let Some(security) = next else {
					if wrapped {
						break;
					}
					wrapped = true;
					after = None;
					continue;
				};
				let key = Jobs::<T>::hashed_key_for(security);
				if wrapped && start_key.as_ref().is_some_and(|start| key > *start) {
					break;
				}
				after = Some(key);
				used.saturating_accrue(visit);
				let (spent, worked, out_of_weight) =
					Self::run_security_jobs(security, now, remaining.saturating_sub(used));
				used.saturating_accrue(spent);
				if worked || !out_of_weight {
					// It had its turn (or could do nothing yet): the next one goes first.
					position = Some(security);
				}
				if out_of_weight {
					break;
				}
			}
			if position != start {
				if let Some(security) = position {
					JobCursor::<T>::put(security);
				}
			}
			used
		}

		/// One security's turn: its jobs, oldest first, within `left`. Returns the weight used,
		/// whether any work was done and whether it stopped for lack of weight.
		fn run_security_jobs(
			security: SecurityId,
			now: Moment,
			left: Weight,
		) -> (Weight, bool, bool) {
			let mut used = Weight::zero();
			let mut worked = false;
			// Removing a finished job from the list.
			let list_update = T::DbWeight::get().reads_writes(1, 1);
			for job in Jobs::<T>::get(security).unwrap_or_default() {
				let left = left.saturating_sub(used);
				match job {
					Job::Pay { distribution, from } => {
						if now < from {
							continue;
						}
						// Reading the record and starting payment are within `activate`.
						let fixed = T::WeightInfo::activate().saturating_add(list_update);
						if left.any_lt(fixed) {
							return (used, worked, true);
						}
						let Some(mut record) = Distributions::<T>::get(distribution) else {
							used.saturating_accrue(fixed);
							Self::remove_job(security, job);
							continue;
						};
						if Self::payments_wait(&record) {
							used.saturating_accrue(T::DbWeight::get().reads(2));
							continue;
						}
						let per_holder = Self::page_weight(record.kind, 1)
							.saturating_sub(Self::page_weight(record.kind, 0));
						let n = Self::fit(
							left.saturating_sub(fixed),
							Self::page_weight(record.kind, 0),
							per_holder,
						);
						if n == 0 {
							return (used, worked, true);
						}
						used.saturating_accrue(fixed);
						worked = true;
						if record.status == DistributionStatus::Created
							&& Self::activate(distribution, &mut record).is_err()
						{
							// The default's refund failed: nothing changed; retried later.
							continue;
						}
						if record.status == DistributionStatus::Paying {
							let visited = Self::push(distribution, &mut record, n);
							used.saturating_accrue(Self::page_weight(record.kind, visited));
						}
						Distributions::<T>::insert(distribution, record);
					},
					Job::Split => {
						let per_holder = T::WeightInfo::split_holders(1)
							.saturating_sub(T::WeightInfo::split_holders(0));
						let n = Self::fit(left, T::WeightInfo::split_holders(0), per_holder);
						if n == 0 {
							return (used, worked, true);
						}
						worked = true;
						let visited = Self::split_page(security, n);
						used.saturating_accrue(T::WeightInfo::split_holders(visited));
						// Still rescaling: the weight left did not cover the rest.
						if Splits::<T>::contains_key(security) {
							return (used, worked, true);
						}
					},
				}
			}
			(used, worked, false)
		}

		/// Files `security`'s next coupon or maturity date.
		fn file_date(at: Moment, security: SecurityId) {
			CouponCalendar::<T>::insert(moment_key(at), security, ());
		}

		/// Creates the coupon or principal repayment at the head of the calendar if it is due,
		/// and files the security's next date. Returns whether a date was due.
		///
		/// A date that comes while the security is being split waits for the split (it is
		/// retried in the next block). A coupon that cannot be created (the reserve cannot
		/// cover it, or the security's job list is full) is recorded as missed, with its
		/// record date, and stays owed until [`Pallet::retry_coupon`].
		pub(crate) fn service_next_debt_payment(now: Moment) -> bool {
			let Some((key, security, ())) = CouponCalendar::<T>::iter().next() else {
				return false;
			};
			if Moment::from_be_bytes(key) > now {
				return false;
			}
			CouponCalendar::<T>::remove(key, security);
			let Some(mut schedule) = DebtSchedules::<T>::get(security) else { return true };
			if Splits::<T>::contains_key(security) {
				Self::file_date(now.saturating_add(1), security);
				return true;
			}
			let period = |k: u32| {
				add_months(schedule.first_coupon, (schedule.months as u32).saturating_mul(k))
			};
			let coupon_date = period(schedule.coupons);
			let before_maturity = |date: Moment| schedule.maturity.is_none_or(|m| date <= m);
			let mut matured_now = false;
			if coupon_date <= now && before_maturity(coupon_date) {
				let number = schedule.coupons.saturating_add(1);
				let bps = T::Securities::debt_terms(security).map(|t| t.coupon_bps).unwrap_or(0);
				// face × bps × months / (10,000 × 12) per whole unit, rounded down.
				let rate = Self::mul_div(
					schedule.face_value,
					T::Balance::unique_saturated_from(bps as u128 * schedule.months as u128),
					T::Balance::unique_saturated_from(120_000u128),
				);
				// The record date is the coupon date, whether or not the coupon can be created.
				let Ok((checkpoint, _)) = Self::record_date(security, RecordDate::Now) else {
					Self::file_date(now.saturating_add(1), security);
					return true;
				};
				let created = with_storage_layer(|| {
					Self::create_coupon(security, number, checkpoint, rate, &schedule)
				});
				match created {
					Ok(distribution) => {
						Self::deposit_event(Event::CouponCreated { security, number, distribution })
					},
					Err(_) => {
						schedule.defaults.saturating_inc();
						MissedCoupons::<T>::insert(
							security,
							number,
							MissedCoupon { checkpoint, rate, due_at: coupon_date },
						);
						let supply = T::Securities::total_supply(security);
						Self::deposit_event(Event::PaymentMissed {
							security,
							payment: DebtPayment::Coupon { number },
							due: Self::mul_div(supply, rate, Self::one(security)),
						});
					},
				}
				schedule.coupons = number;
			} else if schedule.maturity.is_some_and(|m| m <= now) {
				matured_now = true;
				T::Securities::mark_matured(security);
				match with_storage_layer(|| Self::create_redemption(security, &schedule)) {
					Ok(distribution) => {
						schedule.redeemed = true;
						Self::deposit_event(Event::PrincipalRedemptionCreated {
							security,
							distribution,
						});
					},
					Err(_) => {
						schedule.defaults.saturating_inc();
						let supply = T::Securities::total_supply(security);
						Self::deposit_event(Event::PaymentMissed {
							security,
							payment: DebtPayment::Principal,
							due: Self::mul_div(supply, schedule.face_value, Self::one(security)),
						});
					},
				}
			}
			if !matured_now && !schedule.redeemed {
				let next = period(schedule.coupons);
				let next = match schedule.maturity {
					Some(maturity) if next > maturity => maturity,
					_ => next,
				};
				Self::file_date(next, security);
			}
			DebtSchedules::<T>::insert(security, schedule);
			true
		}

		/// Creates the `number`th coupon of `security` at `checkpoint`, `rate` per whole unit,
		/// from the schedule's reserve, paid from now. Call inside a storage layer.
		fn create_coupon(
			security: SecurityId,
			number: u32,
			checkpoint: CheckpointId,
			rate: T::Balance,
			schedule: &DebtScheduleOf<T>,
		) -> Result<DistributionId, DispatchError> {
			let now = T::Credentials::now();
			Self::do_create_distribution(
				security,
				DistributionKind::Coupon { number },
				RecordDate::Checkpoint(checkpoint),
				schedule.asset.clone(),
				Amount::PerUnit(rate),
				now,
				now.saturating_add(T::ClaimPeriod::get()),
				Default::default(),
				schedule.funder.clone(),
			)
		}

		/// Creates the distribution repaying the principal of a matured security (the units
		/// are burnt as each holder is paid).
		fn create_redemption(
			security: SecurityId,
			schedule: &DebtScheduleOf<T>,
		) -> Result<DistributionId, DispatchError> {
			let now = T::Credentials::now();
			Self::do_create_distribution(
				security,
				DistributionKind::Redemption,
				RecordDate::Now,
				schedule.asset.clone(),
				Amount::PerUnit(schedule.face_value),
				now,
				now.saturating_add(T::ClaimPeriod::get()),
				Default::default(),
				schedule.funder.clone(),
			)
		}

		/// Entitlement of `who` in a distribution, for the runtime API.
		pub fn entitlement(
			distribution: DistributionId,
			who: &T::AccountId,
		) -> Option<Entitlement<T::Balance>> {
			let record = Distributions::<T>::get(distribution)?;
			let mut owed = Self::entitlement_of(&record, who);
			owed.paid = Payments::<T>::contains_key(distribution, who);
			Some(owed)
		}

		/// A distribution's progress, for the runtime API.
		pub fn progress(distribution: DistributionId) -> Option<DistributionProgress<T::Balance>> {
			let record = Distributions::<T>::get(distribution)?;
			Some(DistributionProgress {
				security: record.security,
				active: record.status != DistributionStatus::Created,
				pushed: matches!(
					record.status,
					DistributionStatus::Pushed | DistributionStatus::Closed
				),
				closed: record.status == DistributionStatus::Closed,
				payments: record.payments,
				paid: record.paid,
				withheld: record.withheld,
				remaining: T::Assets::balance(record.asset, &Self::escrow_account(distribution)),
			})
		}

		/// A ballot's tallies, for the runtime API.
		pub fn results(ballot: BallotId) -> Option<BallotResults<T::Balance>> {
			let record = Ballots::<T>::get(ballot)?;
			Some(BallotResults {
				security: record.security,
				tallies: record.tallies.into_iter().map(|t| t.into_inner()).collect(),
				voters: record.voters,
				closed: T::Credentials::now() >= record.ends_at,
			})
		}
	}

	/// Record dates: balances are written before their first change in each checkpoint epoch.
	impl<T: Config> HoldingsObserver<T::AccountId, T::Balance> for Pallet<T> {
		fn is_locked(security: SecurityId) -> bool {
			Splits::<T>::contains_key(security)
		}

		fn before_balance_change(
			security: SecurityId,
			who: &T::AccountId,
			balance: T::Balance,
			investor: Option<(InvestorId, T::Balance)>,
		) {
			let state = Self::materialise(security, T::Credentials::now());
			if state.epoch == 0 {
				return;
			}
			let key = epoch_key(state.epoch);
			let account = (security, who.clone());
			if !AccountSnapshots::<T>::contains_key(&account, key) {
				AccountSnapshots::<T>::insert(&account, key, balance);
			}
			if let Some((investor, total)) = investor {
				if !InvestorSnapshots::<T>::contains_key((security, investor), key) {
					InvestorSnapshots::<T>::insert((security, investor), key, total);
				}
			}
		}

		fn on_emptied(security: SecurityId, who: &T::AccountId) {
			if CheckpointStates::<T>::get(security).epoch > 0 {
				Exited::<T>::insert(security, who, ());
			}
		}

		fn before_supply_change(security: SecurityId, supply: T::Balance) {
			let state = Self::materialise(security, T::Credentials::now());
			if state.epoch == 0 {
				return;
			}
			let key = epoch_key(state.epoch);
			if !SupplySnapshots::<T>::contains_key(security, key) {
				SupplySnapshots::<T>::insert(security, key, supply);
			}
		}

		fn observer_weight() -> Weight {
			let scheduled = T::MaxScheduledCheckpoints::get() as u64;
			// Per movement: the lock (1 read); each side: the checkpoint state, the split, the
			// time, the account and investor snapshots (read, written) and the exit marker
			// (state read, marker written): 6 reads, 3 writes; the supply: state, split, time
			// and its snapshot: 4 reads, 1 write. And once per movement (the first call finds
			// them due, the others none), every scheduled checkpoint may take effect: each read
			// and written, and the state written.
			T::DbWeight::get().reads_writes(17 + scheduled, 7 + scheduled + 1)
		}
	}

	/// Recoveries: what a lost wallet is owed is paid to the wallet that replaced it.
	impl<T: Config> CredentialsListener<T::AccountId> for Pallet<T> {
		fn on_credentials_changed(_: InvestorId) {}

		fn on_jurisdiction_changed(_: InvestorId, _: Jurisdiction, _: Jurisdiction) {}

		fn on_wallet_recovered(_: InvestorId, lost: &T::AccountId, new: &T::AccountId) {
			Recoveries::<T>::mutate(lost, |recoveries| {
				let list = recoveries.get_or_insert_with(Default::default);
				if list.is_full() {
					list.remove(0);
				}
				let _ = list.try_push(Recovery { to: new.clone(), until: None });
			});
		}

		fn on_wallet_linked(_: InvestorId, wallet: &T::AccountId) {
			// A lost wallet linked again: record dates from now on are its own.
			if Recoveries::<T>::contains_key(wallet) {
				let now = T::Credentials::now();
				Recoveries::<T>::mutate_extant(wallet, |list| {
					for recovery in list.iter_mut().filter(|r| r.until.is_none()) {
						recovery.until = Some(now);
					}
				});
			}
		}

		fn on_credentials_changed_weight() -> Weight {
			Weight::zero()
		}

		fn on_jurisdiction_changed_weight() -> Weight {
			Weight::zero()
		}

		fn on_wallet_recovered_weight() -> Weight {
			// The wallet's recoveries, read and written.
			T::DbWeight::get().reads_writes(1, 1)
		}

		fn on_wallet_linked_weight() -> Weight {
			// The wallet's recoveries (read twice), the time, and the recoveries written.
			T::DbWeight::get().reads_writes(3, 1)
		}
	}
}
