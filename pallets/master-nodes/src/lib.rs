//! # Master nodes
//!
//! Stoa's permissioned authority set. A master node is a regulated entity (an operator
//! account with a display name, a licensing jurisdiction and a licence) that governance has
//! admitted to author blocks (Aura) and vote on finality (GRANDPA).
//!
//! ## How the set changes
//!
//! - [`Config::AdminOrigin`] (root for now) admits master nodes with
//!   [`Pallet::admit_master_node`] and removes them with [`Pallet::remove_master_node`]; an
//!   operator leaves on its own with [`Pallet::announce_departure`].
//! - Nothing changes mid-session. This pallet is `pallet-session`'s
//!   [`SessionManager`](pallet_session::SessionManager): at each session boundary it plans the
//!   next set from the admitted master nodes that have registered session keys
//!   (`session.set_keys`). As with every session-based chain, a set planned at the end of
//!   session `n` is active from session `n + 2`.
//! - An admitted master node without session keys is left out of the set and listed in
//!   [`AwaitingKeys`] (and in the [`Event::AuthoritySetPlanned`] event) until it sets them.
//! - [`Config::MinMasterNodes`] refuses a removal or departure below the floor, counted
//!   twice: admitted master nodes ([`Error::BelowMinimum`]) and admitted master nodes *with
//!   session keys* ([`Error::TooFewKeyedMasterNodes`]; never fewer than one, whatever the
//!   floor). [`Config::MaxMasterNodes`] bounds the set, and so every iteration in this pallet.
//!
//! ## When a removed node stops authoring
//!
//! A node removed (or departed) during session `n` is left out of the set planned at the end
//! of session `n` and stops authoring when session `n + 2` starts, provided that at that
//! boundary at least one admitted master node has session keys. If none has, this pallet
//! keeps the current set ([`Event::AuthoritySetKept`]) rather than halt the chain, and a
//! removed node that still has keys would keep authoring. So removal and departure are
//! refused unless at least `MinMasterNodes` (and at least one) *other* admitted nodes have
//! session keys: a removal is then always followed by a set that leaves the node out. The one
//! thing that can still undo it is the remaining operators purging their own keys
//! (`session.purge_keys`, which this pallet cannot refuse) before the boundary; the set is
//! then kept until an admitted node sets keys again, or until the removed operator purges its
//! keys (`pallet-session` drops authorities without keys).
//!
//! ## Who rotates sessions
//!
//! This pallet does, in its `on_initialize`: at every block where [`SessionSchedule`] (a
//! `pallet_session::PeriodicSessions` of [`Config::SessionPeriod`] and
//! [`Config::SessionOffset`]) says a session ends, it calls
//! `pallet_session::Pallet::rotate_session` and books the benchmarked weight of the rotation
//! ([`WeightInfo::rotate_session`]). `pallet-session` itself is configured with
//! [`RotatedByMasterNodes`] as its `ShouldEndSession`, so that it never rotates on its own:
//! its `on_initialize` books the whole block (`max_block`) whenever it rotates, which left
//! every session-boundary block without room for a single transaction. Its
//! `NextSessionRotation` is [`SessionSchedule`], so that the estimate and the rotations follow
//! the same period and offset.
//!
//! For the rotation to happen at the same point of the block as when `pallet-session` did it,
//! this pallet's hooks must run right before `pallet-session`'s, as in the runtime, where
//! `MasterNodes` is declared immediately before `Session` (and both before `Aura` and
//! `Grandpa`, whose `on_initialize`/`on_finalize` then see the new session, as before).
//!
//! Other pallets read the registry through [`stoa_primitives::MasterNodeRegistry`].

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

const LOG_TARGET: &str = "runtime::master-nodes";

/// When sessions end: at block `SessionOffset + k * SessionPeriod`, for every `k >= 0`. This
/// pallet rotates sessions on this schedule; give it to `pallet-session` as its
/// `NextSessionRotation` so that its estimates agree.
pub type SessionSchedule<T> =
	pallet_session::PeriodicSessions<<T as Config>::SessionPeriod, <T as Config>::SessionOffset>;

