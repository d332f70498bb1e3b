//! A session-boundary block has room for transactions. `pallet-session` used to rotate
//! sessions itself and book the whole block (`max_block`) for it, so that no extrinsic fitted
//! in the block where a session starts; `pallet-master-nodes` now rotates them and books the
//! rotation's benchmarked weight. Blocks are built as an author builds them, through the
//! executive: `initialize_block` (the hooks, with Aura's pre-runtime digest), the relay
//! chain's and the timestamp inherents, a signed transfer, `finalize_block`.

mod common;
use common::*;

use codec::Encode;
use frame_support::{
	dispatch::DispatchClass,
	traits::{Get, PalletsInfoAccess},
	weights::Weight,
};
use pallet_master_nodes::WeightInfo;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	traits::Header as _, ApplyExtrinsicResult, Digest, DigestItem, MultiAddress, MultiSignature,
	Perbill,
};
use stoa_runtime::{
	configs::RuntimeBlockWeights, AllPalletsWithSystem, Executive, Header, Runtime, RuntimeCall,
	Session, SignedPayload, System, TxExtension, UncheckedExtrinsic, SESSION_PERIOD, SLOT_DURATION,
	UNIT,
};

/// The Aura slot of block 0 (the chain starts at `1_800_000_000` s); one slot per block.
const SLOT_ZERO: u64 = 1_800_000_000_000 / SLOT_DURATION;

/// Opens block `number` on top of `parent` through the executive (every `on_initialize`);
/// returns the weight booked so far.
fn open_block(number: u32, parent: H256) -> Weight {
	let slot = Slot::from(SLOT_ZERO + u64::from(number));
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
	System::block_weight().total()
}

/// The timestamp inherent of block `number` (Aura checks it against the slot).
fn timestamp(number: u32) -> UncheckedExtrinsic {
	let now = (SLOT_ZERO + u64::from(number)) * SLOT_DURATION;
	UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }))
}

