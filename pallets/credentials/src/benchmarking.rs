//! Benchmarks for `pallet_credentials`.
//!
//! Every call is measured at its worst case: longest names, fullest jurisdiction and kind
//! lists (custom kinds, which cost a read each), full attestation lists that must be scanned,
//! and the signed-qualifier path where a call also accepts governance.

use super::*;
use crate::Pallet as Credentials;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Zero, Saturating};
use stoa_primitives::{
	BlockReason, CredentialKind, InvestorId, InvestorKind, Jurisdiction, QualifierId,
};

fn max_name<T: Config>() -> Vec<u8> {
	vec![b'n'; T::MaxNameLength::get() as usize]
}

/// The first `MaxJurisdictionsPerQualifier` jurisdictions.
fn jurisdictions<T: Config>() -> Vec<Jurisdiction> {
	Jurisdiction::all().take(T::MaxJurisdictionsPerQualifier::get() as usize).collect()
}

/// The home jurisdiction of benchmark investors (covered by every benchmark qualifier).
fn home() -> Jurisdiction {
	Jurisdiction::all().next().expect("there are jurisdictions")
}

/// The built-in kinds, as many as a qualifier may hold.
fn builtin_kinds<T: Config>() -> Vec<CredentialKind> {
	use CredentialKind::*;
	let mut kinds = vec![Residence, Kyc, AmlScreening, AccreditedInvestor, ProfessionalInvestor];
	kinds.truncate(T::MaxKindsPerQualifier::get() as usize);
	kinds
}

/// Registers custom kinds so that a qualifier's full kind list is all custom kinds (a read
/// each when validated), and returns that list.
fn custom_kinds<T: Config>() -> Vec<CredentialKind> {
	let wanted = T::MaxKindsPerQualifier::get().min(T::MaxCustomKinds::get());
	while NextCustomKind::<T>::get() < wanted {
		Credentials::<T>::do_register_kind(max_name::<T>()).expect("room for custom kinds");
	}
	(0..wanted).map(CredentialKind::Custom).collect()
}

/// A registered, active qualifier trusted for the built-in kinds.
fn qualifier<T: Config>(seed: u32) -> (QualifierId, T::AccountId) {
	let who: T::AccountId = account("qualifier", seed, 0);
	let id = Credentials::<T>::do_register_qualifier(
		who.clone(),
		max_name::<T>(),
		jurisdictions::<T>(),
		builtin_kinds::<T>(),
	)
	.expect("benchmark qualifier is valid");
	(id, who)
}

/// An investor of `qualifier`, with `wallets` linked wallets.
fn investor<T: Config>(qualifier: QualifierId, wallets: u32) -> (InvestorId, Vec<T::AccountId>) {
	let id = Credentials::<T>::do_create_investor(qualifier, InvestorKind::Individual, home())
		.expect("ids left");
	let wallets = (0..wallets)
		.map(|i| {
			let wallet: T::AccountId = account("wallet", id as u32, i);
			Credentials::<T>::do_link(id, &wallet).expect("room for the wallet");
			wallet
		})
		.collect();
	(id, wallets)
}

fn admin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::QualifierAdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Fills the investor's `kind` list with attestations from other qualifiers, all counting
/// except the last one (its qualifier is suspended): attesting from yet another qualifier
/// must scan the whole list, reading every qualifier, before evicting the last.
fn fill_attestations<T: Config>(investor: InvestorId, kind: CredentialKind, first_seed: u32) {
	let max = T::MaxAttestationsPerKind::get();
	for i in 0..max {
		let (q, _) = qualifier::<T>(first_seed + i);
		Credentials_::<T>::mutate(investor, kind, |list| {
			list.try_push(Attestation {
				qualifier: q,
				issued_at: 0,
				expires_at: None,
				evidence: T::Hash::default(),
				revoked_at: None,
			})
			.expect("below MaxAttestationsPerKind");
		});
		if i + 1 == max {
			Qualifiers::<T>::mutate(q, |r| {
				r.as_mut().expect("just registered").status = QualifierStatus::Suspended
			});
		}
	}
}

use crate::pallet::Credentials as Credentials_;

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::ProtocolHolderDeposit::get()
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	who
}

