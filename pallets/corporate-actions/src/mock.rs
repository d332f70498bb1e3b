//! A test runtime: system, timestamp, balances, assets, the real credentials, issuance and
//! compliance pallets, and this pallet as issuance's holdings observer.

use crate as pallet_corporate_actions;
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, ConstU64},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_credentials::{GenesisInvestor, GenesisQualifier};
use sp_runtime::BuildStorage;
use stoa_primitives::{CredentialKind, InvestorKind, Jurisdiction};

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
		Compliance: pallet_compliance,
		CorporateActions: pallet_corporate_actions,
	}
);

parameter_types! {
	/// The database weights: zero (as in `TestDefaultConfig`) unless a test sets them.
	pub static DbWeight: frame_support::weights::RuntimeDbWeight =
		frame_support::weights::RuntimeDbWeight { read: 0, write: 0 };
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
	type DbWeight = DbWeight;
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
	type Listener = (Issuance, Compliance, CorporateActions);
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
}

impl pallet_issuance::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	type Guard = Compliance;
	type Observer = CorporateActions;
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

parameter_types! {
	pub static MaxComplexity: u32 = 40;
}

parameter_types! {
	pub const CorporateActionsPalletId: PalletId = PalletId(*b"stoa/cax");
	/// Scheduled checkpoints per security (a test may raise it to the runtime's 16).
	pub static MaxScheduledCheckpoints: u32 = 3;
}

impl pallet_corporate_actions::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	type Securities = Issuance;
	type Assets = Assets;
	type PalletId = CorporateActionsPalletId;
	type ClaimPeriod = ConstU64<{ 30 * DAY }>;
	type MaxScheduledCheckpoints = MaxScheduledCheckpoints;
	type MaxWithholdingRates = ConstU32<4>;
	type MaxJobs = ConstU32<4>;
	type MaxMotions = ConstU32<3>;
	type MaxChoices = ConstU32<4>;
	type MaxTextLength = ConstU32<32>;
	type MaxCouponsPerBlock = ConstU32<2>;
	type MaxSplitRatio = ConstU32<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// A day, in seconds.
pub const DAY: u64 = 86_400;

impl pallet_compliance::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	type Securities = Issuance;
	type MaxRules = ConstU32<8>;
	type MaxListLength = ConstU32<8>;
	type MaxComplexity = MaxComplexity;
	type MaxSecuritiesPerInvestor = ConstU32<3>;
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
/// An account with native balance only (for sufficiency checks).
pub const TREASURY_USD: AccountId = 50;
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
			.chain([(TREASURY_USD, 1_000)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, QUALIFIER, true, 1)],
		metadata: vec![],
		accounts: vec![(USD, ISSUER, USD_ENDOWMENT)],
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

#[cfg(feature = "runtime-benchmarks")]
impl pallet_compliance::BenchmarkHelper<AccountId, Balance> for BenchmarkHelper {
	fn security_with_agent() -> (u32, AccountId) {
		(security(), ISSUER)
	}
	fn holder(security: u32, who: &AccountId, jurisdiction: Jurisdiction, units: Balance) -> u64 {
		let investor = qualified_investor(who, InvestorKind::Individual, jurisdiction);
		if units > 0 {
			Issuance::issue(RuntimeOrigin::signed(ISSUER), security, *who, units).unwrap();
		}
		investor
	}
	fn set_time(now: u64) {
		set_now(now);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_corporate_actions::BenchmarkHelper<AccountId, u32, Balance> for BenchmarkHelper {
	fn security_with_agent() -> (u32, AccountId) {
		(security(), ISSUER)
	}
	fn debt_security_with_agent(maturity: u64) -> (u32, AccountId) {
		(debt_security(0, maturity), ISSUER)
	}
	fn holder(security: u32, who: &AccountId, jurisdiction: Jurisdiction, units: Balance) {
		if pallet_credentials::InvestorOfWallet::<Test>::get(who).is_none() {
			qualified_investor(who, InvestorKind::Individual, jurisdiction);
		}
		if units > 0 {
			Issuance::issue(RuntimeOrigin::signed(ISSUER), security, *who, units).unwrap();
		}
	}
	fn funded_asset(who: &AccountId, amount: Balance) -> u32 {
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, who, amount).unwrap();
		USD
	}
	fn set_time(now: u64) {
		set_now(now);
	}
}

/// Like [`security`], a debt security with `decimals`, 5% coupon, maturing at `maturity`.
pub fn debt_security(decimals: u8, maturity: u64) -> u32 {
	new_security(pallet_issuance::SecurityKind::Debt { coupon_bps: 500, maturity }, decimals)
}

/// BaFin regulates DE; investor 0 ("Issuer AG") is approved and creates the next security
/// (equity, no decimals, 1,000,000 authorised); returns its id.
pub fn security() -> u32 {
	new_security(pallet_issuance::SecurityKind::Equity, 0)
}

/// Creates the next security of investor 0 (1,000,000 whole units authorised).
pub fn new_security(kind: pallet_issuance::SecurityKind, decimals: u8) -> u32 {
	use stoa_primitives::Isin;
	if !pallet_issuance::Regulators::<Test>::contains_key(BAFIN) {
		Issuance::register_regulator(RuntimeOrigin::root(), BAFIN, j("DE"), b"BaFin".to_vec())
			.unwrap();
		Issuance::approve_issuer(RuntimeOrigin::signed(BAFIN), 0, Default::default()).unwrap();
	}
	let id = pallet_issuance::NextSecurityId::<Test>::get();
	Issuance::create_security(
		RuntimeOrigin::signed(ISSUER),
		b"Issuer AG".to_vec(),
		b"ISS".to_vec(),
		kind,
		decimals,
		pallet_issuance::Identifiers {
			isin: Isin::numbered(*b"XS", id).unwrap(),
			cusip: None,
			lei: None,
			figi: None,
		},
		1_000_000 * 10u128.pow(decimals as u32),
	)
	.unwrap();
	id
}

/// The events this pallet deposited, oldest first.
pub fn events() -> Vec<pallet_corporate_actions::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::CorporateActions(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The last event this pallet deposited.
pub fn last_event() -> pallet_corporate_actions::Event<Test> {
	events().pop().expect("an event")
}

/// USD held by `who`.
pub fn usd(who: AccountId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(USD, &who)
}

/// Issues `units` of `security` to `who`.
pub fn issue(security: u32, who: AccountId, units: Balance) {
	Issuance::issue(RuntimeOrigin::signed(ISSUER), security, who, units).unwrap();
}

/// `from` transfers `units` of `security` to `to`.
pub fn transfer(security: u32, from: AccountId, to: AccountId, units: Balance) {
	Issuance::transfer(RuntimeOrigin::signed(from), security, to, units).unwrap();
}

/// Runs `on_idle` with `weight` to spare, as at the end of a block.
pub fn idle(weight: frame_support::weights::Weight) -> frame_support::weights::Weight {
	CorporateActions::run_jobs(weight)
}

/// Moves to the next block: `on_initialize` of this pallet at the current time.
pub fn next_block() {
	use frame_support::traits::Hooks;
	System::set_block_number(System::block_number() + 1);
	CorporateActions::on_initialize(System::block_number());
}

/// The chain's time (seconds).
pub fn now() -> u64 {
	pallet_timestamp::Now::<Test>::get() / 1000
}
