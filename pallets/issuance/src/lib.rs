//! # Issuance
//!
//! The register of every security on Stoa, and the only place where balances of securities
//! move.
//!
//! ## Who does what
//!
//! - [`Config::RegulatorAdminOrigin`] (governance; root for now) registers **regulators**, one
//!   account per regulator, each for a jurisdiction.
//! - A regulator **approves issuers**: legal-entity investors (from `pallet-credentials`) of its
//!   jurisdiction, with the hash of their licence or prospectus. It may suspend and reinstate
//!   them; a suspended issuer cannot create securities, issue, or open offerings.
//! - An issuer (any wallet of the issuing investor) **creates securities** (name, symbol, kind,
//!   decimals, ISIN and optional CUSIP/LEI/FIGI with check digits, authorised supply), attaches
//!   **documents**, and delegates **agent roles** per security ([`AgentRoles`]): issuance,
//!   compliance, transfer, corporate actions. The issuer holds every role itself.
//! - Holders **transfer** and **redeem**; the transfer agent **freezes** holders or amounts,
//!   **forces transfers** and **recovers holdings** after a credentials wallet recovery; the
//!   compliance agent **pauses** the security.
//! - The issuance agent **issues** (singly or in bounded batches) and runs **primary offerings**:
//!   qualified investors subscribe against a settlement currency held in escrow, may withdraw
//!   until the close, and at the close subscriptions are settled (or refunded below the soft
//!   cap) page by page, by anyone.
//!
//! ## One chokepoint
//!
//! Every movement (issue, transfer, forced transfer, recovery, redemption, offering
//! settlement, and the [`fungibles`](frame_support::traits::fungibles) traits other pallets use)
//! goes through [`Pallet::do_move`], which checks the security's status, freezes and balances,
//! asks [`Config::Guard`] (the compliance rules) whether the movement may happen, and only then
//! writes. Holders are counted per investor: two wallets of one investor are one holder.
//!
//! ## Where the code is
//!
//! This file is the pallet's face (config, storage, events, errors, calls). The logic lives
//! beside it: `movement.rs` (the chokepoint), `offerings.rs`, `functions.rs` (roles, issuers,
//! securities, runtime API reads), `security_admin.rs` (`SecurityRegistry`, `SecurityAdmin`),
//! `listener.rs` (what credentials tell and ask) and `fungibles_impl.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod functions;
mod fungibles_impl;
mod listener;
#[cfg(test)]
mod mock;
mod movement;
mod offerings;
mod security_admin;
#[cfg(test)]
mod tests;
mod try_state;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungibles, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use stoa_primitives::{
		CredentialRegistry, HoldingsObserver, InvestorId, Jurisdiction, Moment, Movement,
		MovementKind, OfferingId, Role, SecurityId, TransferGuard, TransferRejection,
	};

	/// The settlement currencies' asset ids.
	pub type AssetIdOf<T> = <<T as Config>::Settlement as fungibles::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::AssetId;

	/// A security record, as this runtime stores it.
	pub type SecurityOf<T> = Security<
		<T as Config>::Balance,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxSymbolLength,
	>;

	/// An issuer record, as this runtime stores it.
	pub type IssuerOf<T> =
		Issuer<<T as frame_system::Config>::AccountId, <T as frame_system::Config>::Hash>;

	/// An offering, as this runtime stores it.
	pub type OfferingOf<T> =
		Offering<<T as frame_system::Config>::AccountId, AssetIdOf<T>, <T as Config>::Balance>;

	/// A holding, as this runtime stores it.
	pub type HoldingOf<T> = Holding<<T as frame_system::Config>::AccountId, <T as Config>::Balance>;

	/// A document name.
	pub type DocumentNameOf<T> = BoundedVec<u8, <T as Config>::MaxDocumentNameLength>;

	/// A batch of issues: (receiver, units).
	pub type IssueBatchOf<T> = BoundedVec<
		(<T as frame_system::Config>::AccountId, <T as Config>::Balance),
		<T as Config>::MaxBatchIssue,
	>;

	/// Sets up state for benchmarks that this pallet cannot create itself.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId, AssetId, Balance> {
		/// Makes `who` the wallet of a new investor of `kind` in `jurisdiction`, holding every
		/// credential the runtime's guard asks for; returns the investor.
		fn qualified_investor(
			who: &AccountId,
			kind: stoa_primitives::InvestorKind,
			jurisdiction: Jurisdiction,
		) -> InvestorId;
		/// A settlement asset that exists, with `who` holding `amount` of it.
		fn funded_settlement_asset(who: &AccountId, amount: Balance) -> AssetId;
		/// Sets the chain's time (seconds).
		fn set_time(now: Moment);
		/// Links `wallet` to the investor behind `lost` and recovers `lost` into it, as the
		/// credentials pallet does (so that holdings may be recovered).
		fn recover_wallet(lost: &AccountId, wallet: &AccountId);
	}

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

		/// Balances of securities (and of settlement currencies).
		type Balance: BalanceT;

		/// Investors, wallets, credentials and blocks.
		type Credentials: CredentialRegistry<Self::AccountId>;

		/// Decides whether each movement may happen (the compliance rules).
		type Guard: TransferGuard<Self::AccountId, Self::Balance>;

		/// Told of every balance and supply change before it is written (record dates), and
		/// asked whether a security is locked by a corporate action.
		type Observer: HoldingsObserver<Self::AccountId, Self::Balance>;

		/// Settlement currencies offerings are paid in (`pallet-assets`).
		type Settlement: fungibles::Mutate<Self::AccountId, Balance = Self::Balance>;

		/// Registers and removes regulators (governance; root for now).
		type RegulatorAdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The pallet's id, from which each offering's escrow account is derived.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The longest regulator or security name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The longest symbol, in bytes.
		#[pallet::constant]
		type MaxSymbolLength: Get<u32>;

		/// The longest document name, in bytes.
		#[pallet::constant]
		type MaxDocumentNameLength: Get<u32>;

		/// The longest document URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// The most documents one security may carry.
		#[pallet::constant]
		type MaxDocuments: Get<u32>;

		/// The most receivers in one `batch_issue`.
		#[pallet::constant]
		type MaxBatchIssue: Get<u32>;

		/// The most subscriptions one `settle_offering` call settles or refunds.
		#[pallet::constant]
		type MaxSettlementBatch: Get<u32>;

		/// Weights of this pallet's calls, generated by `stoa-node benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Sets up investors, settlement assets and time for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, AssetIdOf<Self>, Self::Balance>;
	}

	/// Regulators, by account.
	#[pallet::storage]
	pub type Regulators<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Regulator<T::MaxNameLength>, OptionQuery>;

	/// Approved issuers, by investor.
	#[pallet::storage]
	pub type Issuers<T: Config> = StorageMap<_, Twox64Concat, InvestorId, IssuerOf<T>, OptionQuery>;

	/// Securities, by id.
	#[pallet::storage]
	pub type Securities<T: Config> =
		StorageMap<_, Twox64Concat, SecurityId, SecurityOf<T>, OptionQuery>;

	/// The id the next security gets.
	#[pallet::storage]
	pub type NextSecurityId<T: Config> = StorageValue<_, SecurityId, ValueQuery>;

	/// The security each ISIN names (an ISIN is registered once).
	#[pallet::storage]
	pub type SecurityByIsin<T: Config> =
		StorageMap<_, Blake2_128Concat, stoa_primitives::Isin, SecurityId, OptionQuery>;

	/// Documents attached to securities, by security and name.
	#[pallet::storage]
	pub type Documents<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		DocumentNameOf<T>,
		Document<T::Hash, T::MaxUriLength>,
		OptionQuery,
	>;

	/// Agents of each security and their roles.
	#[pallet::storage]
	pub type Agents<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		T::AccountId,
		AgentRoles,
		OptionQuery,
	>;

	/// Holdings, by security and account.
	#[pallet::storage]
	pub type Holdings<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		T::AccountId,
		HoldingOf<T>,
		OptionQuery,
	>;

	/// The securities each account holds a positive balance of (an index of [`Holdings`] by
	/// account; a holding that is only a frozen amount is not listed).
	#[pallet::storage]
	pub type HeldBy<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		SecurityId,
		(),
		OptionQuery,
	>;

	/// Balances summed per holder (an investor's wallets together), for counting holders.
	#[pallet::storage]
	pub type HolderBalances<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		HolderKey<T::AccountId>,
		T::Balance,
		ValueQuery,
	>;

	/// Holders frozen as a whole for a security: they may neither send nor receive it.
	#[pallet::storage]
	pub type FrozenHolders<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Lost wallets recovered by the credentials pallet, and the wallet that replaced each:
	/// their holdings may be moved with [`Pallet::recover_holdings`], one security at a time.
	#[pallet::storage]
	pub type Recoveries<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, OptionQuery>;

	/// Offerings, by id.
	#[pallet::storage]
	pub type Offerings<T: Config> =
		StorageMap<_, Twox64Concat, OfferingId, OfferingOf<T>, OptionQuery>;

	/// The id the next offering gets.
	#[pallet::storage]
	pub type NextOfferingId<T: Config> = StorageValue<_, OfferingId, ValueQuery>;

	/// Refunds an offering could not pay when it settled (the subscriber could not receive the
	/// settlement currency then), by offering and subscriber: claimable with
	/// [`Pallet::claim_refund`], so that one subscriber cannot hold up everyone else's.
	#[pallet::storage]
	pub type DeferredRefunds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OfferingId,
		Blake2_128Concat,
		T::AccountId,
		T::Balance,
		OptionQuery,
	>;

	/// How many offerings of each security are open or still settling (a split waits for
	/// them: their prices and caps are in today's units).
	#[pallet::storage]
	pub type OfferingsInProgress<T: Config> =
		StorageMap<_, Twox64Concat, SecurityId, u32, ValueQuery>;

	/// Open subscriptions, by offering and subscriber.
	#[pallet::storage]
	pub type Subscriptions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OfferingId,
		Blake2_128Concat,
		T::AccountId,
		Subscription<T::Balance>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance registered a regulator.
		RegulatorRegistered { regulator: T::AccountId, jurisdiction: Jurisdiction },
		/// Governance removed a regulator.
		RegulatorRemoved { regulator: T::AccountId },
		/// A regulator approved an issuer.
		IssuerApproved { issuer: InvestorId, regulator: T::AccountId, licence_hash: T::Hash },
		/// An issuer was suspended.
		IssuerSuspended { issuer: InvestorId },
		/// An issuer was reinstated.
		IssuerReinstated { issuer: InvestorId },
		/// An issuer created a security.
		SecurityCreated {
			security: SecurityId,
			issuer: InvestorId,
			isin: stoa_primitives::Isin,
			authorised_supply: T::Balance,
		},
		/// A document was attached or replaced.
		DocumentSet { security: SecurityId, name: Vec<u8>, uri: Vec<u8>, hash: T::Hash },
		/// A document was removed.
		DocumentRemoved { security: SecurityId, name: Vec<u8> },
		/// An agent's roles were set (all `false`: the agent was removed).
		AgentSet { security: SecurityId, agent: T::AccountId, roles: AgentRoles },
		/// Units were issued.
		Issued { security: SecurityId, to: T::AccountId, amount: T::Balance },
		/// Units were transferred by their holder.
		Transferred {
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
		},
		/// The transfer agent forced a transfer.
		ForcedTransfer {
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
			reason: ForcedTransferReason,
		},
		/// Units were redeemed (burned); `forced` when by the issuance agent.
		Redeemed { security: SecurityId, from: T::AccountId, amount: T::Balance, forced: bool },
		/// A lost wallet's holding of a security moved to its replacement.
		HoldingsRecovered {
			security: SecurityId,
			lost: T::AccountId,
			new: T::AccountId,
			amount: T::Balance,
		},
		/// A holder was frozen for a security.
		HolderFrozen { security: SecurityId, holder: T::AccountId },
		/// A holder was unfrozen for a security.
		HolderUnfrozen { security: SecurityId, holder: T::AccountId },
		/// A holder's frozen amount was set.
		FrozenAmountSet { security: SecurityId, holder: T::AccountId, amount: T::Balance },
		/// The security's status changed (paused, resumed, matured).
		StatusChanged { security: SecurityId, status: SecurityStatus },
		/// An offering opened.
		OfferingOpened { offering: OfferingId, security: SecurityId, escrow: T::AccountId },
		/// An investor subscribed (`units` is its subscription's new total).
		Subscribed {
			offering: OfferingId,
			subscriber: T::AccountId,
			units: T::Balance,
			paid: T::Balance,
		},
		/// A subscriber withdrew its subscription and was refunded.
		SubscriptionWithdrawn { offering: OfferingId, subscriber: T::AccountId, refund: T::Balance },
		/// The issuer cancelled the offering: subscriptions will be refunded.
		OfferingCancelled { offering: OfferingId },
		/// The offering closed; `settling` when the soft cap was reached, else refunding.
		OfferingClosed { offering: OfferingId, subscribed: T::Balance, settling: bool },
		/// A subscription was settled: units issued, payment released to the issuer.
		SubscriptionSettled {
			offering: OfferingId,
			subscriber: T::AccountId,
			units: T::Balance,
			paid: T::Balance,
		},
		/// A subscription was refunded (`rejection` when the guard or the supply cap refused
		/// the issue at settlement).
		SubscriptionRefunded {
			offering: OfferingId,
			subscriber: T::AccountId,
			refund: T::Balance,
			rejection: Option<TransferRejection>,
		},
		/// A refund could not be paid at settlement (the subscriber could not receive the
		/// settlement currency); it waits for [`Pallet::claim_refund`].
		RefundDeferred {
			offering: OfferingId,
			subscriber: T::AccountId,
			refund: T::Balance,
			rejection: Option<TransferRejection>,
		},
		/// A deferred refund was paid.
		DeferredRefundClaimed { offering: OfferingId, subscriber: T::AccountId, refund: T::Balance },
		/// Every subscription was settled or refunded.
		OfferingFinished { offering: OfferingId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a regulator.
		AlreadyRegulator,
		/// The account is not a regulator.
		NotRegulator,
		/// The jurisdiction is not an assigned ISO 3166-1 alpha-2 code.
		InvalidJurisdiction,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// No investor has this id.
		UnknownInvestor,
		/// Issuers must be legal entities.
		NotLegalEntity,
		/// The regulator's jurisdiction is not the investor's.
		JurisdictionMismatch,
		/// The investor is blocked.
		InvestorBlocked,
		/// The investor is already an approved issuer.
		AlreadyIssuer,
		/// The investor is not an approved issuer.
		NotIssuer,
		/// The issuer is suspended.
		IssuerSuspended,
		/// The issuer is not suspended.
		IssuerNotSuspended,
		/// Only a regulator of the issuer's jurisdiction (or governance) may do this.
		NotIssuersRegulator,
		/// The signer is not a wallet of an investor.
		NotInvestor,
		/// The symbol is empty.
		EmptySymbol,
		/// The symbol is longer than `MaxSymbolLength`.
		SymbolTooLong,
		/// More than 18 decimals.
		TooManyDecimals,
		/// An identifier has a bad format or check digit.
		InvalidIdentifier,
		/// A security with this ISIN exists.
		DuplicateIsin,
		/// A debt security's maturity is not in the future.
		MaturityInPast,
		/// The authorised supply is zero.
		ZeroAuthorisedSupply,
		/// No security has this id.
		UnknownSecurity,
		/// Only the issuer may do this.
		NotSecurityIssuer,
		/// The signer lacks the agent role this needs.
		MissingRole,
		/// The document name is empty.
		EmptyDocumentName,
		/// The document name is longer than `MaxDocumentNameLength`.
		DocumentNameTooLong,
		/// The URI is longer than `MaxUriLength`.
		UriTooLong,
		/// The security already carries `MaxDocuments` documents.
		TooManyDocuments,
		/// No document has this name.
		UnknownDocument,
		/// Amounts must be positive.
		ZeroAmount,
		/// The security is paused.
		SecurityPaused,
		/// The security has matured.
		SecurityMatured,
		/// Issuing this much would exceed the authorised supply.
		AuthorisedSupplyExceeded,
		/// The sender's balance (less frozen units) is too low.
		InsufficientBalance,
		/// The holder is frozen for this security.
		HolderFrozen,
		/// The holder is not frozen for this security.
		HolderNotFrozen,
		/// The receiver is frozen for this security.
		ReceiverFrozen,
		/// The transfer guard refused: the account is neither an investor's wallet nor an
		/// active protocol holder.
		NotEligible,
		/// The transfer guard refused: an account, investor or protocol holder is blocked.
		Blocked,
		/// The transfer guard refused: an investor lacks a required credential.
		MissingCredential,
		/// The receiving investor already holds as many different securities as counted.
		TooManySecurities,
		/// A rule refused: the investor's jurisdiction is not allowed.
		JurisdictionNotAllowed,
		/// A rule refused: the security has its maximum number of holders.
		HolderLimit,
		/// A rule refused: the maximum number of holders in the receiver's jurisdiction.
		JurisdictionHolderLimit,
		/// A rule refused: the maximum number of holders in one of the receiver's categories.
		CategoryHolderLimit,
		/// A rule refused: the receiver would own more than the maximum share of the supply.
		OwnershipLimit,
		/// A rule refused: the receiver would hold more than the maximum holding.
		HoldingAboveMaximum,
		/// A rule refused: a party would hold less than the minimum holding.
		HoldingBelowMinimum,
		/// A rule refused: the units are locked up.
		LockedUp,
		/// A rule refused: the units have not vested yet.
		NotVested,
		/// A rule refused: transfers are not allowed now.
		OutsideTransferWindow,
		/// A rule refused: the transfer needs the transfer agent's approval.
		ApprovalRequired,
		/// A corporate action (a split) is rewriting this security's balances: try again when
		/// it has finished.
		CorporateActionInProgress,
		/// The security is already paused.
		AlreadyPaused,
		/// The security is not paused.
		NotPaused,
		/// The wallet has not been recovered by the credentials pallet.
		NotRecovered,
		/// Nothing to recover: the lost wallet holds none of this security.
		NothingToRecover,
		/// The settlement asset does not exist.
		UnknownAsset,
		/// The offering's terms are inconsistent (window, subscription limits, caps, price).
		InvalidOfferingTerms,
		/// No offering has this id.
		UnknownOffering,
		/// The offering is not open for this.
		OfferingNotOpen,
		/// The offering's window has not started.
		OfferingNotStarted,
		/// The offering's window has ended.
		OfferingEnded,
		/// The offering's window has not ended yet.
		OfferingNotEnded,
		/// The subscription would be below the minimum.
		BelowMinimumSubscription,
		/// The subscription would exceed the maximum per subscriber.
		AboveMaximumSubscription,
		/// The subscription would exceed the hard cap.
		HardCapExceeded,
		/// The signer has no subscription to this offering.
		NoSubscription,
		/// The offering has finished.
		OfferingFinished,
		/// `max` must be between 1 and `MaxSettlementBatch`.
		InvalidBatchSize,
		/// The signer has no deferred refund from this offering.
		NoDeferredRefund,
		/// The holding belongs to another investor than the one the lost wallet was recovered
		/// for, or the replacement wallet is no longer that investor's.
		RecoveryNotApplicable,
		/// The transfer would empty the sender's holding: `transfer_keep_holding` never closes
		/// one (use `transfer`).
		WouldCloseHolding,
	}

	impl<T> From<TransferRejection> for Error<T> {
		fn from(rejection: TransferRejection) -> Self {
			use TransferRejection as R;
			match rejection {
				R::UnknownSecurity => Error::UnknownSecurity,
				R::ZeroAmount => Error::ZeroAmount,
				R::SecurityPaused => Error::SecurityPaused,
				R::SecurityMatured => Error::SecurityMatured,
				R::IssuerSuspended => Error::IssuerSuspended,
				R::InsufficientBalance => Error::InsufficientBalance,
				R::SenderFrozen => Error::HolderFrozen,
				R::ReceiverFrozen => Error::ReceiverFrozen,
				R::AuthorisedSupplyExceeded => Error::AuthorisedSupplyExceeded,
				R::NotEligible(_) => Error::NotEligible,
				R::Blocked(..) => Error::Blocked,
				R::MissingCredential(..) => Error::MissingCredential,
				R::TooManySecurities => Error::TooManySecurities,
				R::JurisdictionNotAllowed(_) => Error::JurisdictionNotAllowed,
				R::HolderLimit => Error::HolderLimit,
				R::JurisdictionHolderLimit => Error::JurisdictionHolderLimit,
				R::CategoryHolderLimit => Error::CategoryHolderLimit,
				R::OwnershipLimit => Error::OwnershipLimit,
				R::HoldingAboveMaximum => Error::HoldingAboveMaximum,
				R::HoldingBelowMinimum(_) => Error::HoldingBelowMinimum,
				R::LockedUp => Error::LockedUp,
				R::NotVested => Error::NotVested,
				R::OutsideTransferWindow => Error::OutsideTransferWindow,
				R::ApprovalRequired => Error::ApprovalRequired,
				R::CorporateActionInProgress => Error::CorporateActionInProgress,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// The storage invariants of [`Pallet::do_try_state`].
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `regulator` as the regulator account of `jurisdiction`.
		///
		/// Origin: [`Config::RegulatorAdminOrigin`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_regulator())]
		pub fn register_regulator(
			origin: OriginFor<T>,
			regulator: T::AccountId,
			jurisdiction: Jurisdiction,
			name: Vec<u8>,
		) -> DispatchResult {
			T::RegulatorAdminOrigin::ensure_origin(origin)?;
			ensure!(!Regulators::<T>::contains_key(&regulator), Error::<T>::AlreadyRegulator);
			ensure!(jurisdiction.is_valid(), Error::<T>::InvalidJurisdiction);
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			let name = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			Regulators::<T>::insert(&regulator, Regulator { jurisdiction, name });
			Self::deposit_event(Event::RegulatorRegistered { regulator, jurisdiction });
			Ok(())
		}

		/// Remove a regulator. The issuers it approved stay approved.
		///
		/// Origin: [`Config::RegulatorAdminOrigin`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_regulator())]
		pub fn remove_regulator(origin: OriginFor<T>, regulator: T::AccountId) -> DispatchResult {
			T::RegulatorAdminOrigin::ensure_origin(origin)?;
			Regulators::<T>::take(&regulator).ok_or(Error::<T>::NotRegulator)?;
			Self::deposit_event(Event::RegulatorRemoved { regulator });
			Ok(())
		}

		/// Approve `investor` as an issuer (signed by a regulator). The investor must be an
		/// unblocked legal entity of the regulator's jurisdiction; `licence_hash` is the hash
		/// of its licence or prospectus.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve_issuer())]
		pub fn approve_issuer(
			origin: OriginFor<T>,
			investor: InvestorId,
			licence_hash: T::Hash,
		) -> DispatchResult {
			let regulator = ensure_signed(origin)?;
			Self::do_approve_issuer(regulator, investor, licence_hash)
		}

		/// Suspend an issuer: it may no longer create securities, issue or open offerings.
		///
		/// Origin: a regulator of the issuer's jurisdiction, or
		/// [`Config::RegulatorAdminOrigin`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend_issuer())]
		pub fn suspend_issuer(origin: OriginFor<T>, issuer: InvestorId) -> DispatchResult {
			Self::set_issuer_status(origin, issuer, IssuerStatus::Suspended)?;
			Self::deposit_event(Event::IssuerSuspended { issuer });
			Ok(())
		}

		/// Reinstate a suspended issuer.
		///
		/// Origin: a regulator of the issuer's jurisdiction, or
		/// [`Config::RegulatorAdminOrigin`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reinstate_issuer())]
		pub fn reinstate_issuer(origin: OriginFor<T>, issuer: InvestorId) -> DispatchResult {
			Self::set_issuer_status(origin, issuer, IssuerStatus::Active)?;
			Self::deposit_event(Event::IssuerReinstated { issuer });
			Ok(())
		}

		/// Create a security (signed by a wallet of an active issuer). Its id is in the
		/// [`Event::SecurityCreated`] event. No units exist until they are issued.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::create_security())]
		pub fn create_security(
			origin: OriginFor<T>,
			name: Vec<u8>,
			symbol: Vec<u8>,
			kind: SecurityKind,
			decimals: u8,
			identifiers: Identifiers,
			authorised_supply: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_security(
				who,
				name,
				symbol,
				kind,
				decimals,
				identifiers,
				authorised_supply,
			)
		}

		/// Attach a document to a security, or replace the one of the same name (signed by
		/// the issuer).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_document())]
		pub fn set_document(
			origin: OriginFor<T>,
			security: SecurityId,
			name: Vec<u8>,
			uri: Vec<u8>,
			hash: T::Hash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::ensure_issuer_of(&who, security)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyDocumentName);
			let key: DocumentNameOf<T> =
				name.clone().try_into().map_err(|_| Error::<T>::DocumentNameTooLong)?;
			let bounded_uri = uri.clone().try_into().map_err(|_| Error::<T>::UriTooLong)?;
			if !Documents::<T>::contains_key(security, &key) {
				ensure!(record.documents < T::MaxDocuments::get(), Error::<T>::TooManyDocuments);
				record.documents += 1;
				Securities::<T>::insert(security, record);
			}
			Documents::<T>::insert(security, key, Document { uri: bounded_uri, hash });
			Self::deposit_event(Event::DocumentSet { security, name, uri, hash });
			Ok(())
		}

		/// Remove a document from a security (signed by the issuer).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::remove_document())]
		pub fn remove_document(
			origin: OriginFor<T>,
			security: SecurityId,
			name: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::ensure_issuer_of(&who, security)?;
			let key: DocumentNameOf<T> =
				name.clone().try_into().map_err(|_| Error::<T>::UnknownDocument)?;
			Documents::<T>::take(security, &key).ok_or(Error::<T>::UnknownDocument)?;
			record.documents = record.documents.saturating_sub(1);
			Securities::<T>::insert(security, record);
			Self::deposit_event(Event::DocumentRemoved { security, name });
			Ok(())
		}

		/// Give `agent` the `roles` for a security, replacing its previous ones; all `false`
		/// removes the agent (signed by the issuer).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_agent())]
		pub fn set_agent(
			origin: OriginFor<T>,
			security: SecurityId,
			agent: T::AccountId,
			roles: AgentRoles,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_issuer_of(&who, security)?;
			if roles.is_empty() {
				Agents::<T>::remove(security, &agent);
			} else {
				Agents::<T>::insert(security, &agent, roles);
			}
			Self::deposit_event(Event::AgentSet { security, agent, roles });
			Ok(())
		}

		/// Issue `amount` new units to `to` (signed by the issuer or an issuance agent).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::issue().saturating_add(Pallet::<T>::guard_weight(1)))]
		pub fn issue(
			origin: OriginFor<T>,
			security: SecurityId,
			to: T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Issuance)?;
			Self::do_move(Movement {
				security,
				kind: MovementKind::Issue,
				from: None,
				to: Some(to.clone()),
				amount,
			})?;
			Self::deposit_event(Event::Issued { security, to, amount });
			Ok(())
		}

		/// Issue to many receivers at once (signed by the issuer or an issuance agent): all
		/// or nothing, at most [`Config::MaxBatchIssue`] receivers.
		#[pallet::call_index(10)]
		#[pallet::weight(
			T::WeightInfo::batch_issue(issues.len() as u32)
				.saturating_add(Pallet::<T>::guard_weight(issues.len() as u32))
		)]
		pub fn batch_issue(
			origin: OriginFor<T>,
			security: SecurityId,
			issues: IssueBatchOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Issuance)?;
			for (to, amount) in issues {
				Self::do_move(Movement {
					security,
					kind: MovementKind::Issue,
					from: None,
					to: Some(to.clone()),
					amount,
				})?;
				Self::deposit_event(Event::Issued { security, to, amount });
			}
			Ok(())
		}

		/// Redeem (burn) `amount` of the signer's own units.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::redeem().saturating_add(Pallet::<T>::guard_weight(1)))]
		pub fn redeem(
			origin: OriginFor<T>,
			security: SecurityId,
			amount: T::Balance,
		) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_move(Movement {
				security,
				kind: MovementKind::Redemption,
				from: Some(holder.clone()),
				to: None,
				amount,
			})?;
			Self::deposit_event(Event::Redeemed { security, from: holder, amount, forced: false });
			Ok(())
		}

		/// Redeem `amount` of `holder`'s units (signed by the issuer or an issuance agent):
		/// maturity, buy-back, court order. Freezes and blocks on the holder do not stop it.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::force_redeem().saturating_add(Pallet::<T>::guard_weight(1)))]
		pub fn force_redeem(
			origin: OriginFor<T>,
			security: SecurityId,
			holder: T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Issuance)?;
			Self::do_move(Movement {
				security,
				kind: MovementKind::ForcedRedemption,
				from: Some(holder.clone()),
				to: None,
				amount,
			})?;
			Self::deposit_event(Event::Redeemed { security, from: holder, amount, forced: true });
			Ok(())
		}

		/// Transfer `amount` units to `to` (signed by the holder). The transfer guard decides
		/// whether both sides qualify.
		///
		/// Declares what the security's rule set and record dates cost (read up front), not
		/// the largest allowed, and is charged what the transfer did (see
		/// [`Pallet::transfer_weight`]).
		#[pallet::call_index(13)]
		#[pallet::weight(Pallet::<T>::transfer_weight(*security, to))]
		pub fn transfer(
			origin: OriginFor<T>,
			security: SecurityId,
			to: T::AccountId,
			amount: T::Balance,
		) -> DispatchResultWithPostInfo {
			let from = ensure_signed(origin)?;
			Self::do_transfer(security, from, to, amount, false)
		}

		/// Transfer `amount` units to `to`, as [`Pallet::transfer`] does, but refuse
		/// ([`Error::WouldCloseHolding`]) to empty the sender's holding.
		///
		/// The counterpart of `balances.transfer_keep_alive`: since the sender keeps a
		/// holding, no holder leaves the security's counts, so it declares less than
		/// `transfer` (which must assume the sender may leave). Exchanges and market makers
		/// moving part of an inventory should use it.
		#[pallet::call_index(28)]
		#[pallet::weight(Pallet::<T>::transfer_keep_holding_weight(*security, to))]
		pub fn transfer_keep_holding(
			origin: OriginFor<T>,
			security: SecurityId,
			to: T::AccountId,
			amount: T::Balance,
		) -> DispatchResultWithPostInfo {
			let from = ensure_signed(origin)?;
			Self::do_transfer(security, from, to, amount, true)
		}

		/// Move `amount` units from `from` to `to` without `from`'s consent (signed by the
		/// issuer or a transfer agent), for `reason`. Freezes, pauses and blocks on `from` do
		/// not stop it; `to` must still qualify.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::forced_transfer().saturating_add(Pallet::<T>::guard_weight(1)))]
		pub fn forced_transfer(
			origin: OriginFor<T>,
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
			reason: ForcedTransferReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Transfer)?;
			Self::do_move(Movement {
				security,
				kind: MovementKind::ForcedTransfer,
				from: Some(from.clone()),
				to: Some(to.clone()),
				amount,
			})?;
			Self::deposit_event(Event::ForcedTransfer { security, from, to, amount, reason });
			Ok(())
		}

		/// Move a recovered wallet's whole holding of `security` (with its frozen amount and
		/// holder freeze) to the wallet that replaced it in the credentials pallet.
		///
		/// Any signed origin may call it: the recovery itself was authorised by the investor's
		/// qualifier, and this only carries it out, one security at a time.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::recover_holdings().saturating_add(Pallet::<T>::guard_weight(1)))]
		pub fn recover_holdings(
			origin: OriginFor<T>,
			security: SecurityId,
			lost: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_recover_holdings(security, lost)
		}

		/// Freeze `holder` for a security: it may neither send nor receive it (signed by the
		/// issuer or a transfer agent).
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::freeze_holder())]
		pub fn freeze_holder(
			origin: OriginFor<T>,
			security: SecurityId,
			holder: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Transfer)?;
			ensure!(!FrozenHolders::<T>::contains_key(security, &holder), Error::<T>::HolderFrozen);
			FrozenHolders::<T>::insert(security, &holder, ());
			Self::deposit_event(Event::HolderFrozen { security, holder });
			Ok(())
		}

		/// Unfreeze a frozen holder (signed by the issuer or a transfer agent).
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::unfreeze_holder())]
		pub fn unfreeze_holder(
			origin: OriginFor<T>,
			security: SecurityId,
			holder: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Transfer)?;
			FrozenHolders::<T>::take(security, &holder).ok_or(Error::<T>::HolderNotFrozen)?;
			Self::deposit_event(Event::HolderUnfrozen { security, holder });
			Ok(())
		}

		/// Set how many of `holder`'s units are frozen (signed by the issuer or a transfer
		/// agent). Zero unfreezes. It may exceed the balance: units received later stay
		/// frozen up to the amount.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::set_frozen_amount())]
		pub fn set_frozen_amount(
			origin: OriginFor<T>,
			security: SecurityId,
			holder: T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_role(&who, security, Role::Transfer)?;
			Self::mutate_frozen(security, &holder, |frozen| *frozen = amount);
			Self::deposit_event(Event::FrozenAmountSet { security, holder, amount });
			Ok(())
		}

		/// Pause a security: only forced transfers, recoveries and forced redemptions move it
		/// (signed by the issuer or a compliance agent).
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::pause())]
		pub fn pause(origin: OriginFor<T>, security: SecurityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::ensure_role(&who, security, Role::Compliance)?;
			ensure!(record.status != SecurityStatus::Paused, Error::<T>::AlreadyPaused);
			ensure!(record.status != SecurityStatus::Matured, Error::<T>::SecurityMatured);
			record.status = SecurityStatus::Paused;
			Securities::<T>::insert(security, record);
			Self::deposit_event(Event::StatusChanged { security, status: SecurityStatus::Paused });
			Ok(())
		}

		/// Resume a paused security (signed by the issuer or a compliance agent).
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>, security: SecurityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::ensure_role(&who, security, Role::Compliance)?;
			ensure!(record.status == SecurityStatus::Paused, Error::<T>::NotPaused);
			record.status = SecurityStatus::Active;
			Securities::<T>::insert(security, record);
			Self::deposit_event(Event::StatusChanged { security, status: SecurityStatus::Active });
			Ok(())
		}

		/// Mark a security matured (or called): no more issuance or transfers; holders and the
		/// issuance agent may still redeem. Final (signed by the issuer).
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::mark_matured())]
		pub fn mark_matured(origin: OriginFor<T>, security: SecurityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::ensure_issuer_of(&who, security)?;
			ensure!(record.status != SecurityStatus::Matured, Error::<T>::SecurityMatured);
			record.status = SecurityStatus::Matured;
			Securities::<T>::insert(security, record);
			Self::deposit_event(Event::StatusChanged { security, status: SecurityStatus::Matured });
			Ok(())
		}

		/// Open a primary offering of a security (signed by the issuer or an issuance agent
		/// of an active issuer).
		///
		/// `asset` is the settlement currency and `price` the cost of one whole unit of the
		/// security in its smallest units; subscriptions are taken from `starts_at` until
		/// `ends_at` (Unix seconds), each subscriber's total between `min_subscription` and
		/// `max_subscription` units, all together at most `hard_cap` units. At the close, at
		/// least `soft_cap` units settle and proceeds go to `proceeds_to`; below it, everyone
		/// is refunded. The offering's id is in [`Event::OfferingOpened`].
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::open_offering())]
		pub fn open_offering(
			origin: OriginFor<T>,
			security: SecurityId,
			asset: AssetIdOf<T>,
			price: T::Balance,
			starts_at: Moment,
			ends_at: Moment,
			min_subscription: T::Balance,
			max_subscription: T::Balance,
			soft_cap: T::Balance,
			hard_cap: T::Balance,
			proceeds_to: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_offering(
				who,
				security,
				asset,
				price,
				starts_at,
				ends_at,
				min_subscription,
				max_subscription,
				soft_cap,
				hard_cap,
				proceeds_to,
			)
		}

		/// Subscribe `units` more of an open offering (signed by a qualified investor's
		/// wallet). Their price is paid into the offering's escrow now; the units are issued
		/// at settlement.
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::subscribe().saturating_add(T::Guard::check_weight()))]
		pub fn subscribe(
			origin: OriginFor<T>,
			offering: OfferingId,
			units: T::Balance,
		) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_subscribe(subscriber, offering, units)
		}

		/// Withdraw the signer's whole subscription before the offering closes, and get its
		/// payment back.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::withdraw_subscription())]
		pub fn withdraw_subscription(origin: OriginFor<T>, offering: OfferingId) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_withdraw_subscription(subscriber, offering)
		}

		/// Cancel an open offering (signed by the issuer or an issuance agent): every
		/// subscription will be refunded through [`Pallet::settle_offering`].
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::cancel_offering())]
		pub fn cancel_offering(origin: OriginFor<T>, offering: OfferingId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
			Self::ensure_role(&who, record.security, Role::Issuance)?;
			ensure!(record.status == OfferingStatus::Open, Error::<T>::OfferingNotOpen);
			record.status = OfferingStatus::Refunding;
			Offerings::<T>::insert(offering, record);
			Self::deposit_event(Event::OfferingCancelled { offering });
			Ok(())
		}

		/// Settle or refund up to `max` subscriptions of a closed offering (any signed origin:
		/// the outcome is fixed by the offering's terms, so anyone may turn the crank).
		///
		/// The first call after the end closes the offering: at or above the soft cap it
		/// settles (units issued through the transfer guard, payments released to the
		/// issuer's proceeds account; a subscriber the guard now refuses is refunded instead),
		/// below it every subscriber is refunded. Call until [`Event::OfferingFinished`].
		#[pallet::call_index(26)]
		#[pallet::weight(
			T::WeightInfo::settle_offering(*max).saturating_add(Pallet::<T>::guard_weight(*max))
		)]
		pub fn settle_offering(
			origin: OriginFor<T>,
			offering: OfferingId,
			max: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_offering(offering, max)
		}

		/// Collect a refund that [`Pallet::settle_offering`] could not pay (signed by the
		/// subscriber, once it can receive the settlement currency again).
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::claim_refund())]
		pub fn claim_refund(origin: OriginFor<T>, offering: OfferingId) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_claim_refund(subscriber, offering)
		}
	}
}