/// A blocked protocol holder, registered by a funded registrant.
fn blocked_protocol_holder<T: Config>() -> Result<T::AccountId, BenchmarkError> {
	let guardian =
		T::GuardianOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let registrant = funded::<T>("registrant");
	let protocol: T::AccountId = account("protocol", 0, 0);
	Credentials::<T>::register_protocol_holder(
		RawOrigin::Signed(registrant).into(),
		protocol.clone(),
		max_name::<T>(),
	)?;
	Credentials::<T>::block_protocol_holder(
		guardian,
		protocol.clone(),
		BlockReason::ProtocolMisbehaviour,
	)?;
	Ok(protocol)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_qualifier() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let kinds = custom_kinds::<T>();
		let who: T::AccountId = account("new-qualifier", 0, 0);
		let id = NextQualifierId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), max_name::<T>(), jurisdictions::<T>(), kinds);
		assert_eq!(QualifierOfAccount::<T>::get(&who), Some(id));
		Ok(())
	}

	#[benchmark]
	fn update_qualifier() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let (id, _) = qualifier::<T>(0);
		let kinds = custom_kinds::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, jurisdictions::<T>(), kinds.clone());
		assert_eq!(Qualifiers::<T>::get(id).unwrap().kinds.to_vec(), kinds);
		Ok(())
	}

	#[benchmark]
	fn set_qualifier_account() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let (id, _) = qualifier::<T>(0);
		let new: T::AccountId = account("rotated", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, new.clone());
		assert_eq!(QualifierOfAccount::<T>::get(&new), Some(id));
		Ok(())
	}

	#[benchmark]
	fn suspend_qualifier() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let (id, _) = qualifier::<T>(0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Qualifiers::<T>::get(id).unwrap().status, QualifierStatus::Suspended);
		Ok(())
	}

	#[benchmark]
	fn resume_qualifier() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let (id, _) = qualifier::<T>(0);
		Qualifiers::<T>::mutate(id, |q| q.as_mut().unwrap().status = QualifierStatus::Suspended);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Qualifiers::<T>::get(id).unwrap().status, QualifierStatus::Active);
		Ok(())
	}

	#[benchmark]
	fn remove_qualifier() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let (id, _) = qualifier::<T>(0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(Qualifiers::<T>::get(id).is_none());
		Ok(())
	}

	#[benchmark]
	fn register_credential_kind() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let n = NextCustomKind::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, max_name::<T>());
		assert!(CustomKinds::<T>::contains_key(n));
		Ok(())
	}

	#[benchmark]
	fn create_investor() {
		let (q, who) = qualifier::<T>(0);
		let id = NextInvestorId::<T>::get();
		// The last covered jurisdiction: the coverage check scans the whole list.
		let last = *jurisdictions::<T>().last().unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), InvestorKind::LegalEntity, last);
		assert_eq!(Investors::<T>::get(id).unwrap().qualifier, q);
	}

	#[benchmark]
	fn set_investor_jurisdiction() {
		let (q, who) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, 0);
		let last = *jurisdictions::<T>().last().unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), investor, last);
		assert_eq!(Investors::<T>::get(investor).unwrap().jurisdiction, last);
	}

	#[benchmark]
	fn reassign_investor() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let (q, _) = qualifier::<T>(0);
		let (other, _) = qualifier::<T>(1);
		let (investor, _) = investor::<T>(q, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, investor, other);
		assert_eq!(Investors::<T>::get(investor).unwrap().qualifier, other);
		Ok(())
	}

	#[benchmark]
	fn request_wallet_link() {
		let (q, who) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, T::MaxWalletsPerInvestor::get() - 1);
		let wallet: T::AccountId = account("invited", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), investor, wallet.clone());
		assert!(LinkRequests::<T>::contains_key(&wallet));
	}

	#[benchmark]
	fn accept_wallet_link() {
		let (q, _) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, T::MaxWalletsPerInvestor::get() - 1);
		let wallet: T::AccountId = account("invited", 0, 0);
		LinkRequests::<T>::insert(
			&wallet,
			LinkRequest {
				investor,
				expires_at: frame_system::Pallet::<T>::block_number()
					.saturating_add(T::LinkRequestTtl::get()),
			},
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(wallet.clone()), investor);
		assert_eq!(InvestorOfWallet::<T>::get(&wallet), Some(investor));
	}

	#[benchmark]
	fn unlink_wallet() {
		let (q, who) = qualifier::<T>(0);
		let (investor, wallets) = investor::<T>(q, 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), wallets[1].clone());
		assert_eq!(InvestorOfWallet::<T>::get(&wallets[1]), None);
		assert_eq!(Investors::<T>::get(investor).unwrap().wallets, 1);
	}

	#[benchmark]
	fn recover_wallet() {
		let (q, who) = qualifier::<T>(0);
		let (investor, wallets) = investor::<T>(q, 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), wallets[0].clone(), wallets[1].clone());
		assert_eq!(InvestorOfWallet::<T>::get(&wallets[0]), None);
		assert_eq!(InvestorOfWallet::<T>::get(&wallets[1]), Some(investor));
		assert!(WalletBlocks::<T>::contains_key(&wallets[0]));
	}

	#[benchmark]
	fn attest() {
		let (q, who) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, 1);
		fill_attestations::<T>(investor, CredentialKind::Residence, 1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			investor,
			CredentialKind::Residence,
			Some(u64::MAX),
			T::Hash::default(),
		);
		assert!(Credentials_::<T>::get(investor, CredentialKind::Residence)
			.iter()
			.any(|a| a.qualifier == q));
	}

	#[benchmark]
	fn revoke() {
		let (q, _) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, 1);
		fill_attestations::<T>(investor, CredentialKind::Kyc, 1);
		// The revoking qualifier's attestation is the last in the list.
		let last = Credentials_::<T>::get(investor, CredentialKind::Kyc).last().unwrap().qualifier;
		let who = Qualifiers::<T>::get(last).unwrap().account;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), investor, CredentialKind::Kyc);
		assert!(Credentials_::<T>::get(investor, CredentialKind::Kyc)
			.last()
			.unwrap()
			.revoked_at
			.is_some());
	}

	#[benchmark]
	fn block_investor() {
		let (q, who) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, 1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			investor,
			BlockReason::Restricted(stoa_primitives::credentials::CaseCommitment::repeat_byte(1)),
		);
		assert!(InvestorBlocks::<T>::contains_key(investor));
	}

	#[benchmark]
	fn unblock_investor() {
		let (q, who) = qualifier::<T>(0);
		let (investor, _) = investor::<T>(q, 1);
		InvestorBlocks::<T>::insert(
			investor,
			Block {
				reason: BlockReason::Restricted(
					stoa_primitives::credentials::CaseCommitment::repeat_byte(1),
				),
				by: Actor::Qualifier(q),
				at: 0,
			},
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), investor);
		assert!(!InvestorBlocks::<T>::contains_key(investor));
	}

	#[benchmark]
	fn block_wallet() {
		let (_, who) = qualifier::<T>(0);
		let wallet: T::AccountId = account("sanctioned", 0, 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			wallet.clone(),
			BlockReason::Restricted(stoa_primitives::credentials::CaseCommitment::repeat_byte(1)),
		);
		assert!(WalletBlocks::<T>::contains_key(&wallet));
	}

	#[benchmark]
	fn unblock_wallet() {
		let (q, who) = qualifier::<T>(0);
		let wallet: T::AccountId = account("sanctioned", 0, 0);
		WalletBlocks::<T>::insert(
			&wallet,
			Block {
				reason: BlockReason::Restricted(
					stoa_primitives::credentials::CaseCommitment::repeat_byte(1),
				),
				by: Actor::Qualifier(q),
				at: 0,
			},
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), wallet.clone());
		assert!(!WalletBlocks::<T>::contains_key(&wallet));
	}

	#[benchmark]
	fn register_protocol_holder() {
		let registrant = funded::<T>("registrant");
		let protocol: T::AccountId = account("protocol", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(registrant), protocol.clone(), max_name::<T>());
		assert!(ProtocolHolders::<T>::contains_key(&protocol));
	}

	#[benchmark]
	fn deregister_protocol_holder() -> Result<(), BenchmarkError> {
		let registrant = funded::<T>("registrant");
		let protocol: T::AccountId = account("protocol", 0, 0);
		Credentials::<T>::register_protocol_holder(
			RawOrigin::Signed(registrant.clone()).into(),
			protocol.clone(),
			max_name::<T>(),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(registrant), protocol.clone());
		assert!(!ProtocolHolders::<T>::contains_key(&protocol));
		Ok(())
	}

	#[benchmark]
	fn block_protocol_holder() -> Result<(), BenchmarkError> {
		let origin =
			T::GuardianOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let registrant = funded::<T>("registrant");
		let protocol: T::AccountId = account("protocol", 0, 0);
		Credentials::<T>::register_protocol_holder(
			RawOrigin::Signed(registrant).into(),
			protocol.clone(),
			max_name::<T>(),
		)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, protocol.clone(), BlockReason::ProtocolMisbehaviour);
		assert!(ProtocolHolders::<T>::get(&protocol).unwrap().block.is_some());
		Ok(())
	}

	#[benchmark]
	fn unblock_protocol_holder() -> Result<(), BenchmarkError> {
		let origin = T::QualifierAdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let protocol = blocked_protocol_holder::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, protocol.clone());
		assert!(ProtocolHolders::<T>::get(&protocol).unwrap().block.is_none());
		Ok(())
	}

	/// Burning (`slash`) also changes the total issuance: the heavier of the two ways.
	#[benchmark]
	fn settle_protocol_holder_block() -> Result<(), BenchmarkError> {
		let origin = T::QualifierAdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let protocol = blocked_protocol_holder::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, protocol.clone(), true);
		assert!(ProtocolHolders::<T>::get(&protocol).unwrap().deposit.is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(Credentials, crate::mock::new_test_ext(), crate::mock::Test);
}
