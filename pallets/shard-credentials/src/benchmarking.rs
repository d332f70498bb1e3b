//! Benchmarks for `pallet_shard_credentials`.
//!
//! Imports are measured per record at their worst case (a new investor id, a full attestation
//! list, a wallet moving between investors, a full kind list); sends per recipient, with the
//! largest credential record a home shard can have.

use super::*;
use crate::Pallet as ShardCredentials;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use stoa_primitives::{
	shards::{AttestationState, BlockState, InvestorState, WalletState},
	BlockReason, CredentialKind, CredentialsListener, InvestorId, InvestorKind, Jurisdiction,
	RecordChange, ShardId,
};

/// The `i`-th shard other than this one.
fn shard<T: Config>(i: u32) -> ShardId {
	T::ThisShard::get().saturating_add(1).saturating_add(i)
}

/// `n` recipients, with open channels.
fn recipients<T: Config>(n: u32) {
	let shards: Vec<_> = (0..n).map(shard::<T>).collect();
	T::BenchmarkHelper::open_channels(&shards);
	Recipients::<T>::put(BoundedVec::truncate_from(shards));
}

/// Trusts shard 0 and returns it with its epoch.
fn trusted<T: Config>() -> (ShardId, u32) {
	let s = shard::<T>(0);
	let epoch = NextEpoch::<T>::get();
	NextEpoch::<T>::put(epoch + 1);
	TrustedShards::<T>::insert(s, epoch);
	(s, epoch)
}

fn one<T: Config>(seq: u64, record: Record<T::AccountId>) -> VersionedUpdates<T::AccountId> {
	VersionedUpdates::V1(BoundedVec::truncate_from(vec![Update { seq, record }]))
}

fn investor_record<T: Config>(investor: InvestorId, jurisdiction: &str) -> Record<T::AccountId> {
	Record::Investor {
		investor,
		state: Some(InvestorState {
			qualifier: 0,
			kind: InvestorKind::LegalEntity,
			jurisdiction: Jurisdiction::try_from(jurisdiction).expect("a jurisdiction"),
			block: Some(BlockState { reason: BlockReason::CourtOrder, at: 1 }),
		}),
	}
}

