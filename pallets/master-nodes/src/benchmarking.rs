//! Benchmarks for `pallet_master_nodes`.
//!
//! Every call is measured at its worst case: longest name and URI; for admission a set one
//! short of `MaxMasterNodes`; for removal and departure a full set of `MaxMasterNodes`, since
//! both scan every admitted node's session-key registration (`TooFewKeyedMasterNodes`).
//!
//! The keyed-node floor is met by the genesis master nodes' session keys (the development
//! preset's Alice, the mock's nodes 1 to 3): `ValidatorRegistration` has no way to register
//! keys from here, so the nodes admitted by these benchmarks have none. A registration read
//! costs the same number of reads and the same proof size whether or not keys are found.

use super::*;
use crate::Pallet as MasterNodes;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
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

	impl_benchmark_test_suite!(MasterNodes, crate::mock::new_test_ext(), crate::mock::Test);
}
