//! Paying a dividend to many holders with the runtime's real pallets, weights and block limits:
//! shared by `tests/corporate_actions_flow.rs` and `examples/distribution_bench.rs`.

use frame_support::{
	dispatch::DispatchClass,
	traits::{fungibles::Create, fungibles::Mutate, OnFinalize, OnIdle, OnInitialize},
	weights::Weight,
	BoundedVec,
};
use pallet_corporate_actions::WeightInfo as _;
use pallet_corporate_actions::{Amount, DistributionStatus, RecordDate};
use sp_runtime::AccountId32;
use stoa_primitives::{CredentialKind, InvestorKind, Jurisdiction, Movement, MovementKind};
use stoa_runtime::{
	configs::RuntimeBlockWeights, AllPalletsWithSystem, Assets, CorporateActions, Credentials,
	Issuance, Runtime, System,
};

const ASSET: u32 = 7_777;
const START: u64 = 1_800_000_000;

fn holder(i: u32) -> AccountId32 {
	let mut seed = [0x42u8; 32];
	seed[..4].copy_from_slice(&i.to_le_bytes());
	AccountId32::new(seed)
}

/// A KYC'd investor wallet in the dev chain's qualifier's care.
fn investor(who: &AccountId32, kind: InvestorKind, jurisdiction: Jurisdiction) {
	let id = Credentials::do_create_investor(0, kind, jurisdiction).unwrap();
	Credentials::do_link(id, who).unwrap();
	pallet_credentials::Credentials::<Runtime>::mutate(id, CredentialKind::Kyc, |list| {
		list.try_push(pallet_credentials::Attestation {
			qualifier: 0,
			issued_at: 0,
			expires_at: None,
			evidence: Default::default(),
			revoked_at: None,
		})
		.unwrap()
	});
}

/// Runs one block as the executive would (without extrinsics); returns its total weight.
fn block(number: u32, seconds: u64) -> Weight {
	System::initialize(&number, &super::relay::parent_hash_of(number), &Default::default());
	// What the timestamp inherent does (its weight is registered below).
	super::set_time(seconds);
	frame_support::storage::unhashed::put(
		&frame_support::storage::storage_prefix(b"Timestamp", b"DidUpdate"),
		&true,
	);
	let weights = RuntimeBlockWeights::get();
	System::register_extra_weight_unchecked(weights.base_block, DispatchClass::Mandatory);
	let inherent =
		<<Runtime as pallet_timestamp::Config>::WeightInfo as pallet_timestamp::WeightInfo>::set();
	System::register_extra_weight_unchecked(inherent, DispatchClass::Mandatory);
	let init = <AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(number);
	System::register_extra_weight_unchecked(init, DispatchClass::Mandatory);
	super::relay::set_validation_data(number);
	let remaining = weights.max_block.saturating_sub(System::block_weight().total());
	let idle = <AllPalletsWithSystem as OnIdle<u32>>::on_idle(number, remaining);
	System::register_extra_weight_unchecked(idle, DispatchClass::Mandatory);
	<AllPalletsWithSystem as OnFinalize<u32>>::on_finalize(number);
	System::block_weight().total()
}

/// What paying a dividend to `holders` holders took.
pub struct Report {
	/// Blocks from the payment date until the push ended.
	pub blocks: u32,
	/// Holders paid in each block.
	pub per_block: Vec<u32>,
	/// The heaviest block.
	pub heaviest: Weight,
	/// The block weight limit.
	pub max: Weight,
	/// The weight of one more holder in a page.
	pub per_holder: Weight,
	/// Seconds spent creating the holders (not part of the figures).
	pub setup_seconds: f64,
}

