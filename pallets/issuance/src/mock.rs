//! A test runtime: system, timestamp, balances, assets (settlement currency), the real
//! credentials pallet, and this pallet with the interim KYC guard wrapped in a recorder.

use crate as pallet_issuance;
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, ConstU64},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_credentials::{GenesisInvestor, GenesisQualifier};
use sp_runtime::BuildStorage;
use stoa_primitives::{
	issuance::KycGuard, CredentialKind, InvestorKind, Jurisdiction, Movement, TransferGuard,
	TransferRejection,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Credentials: pallet_credentials,
		Issuance: pallet_issuance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
}

impl pallet_credentials::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type UnixTime = Timestamp;
	type QualifierAdminOrigin = EnsureRoot<AccountId>;
	type GuardianOrigin = EnsureRoot<AccountId>;
	type Listener = Issuance;
	type Holdings = Issuance;
	type Imported = ();
	type ProtocolHolderDeposit = ConstU64<10>;
	type LinkRequestTtl = ConstU64<10>;
	type MaxNameLength = ConstU32<32>;
	type MaxJurisdictionsPerQualifier = ConstU32<8>;
	type MaxKindsPerQualifier = ConstU32<8>;
	type MaxCustomKinds = ConstU32<4>;
	type MaxAttestationsPerKind = ConstU32<4>;
	type MaxWalletsPerInvestor = ConstU32<4>;
	type WeightInfo = ();
}

parameter_types! {
	pub const IssuancePalletId: PalletId = PalletId(*b"stoa/iss");
	/// Every movement the guard was asked about, in order.
	pub static GuardLog: Vec<Movement<AccountId, Balance>> = Vec::new();
	/// Investors that started (`true`) or stopped holding a security, as the guard was told.
	pub static HoldingChanges: Vec<(u32, stoa_primitives::InvestorId, bool)> = Vec::new();
	/// A receiver that a (pretend) rule of the security's rule set refuses.
	pub static RuleRejects: Option<AccountId> = None;
}

/// The interim KYC guard, recording each question, plus one pretend rule.
pub struct TestGuard;
impl TransferGuard<AccountId, Balance> for TestGuard {
	fn check_all(movement: &Movement<AccountId, Balance>) -> Vec<TransferRejection> {
		GuardLog::mutate(|log| log.push(movement.clone()));
		let mut rejections = KycGuard::<Credentials>::check_all(movement);
		if movement.to.is_some() && movement.to == RuleRejects::get() {
			rejections.push(TransferRejection::HolderLimit);
		}
		rejections
	}
	fn check_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
	fn on_holding_changed(security: u32, investor: stoa_primitives::InvestorId, holds: bool) {
		HoldingChanges::mutate(|log| log.push((security, investor, holds)));
	}
}

impl pallet_issuance::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	type Guard = TestGuard;
	type Observer = ();
	type Settlement = Assets;
	type RegulatorAdminOrigin = EnsureRoot<AccountId>;
	type PalletId = IssuancePalletId;
	type MaxNameLength = ConstU32<32>;
	type MaxSymbolLength = ConstU32<8>;
	type MaxDocumentNameLength = ConstU32<16>;
	type MaxUriLength = ConstU32<32>;
	type MaxDocuments = ConstU32<2>;
	type MaxBatchIssue = ConstU32<4>;
	type MaxSettlementBatch = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Sets up investors, the settlement asset and time in the test runtime.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_issuance::BenchmarkHelper<AccountId, u32, Balance> for BenchmarkHelper {
	fn qualified_investor(
		who: &AccountId,
		kind: InvestorKind,
		jurisdiction: Jurisdiction,
	) -> stoa_primitives::InvestorId {
		qualified_investor(who, kind, jurisdiction)
	}
	fn funded_settlement_asset(who: &AccountId, amount: Balance) -> u32 {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, who, amount).unwrap();
		USD
	}
	fn set_time(now: u64) {
		set_now(now);
	}
	fn recover_wallet(lost: &AccountId, wallet: &AccountId) {
		let investor = pallet_credentials::InvestorOfWallet::<Test>::get(lost).unwrap();
		Credentials::do_link(investor, wallet).unwrap();
		Credentials::recover_wallet(RuntimeOrigin::root(), *lost, *wallet).unwrap();
	}
}