/// `pallet-session`'s `ShouldEndSession` when this pallet rotates sessions: never. With it,
/// `pallet-session`'s `on_initialize` does nothing and books nothing.
pub struct RotatedByMasterNodes;
impl<BlockNumber> pallet_session::ShouldEndSession<BlockNumber> for RotatedByMasterNodes {
	fn should_end_session(_: BlockNumber) -> bool {
		false
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
	use frame_system::pallet_prelude::*;
	use pallet_session::ShouldEndSession;
	use sp_runtime::traits::{Saturating, Zero};
	use sp_staking::SessionIndex;
	use stoa_primitives::Jurisdiction;

	/// A master node record, as this runtime stores it.
	pub type MasterNodeOf<T> = MasterNode<
		<T as frame_system::Config>::Hash,
		BlockNumberFor<T>,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxLicenceUriLength,
	>;

	/// The operators of a set of master nodes, at most [`Config::MaxMasterNodes`] of them.
	pub type OperatorsOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxMasterNodes>;

	/// The layout of this pallet's storage, stored on chain from genesis. Bump it with each
	/// migration of the pallet's storage (a `VersionedMigration` in the runtime's
	/// `Migrations`), so that a migration runs once and only on the layout it expects.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet rotates `pallet-session`'s sessions and is its session manager, so it needs
	/// its configuration; validators are identified by their operator account.
	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
	{
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who admits, removes and updates master nodes (governance; root for now).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Tells whether an operator has registered session keys (`pallet-session`).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// No removal or departure may take the number of master nodes below this floor,
		/// nor the number of master nodes with session keys (which is never allowed to reach
		/// zero, even with a floor of 0). Should be at least 1.
		#[pallet::constant]
		type MinMasterNodes: Get<u32>;

		/// The most master nodes there can be.
		#[pallet::constant]
		type MaxMasterNodes: Get<u32>;

		/// The longest display name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The longest licence URI, in bytes.
		#[pallet::constant]
		type MaxLicenceUriLength: Get<u32>;

		/// Session length in blocks (see [`SessionSchedule`]). Must not be zero.
		type SessionPeriod: Get<BlockNumberFor<Self>>;

		/// The block the first session ends at (see [`SessionSchedule`]).
		type SessionOffset: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and of a session rotation, generated by
		/// `stoa-node benchmark pallet`.
		type WeightInfo: WeightInfo;
	}

	/// The admitted master nodes, by operator account.
	#[pallet::storage]
	pub type MasterNodes<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, MasterNodeOf<T>, OptionQuery>;

	/// The authority set this pallet last handed to `pallet-session`, sorted.
	#[pallet::storage]
	pub type PlannedAuthorities<T: Config> = StorageValue<_, OperatorsOf<T>, ValueQuery>;

	/// Admitted master nodes left out of the last planned set because they have not
	/// registered session keys. Cleared for a node once it sets keys and a session turns.
	#[pallet::storage]
	pub type AwaitingKeys<T: Config> = StorageValue<_, OperatorsOf<T>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The master nodes at genesis. Their session keys go in `pallet-session`'s genesis.
		pub master_nodes: Vec<GenesisMasterNode<T::AccountId, T::Hash>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain spec that breaks these rules cannot start: fail loudly at genesis.
			assert!(
				self.master_nodes.len() as u32 <= T::MaxMasterNodes::get(),
				"more genesis master nodes than MaxMasterNodes"
			);
			for node in &self.master_nodes {
				assert!(
					!MasterNodes::<T>::contains_key(&node.operator),
					"duplicate genesis master node"
				);
				let record = Pallet::<T>::new_record(
					node.name.as_bytes().to_vec(),
					node.jurisdiction,
					node.licence_uri.as_bytes().to_vec(),
					node.licence_hash,
				)
				.expect("genesis master node has a valid name, jurisdiction and licence");
				MasterNodes::<T>::insert(&node.operator, record);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A regulated entity was admitted as a master node. It joins the authority set at
		/// a session boundary once it has set its session keys.
		MasterNodeAdmitted { operator: T::AccountId, jurisdiction: Jurisdiction },
		/// Governance removed a master node. It is left out of the set planned at the next
		/// session boundary, and stops authoring at the boundary after.
		MasterNodeRemoved { operator: T::AccountId },
		/// A master node's operator announced its departure. It is left out of the set
		/// planned at the next session boundary, and stops authoring at the boundary after.
		MasterNodeDeparted { operator: T::AccountId },
		/// A master node's licence was replaced (renewal, new document).
		LicenceUpdated { operator: T::AccountId, licence_hash: T::Hash },
		/// The authority set for a coming session was planned. `awaiting_keys` are admitted
		/// master nodes left out because they have no session keys.
		AuthoritySetPlanned {
			session: SessionIndex,
			authorities: Vec<T::AccountId>,
			awaiting_keys: Vec<T::AccountId>,
		},
		/// No admitted master node has session keys: the current authority set is kept
		/// rather than leaving the chain without authors. Removed nodes in it that still have
		/// keys keep authoring until an admitted node sets keys (or they purge theirs).
		AuthoritySetKept { session: SessionIndex },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already an admitted master node.
		AlreadyMasterNode,
		/// The account is not an admitted master node.
		NotMasterNode,
		/// The change would leave fewer master nodes than `MinMasterNodes`.
		BelowMinimum,
		/// There are already `MaxMasterNodes` master nodes.
		TooManyMasterNodes,
		/// The jurisdiction is not an assigned ISO 3166-1 alpha-2 code.
		InvalidJurisdiction,
		/// The display name is empty.
		EmptyName,
		/// The display name is longer than `MaxNameLength`.
		NameTooLong,
		/// The licence URI is empty.
		EmptyLicenceUri,
		/// The licence URI is longer than `MaxLicenceUriLength`.
		LicenceUriTooLong,
		/// The change would leave fewer than `MinMasterNodes` (or no) admitted master nodes
		/// with session keys: the next authority set could not leave this node out, and it
		/// would keep authoring. Another master node must set its keys first.
		TooFewKeyedMasterNodes,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Rotates the session at the blocks [`SessionSchedule`] names, booking the
		/// rotation's benchmarked weight (not the whole block, as `pallet-session` would).
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			if SessionSchedule::<T>::should_end_session(n) {
				Self::rotate_session()
			} else {
				// The schedule's period (a storage parameter in Stoa's runtime).
				T::DbWeight::get().reads(1)
			}
		}

		fn integrity_test() {
			assert!(T::MinMasterNodes::get() >= 1, "MinMasterNodes must be at least 1");
			assert!(
				T::MinMasterNodes::get() <= T::MaxMasterNodes::get(),
				"MinMasterNodes must not exceed MaxMasterNodes"
			);
			assert!(!T::SessionPeriod::get().is_zero(), "SessionPeriod must not be zero");
			// pallet-session must leave rotation to this pallet: otherwise sessions would
			// rotate twice at a boundary, and the boundary block would be booked full.
			let boundary = T::SessionOffset::get().saturating_add(T::SessionPeriod::get());
			assert!(
				!<T as pallet_session::Config>::ShouldEndSession::should_end_session(boundary),
				"pallet-session's ShouldEndSession must be RotatedByMasterNodes"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit `operator` as a master node.
		///
		/// Origin: [`Config::AdminOrigin`]. `name` is the regulated entity's display name,
		/// `jurisdiction` the ISO 3166-1 alpha-2 code of its licensing jurisdiction,
		/// `licence_uri` and `licence_hash` where its licence is published and the hash of
		/// that document. The node authors blocks from the session after the one in which it
		/// has both been admitted and set its session keys.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::admit_master_node())]
		pub fn admit_master_node(
			origin: OriginFor<T>,
			operator: T::AccountId,
			name: Vec<u8>,
			jurisdiction: Jurisdiction,
			licence_uri: Vec<u8>,
			licence_hash: T::Hash,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!MasterNodes::<T>::contains_key(&operator), Error::<T>::AlreadyMasterNode);
			ensure!(
				MasterNodes::<T>::count() < T::MaxMasterNodes::get(),
				Error::<T>::TooManyMasterNodes
			);
			let record = Self::new_record(name, jurisdiction, licence_uri, licence_hash)?;
			MasterNodes::<T>::insert(&operator, record);
			Self::deposit_event(Event::MasterNodeAdmitted { operator, jurisdiction });
			Ok(())
		}

		/// Remove the master node `operator` (licence withdrawn, misconduct).
		///
		/// Origin: [`Config::AdminOrigin`]. Refused if it would leave fewer than
		/// [`Config::MinMasterNodes`] master nodes ([`Error::BelowMinimum`]) or fewer than
		/// `MinMasterNodes` (and at least one) other master nodes with session keys
		/// ([`Error::TooFewKeyedMasterNodes`]). The node is left out of the set planned at the
		/// next session boundary and stops authoring at the one after; its session keys stay
		/// registered until it purges them.
		///
		/// Reads every admitted master node's registration (at most `MaxMasterNodes`).
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_master_node().saturating_add(Pallet::<T>::register_scan_weight()))]
		pub fn remove_master_node(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove(&operator)?;
			Self::deposit_event(Event::MasterNodeRemoved { operator });
			Ok(())
		}