/// Creates `holders` KYC'd investors holding a security, a dividend paid from the next block,
/// and runs blocks until every holder is paid. Panics if a block goes over its weight limit or
/// a holder is missed.
pub fn pay_dividend(holders: u32) -> Report {
	let mut ext = super::dev_chain();
	ext.execute_with(|| {
		super::set_time(START);
		let issuer = holder(u32::MAX);
		let de = Jurisdiction::try_from("DE").unwrap();
		let gb = Jurisdiction::try_from("GB").unwrap();
		// An approved issuer and its security (as the issuance flow tests set up).
		let regulator = AccountId32::new([0xBE; 32]);
		Issuance::register_regulator(
			stoa_runtime::RuntimeOrigin::root(),
			regulator.clone(),
			de,
			b"BaFin".to_vec(),
		)
		.unwrap();
		investor(&issuer, InvestorKind::LegalEntity, de);
		let issuer_id = pallet_credentials::InvestorOfWallet::<Runtime>::get(&issuer).unwrap();
		Issuance::approve_issuer(super::signed(&regulator), issuer_id, Default::default()).unwrap();
		let security = pallet_issuance::NextSecurityId::<Runtime>::get();
		Issuance::create_security(
			super::signed(&issuer),
			b"Bench AG".to_vec(),
			b"BNCH".to_vec(),
			pallet_issuance::SecurityKind::Equity,
			0,
			pallet_issuance::Identifiers {
				isin: stoa_primitives::Isin::numbered(*b"DE", 1).unwrap(),
				cusip: None,
				lei: None,
				figi: None,
			},
			u64::MAX as u128,
		)
		.unwrap();

		let setup = std::time::Instant::now();
		for i in 0..holders {
			let who = holder(i);
			// Every tenth holder is British (15% withholding), the rest German.
			investor(&who, InvestorKind::Individual, if i % 10 == 0 { gb } else { de });
			Issuance::do_move(Movement {
				security,
				kind: MovementKind::Issue,
				from: None,
				to: Some(who),
				amount: 100 + (i % 7) as u128,
			})
			.unwrap();
		}
		<Assets as Create<AccountId32>>::create(ASSET, issuer.clone(), true, 1).unwrap();
		<Assets as Mutate<AccountId32>>::mint_into(ASSET, &issuer, u64::MAX as u128).unwrap();

		let pay_at = START + 6;
		let distribution = pallet_corporate_actions::NextDistributionId::<Runtime>::get();
		CorporateActions::create_distribution(
			super::signed(&issuer),
			security,
			RecordDate::Now,
			ASSET,
			Amount::PerUnit(1_000_000),
			pay_at,
			pay_at + 86_400,
			BoundedVec::truncate_from(vec![(gb, sp_runtime::Perbill::from_percent(15))]),
		)
		.unwrap();
		let setup_seconds = setup.elapsed().as_secs_f64();

		let max = RuntimeBlockWeights::get().max_block;
		let mut blocks = 0u32;
		let mut heaviest = Weight::zero();
		let mut paid_before = 0u32;
		let mut per_block = Vec::new();
		while pallet_corporate_actions::Distributions::<Runtime>::get(distribution).unwrap().status
			!= DistributionStatus::Pushed
		{
			blocks += 1;
			assert!(blocks <= holders + 10, "the distribution does not progress");
			let weight = block(System::block_number() + 1, pay_at + 6 * (blocks as u64 - 1));
			heaviest = heaviest.max(weight);
			assert!(weight.all_lte(max), "block {blocks} weighs {weight:?}, over {max:?}");
			let record =
				pallet_corporate_actions::Distributions::<Runtime>::get(distribution).unwrap();
			per_block.push(record.payments - paid_before);
			paid_before = record.payments;
		}
		let record = pallet_corporate_actions::Distributions::<Runtime>::get(distribution).unwrap();
		assert_eq!(record.payments, holders, "every holder is paid");
		let paid_total: u128 = (0..holders).map(|i| Assets::balance(ASSET, holder(i))).sum();
		assert_eq!(paid_total, record.paid);
		let per_holder = <Runtime as pallet_corporate_actions::Config>::WeightInfo::pay_holders(1)
			.saturating_sub(
				<Runtime as pallet_corporate_actions::Config>::WeightInfo::pay_holders(0),
			);
		Report { blocks, per_block, heaviest, max, per_holder, setup_seconds }
	})
}
