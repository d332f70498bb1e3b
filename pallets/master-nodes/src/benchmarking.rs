//! Benchmarks for `pallet_master_nodes`.
//!
//! Every call is measured at its worst case: longest name and URI; for admission a set one
//! short of `MaxMasterNodes`; for removal and departure a full set of `MaxMasterNodes`, since
//! both scan every admitted node's session-key registration (`TooFewKeyedMasterNodes`).
//!
//! The keyed-node floor is met by the genesis master nodes' session keys (the development
//! preset's Alice, the mock's nodes 1 to 3): the nodes admitted by the call benchmarks have
//! none. A registration read costs the same number of reads and the same proof size whether
//! or not keys are found.
//!
//! `rotate_session` measures this pallet's `on_initialize` at a session boundary: a real
//! rotation by `pallet-session`, with the runtime's session handlers (Aura and GRANDPA in
//! Stoa's runtime), at its worst case for `n` master nodes: all `n` admitted with session keys
//! (written into `pallet-session`'s storage as `session.set_keys` would), the set queued at
//! the last boundary holding all `n` and marked changed, so that the handlers change
//! authorities.

use super::*;
use crate::Pallet as MasterNodes;
use alloc::vec;
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get, Hooks, ValidatorRegistration};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Saturating, TrailingZeroInput};
use stoa_primitives::Jurisdiction;

fn jurisdiction() -> Jurisdiction {
	Jurisdiction::new(*b"CH").expect("CH is assigned")
}

/// Admits `count` master nodes (seeded accounts) directly, like governance would.
fn admit<T: Config>(count: u32) -> alloc::vec::Vec<T::AccountId> {
	(0..count)
		.map(|i| {
			let operator: T::AccountId = account("master-node", i, 0);
			if !pallet::MasterNodes::<T>::contains_key(&operator) {
				let record = MasterNodes::<T>::new_record(
					vec![b'n'; T::MaxNameLength::get() as usize],
					jurisdiction(),
					vec![b'u'; T::MaxLicenceUriLength::get() as usize],
					T::Hash::default(),
				)
				.expect("benchmark record is valid");
				pallet::MasterNodes::<T>::insert(&operator, record);
			}
			operator
		})
		.collect()
}

/// Admits master nodes until there are `target` of them (whatever genesis held).
fn fill_to<T: Config>(target: u32) -> alloc::vec::Vec<T::AccountId> {
	let existing = pallet::MasterNodes::<T>::count();
	admit::<T>(target.saturating_sub(existing).max(1))
}

/// A full register (`MaxMasterNodes`) and one of its benchmark-admitted nodes, whose removal
/// scans every registration and passes both floors.
fn full_register_and_leaver<T: Config>() -> Result<T::AccountId, BenchmarkError> {
	let operators = fill_to::<T>(T::MaxMasterNodes::get());
	let operator = operators[0].clone();
	if MasterNodes::<T>::keyed_master_nodes_besides(&operator) < MasterNodes::<T>::keyed_floor() {
		return Err(BenchmarkError::Stop(
			"genesis must hold at least MinMasterNodes master nodes with session keys",
		));
	}
	Ok(operator)
}

/// Session keys for `operator`, different for every operator: each key's bytes are the
/// operator's encoding, repeated (Stoa's runtime: the account for Aura and GRANDPA alike; the
/// mock: `UintAuthorityId(operator)`).
fn session_keys<T: Config>(
	operator: &T::AccountId,
) -> Result<<T as pallet_session::Config>::Keys, BenchmarkError> {
	let seed: alloc::vec::Vec<u8> = operator.encode().into_iter().cycle().take(1024).collect();
	Decode::decode(&mut TrailingZeroInput::new(&seed))
		.map_err(|_| BenchmarkError::Stop("session keys do not decode from an account"))
}

/// `count` admitted master nodes (genesis ones included, so at least as many as genesis
/// holds), every one with session keys, and all of them queued by the last boundary as the
/// next set, changed: the state before the worst-case rotation.
fn keyed_register_queued<T: Config>(count: u32) -> Result<u32, BenchmarkError> {
	admit::<T>(count.saturating_sub(pallet::MasterNodes::<T>::count()));
	let mut queued = alloc::vec::Vec::new();
	for operator in pallet::MasterNodes::<T>::iter_keys() {
		let keys = match pallet_session::NextKeys::<T>::get(&operator) {
			Some(keys) => keys,
			None => {
				let keys = session_keys::<T>(&operator)?;
				pallet_session::NextKeys::<T>::insert(&operator, &keys);
				keys
			},
		};
		if !T::ValidatorRegistration::is_registered(&operator) {
			return Err(BenchmarkError::Stop("ValidatorRegistration must be pallet-session"));
		}
		queued.push((operator, keys));
	}
	queued.sort_by(|a, b| a.0.cmp(&b.0));
	let keyed = queued.len() as u32;
	pallet_session::QueuedKeys::<T>::put(queued);
	pallet_session::QueuedChanged::<T>::put(true);
	Ok(keyed)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_master_node() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill_to::<T>(T::MaxMasterNodes::get() - 1);
		let operator: T::AccountId = account("candidate", 0, 0);
		let name = vec![b'n'; T::MaxNameLength::get() as usize];
		let uri = vec![b'u'; T::MaxLicenceUriLength::get() as usize];

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			operator.clone(),
			name,
			jurisdiction(),
			uri,
			T::Hash::default(),
		);

		assert!(pallet::MasterNodes::<T>::contains_key(&operator));
		Ok(())
	}

	#[benchmark]
	fn remove_master_node() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let operator = full_register_and_leaver::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, operator.clone());

		assert!(!pallet::MasterNodes::<T>::contains_key(&operator));
		Ok(())
	}

	#[benchmark]
	fn announce_departure() -> Result<(), BenchmarkError> {
		let operator = full_register_and_leaver::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));

		assert!(!pallet::MasterNodes::<T>::contains_key(&operator));
		Ok(())
	}

	#[benchmark]
	fn update_licence() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let operator = admit::<T>(1)[0].clone();
		let uri = vec![b'v'; T::MaxLicenceUriLength::get() as usize];

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, operator.clone(), uri.clone(), T::Hash::default());

		assert_eq!(pallet::MasterNodes::<T>::get(&operator).unwrap().licence.uri.to_vec(), uri);
		Ok(())
	}

	/// `on_initialize` at a session boundary, with `n` keyed master nodes.
	#[benchmark]
	fn rotate_session(n: Linear<1, { T::MaxMasterNodes::get() }>) -> Result<(), BenchmarkError> {
		let keyed = keyed_register_queued::<T>(n)?;
		let boundary: BlockNumberFor<T> =
			T::SessionOffset::get().saturating_add(T::SessionPeriod::get());
		frame_system::Pallet::<T>::set_block_number(boundary);
		let index = pallet_session::CurrentIndex::<T>::get();

		#[block]
		{
			<MasterNodes<T> as Hooks<BlockNumberFor<T>>>::on_initialize(boundary);
		}

		assert_eq!(pallet_session::CurrentIndex::<T>::get(), index + 1);
		assert_eq!(pallet_session::Validators::<T>::get().len() as u32, keyed);
		assert_eq!(PlannedAuthorities::<T>::get().len() as u32, keyed);
		Ok(())
	}

	impl_benchmark_test_suite!(MasterNodes, crate::mock::new_test_ext(), crate::mock::Test);
}