fn governance<T: Config>() -> T::RuntimeOrigin {
	T::GovernanceOrigin::try_successful_origin().expect("governance can be benchmarked")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn trust_shard() {
		for i in 1..T::MaxShards::get() {
			TrustedShards::<T>::insert(shard::<T>(i), i);
		}
		let origin = governance::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, shard::<T>(0));
		assert!(TrustedShards::<T>::contains_key(shard::<T>(0)));
	}

	#[benchmark]
	fn untrust_shard() {
		let (s, _) = trusted::<T>();
		let origin = governance::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, s);
		assert!(!TrustedShards::<T>::contains_key(s));
	}

	#[benchmark]
	fn add_recipient() {
		let shards: Vec<_> = (1..T::MaxShards::get()).map(shard::<T>).collect();
		Recipients::<T>::put(BoundedVec::truncate_from(shards));
		let origin = governance::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, shard::<T>(0));
		assert!(Recipients::<T>::get().contains(&shard::<T>(0)));
	}

	#[benchmark]
	fn remove_recipient() {
		recipients::<T>(T::MaxShards::get());
		let last = shard::<T>(T::MaxShards::get() - 1);
		let origin = governance::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, last);
		assert!(!Recipients::<T>::get().contains(&last));
	}

	#[benchmark]
	fn import_base() {
		let (s, epoch) = trusted::<T>();
		#[block]
		{
			ShardCredentials::<T>::do_import(s, epoch, VersionedUpdates::V1(BoundedVec::new()));
		}
	}

	#[benchmark]
	fn import_stale() {
		let (s, epoch) = trusted::<T>();
		ShardCredentials::<T>::do_import(s, epoch, one::<T>(10, investor_record::<T>(7, "DE")));
		#[block]
		{
			ShardCredentials::<T>::do_import(s, epoch, one::<T>(5, investor_record::<T>(7, "FR")));
		}
		assert!(Pallet::<T>::investor_state(IMPORTED_INVESTOR_BASE)
			.is_some_and(|s| s.jurisdiction == Jurisdiction::try_from("DE").unwrap()));
	}

	#[benchmark]
	fn import_investor() {
		let (s, epoch) = trusted::<T>();
		#[block]
		{
			ShardCredentials::<T>::do_import(s, epoch, one::<T>(1, investor_record::<T>(7, "DE")));
		}
		assert!(ImportedInvestors::<T>::get(IMPORTED_INVESTOR_BASE).is_some_and(|r| r.seq == 1));
	}

	#[benchmark]
	fn import_credential() {
		let (s, epoch) = trusted::<T>();
		let attestations = (0..MAX_ATTESTATIONS)
			.map(|q| AttestationState {
				qualifier: q,
				issued_at: 1,
				expires_at: Some(u64::MAX),
				revoked_at: None,
			})
			.collect();
		let record = Record::Credential {
			investor: 7,
			kind: CredentialKind::Kyc,
			attestations: BoundedVec::truncate_from(attestations),
		};
		#[block]
		{
			ShardCredentials::<T>::do_import(s, epoch, one::<T>(1, record));
		}
		assert!(ImportedCredentials::<T>::contains_key(
			IMPORTED_INVESTOR_BASE,
			CredentialKind::Kyc
		));
	}

	#[benchmark]
	fn import_wallet() {
		let (s, epoch) = trusted::<T>();
		let wallet: T::AccountId = account("wallet", 0, 0);
		let linked = |investor| Record::Wallet {
			wallet: wallet.clone(),
			state: WalletState {
				investor: Some(investor),
				block: Some(BlockState { reason: BlockReason::Other, at: 1 }),
			},
		};
		ShardCredentials::<T>::do_import(s, epoch, one::<T>(1, linked(7)));
		// The wallet moves to an investor not seen before.
		#[block]
		{
			ShardCredentials::<T>::do_import(s, epoch, one::<T>(2, linked(8)));
		}
		assert_eq!(
			ImportedWallets::<T>::get(&wallet).and_then(|w| w.investor),
			Some(IMPORTED_INVESTOR_BASE + 1)
		);
	}

	#[benchmark]
	fn import_qualifier() {
		let (s, epoch) = trusted::<T>();
		let kinds = (0..MAX_KINDS).map(CredentialKind::Custom).collect();
		let record = Record::Qualifier {
			qualifier: 3,
			state: Some(QualifierRecord { active: true, kinds: BoundedVec::truncate_from(kinds) }),
		};
		#[block]
		{
			ShardCredentials::<T>::do_import(s, epoch, one::<T>(1, record));
		}
		assert!(ImportedQualifiers::<T>::contains_key(s, 3));
	}

	#[benchmark]
	fn send_record(n: Linear<0, { T::MaxShards::get() }>) {
		let investor = T::BenchmarkHelper::home_investor();
		recipients::<T>(n);
		#[block]
		{
			ShardCredentials::<T>::on_record_changed(RecordChange::Credential(
				investor,
				CredentialKind::Kyc,
			));
		}
		assert_eq!(LastSeq::<T>::get(), if n == 0 { 0 } else { 1 });
	}

	#[benchmark]
	fn push_record(n: Linear<1, { T::MaxShards::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let wallet: T::AccountId = account("wallet", 0, 0);
		recipients::<T>(n);
		#[extrinsic_call]
		push_wallet(RawOrigin::Signed(caller), wallet);
		assert_eq!(LastSeq::<T>::get(), 1);
	}

	#[benchmark]
	fn push_investor(n: Linear<1, { T::MaxShards::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let investor = T::BenchmarkHelper::home_investor();
		recipients::<T>(n);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), investor);
		assert!(LastSeq::<T>::get() > 1);
	}

	#[benchmark]
	fn apply_wallet_link() {
		let (s, epoch) = trusted::<T>();
		let caller: T::AccountId = whitelisted_caller();
		let wallet: T::AccountId = account("wallet", 0, 0);
		let (from, to) = (IMPORTED_INVESTOR_BASE, IMPORTED_INVESTOR_BASE + 1);
		WalletsOf::<T>::insert(from, &wallet, ());
		ImportedWallets::<T>::insert(
			&wallet,
			ImportedWallet {
				shard: s,
				seq: 1,
				epoch,
				investor: Some(from),
				pending: Some(Some(to)),
				block: None,
			},
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), wallet.clone());
		assert_eq!(ImportedWallets::<T>::get(&wallet).and_then(|w| w.investor), Some(to));
	}

	impl_benchmark_test_suite!(ShardCredentials, crate::mock::new_bench_ext(), crate::mock::Test);
}
