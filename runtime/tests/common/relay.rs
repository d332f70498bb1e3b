//! The relay chain, as blocks built by hand see it: what a collator's `set_validation_data`
//! inherent brings. Every block gets a relay parent one later than its parent's, in the Aura
//! slot the relay slot implies, and the relay chain has included the parent (so the unincluded
//! segment never fills).

use codec::Encode;
use cumulus_pallet_parachain_system::parachain_inherent::{
	BasicParachainInherentData, InboundMessagesData,
};
use cumulus_primitives_core::PersistedValidationData;
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use sp_consensus_aura::Slot;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};
use stoa_runtime::{ParachainInfo, Runtime, RuntimeCall, RuntimeOrigin};

/// The head data of block `number` in a hand-built chain (what its parent hash commits to).
pub fn head_of(number: u32) -> Vec<u8> {
	(b"stoa-test-head", number).encode()
}

/// The parent hash of block `number` in a hand-built chain.
pub fn parent_hash_of(number: u32) -> H256 {
	BlakeTwo256::hash(&head_of(number.saturating_sub(1)))
}

/// The `set_validation_data` call for block `number`, whose parent's head data is
/// `parent_head` and whose Aura slot is `slot` (the relay chain's slot is the same: both are
/// six seconds).
pub fn validation_data_call(number: u32, parent_head: Vec<u8>, slot: u64) -> RuntimeCall {
	let mut sproof = RelayStateSproofBuilder::default();
	sproof.para_id = ParachainInfo::parachain_id();
	sproof.current_slot = Slot::from(slot);
	sproof.included_para_head = Some(parent_head.clone().into());
	let (relay_parent_storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
	RuntimeCall::ParachainSystem(cumulus_pallet_parachain_system::Call::set_validation_data {
		data: BasicParachainInherentData {
			validation_data: PersistedValidationData {
				parent_head: parent_head.into(),
				relay_parent_number: number,
				relay_parent_storage_root,
				max_pov_size: cumulus_primitives_core::relay_chain::MAX_POV_SIZE,
			},
			relay_chain_state,
			relay_parent_descendants: Vec::new(),
			collator_peer_id: None,
		},
		inbound_messages_data: InboundMessagesData::new(Default::default(), Default::default()),
	})
}

/// For harnesses that open blocks with `System::initialize(number, parent_hash_of(number), ..)`
/// and run the hooks by hand: moves Aura to slot `number` (no pre-runtime digest here) and
/// applies the relay chain's inherent for block `number`. Call it after `on_initialize`.
pub fn set_validation_data(number: u32) {
	pallet_aura::CurrentSlot::<Runtime>::put(Slot::from(u64::from(number)));
	let call = validation_data_call(number, head_of(number.saturating_sub(1)), u64::from(number));
	frame_support::traits::UnfilteredDispatchable::dispatch_bypass_filter(
		call,
		RuntimeOrigin::none(),
	)
	.expect("the relay chain's inherent applies");
}