		/// Leave the master-node set (signed by the master node's operator).
		///
		/// Refused, like [`Pallet::remove_master_node`], if it would leave fewer than
		/// [`Config::MinMasterNodes`] master nodes, or fewer than `MinMasterNodes` (and at
		/// least one) other master nodes with session keys. The node keeps authoring until
		/// the next session boundary but one, so operators should keep it running until then.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::announce_departure().saturating_add(Pallet::<T>::register_scan_weight()))]
		pub fn announce_departure(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_remove(&operator)?;
			Self::deposit_event(Event::MasterNodeDeparted { operator });
			Ok(())
		}

		/// Replace a master node's licence (renewal, amended document).
		///
		/// Origin: [`Config::AdminOrigin`].
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::update_licence())]
		pub fn update_licence(
			origin: OriginFor<T>,
			operator: T::AccountId,
			licence_uri: Vec<u8>,
			licence_hash: T::Hash,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let licence = Self::new_licence(licence_uri, licence_hash)?;
			MasterNodes::<T>::try_mutate(&operator, |node| -> DispatchResult {
				let node = node.as_mut().ok_or(Error::<T>::NotMasterNode)?;
				node.licence = licence;
				Ok(())
			})?;
			Self::deposit_event(Event::LicenceUpdated { operator, licence_hash });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Every admitted master node, for the runtime API (at most `MaxMasterNodes`).
		pub fn master_nodes_info(
		) -> Vec<stoa_primitives::master_nodes::MasterNodeInfo<T::AccountId>> {
			use sp_runtime::traits::UniqueSaturatedInto;
			let planned = PlannedAuthorities::<T>::get();
			let awaiting = AwaitingKeys::<T>::get();
			MasterNodes::<T>::iter()
				.map(|(operator, node)| stoa_primitives::master_nodes::MasterNodeInfo {
					authoring: planned.contains(&operator),
					awaiting_keys: awaiting.contains(&operator),
					name: node.name.into_inner(),
					jurisdiction: node.jurisdiction,
					licence_uri: node.licence.uri.into_inner(),
					admitted_at: node.admitted_at.unique_saturated_into(),
					operator,
				})
				.collect()
		}

		/// A validated master-node record admitted now.
		pub(crate) fn new_record(
			name: Vec<u8>,
			jurisdiction: Jurisdiction,
			licence_uri: Vec<u8>,
			licence_hash: T::Hash,
		) -> Result<MasterNodeOf<T>, Error<T>> {
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			let name: BoundedVec<u8, T::MaxNameLength> =
				name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			ensure!(jurisdiction.is_valid(), Error::<T>::InvalidJurisdiction);
			let licence = Self::new_licence(licence_uri, licence_hash)?;
			Ok(MasterNode {
				name,
				jurisdiction,
				licence,
				admitted_at: frame_system::Pallet::<T>::block_number(),
			})
		}

		fn new_licence(
			uri: Vec<u8>,
			hash: T::Hash,
		) -> Result<Licence<T::Hash, T::MaxLicenceUriLength>, Error<T>> {
			ensure!(!uri.is_empty(), Error::<T>::EmptyLicenceUri);
			let uri = uri.try_into().map_err(|_| Error::<T>::LicenceUriTooLong)?;
			Ok(Licence { uri, hash })
		}

		/// Removes a master node, keeping both floors: admitted nodes, and admitted nodes
		/// with session keys besides `operator` (so that the next planned set is not empty,
		/// is not replaced by the current one, and leaves `operator` out).
		///
		/// Iterates over at most `MaxMasterNodes` records (the admission cap), reading each
		/// one's registration; every check happens before any write.
		fn do_remove(operator: &T::AccountId) -> DispatchResult {
			ensure!(MasterNodes::<T>::contains_key(operator), Error::<T>::NotMasterNode);
			ensure!(MasterNodes::<T>::count() > T::MinMasterNodes::get(), Error::<T>::BelowMinimum);
			ensure!(
				Self::keyed_master_nodes_besides(operator) >= Self::keyed_floor(),
				Error::<T>::TooFewKeyedMasterNodes
			);
			MasterNodes::<T>::remove(operator);
			Ok(())
		}

		/// The scan of the register a removal makes (a record and a key registration per
		/// admitted node), which the weights in `weights.rs` were generated without: declared
		/// here until `stoa-node benchmark pallet` is run on the full-register benchmarks.
		pub fn register_scan_weight() -> Weight {
			T::DbWeight::get().reads(2 * u64::from(T::MaxMasterNodes::get()))
		}

		/// Ends the current session and starts the next one
		/// (`pallet_session::Pallet::rotate_session`, which asks this pallet for the set after
		/// next and hands the new set to the session handlers, Aura and GRANDPA). Returns the
		/// rotation's weight, [`WeightInfo::rotate_session`] at `rotation_size`.
		pub(crate) fn rotate_session() -> Weight {
			let size = Self::rotation_size();
			pallet_session::Pallet::<T>::rotate_session();
			<T as Config>::WeightInfo::rotate_session(size)
		}

		/// The `n` a rotation is weighed at: the larger of the register (planning the next set
		/// reads every admitted node's keys) and the set queued at the last boundary (which
		/// becomes the current set, handed to the session handlers; it may still hold nodes
		/// removed since). Both are at most `MaxMasterNodes`.
		pub(crate) fn rotation_size() -> u32 {
			let queued = pallet_session::QueuedKeys::<T>::decode_len().unwrap_or(0);
			MasterNodes::<T>::count().max(queued.try_into().unwrap_or(u32::MAX))
		}

		/// How many master nodes with session keys a removal must leave: `MinMasterNodes`,
		/// and never zero (a chain whose admitted nodes have no keys keeps its current set,
		/// removed nodes included).
		pub(crate) fn keyed_floor() -> u32 {
			T::MinMasterNodes::get().max(1)
		}

		/// The admitted master nodes other than `operator` that have registered session keys.
		///
		/// Scans the whole register (at most `MaxMasterNodes` keys, one registration read
		/// each), so that the call's cost does not depend on storage order.
		pub(crate) fn keyed_master_nodes_besides(operator: &T::AccountId) -> u32 {
			MasterNodes::<T>::iter_keys()
				.take(T::MaxMasterNodes::get() as usize)
				.filter(|other| other != operator && T::ValidatorRegistration::is_registered(other))
				.count() as u32
		}

		/// Plans the authority set for session `session`: every admitted master node with
		/// registered session keys, sorted. `None` keeps the current set when no admitted
		/// master node has keys: an empty set would halt block production and finality, so
		/// liveness wins, and the kept set may still hold removed nodes that have keys. The
		/// removal floor ([`Error::TooFewKeyedMasterNodes`]) keeps this case to one the
		/// remaining operators cause themselves by purging their keys.
		///
		/// Iterates over at most `MaxMasterNodes` records.
		pub(crate) fn plan_authorities(session: SessionIndex) -> Option<Vec<T::AccountId>> {
			let (mut authorities, mut awaiting): (Vec<_>, Vec<_>) = MasterNodes::<T>::iter_keys()
				.partition(|operator| T::ValidatorRegistration::is_registered(operator));
			authorities.sort();
			awaiting.sort();

			// Both lists hold at most MaxMasterNodes entries (the admission cap); truncation
			// would only hide entries, never corrupt state.
			AwaitingKeys::<T>::put(BoundedVec::truncate_from(awaiting.clone()));

			if authorities.is_empty() {
				log::warn!(
					target: LOG_TARGET,
					"no master node has session keys; keeping the current authority set for session {session}",
				);
				Self::deposit_event(Event::AuthoritySetKept { session });
				return None;
			}

			PlannedAuthorities::<T>::put(BoundedVec::truncate_from(authorities.clone()));
			Self::deposit_event(Event::AuthoritySetPlanned {
				session,
				authorities: authorities.clone(),
				awaiting_keys: awaiting,
			});
			Some(authorities)
		}
	}

	impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
		fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			Self::plan_authorities(new_index)
		}
		fn new_session_genesis(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			Self::plan_authorities(new_index)
		}
		fn end_session(_: SessionIndex) {}
		fn start_session(_: SessionIndex) {}
	}

	impl<T: Config> stoa_primitives::MasterNodeRegistry<T::AccountId> for Pallet<T> {
		fn is_master_node(operator: &T::AccountId) -> bool {
			MasterNodes::<T>::contains_key(operator)
		}
		fn jurisdiction_of(operator: &T::AccountId) -> Option<Jurisdiction> {
			MasterNodes::<T>::get(operator).map(|node| node.jurisdiction)
		}
		fn count() -> u32 {
			MasterNodes::<T>::count()
		}
	}
}
