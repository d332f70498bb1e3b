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

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod fungibles_impl;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
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
			AccountIdConversion, Bounded, CheckedAdd, CheckedSub, Saturating, UniqueSaturatedFrom,
			UniqueSaturatedInto, Zero,
		},
		ArithmeticError, Rounding,
	};
	use stoa_primitives::{
		issuance::{HolderInfo, HoldersPage, HoldingInfo},
		CredentialRegistry, CredentialsListener, DebtTerms, HolderKind, HoldingsObserver,
		InvestorId, InvestorKind, Jurisdiction, Moment, Movement, MovementKind, OfferingId, Role,
		SecurityId, TransferGuard, TransferRejection,
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
			kind: InvestorKind,
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

	#[pallet::pallet]
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

	/// The securities each account holds (an index of [`Holdings`] by account).
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
			let record = Regulators::<T>::get(&regulator).ok_or(Error::<T>::NotRegulator)?;
			let kind =
				T::Credentials::investor_kind(investor).ok_or(Error::<T>::UnknownInvestor)?;
			ensure!(kind == InvestorKind::LegalEntity, Error::<T>::NotLegalEntity);
			ensure!(
				T::Credentials::jurisdiction_of(investor) == Some(record.jurisdiction),
				Error::<T>::JurisdictionMismatch
			);
			ensure!(
				T::Credentials::investor_block(investor).is_none(),
				Error::<T>::InvestorBlocked
			);
			ensure!(!Issuers::<T>::contains_key(investor), Error::<T>::AlreadyIssuer);
			Issuers::<T>::insert(
				investor,
				Issuer {
					jurisdiction: record.jurisdiction,
					regulator: regulator.clone(),
					licence_hash,
					status: IssuerStatus::Active,
				},
			);
			Self::deposit_event(Event::IssuerApproved {
				issuer: investor,
				regulator,
				licence_hash,
			});
			Ok(())
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
			let issuer = T::Credentials::investor_of(&who).ok_or(Error::<T>::NotInvestor)?;
			let record = Issuers::<T>::get(issuer).ok_or(Error::<T>::NotIssuer)?;
			ensure!(record.status == IssuerStatus::Active, Error::<T>::IssuerSuspended);
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			let name = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			ensure!(!symbol.is_empty(), Error::<T>::EmptySymbol);
			let symbol = symbol.try_into().map_err(|_| Error::<T>::SymbolTooLong)?;
			ensure!(decimals <= 18, Error::<T>::TooManyDecimals);
			ensure!(identifiers.is_valid(), Error::<T>::InvalidIdentifier);
			ensure!(
				!SecurityByIsin::<T>::contains_key(identifiers.isin),
				Error::<T>::DuplicateIsin
			);
			let now = T::Credentials::now();
			let maturity = match kind {
				SecurityKind::Debt { maturity, .. } => Some(maturity),
				SecurityKind::Hybrid { maturity, .. } => maturity,
				_ => None,
			};
			ensure!(maturity.is_none_or(|m| m > now), Error::<T>::MaturityInPast);
			ensure!(!authorised_supply.is_zero(), Error::<T>::ZeroAuthorisedSupply);

			let security = NextSecurityId::<T>::get();
			NextSecurityId::<T>::put(security.checked_add(1).ok_or(ArithmeticError::Overflow)?);
			SecurityByIsin::<T>::insert(identifiers.isin, security);
			Securities::<T>::insert(
				security,
				Security {
					issuer,
					name,
					symbol,
					kind,
					decimals,
					identifiers,
					authorised_supply,
					total_supply: Zero::zero(),
					holders: 0,
					documents: 0,
					status: SecurityStatus::Active,
				},
			);
			Self::deposit_event(Event::SecurityCreated {
				security,
				issuer,
				isin: identifiers.isin,
				authorised_supply,
			});
			Ok(())
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
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::transfer().saturating_add(Pallet::<T>::guard_weight(1)))]
		pub fn transfer(
			origin: OriginFor<T>,
			security: SecurityId,
			to: T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			Self::do_move(Movement {
				security,
				kind: MovementKind::Transfer,
				from: Some(from.clone()),
				to: Some(to.clone()),
				amount,
			})?;
			Self::deposit_event(Event::Transferred { security, from, to, amount });
			Ok(())
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
			let new = Recoveries::<T>::get(&lost).ok_or(Error::<T>::NotRecovered)?;
			let holding =
				Holdings::<T>::get(security, &lost).ok_or(Error::<T>::NothingToRecover)?;
			// A recovery moves units within one investor: only a holding filed under the
			// investor that now owns the replacement wallet may follow it.
			let investor =
				T::Credentials::investor_of(&new).ok_or(Error::<T>::RecoveryNotApplicable)?;
			ensure!(
				holding.holder == HolderKey::Investor(investor),
				Error::<T>::RecoveryNotApplicable
			);
			let amount = holding.balance;
			let frozen_holder = FrozenHolders::<T>::take(security, &lost).is_some();
			if !amount.is_zero() {
				Self::do_move(Movement {
					security,
					kind: MovementKind::Recovery,
					from: Some(lost.clone()),
					to: Some(new.clone()),
					amount,
				})?;
			}
			// The freezes follow the units.
			Holdings::<T>::remove(security, &lost);
			HeldBy::<T>::remove(&lost, security);
			if !holding.frozen.is_zero() {
				Self::mutate_frozen(security, &new, |frozen| {
					frozen.saturating_accrue(holding.frozen)
				});
			}
			if frozen_holder {
				FrozenHolders::<T>::insert(security, &new, ());
			}
			// Once the lost wallet holds nothing the recovery is complete.
			if HeldBy::<T>::iter_prefix(&lost).next().is_none() {
				Recoveries::<T>::remove(&lost);
			}
			Self::deposit_event(Event::HoldingsRecovered { security, lost, new, amount });
			Ok(())
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
			let record = Self::ensure_role(&who, security, Role::Issuance)?;
			Self::ensure_issuer_active(&record)?;
			ensure!(record.status == SecurityStatus::Active, Error::<T>::SecurityPaused);
			ensure!(T::Settlement::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
			let now = T::Credentials::now();
			let room = record.authorised_supply.saturating_sub(record.total_supply);
			ensure!(
				!price.is_zero()
					&& starts_at < ends_at
					&& ends_at > now
					&& !min_subscription.is_zero()
					&& min_subscription <= max_subscription
					&& max_subscription <= hard_cap
					&& soft_cap <= hard_cap
					&& !hard_cap.is_zero()
					&& hard_cap <= room,
				Error::<T>::InvalidOfferingTerms
			);
			let offering = NextOfferingId::<T>::get();
			NextOfferingId::<T>::put(offering.checked_add(1).ok_or(ArithmeticError::Overflow)?);
			OfferingsInProgress::<T>::mutate(security, |n| n.saturating_inc());
			Offerings::<T>::insert(
				offering,
				Offering {
					security,
					asset,
					price,
					starts_at,
					ends_at,
					min_subscription,
					max_subscription,
					soft_cap,
					hard_cap,
					subscribed: Zero::zero(),
					subscribers: 0,
					proceeds_to,
					status: OfferingStatus::Open,
				},
			);
			Self::deposit_event(Event::OfferingOpened {
				offering,
				security,
				escrow: Self::escrow_account(offering),
			});
			Ok(())
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
			let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
			ensure!(record.status == OfferingStatus::Open, Error::<T>::OfferingNotOpen);
			let now = T::Credentials::now();
			ensure!(now >= record.starts_at, Error::<T>::OfferingNotStarted);
			ensure!(now < record.ends_at, Error::<T>::OfferingEnded);
			ensure!(!units.is_zero(), Error::<T>::ZeroAmount);
			let mut subscription =
				Subscriptions::<T>::get(offering, &subscriber).unwrap_or_default();
			let total = subscription.units.checked_add(&units).ok_or(ArithmeticError::Overflow)?;
			ensure!(total >= record.min_subscription, Error::<T>::BelowMinimumSubscription);
			ensure!(total <= record.max_subscription, Error::<T>::AboveMaximumSubscription);
			let subscribed =
				record.subscribed.checked_add(&units).ok_or(ArithmeticError::Overflow)?;
			ensure!(subscribed <= record.hard_cap, Error::<T>::HardCapExceeded);
			// The subscriber must qualify now for the units it will receive.
			T::Guard::check(&Movement {
				security: record.security,
				kind: MovementKind::OfferingSettlement { offering },
				from: None,
				to: Some(subscriber.clone()),
				amount: units,
			})
			.map_err(Error::<T>::from)?;
			let decimals =
				Securities::<T>::get(record.security).ok_or(Error::<T>::UnknownSecurity)?.decimals;
			// Price the whole subscription, so that rounding never favours splitting it.
			let cost = Self::cost(total, record.price, decimals)?;
			let payment = cost.saturating_sub(subscription.paid);
			T::Settlement::transfer(
				record.asset.clone(),
				&subscriber,
				&Self::escrow_account(offering),
				payment,
				Preservation::Preserve,
			)?;
			if subscription.units.is_zero() {
				record.subscribers.saturating_inc();
			}
			subscription.units = total;
			subscription.paid = cost;
			record.subscribed = subscribed;
			Subscriptions::<T>::insert(offering, &subscriber, subscription);
			Offerings::<T>::insert(offering, record);
			Self::deposit_event(Event::Subscribed {
				offering,
				subscriber,
				units: total,
				paid: cost,
			});
			Ok(())
		}

		/// Withdraw the signer's whole subscription before the offering closes, and get its
		/// payment back.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::withdraw_subscription())]
		pub fn withdraw_subscription(origin: OriginFor<T>, offering: OfferingId) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
			ensure!(record.status == OfferingStatus::Open, Error::<T>::OfferingNotOpen);
			ensure!(T::Credentials::now() < record.ends_at, Error::<T>::OfferingEnded);
			let subscription = Subscriptions::<T>::take(offering, &subscriber)
				.ok_or(Error::<T>::NoSubscription)?;
			T::Settlement::transfer(
				record.asset.clone(),
				&Self::escrow_account(offering),
				&subscriber,
				subscription.paid,
				Preservation::Expendable,
			)?;
			record.subscribed = record.subscribed.saturating_sub(subscription.units);
			record.subscribers.saturating_dec();
			Offerings::<T>::insert(offering, record);
			Self::deposit_event(Event::SubscriptionWithdrawn {
				offering,
				subscriber,
				refund: subscription.paid,
			});
			Ok(())
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
			ensure!(max >= 1 && max <= T::MaxSettlementBatch::get(), Error::<T>::InvalidBatchSize);
			let mut record = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?;
			if record.status == OfferingStatus::Open {
				ensure!(T::Credentials::now() >= record.ends_at, Error::<T>::OfferingNotEnded);
				let settling = record.subscribed >= record.soft_cap;
				record.status =
					if settling { OfferingStatus::Settling } else { OfferingStatus::Refunding };
				Self::deposit_event(Event::OfferingClosed {
					offering,
					subscribed: record.subscribed,
					settling,
				});
			}
			ensure!(record.status != OfferingStatus::Closed, Error::<T>::OfferingFinished);
			let escrow = Self::escrow_account(offering);
			// The subscriptions map is the work queue: each page is drained from it.
			let page: Vec<_> =
				Subscriptions::<T>::drain_prefix(offering).take(max as usize).collect();
			for (subscriber, subscription) in page {
				record.subscribers.saturating_dec();
				let rejection = if record.status == OfferingStatus::Settling {
					match Self::settle_one(offering, &record, &escrow, &subscriber, &subscription) {
						Ok(()) => {
							Self::deposit_event(Event::SubscriptionSettled {
								offering,
								subscriber,
								units: subscription.units,
								paid: subscription.paid,
							});
							continue;
						},
						Err(rejection) => rejection,
					}
				} else {
					None
				};
				// A refund the subscriber cannot receive now waits for it: it must not hold up
				// the rest of the offering.
				let refunded = frame_support::storage::with_storage_layer(|| {
					T::Settlement::transfer(
						record.asset.clone(),
						&escrow,
						&subscriber,
						subscription.paid,
						Preservation::Expendable,
					)
				});
				if refunded.is_ok() {
					Self::deposit_event(Event::SubscriptionRefunded {
						offering,
						subscriber,
						refund: subscription.paid,
						rejection,
					});
				} else {
					DeferredRefunds::<T>::insert(offering, &subscriber, subscription.paid);
					Self::deposit_event(Event::RefundDeferred {
						offering,
						subscriber,
						refund: subscription.paid,
						rejection,
					});
				}
			}
			if Subscriptions::<T>::iter_prefix(offering).next().is_none() {
				record.status = OfferingStatus::Closed;
				OfferingsInProgress::<T>::mutate_exists(record.security, |n| {
					*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
				});
				Self::deposit_event(Event::OfferingFinished { offering });
			}
			Offerings::<T>::insert(offering, record);
			Ok(())
		}

		/// Collect a refund that [`Pallet::settle_offering`] could not pay (signed by the
		/// subscriber, once it can receive the settlement currency again).
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::claim_refund())]
		pub fn claim_refund(origin: OriginFor<T>, offering: OfferingId) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			let refund = DeferredRefunds::<T>::take(offering, &subscriber)
				.ok_or(Error::<T>::NoDeferredRefund)?;
			let asset = Offerings::<T>::get(offering).ok_or(Error::<T>::UnknownOffering)?.asset;
			T::Settlement::transfer(
				asset,
				&Self::escrow_account(offering),
				&subscriber,
				refund,
				Preservation::Expendable,
			)?;
			Self::deposit_event(Event::DeferredRefundClaimed { offering, subscriber, refund });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// What the transfer guard may add to `movements` movements: evaluating them, and its
		/// bookkeeping once they are applied. The benchmarks measure the calls with an empty
		/// rule set; this adds the guard's declared worst case.
		pub fn guard_weight(movements: u32) -> Weight {
			T::Guard::check_weight()
				.saturating_add(T::Guard::on_moved_weight())
				.saturating_add(T::Observer::observer_weight())
				.saturating_mul(movements.into())
		}

		/// The escrow account holding an offering's subscription payments.
		pub fn escrow_account(offering: OfferingId) -> T::AccountId {
			T::PalletId::get().into_sub_account_truncating(offering)
		}

		/// What `units` cost at `price` per whole unit of a security with `decimals`, rounded
		/// up to the settlement currency's smallest unit.
		pub fn cost(
			units: T::Balance,
			price: T::Balance,
			decimals: u8,
		) -> Result<T::Balance, DispatchError> {
			let cost = multiply_by_rational_with_rounding(
				units.unique_saturated_into(),
				price.unique_saturated_into(),
				10u128.pow(decimals as u32),
				Rounding::Up,
			)
			.ok_or(ArithmeticError::Overflow)?;
			T::Balance::try_from(cost).map_err(|_| ArithmeticError::Overflow.into())
		}

		/// Issues one subscription's units and releases its payment. `Err(Some(rejection))`
		/// with the first reason the issue cannot happen (the guard now refuses the subscriber,
		/// the authorised supply is exhausted, ...), `Err(None)` when the payment could not be
		/// released: both lead to a refund.
		fn settle_one(
			offering: OfferingId,
			record: &OfferingOf<T>,
			escrow: &T::AccountId,
			subscriber: &T::AccountId,
			subscription: &Subscription<T::Balance>,
		) -> Result<(), Option<TransferRejection>> {
			let movement = Movement {
				security: record.security,
				kind: MovementKind::OfferingSettlement { offering },
				from: None,
				to: Some(subscriber.clone()),
				amount: subscription.units,
			};
			// Issue and pay together, or neither; the guard evaluates the issue once.
			let mut refused = None;
			let applied = frame_support::storage::with_storage_layer(|| -> DispatchResult {
				if let Err(rejection) = Self::try_move(movement)? {
					refused = Some(rejection);
					return Ok(());
				}
				T::Settlement::transfer(
					record.asset.clone(),
					escrow,
					&record.proceeds_to,
					subscription.paid,
					Preservation::Expendable,
				)?;
				Ok(())
			});
			match (refused, applied) {
				(Some(rejection), _) => Err(Some(rejection)),
				(None, Ok(())) => Ok(()),
				(None, Err(_)) => Err(None),
			}
		}

		/// The security, if `who` is a wallet of its issuer.
		fn ensure_issuer_of(
			who: &T::AccountId,
			security: SecurityId,
		) -> Result<SecurityOf<T>, DispatchError> {
			let record = Securities::<T>::get(security).ok_or(Error::<T>::UnknownSecurity)?;
			ensure!(
				T::Credentials::investor_of(who) == Some(record.issuer),
				Error::<T>::NotSecurityIssuer
			);
			Ok(record)
		}

		/// The security, if `who` is a wallet of its issuer or an agent holding `role`.
		fn ensure_role(
			who: &T::AccountId,
			security: SecurityId,
			role: Role,
		) -> Result<SecurityOf<T>, DispatchError> {
			let record = Securities::<T>::get(security).ok_or(Error::<T>::UnknownSecurity)?;
			ensure!(Self::is_authorised(who, security, &record, role), Error::<T>::MissingRole);
			Ok(record)
		}

		fn is_authorised(
			who: &T::AccountId,
			security: SecurityId,
			record: &SecurityOf<T>,
			role: Role,
		) -> bool {
			T::Credentials::investor_of(who) == Some(record.issuer)
				|| Agents::<T>::get(security, who).is_some_and(|roles| roles.has(role))
		}

		fn ensure_issuer_active(record: &SecurityOf<T>) -> DispatchResult {
			let issuer = Issuers::<T>::get(record.issuer).ok_or(Error::<T>::NotIssuer)?;
			ensure!(issuer.status == IssuerStatus::Active, Error::<T>::IssuerSuspended);
			Ok(())
		}

		/// Whether the security's issuer is approved and not suspended.
		fn issuer_is_active(record: &SecurityOf<T>) -> bool {
			Issuers::<T>::get(record.issuer).is_some_and(|i| i.status == IssuerStatus::Active)
		}

		fn set_issuer_status(
			origin: OriginFor<T>,
			issuer: InvestorId,
			status: IssuerStatus,
		) -> DispatchResult {
			let by_regulator = match T::RegulatorAdminOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Issuers::<T>::try_mutate(issuer, |record| -> DispatchResult {
				let record = record.as_mut().ok_or(Error::<T>::NotIssuer)?;
				if let Some(regulator) = by_regulator {
					let r = Regulators::<T>::get(&regulator).ok_or(Error::<T>::NotRegulator)?;
					ensure!(r.jurisdiction == record.jurisdiction, Error::<T>::NotIssuersRegulator);
				}
				match status {
					IssuerStatus::Suspended => {
						ensure!(record.status == IssuerStatus::Active, Error::<T>::IssuerSuspended)
					},
					IssuerStatus::Active => ensure!(
						record.status == IssuerStatus::Suspended,
						Error::<T>::IssuerNotSuspended
					),
				}
				record.status = status;
				Ok(())
			})
		}

		/// Changes a holder's frozen amount, creating or removing its holding as needed.
		pub(crate) fn mutate_frozen(
			security: SecurityId,
			holder: &T::AccountId,
			f: impl FnOnce(&mut T::Balance),
		) {
			let mut holding = Holdings::<T>::get(security, holder).unwrap_or_else(|| Holding {
				balance: Zero::zero(),
				frozen: Zero::zero(),
				holder: Self::holder_key(holder),
			});
			f(&mut holding.frozen);
			Self::put_holding(security, holder, holding);
		}

		/// Stores a holding, or removes it (and its index entry) once it is empty.
		fn put_holding(security: SecurityId, who: &T::AccountId, holding: HoldingOf<T>) {
			if holding.balance.is_zero() && holding.frozen.is_zero() {
				Holdings::<T>::remove(security, who);
				HeldBy::<T>::remove(who, security);
			} else {
				if !Holdings::<T>::contains_key(security, who) {
					HeldBy::<T>::insert(who, security, ());
				}
				Holdings::<T>::insert(security, who, holding);
			}
		}

		/// Who a new holding of `who` counts for.
		fn holder_key(who: &T::AccountId) -> HolderKey<T::AccountId> {
			match T::Credentials::holder_kind(who) {
				HolderKind::Investor(investor) => HolderKey::Investor(investor),
				_ => HolderKey::Account(who.clone()),
			}
		}

		/// Every reason `movement` cannot happen now (empty: it can), in evaluation order:
		/// the movement itself (security, amount, issuer, status, freezes, balance, authorised
		/// supply), then the transfer guard's (parties and the security's rules). This is the
		/// pre-flight check integrators call, and exactly what [`Self::do_move`] enforces.
		pub fn pre_flight(movement: &Movement<T::AccountId, T::Balance>) -> Vec<TransferRejection> {
			Self::assess(movement).0
		}

		/// [`Self::pre_flight`]'s reasons, with the security record it read (so that
		/// [`Self::do_move`] does not read it again).
		fn assess(
			movement: &Movement<T::AccountId, T::Balance>,
		) -> (Vec<TransferRejection>, Option<SecurityOf<T>>) {
			let Movement { security, kind, ref from, ref to, amount } = *movement;
			let Some(record) = Securities::<T>::get(security) else {
				return (alloc::vec![TransferRejection::UnknownSecurity], None);
			};
			if amount.is_zero() {
				return (alloc::vec![TransferRejection::ZeroAmount], Some(record));
			}
			let mut rejections = Vec::new();
			if T::Observer::is_locked(security) {
				rejections.push(TransferRejection::CorporateActionInProgress);
			}
			let forced = kind.skips_sender_checks();
			if kind.is_issue() && !Self::issuer_is_active(&record) {
				rejections.push(TransferRejection::IssuerSuspended);
			}
			match record.status {
				SecurityStatus::Active => {},
				SecurityStatus::Paused if !forced => {
					rejections.push(TransferRejection::SecurityPaused)
				},
				SecurityStatus::Matured if !forced && kind != MovementKind::Redemption => {
					rejections.push(TransferRejection::SecurityMatured)
				},
				_ => {},
			}
			if let Some(from) = from {
				let (balance, frozen) = Holdings::<T>::get(security, from)
					.map(|h| (h.balance, h.frozen))
					.unwrap_or_default();
				if !forced && FrozenHolders::<T>::contains_key(security, from) {
					rejections.push(TransferRejection::SenderFrozen);
				}
				let available = if forced { balance } else { balance.saturating_sub(frozen) };
				if available < amount {
					rejections.push(TransferRejection::InsufficientBalance);
				}
			}
			if let Some(to) = to {
				let overrides_freeze =
					matches!(kind, MovementKind::Recovery | MovementKind::ForcedTransfer);
				if !overrides_freeze && FrozenHolders::<T>::contains_key(security, to) {
					rejections.push(TransferRejection::ReceiverFrozen);
				}
			}
			if kind.is_issue()
				&& record
					.total_supply
					.checked_add(&amount)
					.is_none_or(|s| s > record.authorised_supply)
			{
				rejections.push(TransferRejection::AuthorisedSupplyExceeded);
			}
			rejections.extend(T::Guard::check_all(movement));
			(rejections, Some(record))
		}

		/// The one place where balances of securities change.
		///
		/// Refuses with the first reason [`Self::pre_flight`] gives, as a pallet error, and
		/// writes nothing unless there is none. Forced transfers, recoveries and forced
		/// redemptions skip the sender's freezes and the pause (and the guard skips the
		/// sender's checks for them): they exist to move units whatever the holder's state.
		pub fn do_move(movement: Movement<T::AccountId, T::Balance>) -> DispatchResult {
			Self::try_move(movement)?.map_err(|rejection| Error::<T>::from(rejection).into())
		}

		/// [`Self::do_move`], with the first reason that refuses the movement as it is
		/// (`Ok(Err(_))`, nothing written), for callers that act on the reason.
		pub(crate) fn try_move(
			movement: Movement<T::AccountId, T::Balance>,
		) -> Result<Result<(), TransferRejection>, DispatchError> {
			let (rejections, record) = Self::assess(&movement);
			if let Some(first) = rejections.first() {
				return Ok(Err(*first));
			}
			let Movement { security, ref from, ref to, amount, .. } = movement;
			let mut record = record.ok_or(Error::<T>::UnknownSecurity)?;
			if let Some(from) = from {
				Self::debit(security, &mut record, from, amount)?;
			}
			if let Some(to) = to {
				Self::credit(security, &mut record, to, amount)?;
			}
			if from.is_none() || to.is_none() {
				T::Observer::before_supply_change(security, record.total_supply);
			}
			if from.is_none() {
				record.total_supply.saturating_accrue(amount);
			}
			if to.is_none() {
				record.total_supply.saturating_reduce(amount);
			}
			Securities::<T>::insert(security, record);
			T::Guard::on_moved(&movement);
			Ok(Ok(()))
		}

		fn debit(
			security: SecurityId,
			record: &mut SecurityOf<T>,
			who: &T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let mut holding =
				Holdings::<T>::get(security, who).ok_or(Error::<T>::InsufficientBalance)?;
			let before = holding.balance;
			holding.balance =
				holding.balance.checked_sub(&amount).ok_or(Error::<T>::InsufficientBalance)?;
			let key = holding.holder.clone();
			let investor_before = HolderBalances::<T>::get(security, &key);
			Self::observe(security, who, before, &key, investor_before);
			if holding.balance.is_zero() {
				T::Observer::on_emptied(security, who);
			}
			let total = investor_before.saturating_sub(amount);
			if total.is_zero() {
				HolderBalances::<T>::remove(security, &key);
				record.holders.saturating_dec();
				if let HolderKey::Investor(investor) = key {
					T::Guard::on_holding_changed(security, investor, false);
				}
			} else {
				HolderBalances::<T>::insert(security, &key, total);
			}
			Self::put_holding(security, who, holding);
			Ok(())
		}

		fn credit(
			security: SecurityId,
			record: &mut SecurityOf<T>,
			who: &T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let mut holding = Holdings::<T>::get(security, who).unwrap_or_else(|| Holding {
				balance: Zero::zero(),
				frozen: Zero::zero(),
				holder: Self::holder_key(who),
			});
			// An empty holding (a frozen amount only) is filed under whoever is behind the
			// wallet now, not whoever was when the amount was frozen.
			if holding.balance.is_zero() {
				holding.holder = Self::holder_key(who);
			}
			let balance_before = holding.balance;
			holding.balance =
				holding.balance.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			let key = holding.holder.clone();
			let before = HolderBalances::<T>::get(security, &key);
			Self::observe(security, who, balance_before, &key, before);
			if before.is_zero() {
				record.holders.saturating_inc();
				if let HolderKey::Investor(investor) = &key {
					T::Guard::on_holding_changed(security, *investor, true);
				}
			}
			HolderBalances::<T>::insert(security, &key, before.saturating_add(amount));
			Self::put_holding(security, who, holding);
			Ok(())
		}

		/// Tells the observer (record dates) that `who`'s balance is about to change.
		fn observe(
			security: SecurityId,
			who: &T::AccountId,
			balance: T::Balance,
			key: &HolderKey<T::AccountId>,
			holder_balance: T::Balance,
		) {
			let investor = match key {
				HolderKey::Investor(investor) => Some((*investor, holder_balance)),
				HolderKey::Account(_) => None,
			};
			T::Observer::before_balance_change(security, who, balance, investor);
		}

		/// Every holding of `account`, for the runtime API (bounded by the securities it holds).
		pub fn holdings_of(account: &T::AccountId) -> Vec<HoldingInfo<T::Balance>> {
			HeldBy::<T>::iter_key_prefix(account)
				.filter_map(|security| {
					Holdings::<T>::get(security, account).map(|h| HoldingInfo {
						security,
						balance: h.balance,
						frozen: h.frozen,
						holder_frozen: FrozenHolders::<T>::contains_key(security, account),
					})
				})
				.collect()
		}

		/// A page of a security's holders, for the runtime API.
		pub fn holders_page(
			security: SecurityId,
			start_after: Option<T::AccountId>,
			limit: u32,
		) -> HoldersPage<T::AccountId, T::Balance> {
			let limit = limit.clamp(1, 1_000) as usize;
			let iter = match start_after {
				Some(after) => Holdings::<T>::iter_prefix_from(
					security,
					Holdings::<T>::hashed_key_for(security, after),
				),
				None => Holdings::<T>::iter_prefix(security),
			};
			let mut holders: Vec<_> = iter
				.take(limit + 1)
				.map(|(account, h)| HolderInfo {
					investor: match h.holder {
						HolderKey::Investor(id) => Some(id),
						HolderKey::Account(_) => None,
					},
					account,
					balance: h.balance,
					frozen: h.frozen,
				})
				.collect();
			let next = if holders.len() > limit {
				holders.truncate(limit);
				holders.last().map(|h| h.account.clone())
			} else {
				None
			};
			HoldersPage { holders, next }
		}
	}

	impl<T: Config> stoa_primitives::SecurityRegistry<T::AccountId, T::Balance> for Pallet<T> {
		fn issuer_of(security: SecurityId) -> Option<InvestorId> {
			Securities::<T>::get(security).map(|s| s.issuer)
		}
		fn has_role(security: SecurityId, who: &T::AccountId, role: Role) -> bool {
			Securities::<T>::get(security)
				.is_some_and(|record| Self::is_authorised(who, security, &record, role))
		}
		fn balance_of(security: SecurityId, who: &T::AccountId) -> T::Balance {
			Holdings::<T>::get(security, who).map(|h| h.balance).unwrap_or_default()
		}
		fn total_supply(security: SecurityId) -> T::Balance {
			Securities::<T>::get(security).map(|s| s.total_supply).unwrap_or_default()
		}
		fn holder_count(security: SecurityId) -> u32 {
			Securities::<T>::get(security).map(|s| s.holders).unwrap_or_default()
		}
		fn authorised_supply(security: SecurityId) -> T::Balance {
			Securities::<T>::get(security).map(|s| s.authorised_supply).unwrap_or_default()
		}
		fn investor_balance(security: SecurityId, investor: InvestorId) -> T::Balance {
			HolderBalances::<T>::get(security, HolderKey::Investor(investor))
		}
	}

	/// What corporate actions (splits, maturity redemptions, paged payouts) need beyond ordinary
	/// movements. Nothing here checks roles: the corporate-actions pallet has done so.
	impl<T: Config> stoa_primitives::SecurityAdmin<T::AccountId, T::Balance> for Pallet<T> {
		fn decimals(security: SecurityId) -> Option<u8> {
			Securities::<T>::get(security).map(|s| s.decimals)
		}
		fn debt_terms(security: SecurityId) -> Option<DebtTerms> {
			match Securities::<T>::get(security)?.kind {
				SecurityKind::Debt { coupon_bps, maturity } => {
					Some(DebtTerms { coupon_bps, maturity: Some(maturity) })
				},
				SecurityKind::Hybrid { coupon_bps, maturity } => {
					Some(DebtTerms { coupon_bps, maturity })
				},
				SecurityKind::Equity | SecurityKind::FundUnit => None,
			}
		}
		fn holders_after(
			security: SecurityId,
			start_after: Option<&T::AccountId>,
			limit: u32,
		) -> Vec<(T::AccountId, T::Balance)> {
			let iter = match start_after {
				Some(after) => Holdings::<T>::iter_prefix_from(
					security,
					Holdings::<T>::hashed_key_for(security, after),
				),
				None => Holdings::<T>::iter_prefix(security),
			};
			iter.take(limit as usize).map(|(account, h)| (account, h.balance)).collect()
		}
		fn rescale_holding(
			security: SecurityId,
			who: &T::AccountId,
			numerator: u32,
			denominator: u32,
		) -> (T::Balance, T::Balance) {
			let (Some(mut holding), Some(mut record)) =
				(Holdings::<T>::get(security, who), Securities::<T>::get(security))
			else {
				return (Zero::zero(), Zero::zero());
			};
			let before = holding.balance;
			let after = Self::rescale(before, numerator, denominator);
			if after == before {
				return (before, after);
			}
			let key = holding.holder.clone();
			let holder_before = HolderBalances::<T>::get(security, &key);
			Self::observe(security, who, before, &key, holder_before);
			T::Observer::before_supply_change(security, record.total_supply);
			let holder_after = if after > before {
				holder_before.saturating_add(after - before)
			} else {
				holder_before.saturating_sub(before - after)
			};
			if holder_after.is_zero() {
				HolderBalances::<T>::remove(security, &key);
				record.holders.saturating_dec();
				if let HolderKey::Investor(investor) = key {
					T::Guard::on_holding_changed(security, investor, false);
				}
			} else {
				HolderBalances::<T>::insert(security, &key, holder_after);
			}
			if after.is_zero() {
				T::Observer::on_emptied(security, who);
			}
			record.total_supply = record.total_supply.saturating_sub(before).saturating_add(after);
			holding.balance = after;
			holding.frozen = Self::rescale(holding.frozen, numerator, denominator).min(after);
			Self::put_holding(security, who, holding);
			Securities::<T>::insert(security, record);
			(before, after)
		}
		fn rescale_authorised_supply(security: SecurityId, numerator: u32, denominator: u32) {
			Securities::<T>::mutate_extant(security, |record| {
				record.authorised_supply =
					Self::rescale(record.authorised_supply, numerator, denominator);
			});
			// The split starts: the guard's unit-denominated rules follow.
			T::Guard::on_split(security, numerator, denominator);
		}
		fn redeem_all(
			security: SecurityId,
			who: &T::AccountId,
		) -> Result<T::Balance, DispatchError> {
			let amount = Holdings::<T>::get(security, who).map(|h| h.balance).unwrap_or_default();
			if !amount.is_zero() {
				Self::do_move(Movement {
					security,
					kind: MovementKind::ForcedRedemption,
					from: Some(who.clone()),
					to: None,
					amount,
				})?;
			}
			Ok(amount)
		}
		fn mark_matured(security: SecurityId) {
			Securities::<T>::mutate_extant(security, |record| {
				if record.status != SecurityStatus::Matured {
					record.status = SecurityStatus::Matured;
					Self::deposit_event(Event::StatusChanged {
						security,
						status: SecurityStatus::Matured,
					});
				}
			});
		}
		fn offering_in_progress(security: SecurityId) -> bool {
			OfferingsInProgress::<T>::get(security) > 0
		}
		fn can_split(security: SecurityId) -> bool {
			!Self::offering_in_progress(security) && T::Guard::can_split(security)
		}
		fn movement_hooks_weight() -> Weight {
			Self::guard_weight(1)
		}
	}

	impl<T: Config> Pallet<T> {
		/// `amount × numerator / denominator`, rounded down (saturating).
		fn rescale(amount: T::Balance, numerator: u32, denominator: u32) -> T::Balance {
			multiply_by_rational_with_rounding(
				amount.unique_saturated_into(),
				numerator.into(),
				denominator.max(1).into(),
				Rounding::Down,
			)
			.map(T::Balance::unique_saturated_from)
			.unwrap_or_else(T::Balance::max_value)
		}
	}

	/// Recoveries in the credentials pallet are recorded here, so that holdings can follow
	/// (one security per [`Pallet::recover_holdings`] call: a wallet may hold many).
	impl<T: Config> stoa_primitives::HoldingsInspector<T::AccountId> for Pallet<T> {
		fn holds_units(account: &T::AccountId) -> bool {
			HeldBy::<T>::iter_prefix(account).next().is_some()
		}
	}

	impl<T: Config> CredentialsListener<T::AccountId> for Pallet<T> {
		fn on_credentials_changed(_: InvestorId) {}
		fn on_jurisdiction_changed(_: InvestorId, _: Jurisdiction, _: Jurisdiction) {}
		fn on_wallet_recovered(_: InvestorId, lost: &T::AccountId, new: &T::AccountId) {
			Recoveries::<T>::insert(lost, new);
		}
		fn on_wallet_linked(_: InvestorId, wallet: &T::AccountId) {
			// A wallet linked again is someone's again: its new holdings are not the recovered
			// investor's to pull away.
			Recoveries::<T>::remove(wallet);
		}
		fn on_wallet_linked_weight() -> Weight {
			T::DbWeight::get().writes(1)
		}
		fn on_credentials_changed_weight() -> Weight {
			Weight::zero()
		}
		fn on_jurisdiction_changed_weight() -> Weight {
			Weight::zero()
		}
		fn on_wallet_recovered_weight() -> Weight {
			T::DbWeight::get().writes(1)
		}
	}
}
