//! # Shard credentials
//!
//! Investors are onboarded once. A shard (one parachain per regulatory region, all running
//! `stoa-runtime`) sends the credential records it is home to — investors (kind, home
//! jurisdiction, block), wallet links and blocks, attestations (kind, qualifier, expiry,
//! revocation) and qualifiers' status — over XCM to the shards its governance lists as
//! recipients; a shard whose governance trusts the sender imports them. Nothing personal
//! travels: the home shard stores none.
//!
//! ## Sending
//!
//! The pallet is a [`CredentialsListener`] of `pallet-credentials`: for every
//! [`RecordChange`] it reads the record's current state ([`Config::Home`]) and sends it, with
//! the next sequence number, to each of [`Recipients`] as an unpaid `Transact` of
//! [`Pallet::import`] with the `Xcm` origin kind. A message that cannot be sent raises
//! [`Event::NotSent`]; [`Pallet::push_investor`], [`Pallet::push_wallet`] and
//! [`Pallet::push_qualifier`] send a record's current state again (after a failure, or to a
//! shard that starts trusting this one).
//!
//! ## Receiving
//!
//! [`Pallet::import`] is dispatchable only by a sibling shard's XCM origin
//! ([`Config::ShardOrigin`]) that governance trusts ([`TrustedShards`]). Imported records are
//! stored apart from the shard's own, keyed by their home shard: an imported investor gets an
//! id from [`IMPORTED_INVESTOR_BASE`] up, mapped from `(home shard, home id)`. Each record
//! keeps the sequence number it came with, and a record no newer than the one held is dropped:
//! a revocation or a block is never undone by an older attestation that arrives after it.
//! Every read checks that the home shard is still trusted, in the same trust epoch, so that
//! untrusting a shard stops its records counting at once. An imported investor holds no
//! credential while its own record does not count (not arrived yet, gone at home, or imported
//! under an earlier trust): without a jurisdiction, holder counts could not file it. A wallet
//! whose imported link changes while it holds units here is held (see
//! [`ImportedWallet::pending`]); so is one that this shard links too, when this shard's
//! recovery unlinks it with units still in it (the imported link it had under this shard's
//! would otherwise surface under them). `pallet-credentials` answers for
//! imported investors through [`ImportedCredentials`], so compliance and issuance need no
//! change; changes reach them through [`Config::Listener`], as local changes do.
//!
//! ## Where the code is
//!
//! This file is the pallet's face; `types.rs` holds the message format, `sending.rs` the
//! listener and the pushes, `importing.rs` how records are applied, and `registry.rs` how
//! they are read.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod importing;
#[cfg(test)]
mod mock;
mod registry;
mod sending;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, UnixTime},
	};
	use frame_system::pallet_prelude::*;
	pub use stoa_primitives::shards::IMPORTED_INVESTOR_BASE;
	use stoa_primitives::{
		CredentialKind, CredentialsExport, CredentialsListener, HoldingsInspector, InvestorId,
		QualifierId, RecordChange, ShardId,
	};
	use xcm::latest::{Location, SendError, SendXcm};

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

		/// The runtime's call: [`Pallet::import`] is sent as one (every shard runs the same
		/// runtime, so the pallet sits at the same index everywhere).
		type RuntimeCall: From<Call<Self>> + Encode;

		/// Who says which shards to trust and to send to (governance).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// A sibling shard's XCM origin, as the location it comes from
		/// (`pallet_xcm::EnsureXcm` over [`Pallet`]'s list of trusted shards).
		type ShardOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Location>;

		/// Sends XCM to the other shards (the runtime's XCMP router).
		type XcmSender: SendXcm;

		/// This shard's own parachain id: it neither trusts nor sends to itself.
		type ThisShard: Get<ShardId>;

		/// This shard's own records (`pallet-credentials`).
		type Home: CredentialsExport<Self::AccountId>;

		/// Told when imported records change, as `pallet-credentials` tells it of local ones
		/// (issuance, compliance, corporate actions).
		type Listener: CredentialsListener<Self::AccountId>;

		/// Whether an account holds units of a security (issuance): a wallet whose link
		/// changes while it does is held until they leave.
		type Holdings: HoldingsInspector<Self::AccountId>;

		/// The chain's clock, for whether imported attestations have expired.
		type UnixTime: UnixTime;

		/// The most shards this one trusts, and the most it sends to.
		#[pallet::constant]
		type MaxShards: Get<u32>;

		/// Weights of this pallet's calls and of the listener's sends.
		type WeightInfo: WeightInfo;

		/// Sets up home records and XCMP channels for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// What the benchmarks need of the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// A home investor with a full list of KYC attestations and a full set of wallets.
		fn home_investor() -> InvestorId;
		/// Lets messages to `shards` be sent (opens the XCMP channels).
		fn open_channels(shards: &[ShardId]);
	}

	/// The shards whose records count here, with the trust epoch each was trusted in.
	#[pallet::storage]
	pub type TrustedShards<T: Config> =
		CountedStorageMap<_, Twox64Concat, ShardId, u32, OptionQuery>;

	/// The epoch the next trusted shard gets (epochs are never reused, so that records
	/// imported before a shard was untrusted do not count when it is trusted again).
	#[pallet::storage]
	pub type NextEpoch<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The shards this shard's own records are sent to.
	#[pallet::storage]
	pub type Recipients<T: Config> = StorageValue<_, BoundedVec<ShardId, T::MaxShards>, ValueQuery>;

	/// The sequence number of the last record sent (records are numbered from 1).
	#[pallet::storage]
	pub type LastSeq<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The id this shard gives each imported investor, by home shard and home id.
	#[pallet::storage]
	pub type Aliases<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ShardId,
		Twox64Concat,
		InvestorId,
		InvestorId,
		OptionQuery,
	>;

	/// How many imported investors have an id (the next gets the base plus this).
	#[pallet::storage]
	pub type AliasCount<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Imported investors, by the id this shard gives them.
	#[pallet::storage]
	pub type ImportedInvestors<T: Config> =
		StorageMap<_, Twox64Concat, InvestorId, ImportedInvestor, OptionQuery>;

	/// Imported attestations, by imported investor and kind.
	#[pallet::storage]
	pub type ImportedCredentials<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		InvestorId,
		Blake2_128Concat,
		CredentialKind,
		ImportedAttestations,
		OptionQuery,
	>;

	/// Imported wallets (one home shard per wallet: the first trusted shard that links or
	/// blocks it).
	#[pallet::storage]
	pub type ImportedWallets<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ImportedWallet, OptionQuery>;

	/// Blocks of a wallet by trusted shards whose record of it was refused because another
	/// trusted shard holds the wallet (see [`ImportedWalletBlock`]), by wallet and shard.
	#[pallet::storage]
	pub type ImportedWalletBlocks<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ShardId,
		ImportedWalletBlock,
		OptionQuery,
	>;

	/// The imported wallets linked to each imported investor here.
	#[pallet::storage]
	pub type WalletsOf<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		InvestorId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Imported qualifiers, by home shard and the qualifier's id there.
	#[pallet::storage]
	pub type ImportedQualifiers<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ShardId,
		Twox64Concat,
		QualifierId,
		ImportedQualifier,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance trusts `shard`: its records count here from now on.
		ShardTrusted { shard: ShardId, epoch: u32 },
		/// Governance no longer trusts `shard`: none of its records count any more.
		ShardUntrusted { shard: ShardId },
		/// This shard's records will be sent to `shard`.
		RecipientAdded { shard: ShardId },
		/// This shard's records are no longer sent to `shard`.
		RecipientRemoved { shard: ShardId },
		/// Records with sequence numbers `first_seq..first_seq + count` were sent to `shard`.
		Sent { shard: ShardId, first_seq: u64, count: u32 },
		/// Records could not be sent to `shard`: push them again once the cause is fixed.
		NotSent { shard: ShardId, first_seq: u64, count: u32, error: SendError },
		/// Records from `shard` were imported: `applied` were newer than what was held,
		/// `stale` were not, `refused` broke a rule (each with its own event).
		Imported { shard: ShardId, applied: u32, stale: u32, refused: u32 },
		/// An imported investor got its id here.
		InvestorImported { shard: ShardId, home_id: InvestorId, investor: InvestorId },
		/// `shard` claimed a wallet another trusted shard already holds a record of.
		WalletClaimRefused { shard: ShardId, wallet: T::AccountId, holder: ShardId },
		/// `shard` sent a custom credential kind, which means nothing outside its home.
		CustomKindRefused { shard: ShardId, kind: CredentialKind },
		/// A wallet's home link changed while it held units here: it is held until they
		/// leave, then [`Pallet::apply_wallet_link`] applies the new link.
		WalletHeld { wallet: T::AccountId, investor: Option<InvestorId> },
		/// A held wallet's new link was applied.
		WalletLinkApplied { wallet: T::AccountId, investor: Option<InvestorId> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The origin is not a sibling shard.
		NotAShard,
		/// The shard is not trusted here.
		UntrustedShard,
		/// The shard is already trusted.
		AlreadyTrusted,
		/// The shard is already a recipient.
		AlreadyRecipient,
		/// The shard is not a recipient.
		NotRecipient,
		/// No more shards fit ([`Config::MaxShards`]).
		TooManyShards,
		/// A shard does not trust or send to itself.
		ThisShard,
		/// No investor of this shard has this id.
		UnknownInvestor,
		/// No record is waiting for this wallet.
		NothingPending,
		/// The wallet still holds units here.
		WalletHoldsUnits,
		/// The shard has no recipients to push to.
		NoRecipients,
		/// A record is larger than the message format allows.
		RecordTooLarge,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Trust `shard`: its investors, wallets, attestations, blocks and qualifiers count
		/// here from now on (records it sent before, under an earlier trust, do not until it
		/// sends them again).
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::trust_shard())]
		pub fn trust_shard(origin: OriginFor<T>, shard: ShardId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(shard != T::ThisShard::get(), Error::<T>::ThisShard);
			ensure!(!TrustedShards::<T>::contains_key(shard), Error::<T>::AlreadyTrusted);
			ensure!(TrustedShards::<T>::count() < T::MaxShards::get(), Error::<T>::TooManyShards);
			let epoch = NextEpoch::<T>::get();
			NextEpoch::<T>::put(epoch.saturating_add(1));
			TrustedShards::<T>::insert(shard, epoch);
			Self::deposit_event(Event::ShardTrusted { shard, epoch });
			Ok(())
		}

		/// Stop trusting `shard`: none of its records count from this block on.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::untrust_shard())]
		pub fn untrust_shard(origin: OriginFor<T>, shard: ShardId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			TrustedShards::<T>::take(shard).ok_or(Error::<T>::UntrustedShard)?;
			Self::deposit_event(Event::ShardUntrusted { shard });
			Ok(())
		}

		/// Send this shard's records to `shard` from now on.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_recipient())]
		pub fn add_recipient(origin: OriginFor<T>, shard: ShardId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(shard != T::ThisShard::get(), Error::<T>::ThisShard);
			Recipients::<T>::try_mutate(|shards| -> DispatchResult {
				ensure!(!shards.contains(&shard), Error::<T>::AlreadyRecipient);
				shards.try_push(shard).map_err(|_| Error::<T>::TooManyShards)?;
				Ok(())
			})?;
			Self::deposit_event(Event::RecipientAdded { shard });
			Ok(())
		}

		/// Stop sending this shard's records to `shard`.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_recipient())]
		pub fn remove_recipient(origin: OriginFor<T>, shard: ShardId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Recipients::<T>::try_mutate(|shards| -> DispatchResult {
				let at = shards.iter().position(|s| *s == shard).ok_or(Error::<T>::NotRecipient)?;
				shards.remove(at);
				Ok(())
			})?;
			Self::deposit_event(Event::RecipientRemoved { shard });
			Ok(())
		}

		/// Import records from a trusted shard.
		///
		/// Origin: [`Config::ShardOrigin`], a sibling shard in [`TrustedShards`] (the XCM
		/// barrier admits this call, unpaid, only from them). Each record is applied if it
		/// is newer than the one held; the weight is that of what the message carries.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::import_weight(updates))]
		pub fn import(
			origin: OriginFor<T>,
			updates: VersionedUpdates<T::AccountId>,
		) -> DispatchResultWithPostInfo {
			let location = T::ShardOrigin::ensure_origin(origin)?;
			let shard = Self::shard_of(&location).ok_or(Error::<T>::NotAShard)?;
			let epoch = TrustedShards::<T>::get(shard).ok_or(Error::<T>::UntrustedShard)?;
			Ok(Some(Self::do_import(shard, epoch, updates)).into())
		}

		/// Send an investor of this shard — its record, built-in credentials and wallets —
		/// to every recipient again (after [`Event::NotSent`], or to a shard that has just
		/// started trusting this one). Anyone may, paying the fee.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::push_investor(T::MaxShards::get()))]
		pub fn push_investor(
			origin: OriginFor<T>,
			investor: InvestorId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_push_investor(investor)
		}

		/// Send a wallet's link and block to every recipient again. Anyone may.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::push_record(T::MaxShards::get()))]
		pub fn push_wallet(
			origin: OriginFor<T>,
			wallet: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_push(RecordChange::Wallet(&wallet))
		}

		/// Send a qualifier's status to every recipient again. Anyone may.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::push_record(T::MaxShards::get()))]
		pub fn push_qualifier(
			origin: OriginFor<T>,
			qualifier: QualifierId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_push(RecordChange::Qualifier(qualifier))
		}

		/// Apply the link a held wallet's home shard gave it, once it holds no units here.
		/// Anyone may.
		#[pallet::call_index(8)]
		#[pallet::weight(
			T::WeightInfo::apply_wallet_link()
				.saturating_add(T::Listener::on_wallet_linked_weight())
		)]
		pub fn apply_wallet_link(origin: OriginFor<T>, wallet: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_apply_wallet_link(wallet)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The sibling shard a location is, if it is one.
		pub fn shard_of(location: &Location) -> Option<ShardId> {
			match location.unpack() {
				(1, [xcm::latest::Junction::Parachain(id)]) => Some(*id),
				_ => None,
			}
		}

		/// Whether `location` is a sibling shard trusted here (for the runtime's XCM barrier
		/// and origin check).
		pub fn is_trusted(location: &Location) -> bool {
			Self::shard_of(location).is_some_and(TrustedShards::<T>::contains_key)
		}
	}

	/// Trusted shards' locations, for `EnsureXcm` and the XCM barrier.
	pub struct TrustedShardLocations<T>(core::marker::PhantomData<T>);
	impl<T: Config> Contains<Location> for TrustedShardLocations<T> {
		fn contains(location: &Location) -> bool {
			Pallet::<T>::is_trusted(location)
		}
	}
}