/// The KYC qualifier.
pub const QUALIFIER: AccountId = 100;
/// The German regulator (registered by tests with `register_regulator`).
pub const BAFIN: AccountId = 30;
/// Wallets of investor 0, "Issuer AG", a German legal entity with KYC.
pub const ISSUER: AccountId = 10;
pub const ISSUER_2: AccountId = 11;
/// Wallets of investor 1, a German individual with KYC.
pub const ALICE: AccountId = 1;
pub const ALICE_2: AccountId = 2;
/// Investor 2, a British individual with KYC.
pub const BOB: AccountId = 3;
/// Investor 3, an American individual without KYC.
pub const CAROL: AccountId = 4;
/// Nobody's wallet.
pub const DAVE: AccountId = 5;
/// Investor 4, "US Corp", an American legal entity with KYC.
pub const US_CORP: AccountId = 20;
/// An agent account (no investor needed to act).
pub const AGENT: AccountId = 40;
/// The issuer's proceeds account: a wallet of investor 0.
pub const TREASURY: AccountId = ISSUER_2;
/// The settlement currency.
pub const USD: u32 = 1;
/// What each subscriber holds of it.
pub const USD_ENDOWMENT: Balance = 1_000_000;
/// The chain's time when tests start (seconds).
pub const START: u64 = 1_700_000_000;

pub fn j(code: &str) -> Jurisdiction {
	Jurisdiction::try_from(code).unwrap()
}

/// Makes `who` the wallet of a new KYC'd investor (qualifier 0), for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub fn qualified_investor(
	who: &AccountId,
	kind: InvestorKind,
	jurisdiction: Jurisdiction,
) -> stoa_primitives::InvestorId {
	let investor = Credentials::do_create_investor(0, kind, jurisdiction).unwrap();
	Credentials::do_link(investor, who).unwrap();
	pallet_credentials::Credentials::<Test>::mutate(investor, CredentialKind::Kyc, |list| {
		list.try_push(pallet_credentials::Attestation {
			qualifier: 0,
			issued_at: 0,
			expires_at: None,
			evidence: Default::default(),
			revoked_at: None,
		})
		.unwrap()
	});
	investor
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, ALICE_2, BOB, CAROL, DAVE, ISSUER, ISSUER_2, US_CORP, AGENT, QUALIFIER]
			.into_iter()
			.map(|a| (a, 1_000))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, QUALIFIER, true, 1)],
		metadata: vec![],
		accounts: [ALICE, ALICE_2, BOB, CAROL, DAVE]
			.into_iter()
			.map(|a| (USD, a, USD_ENDOWMENT))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let investor = |kind, home: &str, wallets: Vec<AccountId>, credentials| GenesisInvestor {
		qualifier: 0,
		kind,
		jurisdiction: j(home),
		wallets,
		credentials,
	};
	pallet_credentials::GenesisConfig::<Test> {
		custom_kinds: vec![],
		qualifiers: vec![GenesisQualifier {
			account: QUALIFIER,
			name: "KYC Co".into(),
			jurisdictions: vec![j("DE"), j("GB"), j("US")],
			kinds: vec![CredentialKind::Kyc, CredentialKind::Residence],
		}],
		investors: vec![
			investor(
				InvestorKind::LegalEntity,
				"DE",
				vec![ISSUER, ISSUER_2],
				vec![CredentialKind::Kyc],
			),
			investor(
				InvestorKind::Individual,
				"DE",
				vec![ALICE, ALICE_2],
				vec![CredentialKind::Kyc],
			),
			investor(InvestorKind::Individual, "GB", vec![BOB], vec![CredentialKind::Kyc]),
			investor(InvestorKind::Individual, "US", vec![CAROL], vec![CredentialKind::Residence]),
			investor(InvestorKind::LegalEntity, "US", vec![US_CORP], vec![CredentialKind::Kyc]),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_now(START);
	});
	ext
}

/// Sets the chain's time (seconds).
pub fn set_now(seconds: u64) {
	pallet_timestamp::Now::<Test>::put(seconds * 1000);
}

/// The events this pallet deposited, oldest first.
pub fn issuance_events() -> Vec<pallet_issuance::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Issuance(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The last event this pallet deposited.
pub fn last_event() -> pallet_issuance::Event<Test> {
	issuance_events().pop().expect("an event")
}
