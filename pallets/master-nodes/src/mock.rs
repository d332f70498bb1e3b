//! A test runtime: system, balances, session, and this pallet as session manager.

use crate as pallet_master_nodes;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use sp_runtime::{
	impl_opaque_keys,
	testing::UintAuthorityId,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage, KeyTypeId, RuntimeAppPublic,
};
use stoa_primitives::Jurisdiction;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// Sessions last this many blocks.
pub const SESSION_PERIOD: u64 = 5;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		MasterNodes: pallet_master_nodes,
		Session: pallet_session,
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
}

impl_opaque_keys! {
	pub struct MockSessionKeys {
		pub dummy: UintAuthorityId,
	}
}

/// A session handler that accepts the one dummy key type.
pub struct TestSessionHandler;
impl pallet_session::SessionHandler<AccountId> for TestSessionHandler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<Ks: OpaqueKeys>(_: &[(AccountId, Ks)]) {}
	fn on_new_session<Ks: OpaqueKeys>(_: bool, _: &[(AccountId, Ks)], _: &[(AccountId, Ks)]) {}
	fn on_disabled(_: u32) {}
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	// As in the runtime: the master-nodes pallet rotates sessions.
	type ShouldEndSession = pallet_master_nodes::RotatedByMasterNodes;
	type NextSessionRotation = pallet_master_nodes::SessionSchedule<Test>;
	type SessionManager = MasterNodes;
	type SessionHandler = TestSessionHandler;
	type Keys = MockSessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU64<0>;
}

parameter_types! {
	pub static MinMasterNodes: u32 = 2;
}

impl pallet_master_nodes::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type ValidatorRegistration = Session;
	type MinMasterNodes = MinMasterNodes;
	type MaxMasterNodes = ConstU32<6>;
	type MaxNameLength = ConstU32<16>;
	type MaxLicenceUriLength = ConstU32<32>;
	type SessionPeriod = ConstU64<SESSION_PERIOD>;
	type SessionOffset = ConstU64<0>;
	type WeightInfo = ();
}

pub fn jurisdiction(code: &str) -> Jurisdiction {
	Jurisdiction::try_from(code).expect("test uses assigned codes")
}

pub fn keys(operator: AccountId) -> MockSessionKeys {
	MockSessionKeys { dummy: UintAuthorityId(operator) }
}

/// Genesis: master nodes 1, 2 and 3 with session keys; 10, 11, 12, 13 and 20 endowed.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let genesis_nodes = [1u64, 2, 3];
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [1u64, 2, 3, 10, 11, 12, 13, 20].iter().map(|a| (*a, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_master_nodes::GenesisConfig::<Test> {
		master_nodes: genesis_nodes
			.iter()
			.map(|operator| crate::GenesisMasterNode {
				operator: *operator,
				name: "Genesis node".into(),
				jurisdiction: jurisdiction("DE"),
				licence_uri: "https://bafin.example/reg/1".into(),
				licence_hash: Default::default(),
			})
			.collect(),
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: genesis_nodes.iter().map(|a| (*a, *a, keys(*a))).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs blocks until `n`, running every pallet's `on_initialize` in the runtime's order, the
/// way the executive would (this pallet's rotates sessions).
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<AllPalletsWithSystem as frame_support::traits::OnInitialize<u64>>::on_initialize(next);
	}
}

/// Runs blocks until session `index` has started.
pub fn run_to_session(index: u32) {
	while Session::current_index() < index {
		run_to_block(System::block_number() + 1);
	}
}
