//! # Credentials
//!
//! Who is behind a wallet, and what trusted parties have attested about them. Every rule of a
//! regulated security reads this pallet, through [`stoa_primitives::CredentialRegistry`].
//!
//! ## Model
//!
//! - **Qualifiers** (KYC providers, exchanges, brokers) federate. [`Config::QualifierAdminOrigin`]
//!   registers each with the jurisdictions it may qualify investors in and the
//!   [`CredentialKind`]s it is trusted to attest, and may suspend, resume or remove it. A
//!   suspended or removed qualifier's attestations stop counting at once: status is checked
//!   whenever an attestation is read, so nothing is iterated.
//! - **Investors** are ids without personal data (that stays in the qualifier's registry),
//!   created by a qualifier with a kind (individual, legal entity) and a home jurisdiction.
//! - **Wallets** link to at most one investor, and only with their own consent: the investor's
//!   qualifier invites ([`Pallet::request_wallet_link`]), the wallet accepts
//!   ([`Pallet::accept_wallet_link`]). Any wallet of the investor, or its qualifier, unlinks.
//! - **Credentials** are attestations `(investor, kind)` by a qualifier trusted for the kind,
//!   with issue time, optional expiry (chain timestamp, seconds) and the hash of the off-chain
//!   evidence. Several qualifiers may attest the same kind; the credential counts while any
//!   active, trusted qualifier's attestation is unexpired and unrevoked.
//! - **Blocks** (sanctions, AML hits) on an investor or a single wallet, by a qualifier or
//!   governance, beat every credential and carry a [`BlockReason`].
//! - **Protocol holders**: anyone may register a contract or pallet-owned account to hold
//!   securities by placing [`Config::ProtocolHolderDeposit`] on hold (the optimistic whitelist);
//!   [`Config::GuardianOrigin`] may block it, burning or returning the deposit.
//! - **Wallet recovery**: the investor's qualifier (or governance) replaces a lost wallet with
//!   another wallet of the same investor; the lost wallet is unlinked and blocked, and
//!   [`Config::Listener`] is told so that issuance can move the holdings.
//!
//! ## Where the code is
//!
//! This file is the pallet's face (config, storage, events, errors, calls); beside it are
//! `origins.rs` (who may act), `qualifiers.rs` (qualifiers, kinds, investors), `wallets.rs`
//! (links) and `registry.rs` (reading credentials, and the `CredentialRegistry`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod origins;
mod qualifiers;
mod registry;
#[cfg(test)]
mod tests;
pub mod types;
mod wallets;
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
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Precision,
			UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Saturating;
	use stoa_primitives::{
		BlockReason, CredentialKind, CredentialsListener, HoldingsInspector, ImportedCredentials,
		InvestorId, InvestorKind, Jurisdiction, Moment, QualifierId, RecordChange,
	};

	/// A balance of the currency deposits are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A qualifier record, as this runtime stores it.
	pub type QualifierOf<T> = Qualifier<
		<T as frame_system::Config>::AccountId,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxJurisdictionsPerQualifier,
		<T as Config>::MaxKindsPerQualifier,
	>;

	/// A protocol-holder record, as this runtime stores it.
	pub type ProtocolHolderOf<T> = ProtocolHolder<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxNameLength,
	>;

	/// The attestations of one kind about one investor.
	pub type AttestationsOf<T> = BoundedVec<
		Attestation<<T as frame_system::Config>::Hash>,
		<T as Config>::MaxAttestationsPerKind,
	>;

	/// The layout of this pallet's storage, stored on chain from genesis. Bump it with each
	/// migration of the pallet's storage (a `VersionedMigration` in the runtime's
	/// `Migrations`), so that a migration runs once and only on the layout it expects.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit behind a protocol-holder registration.
		ProtocolHolderDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency protocol-holder deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The chain's clock, for credential issue and expiry times.
		type UnixTime: UnixTime;

		/// Registers, suspends and removes qualifiers and custom credential kinds; also acts as
		/// governance where a call accepts "a qualifier or governance" (root for now).
		type QualifierAdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Blocks protocol holders that misbehave.
		type GuardianOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Told about credential, jurisdiction and wallet changes (compliance, issuance).
		type Listener: CredentialsListener<Self::AccountId>;

		/// Whether an account holds units of a security: a wallet that does cannot change
		/// investor or become a protocol holder (issuance).
		type Holdings: HoldingsInspector<Self::AccountId>;

		/// What this shard imported from the shards it trusts (`pallet-shard-credentials`):
		/// the registry answers for imported investors and applies imported blocks too.
		type Imported: ImportedCredentials<Self::AccountId, Self::Hash>;

		/// The deposit held from whoever registers a protocol holder.
		#[pallet::constant]
		type ProtocolHolderDeposit: Get<BalanceOf<Self>>;

		/// How many blocks a wallet has to accept a link request.
		#[pallet::constant]
		type LinkRequestTtl: Get<BlockNumberFor<Self>>;

		/// The longest qualifier, protocol or credential-kind name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The most jurisdictions a qualifier may cover.
		#[pallet::constant]
		type MaxJurisdictionsPerQualifier: Get<u32>;

		/// The most credential kinds a qualifier may be trusted for.
		#[pallet::constant]
		type MaxKindsPerQualifier: Get<u32>;

		/// The most custom credential kinds governance may register.
		#[pallet::constant]
		type MaxCustomKinds: Get<u32>;

		/// The most qualifiers' attestations kept for one (investor, kind).
		#[pallet::constant]
		type MaxAttestationsPerKind: Get<u32>;

		/// The most wallets one investor may link.
		#[pallet::constant]
		type MaxWalletsPerInvestor: Get<u32>;

		/// Weights of this pallet's calls, generated by `stoa-node benchmark pallet`.
		type WeightInfo: WeightInfo;
	}

	/// Qualifiers, by id.
	#[pallet::storage]
	pub type Qualifiers<T: Config> =
		StorageMap<_, Twox64Concat, QualifierId, QualifierOf<T>, OptionQuery>;

	/// The qualifier an account acts for.
	#[pallet::storage]
	pub type QualifierOfAccount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, QualifierId, OptionQuery>;

	/// The id the next qualifier gets (ids are never reused).
	#[pallet::storage]
	pub type NextQualifierId<T: Config> = StorageValue<_, QualifierId, ValueQuery>;

	/// Names of the custom credential kinds governance registered, by number.
	#[pallet::storage]
	pub type CustomKinds<T: Config> =
		StorageMap<_, Twox64Concat, u32, BoundedVec<u8, T::MaxNameLength>, OptionQuery>;

	/// The number the next custom credential kind gets.
	#[pallet::storage]
	pub type NextCustomKind<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Investors, by id.
	#[pallet::storage]
	pub type Investors<T: Config> = StorageMap<_, Twox64Concat, InvestorId, Investor, OptionQuery>;

	/// The id the next investor gets (ids are never reused).
	#[pallet::storage]
	pub type NextInvestorId<T: Config> = StorageValue<_, InvestorId, ValueQuery>;

	/// The investor each linked wallet belongs to.
	#[pallet::storage]
	pub type InvestorOfWallet<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, InvestorId, OptionQuery>;

	/// The wallets of each investor (at most [`Config::MaxWalletsPerInvestor`]).
	#[pallet::storage]
	pub type InvestorWallets<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		InvestorId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Link requests waiting for the invited wallet's acceptance.
	#[pallet::storage]
	pub type LinkRequests<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, LinkRequest<BlockNumberFor<T>>, OptionQuery>;

	/// Attestations, by investor and kind (one per attesting qualifier).
	#[pallet::storage]
	pub type Credentials<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		InvestorId,
		Blake2_128Concat,
		CredentialKind,
		AttestationsOf<T>,
		ValueQuery,
	>;

	/// Blocked investors: no wallet of theirs may hold or move securities.
	#[pallet::storage]
	pub type InvestorBlocks<T: Config> =
		StorageMap<_, Twox64Concat, InvestorId, Block, OptionQuery>;

	/// Blocked wallets (linked or not).
	#[pallet::storage]
	pub type WalletBlocks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Block, OptionQuery>;

	/// Registered protocol holders (contracts, pallet-owned accounts).
	#[pallet::storage]
	pub type ProtocolHolders<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProtocolHolderOf<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Custom credential kinds, numbered from 0 in this order.
		pub custom_kinds: Vec<alloc::string::String>,
		/// Qualifiers, with ids from 0 in this order.
		pub qualifiers: Vec<GenesisQualifier<T::AccountId>>,
		/// Investors, with ids from 0 in this order.
		pub investors: Vec<GenesisInvestor<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain spec that breaks the pallet's rules cannot start: fail loudly at genesis.
			for name in &self.custom_kinds {
				Pallet::<T>::do_register_kind(name.as_bytes().to_vec())
					.expect("genesis custom credential kind is valid");
			}
			for qualifier in &self.qualifiers {
				Pallet::<T>::do_register_qualifier(
					qualifier.account.clone(),
					qualifier.name.as_bytes().to_vec(),
					qualifier.jurisdictions.clone(),
					qualifier.kinds.clone(),
				)
				.expect("genesis qualifier is valid");
			}
			for investor in &self.investors {
				let q = Qualifiers::<T>::get(investor.qualifier)
					.expect("genesis investor's qualifier is a genesis qualifier");
				assert!(
					q.jurisdictions.contains(&investor.jurisdiction),
					"genesis investor's jurisdiction is covered by its qualifier"
				);
				let id = Pallet::<T>::do_create_investor(
					investor.qualifier,
					investor.kind,
					investor.jurisdiction,
				)
				.expect("investor ids do not run out at genesis");
				for wallet in &investor.wallets {
					Pallet::<T>::do_link(id, wallet).expect("genesis wallet links once");
				}
				for kind in &investor.credentials {
					assert!(q.kinds.contains(kind), "genesis qualifier is trusted for the kind");
					Credentials::<T>::try_mutate(id, kind, |attestations| {
						attestations.try_push(Attestation {
							qualifier: investor.qualifier,
							issued_at: 0,
							expires_at: None,
							evidence: Default::default(),
							revoked_at: None,
						})
					})
					.expect("genesis attests each kind once per investor");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance registered a qualifier.
		QualifierRegistered { qualifier: QualifierId, account: T::AccountId },
		/// Governance changed a qualifier's jurisdictions or trusted kinds.
		QualifierUpdated {
			qualifier: QualifierId,
			jurisdictions: Vec<Jurisdiction>,
			kinds: Vec<CredentialKind>,
		},
		/// Governance moved a qualifier to a new account (key rotation).
		QualifierAccountChanged { qualifier: QualifierId, account: T::AccountId },
		/// Governance suspended a qualifier: its attestations stop counting.
		QualifierSuspended { qualifier: QualifierId },
		/// Governance resumed a suspended qualifier: its attestations count again.
		QualifierResumed { qualifier: QualifierId },
		/// Governance removed a qualifier: its attestations never count again.
		QualifierRemoved { qualifier: QualifierId },
		/// Governance registered a custom credential kind.
		CredentialKindRegistered { kind: CredentialKind, name: Vec<u8> },
		/// A qualifier created an investor.
		InvestorCreated {
			investor: InvestorId,
			qualifier: QualifierId,
			kind: InvestorKind,
			jurisdiction: Jurisdiction,
		},
		/// An investor's home jurisdiction changed.
		InvestorJurisdictionChanged { investor: InvestorId, from: Jurisdiction, to: Jurisdiction },
		/// Governance gave an investor to another qualifier.
		InvestorReassigned { investor: InvestorId, qualifier: QualifierId },
		/// A qualifier invited a wallet to link to an investor.
		WalletLinkRequested {
			investor: InvestorId,
			wallet: T::AccountId,
			expires_at: BlockNumberFor<T>,
		},
		/// A wallet accepted and is now the investor's.
		WalletLinked { investor: InvestorId, wallet: T::AccountId },
		/// A wallet was unlinked from its investor.
		WalletUnlinked { investor: InvestorId, wallet: T::AccountId },
		/// A lost wallet was replaced by another wallet of the same investor; the lost one is
		/// unlinked and blocked. Holdings should follow.
		WalletRecovered { investor: InvestorId, lost: T::AccountId, new: T::AccountId },
		/// A qualifier attested (or renewed) a credential.
		CredentialAttested {
			investor: InvestorId,
			kind: CredentialKind,
			qualifier: QualifierId,
			expires_at: Option<Moment>,
		},
		/// A qualifier revoked its attestation.
		CredentialRevoked { investor: InvestorId, kind: CredentialKind, qualifier: QualifierId },
		/// An investor was blocked (`by_qualifier` is `None` for governance).
		InvestorBlocked {
			investor: InvestorId,
			reason: BlockReason,
			by_qualifier: Option<QualifierId>,
		},
		/// An investor's block was lifted.
		InvestorUnblocked { investor: InvestorId },
		/// A wallet was blocked (`by_qualifier` is `None` for governance).
		WalletBlocked {
			wallet: T::AccountId,
			reason: BlockReason,
			by_qualifier: Option<QualifierId>,
		},
		/// A wallet's block was lifted.
		WalletUnblocked { wallet: T::AccountId },
		/// An account was registered as a protocol holder; `deposit` is held from `registrant`.
		ProtocolHolderRegistered {
			account: T::AccountId,
			registrant: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// A protocol holder was deregistered by its registrant; its deposit was returned.
		ProtocolHolderDeregistered { account: T::AccountId },
		/// The guardian blocked a protocol holder; its deposit stays held until governance
		/// settles or lifts the block.
		ProtocolHolderBlocked { account: T::AccountId, reason: BlockReason },
		/// Governance lifted the guardian's block: the protocol holder may receive securities
		/// again, and its deposit stays held as before.
		ProtocolHolderUnblocked { account: T::AccountId },
		/// Governance settled a protocol holder's block: the deposit was burned (`slashed`) or
		/// returned to the registrant. The block is final.
		ProtocolHolderBlockSettled {
			account: T::AccountId,
			slashed: BalanceOf<T>,
			returned: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No qualifier has this id.
		UnknownQualifier,
		/// The signer does not act for a qualifier.
		NotQualifier,
		/// The qualifier is suspended.
		QualifierSuspended,
		/// The qualifier is not suspended.
		QualifierNotSuspended,
		/// The account already acts for a qualifier.
		AlreadyQualifier,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// A jurisdiction is not an assigned ISO 3166-1 alpha-2 code.
		InvalidJurisdiction,
		/// A qualifier must cover at least one jurisdiction.
		NoJurisdictions,
		/// More jurisdictions than `MaxJurisdictionsPerQualifier`.
		TooManyJurisdictions,
		/// More credential kinds than `MaxKindsPerQualifier`.
		TooManyKinds,
		/// A custom credential kind that governance has not registered.
		UnknownCredentialKind,
		/// Governance already registered `MaxCustomKinds` custom kinds.
		TooManyCustomKinds,
		/// No investor has this id.
		UnknownInvestor,
		/// The jurisdiction is not one the qualifier covers.
		JurisdictionNotCovered,
		/// Only the investor's own qualifier (or governance) may do this.
		NotInvestorsQualifier,
		/// The wallet is already linked to an investor (of this shard, or of a shard it
		/// trusts).
		WalletAlreadyLinked,
		/// The wallet is not linked to an investor.
		WalletNotLinked,
		/// The investor already has `MaxWalletsPerInvestor` wallets.
		TooManyWallets,
		/// The account is a protocol holder, which cannot also be an investor's wallet.
		IsProtocolHolder,
		/// The account is an investor's wallet, which cannot also be a protocol holder.
		IsInvestorWallet,
		/// The wallet has no pending link request.
		NoLinkRequest,
		/// The wallet's link request is for another investor.
		LinkRequestMismatch,
		/// The link request expired.
		LinkRequestExpired,
		/// Only a wallet of the same investor, its qualifier or governance may unlink it.
		NotAllowedToUnlink,
		/// The qualifier is not trusted to attest this kind.
		NotTrustedForKind,
		/// The expiry is not after the current time.
		ExpiryInPast,
		/// `MaxAttestationsPerKind` qualifiers already attest this kind about this investor,
		/// and each of their attestations still counts.
		TooManyAttestations,
		/// The qualifier has no attestation of this kind about this investor.
		NoAttestation,
		/// The attestation is already revoked.
		AlreadyRevoked,
		/// Already blocked.
		AlreadyBlocked,
		/// Not blocked.
		NotBlocked,
		/// Only whoever blocked (or governance) may lift the block.
		NotBlocker,
		/// The account is already a protocol holder.
		AlreadyProtocolHolder,
		/// The account is not a protocol holder.
		NotProtocolHolder,
		/// Only the registrant may deregister a protocol holder.
		NotRegistrant,
		/// The protocol holder is blocked; its registration stays as the record of the block.
		ProtocolHolderBlocked,
		/// The block was settled (its deposit burned or returned): it is final.
		BlockSettled,
		/// The registrant cannot afford the protocol-holder deposit.
		InsufficientDeposit,
		/// The lost and the new wallet are the same.
		SameWallet,
		/// The new wallet does not belong to the lost wallet's investor.
		NotSameInvestor,
		/// The wallet holds units of a security: move them first (a
		/// transfer to another of the investor's wallets, the transfer agent's forced transfer,
		/// or a wallet recovery).
		WalletHoldsUnits,
		/// The investor is blocked: its wallets cannot unlink themselves (its qualifier or
		/// governance can, and the block stays on the wallet).
		InvestorIsBlocked,
		/// The account is blocked, so it cannot become a protocol holder.
		AccountBlocked,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a qualifier acting through `account`.
		///
		/// Origin: [`Config::QualifierAdminOrigin`]. `jurisdictions` (ISO 3166-1 alpha-2) are
		/// where it may qualify investors; `kinds` the credential kinds it is trusted to attest
		/// (custom kinds must be registered first). Duplicates are dropped.
		#[pallet::call_index(0)]
		#[pallet::weight(
			T::WeightInfo::register_qualifier()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn register_qualifier(
			origin: OriginFor<T>,
			account: T::AccountId,
			name: Vec<u8>,
			jurisdictions: Vec<Jurisdiction>,
			kinds: Vec<CredentialKind>,
		) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			let qualifier =
				Self::do_register_qualifier(account.clone(), name, jurisdictions, kinds)?;
			Self::deposit_event(Event::QualifierRegistered { qualifier, account });
			T::Listener::on_record_changed(RecordChange::Qualifier(qualifier));
			Ok(())
		}

		/// Replace a qualifier's jurisdictions and trusted kinds.
		///
		/// Origin: [`Config::QualifierAdminOrigin`]. Attestations of kinds it is no longer
		/// trusted for stop counting at once.
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::update_qualifier()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn update_qualifier(
			origin: OriginFor<T>,
			qualifier: QualifierId,
			jurisdictions: Vec<Jurisdiction>,
			kinds: Vec<CredentialKind>,
		) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			let jurisdictions = Self::jurisdiction_set(jurisdictions)?;
			let kinds = Self::kind_set(kinds)?;
			Qualifiers::<T>::try_mutate(qualifier, |q| -> DispatchResult {
				let q = q.as_mut().ok_or(Error::<T>::UnknownQualifier)?;
				q.jurisdictions = jurisdictions.clone();
				q.kinds = kinds.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::QualifierUpdated {
				qualifier,
				jurisdictions: jurisdictions.into_inner(),
				kinds: kinds.into_inner(),
			});
			T::Listener::on_record_changed(RecordChange::Qualifier(qualifier));
			Ok(())
		}

		/// Move a qualifier to a new account (key rotation, lost key).
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_qualifier_account())]
		pub fn set_qualifier_account(
			origin: OriginFor<T>,
			qualifier: QualifierId,
			account: T::AccountId,
		) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			ensure!(!QualifierOfAccount::<T>::contains_key(&account), Error::<T>::AlreadyQualifier);
			Qualifiers::<T>::try_mutate(qualifier, |q| -> DispatchResult {
				let q = q.as_mut().ok_or(Error::<T>::UnknownQualifier)?;
				QualifierOfAccount::<T>::remove(&q.account);
				q.account = account.clone();
				Ok(())
			})?;
			QualifierOfAccount::<T>::insert(&account, qualifier);
			Self::deposit_event(Event::QualifierAccountChanged { qualifier, account });
			Ok(())
		}

		/// Suspend a qualifier: its attestations stop counting at once, and it may no longer
		/// create investors, link wallets, attest or block (it may still revoke and lift its
		/// own blocks).
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::suspend_qualifier()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn suspend_qualifier(origin: OriginFor<T>, qualifier: QualifierId) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			Qualifiers::<T>::try_mutate(qualifier, |q| -> DispatchResult {
				let q = q.as_mut().ok_or(Error::<T>::UnknownQualifier)?;
				ensure!(q.status == QualifierStatus::Active, Error::<T>::QualifierSuspended);
				q.status = QualifierStatus::Suspended;
				Ok(())
			})?;
			Self::deposit_event(Event::QualifierSuspended { qualifier });
			T::Listener::on_record_changed(RecordChange::Qualifier(qualifier));
			Ok(())
		}

		/// Resume a suspended qualifier: its unexpired, unrevoked attestations count again.
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::resume_qualifier()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn resume_qualifier(origin: OriginFor<T>, qualifier: QualifierId) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			Qualifiers::<T>::try_mutate(qualifier, |q| -> DispatchResult {
				let q = q.as_mut().ok_or(Error::<T>::UnknownQualifier)?;
				ensure!(q.status == QualifierStatus::Suspended, Error::<T>::QualifierNotSuspended);
				q.status = QualifierStatus::Active;
				Ok(())
			})?;
			Self::deposit_event(Event::QualifierResumed { qualifier });
			T::Listener::on_record_changed(RecordChange::Qualifier(qualifier));
			Ok(())
		}

		/// Remove a qualifier for good: its attestations never count again (ids are not
		/// reused). Its investors keep their wallets; governance should reassign them with
		/// [`Pallet::reassign_investor`].
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::remove_qualifier()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn remove_qualifier(origin: OriginFor<T>, qualifier: QualifierId) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			let q = Qualifiers::<T>::take(qualifier).ok_or(Error::<T>::UnknownQualifier)?;
			QualifierOfAccount::<T>::remove(&q.account);
			Self::deposit_event(Event::QualifierRemoved { qualifier });
			T::Listener::on_record_changed(RecordChange::Qualifier(qualifier));
			Ok(())
		}

		/// Register a custom credential kind (e.g. "EU retail-eligible"); it gets the next
		/// number, `CredentialKind::Custom(n)`.
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::register_credential_kind())]
		pub fn register_credential_kind(origin: OriginFor<T>, name: Vec<u8>) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			let kind = Self::do_register_kind(name.clone())?;
			Self::deposit_event(Event::CredentialKindRegistered { kind, name });
			Ok(())
		}

		/// Create an investor (signed by an active qualifier). `jurisdiction` is its home
		/// jurisdiction and must be one the qualifier covers. The new id is in the
		/// [`Event::InvestorCreated`] event.
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::create_investor()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn create_investor(
			origin: OriginFor<T>,
			kind: InvestorKind,
			jurisdiction: Jurisdiction,
		) -> DispatchResult {
			let (qualifier, q) = Self::ensure_active_qualifier(origin)?;
			ensure!(jurisdiction.is_valid(), Error::<T>::InvalidJurisdiction);
			ensure!(q.jurisdictions.contains(&jurisdiction), Error::<T>::JurisdictionNotCovered);
			let investor = Self::do_create_investor(qualifier, kind, jurisdiction)?;
			Self::deposit_event(Event::InvestorCreated { investor, qualifier, kind, jurisdiction });
			T::Listener::on_record_changed(RecordChange::Investor(investor));
			Ok(())
		}

		/// Change an investor's home jurisdiction (it moved, re-domiciled).
		///
		/// Origin: the investor's active qualifier (which must cover the new jurisdiction),
		/// or [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(8)]
		#[pallet::weight(
			T::WeightInfo::set_investor_jurisdiction()
				.saturating_add(T::Listener::on_jurisdiction_changed_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn set_investor_jurisdiction(
			origin: OriginFor<T>,
			investor: InvestorId,
			jurisdiction: Jurisdiction,
		) -> DispatchResultWithPostInfo {
			let actor = Self::ensure_governance_or_active_qualifier(origin)?;
			ensure!(jurisdiction.is_valid(), Error::<T>::InvalidJurisdiction);
			let mut record = Investors::<T>::get(investor).ok_or(Error::<T>::UnknownInvestor)?;
			if let Actor::Qualifier(qualifier) = actor {
				ensure!(record.qualifier == qualifier, Error::<T>::NotInvestorsQualifier);
				let q = Qualifiers::<T>::get(qualifier).ok_or(Error::<T>::UnknownQualifier)?;
				ensure!(
					q.jurisdictions.contains(&jurisdiction),
					Error::<T>::JurisdictionNotCovered
				);
			}
			let from = record.jurisdiction;
			if from == jurisdiction {
				return Ok(Some(T::WeightInfo::set_investor_jurisdiction()).into());
			}
			record.jurisdiction = jurisdiction;
			Investors::<T>::insert(investor, record);
			let listeners = T::Listener::on_jurisdiction_changed(investor, from, jurisdiction)
				.saturating_add(T::Listener::on_record_changed(RecordChange::Investor(investor)));
			Self::deposit_event(Event::InvestorJurisdictionChanged {
				investor,
				from,
				to: jurisdiction,
			});
			Ok(Some(T::WeightInfo::set_investor_jurisdiction().saturating_add(listeners)).into())
		}

		/// Give an investor to another qualifier (its own was removed, or the investor moved
		/// provider).
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::reassign_investor()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn reassign_investor(
			origin: OriginFor<T>,
			investor: InvestorId,
			qualifier: QualifierId,
		) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			ensure!(Qualifiers::<T>::contains_key(qualifier), Error::<T>::UnknownQualifier);
			Investors::<T>::try_mutate(investor, |record| -> DispatchResult {
				let record = record.as_mut().ok_or(Error::<T>::UnknownInvestor)?;
				record.qualifier = qualifier;
				Ok(())
			})?;
			Self::deposit_event(Event::InvestorReassigned { investor, qualifier });
			T::Listener::on_record_changed(RecordChange::Investor(investor));
			Ok(())
		}

		/// Invite `wallet` to link to `investor` (signed by the investor's active qualifier).
		///
		/// The link exists once the wallet accepts with [`Pallet::accept_wallet_link`], within
		/// [`Config::LinkRequestTtl`] blocks. A new request replaces the wallet's previous one.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::request_wallet_link())]
		pub fn request_wallet_link(
			origin: OriginFor<T>,
			investor: InvestorId,
			wallet: T::AccountId,
		) -> DispatchResult {
			let (qualifier, _) = Self::ensure_active_qualifier(origin)?;
			let record = Investors::<T>::get(investor).ok_or(Error::<T>::UnknownInvestor)?;
			ensure!(record.qualifier == qualifier, Error::<T>::NotInvestorsQualifier);
			Self::ensure_can_link(&record, &wallet)?;
			let expires_at =
				frame_system::Pallet::<T>::block_number().saturating_add(T::LinkRequestTtl::get());
			LinkRequests::<T>::insert(&wallet, LinkRequest { investor, expires_at });
			Self::deposit_event(Event::WalletLinkRequested { investor, wallet, expires_at });
			Ok(())
		}

		/// Accept a link request (signed by the invited wallet). `investor` must be the one
		/// named in the request, so that a replaced request is never accepted by mistake.
		#[pallet::call_index(11)]
		#[pallet::weight(
			T::WeightInfo::accept_wallet_link()
				.saturating_add(T::Listener::on_wallet_linked_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn accept_wallet_link(origin: OriginFor<T>, investor: InvestorId) -> DispatchResult {
			let wallet = ensure_signed(origin)?;
			let request = LinkRequests::<T>::get(&wallet).ok_or(Error::<T>::NoLinkRequest)?;
			ensure!(request.investor == investor, Error::<T>::LinkRequestMismatch);
			ensure!(
				frame_system::Pallet::<T>::block_number() <= request.expires_at,
				Error::<T>::LinkRequestExpired
			);
			Self::do_link(investor, &wallet)?;
			LinkRequests::<T>::remove(&wallet);
			T::Listener::on_wallet_linked(investor, &wallet);
			T::Listener::on_record_changed(RecordChange::Wallet(&wallet));
			Self::deposit_event(Event::WalletLinked { investor, wallet });
			Ok(())
		}

		/// Unlink `wallet` from its investor.
		///
		/// Origin: signed by any wallet of the same investor (the investor acting), by the
		/// investor's qualifier, or [`Config::QualifierAdminOrigin`].
		///
		/// Refused, for everyone, while the wallet holds units of any
		/// security: they would change beneficial owner unseen. The units move first (to
		/// another of the investor's wallets, by the transfer agent's forced transfer, or, for
		/// a lost wallet, by [`Pallet::recover_wallet`]). A blocked investor's wallets cannot
		/// unlink themselves; its qualifier or governance may unlink an empty one, and the
		/// investor's block is then kept on the wallet.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::unlink_wallet()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn unlink_wallet(origin: OriginFor<T>, wallet: T::AccountId) -> DispatchResult {
			let signer = match T::QualifierAdminOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_unlink_wallet(signer, wallet)
		}

		/// Replace the investor's `lost` wallet with its wallet `new`: `lost` is unlinked and
		/// blocked (reason [`BlockReason::LostWallet`]), and [`Config::Listener`] is told so
		/// that holdings move to `new`. Link `new` first, with the wallet's consent.
		///
		/// Origin: the investor's active qualifier, or [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(13)]
		#[pallet::weight(
			T::WeightInfo::recover_wallet()
				.saturating_add(T::Listener::on_wallet_recovered_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn recover_wallet(
			origin: OriginFor<T>,
			lost: T::AccountId,
			new: T::AccountId,
		) -> DispatchResult {
			let actor = Self::ensure_governance_or_active_qualifier(origin)?;
			Self::do_recover_wallet(actor, lost, new)
		}

		/// Attest (or renew) a credential of `kind` about `investor` (signed by an active
		/// qualifier trusted for `kind`).
		///
		/// `expires_at` (seconds) is the first second at which it no longer counts; `evidence`
		/// is the hash of the off-chain KYC file. A [`CredentialKind::Residence`] attestation
		/// needs a qualifier that covers the investor's jurisdiction. Renewing replaces the
		/// qualifier's earlier attestation, revoked or not.
		#[pallet::call_index(14)]
		#[pallet::weight(
			T::WeightInfo::attest()
				.saturating_add(T::Listener::on_credentials_changed_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn attest(
			origin: OriginFor<T>,
			investor: InvestorId,
			kind: CredentialKind,
			expires_at: Option<Moment>,
			evidence: T::Hash,
		) -> DispatchResultWithPostInfo {
			let (qualifier, q) = Self::ensure_active_qualifier(origin)?;
			let listeners = Self::do_attest((qualifier, q), investor, kind, expires_at, evidence)?;
			Ok(Some(T::WeightInfo::attest().saturating_add(listeners)).into())
		}

		/// Revoke the signing qualifier's attestation of `kind` about `investor`. A suspended
		/// qualifier may still revoke. The attestation is kept, marked revoked, for the audit
		/// trail.
		#[pallet::call_index(15)]
		#[pallet::weight(
			T::WeightInfo::revoke()
				.saturating_add(T::Listener::on_credentials_changed_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn revoke(
			origin: OriginFor<T>,
			investor: InvestorId,
			kind: CredentialKind,
		) -> DispatchResultWithPostInfo {
			let (qualifier, _) = Self::ensure_qualifier(origin)?;
			let now = Self::now();
			Credentials::<T>::try_mutate(investor, kind, |attestations| -> DispatchResult {
				let attestation = attestations
					.iter_mut()
					.find(|a| a.qualifier == qualifier)
					.ok_or(Error::<T>::NoAttestation)?;
				ensure!(attestation.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
				attestation.revoked_at = Some(now);
				Ok(())
			})?;
			let listeners = T::Listener::on_credentials_changed(investor).saturating_add(
				T::Listener::on_record_changed(RecordChange::Credential(investor, kind)),
			);
			Self::deposit_event(Event::CredentialRevoked { investor, kind, qualifier });
			Ok(Some(T::WeightInfo::revoke().saturating_add(listeners)).into())
		}

		/// Block an investor (sanctions, AML hit): none of its wallets may hold or move
		/// securities, whatever its credentials.
		///
		/// Origin: any active qualifier, or [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(16)]
		#[pallet::weight(
			T::WeightInfo::block_investor()
				.saturating_add(T::Listener::on_credentials_changed_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn block_investor(
			origin: OriginFor<T>,
			investor: InvestorId,
			reason: BlockReason,
		) -> DispatchResultWithPostInfo {
			let actor = Self::ensure_governance_or_active_qualifier(origin)?;
			ensure!(Investors::<T>::contains_key(investor), Error::<T>::UnknownInvestor);
			ensure!(!InvestorBlocks::<T>::contains_key(investor), Error::<T>::AlreadyBlocked);
			InvestorBlocks::<T>::insert(investor, Block { reason, by: actor, at: Self::now() });
			let listeners = T::Listener::on_credentials_changed(investor)
				.saturating_add(T::Listener::on_record_changed(RecordChange::Investor(investor)));
			Self::deposit_event(Event::InvestorBlocked {
				investor,
				reason,
				by_qualifier: Self::qualifier_of_actor(actor),
			});
			Ok(Some(T::WeightInfo::block_investor().saturating_add(listeners)).into())
		}

		/// Lift an investor's block.
		///
		/// Origin: the qualifier that blocked (even if suspended), or
		/// [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(17)]
		#[pallet::weight(
			T::WeightInfo::unblock_investor()
				.saturating_add(T::Listener::on_credentials_changed_weight())
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn unblock_investor(
			origin: OriginFor<T>,
			investor: InvestorId,
		) -> DispatchResultWithPostInfo {
			let actor = Self::ensure_governance_or_qualifier(origin)?;
			let block = InvestorBlocks::<T>::get(investor).ok_or(Error::<T>::NotBlocked)?;
			Self::ensure_may_lift(actor, &block)?;
			InvestorBlocks::<T>::remove(investor);
			let listeners = T::Listener::on_credentials_changed(investor)
				.saturating_add(T::Listener::on_record_changed(RecordChange::Investor(investor)));
			Self::deposit_event(Event::InvestorUnblocked { investor });
			Ok(Some(T::WeightInfo::unblock_investor().saturating_add(listeners)).into())
		}

		/// Block a single wallet, linked or not (a sanctioned address, a compromised key).
		///
		/// Origin: any active qualifier, or [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(18)]
		#[pallet::weight(
			T::WeightInfo::block_wallet()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn block_wallet(
			origin: OriginFor<T>,
			wallet: T::AccountId,
			reason: BlockReason,
		) -> DispatchResult {
			let actor = Self::ensure_governance_or_active_qualifier(origin)?;
			ensure!(!WalletBlocks::<T>::contains_key(&wallet), Error::<T>::AlreadyBlocked);
			WalletBlocks::<T>::insert(&wallet, Block { reason, by: actor, at: Self::now() });
			T::Listener::on_record_changed(RecordChange::Wallet(&wallet));
			Self::deposit_event(Event::WalletBlocked {
				wallet,
				reason,
				by_qualifier: Self::qualifier_of_actor(actor),
			});
			Ok(())
		}

		/// Lift a wallet's block.
		///
		/// Origin: the qualifier that blocked (even if suspended), or
		/// [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(19)]
		#[pallet::weight(
			T::WeightInfo::unblock_wallet()
				.saturating_add(T::Listener::on_record_changed_weight())
		)]
		pub fn unblock_wallet(origin: OriginFor<T>, wallet: T::AccountId) -> DispatchResult {
			let actor = Self::ensure_governance_or_qualifier(origin)?;
			let block = WalletBlocks::<T>::get(&wallet).ok_or(Error::<T>::NotBlocked)?;
			Self::ensure_may_lift(actor, &block)?;
			WalletBlocks::<T>::remove(&wallet);
			T::Listener::on_record_changed(RecordChange::Wallet(&wallet));
			Self::deposit_event(Event::WalletUnblocked { wallet });
			Ok(())
		}

		/// Register `account` (a contract or pallet-owned account) as a protocol holder, able
		/// to hold securities without an investor behind it. Anyone may register; the
		/// signer's [`Config::ProtocolHolderDeposit`] is held until deregistration, or burned
		/// if the guardian blocks the protocol and governance decides so. Refused for an investor's
		/// wallet, a blocked account, and an account that already holds units.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::register_protocol_holder())]
		pub fn register_protocol_holder(
			origin: OriginFor<T>,
			account: T::AccountId,
			name: Vec<u8>,
		) -> DispatchResult {
			let registrant = ensure_signed(origin)?;
			ensure!(
				!ProtocolHolders::<T>::contains_key(&account),
				Error::<T>::AlreadyProtocolHolder
			);
			ensure!(!InvestorOfWallet::<T>::contains_key(&account), Error::<T>::IsInvestorWallet);
			ensure!(T::Imported::investor_of(&account).is_none(), Error::<T>::IsInvestorWallet);
			ensure!(T::Imported::account_block(&account).is_none(), Error::<T>::AccountBlocked);
			ensure!(!WalletBlocks::<T>::contains_key(&account), Error::<T>::AccountBlocked);
			// Units that sat with an account nobody vouched for must not become a protocol's.
			ensure!(!T::Holdings::holds_units(&account), Error::<T>::WalletHoldsUnits);
			let name = Self::bounded_name(name)?;
			let deposit = T::ProtocolHolderDeposit::get();
			T::Currency::hold(&HoldReason::ProtocolHolderDeposit.into(), &registrant, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
			ProtocolHolders::<T>::insert(
				&account,
				ProtocolHolder { registrant: registrant.clone(), deposit, name, block: None },
			);
			Self::deposit_event(Event::ProtocolHolderRegistered { account, registrant, deposit });
			Ok(())
		}

		/// Deregister a protocol holder and release its deposit (signed by its registrant).
		/// Refused once the guardian has blocked it, and while it holds units.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::deregister_protocol_holder())]
		pub fn deregister_protocol_holder(
			origin: OriginFor<T>,
			account: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let holder =
				ProtocolHolders::<T>::get(&account).ok_or(Error::<T>::NotProtocolHolder)?;
			ensure!(holder.registrant == who, Error::<T>::NotRegistrant);
			ensure!(holder.block.is_none(), Error::<T>::ProtocolHolderBlocked);
			// Its units would be left with an account nobody may hold securities through.
			ensure!(!T::Holdings::holds_units(&account), Error::<T>::WalletHoldsUnits);
			T::Currency::release(
				&HoldReason::ProtocolHolderDeposit.into(),
				&who,
				holder.deposit,
				Precision::BestEffort,
			)?;
			ProtocolHolders::<T>::remove(&account);
			Self::deposit_event(Event::ProtocolHolderDeregistered { account });
			Ok(())
		}

		/// Block a protocol holder at once: it may no longer receive securities. Its deposit
		/// stays held until governance settles the block (burned or returned) or lifts it.
		/// The registration stays, as the record of the block.
		///
		/// Origin: [`Config::GuardianOrigin`] (meant to be quick to reach: the block is
		/// urgent, and governance can undo it).
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::block_protocol_holder())]
		pub fn block_protocol_holder(
			origin: OriginFor<T>,
			account: T::AccountId,
			reason: BlockReason,
		) -> DispatchResult {
			T::GuardianOrigin::ensure_origin(origin)?;
			Self::do_block_protocol_holder(account, reason)
		}

		/// Lift the guardian's block of a protocol holder, unless the block was settled.
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::unblock_protocol_holder())]
		pub fn unblock_protocol_holder(
			origin: OriginFor<T>,
			account: T::AccountId,
		) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			Self::do_unblock_protocol_holder(account)
		}

		/// Settle a blocked protocol holder's deposit: burned with `slash`, otherwise returned
		/// to the registrant. The block becomes final.
		///
		/// Origin: [`Config::QualifierAdminOrigin`].
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::settle_protocol_holder_block())]
		pub fn settle_protocol_holder_block(
			origin: OriginFor<T>,
			account: T::AccountId,
			slash: bool,
		) -> DispatchResult {
			T::QualifierAdminOrigin::ensure_origin(origin)?;
			Self::do_settle_protocol_holder_block(account, slash)
		}
	}
}