/// Alice's signed transfer of 1 STOA to Bob, with the runtime's transaction extensions.
fn transfer() -> UncheckedExtrinsic {
	let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: MultiAddress::Id(Bob.to_account_id()),
		value: UNIT,
	});
	let nonce = System::account_nonce(Alice.to_account_id());
	let extension: TxExtension = extensions(nonce);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("implicit data");
	let signature = payload.using_encoded(|bytes| Alice.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(Alice.to_account_id()),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// The relay chain's inherent of block `number`, whose parent is `parent` (the relay chain
/// has included it).
fn validation_data(number: u32, parent: &Header) -> UncheckedExtrinsic {
	let call = relay::validation_data_call(number, parent.encode(), SLOT_ZERO + u64::from(number));
	UncheckedExtrinsic::new_bare(call)
}

/// Applies the block's inherents and Alice's transfer, then finalizes the block; returns the
/// transfer's result and the block's header.
fn fill_and_close_block(number: u32, parent: &Header) -> (ApplyExtrinsicResult, Header) {
	assert_eq!(Executive::apply_extrinsic(validation_data(number, parent)), Ok(Ok(())));
	assert_eq!(Executive::apply_extrinsic(timestamp(number)), Ok(Ok(())));
	let transferred = Executive::apply_extrinsic(transfer());
	(transferred, Executive::finalize_block())
}

#[test]
fn a_session_boundary_block_has_room_for_transactions() {
	dev_chain().execute_with(|| {
		let weights = RuntimeBlockWeights::get();
		let rotation = <Runtime as pallet_master_nodes::Config>::WeightInfo::rotate_session(1);
		let bob_before = pallet_balances::Pallet::<Runtime>::free_balance(Bob.to_account_id());
		// The dev chain is at block 1 (set, not built): build every block from there.
		System::set_block_number(0);
		let mut parent = Header::new(
			0,
			Default::default(),
			Default::default(),
			System::parent_hash(),
			Default::default(),
		);
		let last = 2 * SESSION_PERIOD;

		for number in 1..=last {
			let booked = open_block(number, parent.hash());
			let session = number / SESSION_PERIOD;
			// The session rotates while a boundary block is initialized, as before.
			assert_eq!(Session::current_index(), session, "block {number}");
			if number % SESSION_PERIOD == 0 {
				assert!(System::events().iter().any(|r| r.event
					== stoa_runtime::RuntimeEvent::Session(pallet_session::Event::NewSession {
						session_index: session
					})));
				// The rotation's benchmarked weight is booked (one master node, Alice)...
				let mandatory = *System::block_weight().get(DispatchClass::Mandatory);
				assert!(mandatory.all_gte(rotation), "{mandatory:?} does not book {rotation:?}");
			}
			// ...and no block starts anywhere near full: pallet-session booked `max_block` at
			// every boundary.
			assert!(
				booked.all_lt(Perbill::from_percent(10) * weights.max_block),
				"block {number} starts with {booked:?} booked, of {:?}",
				weights.max_block
			);
			// A normal signed extrinsic is included in every block, boundaries too.
			let (transferred, header) = fill_and_close_block(number, &parent);
			assert_eq!(transferred, Ok(Ok(())), "no transaction fits in block {number}");
			parent = header;
		}

		assert_eq!(
			pallet_balances::Pallet::<Runtime>::free_balance(Bob.to_account_id()),
			bob_before + UNIT * u128::from(last)
		);
		// The session handlers ran as before: Aura (and aura-ext, which the relay chain's
		// validators check blocks against) kept the one collator.
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![Alice.to_account_id()]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(aura_ext_authorities(), 1);
	});
}

#[test]
fn pallet_session_books_nothing_and_master_nodes_weighs_only_the_rotation() {
	dev_chain().execute_with(|| {
		use frame_support::traits::Hooks;
		System::set_block_number(SESSION_PERIOD);
		assert_eq!(
			<Session as Hooks<u32>>::on_initialize(SESSION_PERIOD),
			Weight::zero(),
			"pallet-session must not rotate (nor book the block) on its own"
		);
		assert_eq!(Session::current_index(), 0);
		let weight = <stoa_runtime::MasterNodes as Hooks<u32>>::on_initialize(SESSION_PERIOD);
		assert_eq!(Session::current_index(), 1);
		assert_eq!(weight, <Runtime as pallet_master_nodes::Config>::WeightInfo::rotate_session(1));
		// Even at the largest register, a rotation takes a small share of a block.
		let max = <Runtime as pallet_master_nodes::Config>::MaxMasterNodes::get();
		let worst = <Runtime as pallet_master_nodes::Config>::WeightInfo::rotate_session(max);
		let max_block = RuntimeBlockWeights::get().max_block;
		assert!(worst.all_lt(Perbill::from_percent(10) * max_block), "{worst:?}");
	});
}

#[test]
fn master_nodes_hooks_run_right_before_sessions_and_before_aura() {
	// The executive runs `on_initialize` in declaration order. MasterNodes rotating right
	// before Session's (now empty) hook is the point where pallet-session rotated; Aura's and
	// aura-ext's hooks then see the new session, as before. Parachain-system runs first of all.
	let names: Vec<&str> = AllPalletsWithSystem::infos().iter().map(|p| p.name).collect();
	let at = |name: &str| names.iter().position(|n| *n == name).expect(name);
	assert_eq!(at("System") + 1, at("ParachainSystem"), "{names:?}");
	assert_eq!(at("MasterNodes") + 1, at("Session"), "{names:?}");
	assert!(at("Session") < at("Aura"), "{names:?}");
	assert!(at("Aura") < at("AuraExt"), "{names:?}");
}

#[test]
fn pallet_session_leaves_rotation_to_master_nodes() {
	// Master nodes' integrity test refuses a pallet-session that would rotate on its own too
	// (two rotations per boundary, and the block booked full again).
	sp_io::TestExternalities::new_empty().execute_with(|| {
		<stoa_runtime::MasterNodes as frame_support::traits::IntegrityTest>::integrity_test();
	});
}
