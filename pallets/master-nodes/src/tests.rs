//! Unit tests: every call and error, and the authority set across session boundaries.

use crate::{
	mock::*, AwaitingKeys, Error, Event, MasterNodes as Registry, PlannedAuthorities, WeightInfo,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, Hooks},
	weights::{RuntimeDbWeight, Weight},
};
use sp_runtime::{
	testing::UintAuthorityId, traits::BadOrigin, DispatchError, Perbill, RuntimeAppPublic,
};
use stoa_primitives::MasterNodeRegistry;

type MasterNodesPallet = crate::Pallet<Test>;

const URI: &[u8] = b"https://finma.example/licence/42";

fn admit(operator: AccountId) -> frame_support::dispatch::DispatchResult {
	MasterNodes::admit_master_node(
		RuntimeOrigin::root(),
		operator,
		b"Helvetia Custody".to_vec(),
		jurisdiction("CH"),
		URI.to_vec(),
		[7u8; 32].into(),
	)
}

/// Registers `operator`'s session keys, with the ownership proof `pallet-session` checks.
fn set_keys(operator: AccountId) {
	let proof = UintAuthorityId(operator).sign(&operator.encode()).unwrap().encode();
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(operator), keys(operator), proof));
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

fn planned_events() -> Vec<(u32, Vec<AccountId>, Vec<AccountId>)> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::MasterNodes(Event::AuthoritySetPlanned {
				session,
				authorities,
				awaiting_keys,
			}) => Some((session, authorities, awaiting_keys)),
			_ => None,
		})
		.collect()
}

#[test]
fn genesis_admits_master_nodes_and_sets_authorities() {
	new_test_ext().execute_with(|| {
		assert_eq!(Registry::<Test>::count(), 3);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		assert_eq!(PlannedAuthorities::<Test>::get().to_vec(), vec![1, 2, 3]);
		assert!(AwaitingKeys::<Test>::get().is_empty());
		let node = Registry::<Test>::get(1).unwrap();
		assert_eq!(node.jurisdiction, jurisdiction("DE"));
		assert_eq!(node.admitted_at, 0);
	});
}

#[test]
fn admit_master_node_records_the_entity() {
	new_test_ext().execute_with(|| {
		System::set_block_number(3);
		assert_ok!(admit(10));
		let node = Registry::<Test>::get(10).unwrap();
		assert_eq!(node.name.to_vec(), b"Helvetia Custody".to_vec());
		assert_eq!(node.jurisdiction, jurisdiction("CH"));
		assert_eq!(node.licence.uri.to_vec(), URI.to_vec());
		assert_eq!(node.licence.hash, [7u8; 32].into());
		assert_eq!(node.admitted_at, 3);
		assert_eq!(Registry::<Test>::count(), 4);
		assert_eq!(
			last_event(),
			RuntimeEvent::MasterNodes(Event::MasterNodeAdmitted {
				operator: 10,
				jurisdiction: jurisdiction("CH")
			})
		);
	});
}

#[test]
fn admit_master_node_needs_the_admin_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			MasterNodes::admit_master_node(
				RuntimeOrigin::signed(1),
				10,
				b"x".to_vec(),
				jurisdiction("CH"),
				URI.to_vec(),
				Default::default()
			),
			BadOrigin
		);
		assert_noop!(
			MasterNodes::admit_master_node(
				RuntimeOrigin::none(),
				10,
				b"x".to_vec(),
				jurisdiction("CH"),
				URI.to_vec(),
				Default::default()
			),
			BadOrigin
		);
	});
}

#[test]
fn admit_master_node_refuses_duplicates_and_the_cap() {
	new_test_ext().execute_with(|| {
		assert_noop!(admit(1), Error::<Test>::AlreadyMasterNode);
		assert_ok!(admit(10));
		assert_ok!(admit(11));
		assert_ok!(admit(12));
		// MaxMasterNodes is 6.
		assert_noop!(admit(13), Error::<Test>::TooManyMasterNodes);
		assert_eq!(Registry::<Test>::count(), 6);
	});
}

#[test]
fn admit_master_node_validates_its_input() {
	new_test_ext().execute_with(|| {
		let call = |name: &[u8], code: [u8; 2], uri: &[u8]| {
			MasterNodes::admit_master_node(
				RuntimeOrigin::root(),
				10,
				name.to_vec(),
				stoa_primitives::Jurisdiction(code),
				uri.to_vec(),
				Default::default(),
			)
		};
		assert_noop!(call(b"Node", *b"XX", URI), Error::<Test>::InvalidJurisdiction);
		assert_noop!(call(b"Node", *b"de", URI), Error::<Test>::InvalidJurisdiction);
		assert_noop!(call(b"", *b"DE", URI), Error::<Test>::EmptyName);
		assert_noop!(call(&[b'n'; 17], *b"DE", URI), Error::<Test>::NameTooLong);
		assert_noop!(call(b"Node", *b"DE", b""), Error::<Test>::EmptyLicenceUri);
		assert_noop!(call(b"Node", *b"DE", &[b'u'; 33]), Error::<Test>::LicenceUriTooLong);
		// The limits themselves are accepted.
		assert_ok!(call(&[b'n'; 16], *b"DE", &[b'u'; 32]));
	});
}

#[test]
fn remove_master_node_works_and_keeps_the_floor() {
	new_test_ext().execute_with(|| {
		assert_noop!(MasterNodes::remove_master_node(RuntimeOrigin::signed(2), 1), BadOrigin);
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 42),
			Error::<Test>::NotMasterNode
		);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 1));
		assert!(!Registry::<Test>::contains_key(1));
		assert_eq!(
			last_event(),
			RuntimeEvent::MasterNodes(Event::MasterNodeRemoved { operator: 1 })
		);
		// MinMasterNodes is 2: a third removal would go below it.
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 2),
			Error::<Test>::BelowMinimum
		);
		assert_eq!(Registry::<Test>::count(), 2);
	});
}

#[test]
fn announce_departure_works_and_keeps_the_floor() {
	new_test_ext().execute_with(|| {
		assert_noop!(MasterNodes::announce_departure(RuntimeOrigin::root()), BadOrigin);
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(42)),
			Error::<Test>::NotMasterNode
		);
		assert_ok!(MasterNodes::announce_departure(RuntimeOrigin::signed(3)));
		assert_eq!(
			last_event(),
			RuntimeEvent::MasterNodes(Event::MasterNodeDeparted { operator: 3 })
		);
		assert!(!MasterNodesPallet::is_master_node(&3));
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(2)),
			Error::<Test>::BelowMinimum
		);
	});
}

#[test]
fn update_licence_replaces_the_licence() {
	new_test_ext().execute_with(|| {
		let uri = b"https://bafin.example/reg/2".to_vec();
		assert_noop!(
			MasterNodes::update_licence(RuntimeOrigin::signed(1), 1, uri.clone(), [1u8; 32].into()),
			BadOrigin
		);
		assert_noop!(
			MasterNodes::update_licence(RuntimeOrigin::root(), 42, uri.clone(), [1u8; 32].into()),
			Error::<Test>::NotMasterNode
		);
		assert_noop!(
			MasterNodes::update_licence(RuntimeOrigin::root(), 1, vec![b'u'; 33], [1u8; 32].into()),
			Error::<Test>::LicenceUriTooLong
		);
		assert_noop!(
			MasterNodes::update_licence(RuntimeOrigin::root(), 1, vec![], [1u8; 32].into()),
			Error::<Test>::EmptyLicenceUri
		);
		assert_ok!(MasterNodes::update_licence(
			RuntimeOrigin::root(),
			1,
			uri.clone(),
			[1u8; 32].into()
		));
		let node = Registry::<Test>::get(1).unwrap();
		assert_eq!(node.licence.uri.to_vec(), uri);
		assert_eq!(node.licence.hash, [1u8; 32].into());
		assert_eq!(
			last_event(),
			RuntimeEvent::MasterNodes(Event::LicenceUpdated {
				operator: 1,
				licence_hash: [1u8; 32].into()
			})
		);
	});
}

#[test]
fn an_admitted_node_joins_the_set_once_it_has_keys() {
	new_test_ext().execute_with(|| {
		assert_ok!(admit(10));

		// Without keys, the next planned set leaves it out and says so.
		run_to_session(1);
		assert_eq!(PlannedAuthorities::<Test>::get().to_vec(), vec![1, 2, 3]);
		assert_eq!(AwaitingKeys::<Test>::get().to_vec(), vec![10]);
		assert_eq!(planned_events().last().unwrap(), &(2, vec![1, 2, 3], vec![10]));

		set_keys(10);
		run_to_session(2);
		// Planned at the start of session 2 for session 3.
		assert_eq!(PlannedAuthorities::<Test>::get().to_vec(), vec![1, 2, 3, 10]);
		assert!(AwaitingKeys::<Test>::get().is_empty());
		assert_eq!(Session::validators(), vec![1, 2, 3]);

		run_to_session(3);
		assert_eq!(Session::validators(), vec![1, 2, 3, 10]);
	});
}

#[test]
fn a_removed_node_leaves_the_set_at_the_session_boundary() {
	new_test_ext().execute_with(|| {
		MinMasterNodes::set(1);
		run_to_session(1);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 2));
		assert_ok!(MasterNodes::announce_departure(RuntimeOrigin::signed(3)));
		// Nothing changes mid-session.
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		run_to_block(System::block_number() + 1);
		assert_eq!(Session::validators(), vec![1, 2, 3]);

		run_to_session(2);
		assert_eq!(PlannedAuthorities::<Test>::get().to_vec(), vec![1]);
		assert_eq!(Session::validators(), vec![1, 2, 3]);
		run_to_session(3);
		assert_eq!(Session::validators(), vec![1]);
	});
}

#[test]
fn the_set_is_kept_when_no_master_node_has_keys() {
	new_test_ext().execute_with(|| {
		// The removal floor keeps a keyed author, but the one left can still purge its own
		// keys (pallet-session does not ask this pallet).
		MinMasterNodes::set(1);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 2));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 3));
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(1)));
		run_to_session(1);
		assert!(System::events()
			.iter()
			.any(|r| r.event == RuntimeEvent::MasterNodes(Event::AuthoritySetKept { session: 2 })));
		assert_eq!(AwaitingKeys::<Test>::get().to_vec(), vec![1]);
		// Rather than an empty set (a halted chain), the old authorities with keys keep
		// authoring, removed ones included.
		run_to_session(3);
		assert_eq!(Session::validators(), vec![2, 3]);

		// Once an admitted node has keys again, it takes over and the removed nodes stop.
		set_keys(1);
		run_to_session(5);
		assert_eq!(Session::validators(), vec![1]);
	});
}

#[test]
fn removal_is_refused_if_no_other_master_node_has_keys() {
	new_test_ext().execute_with(|| {
		// The case: the only keyed node is removed while the newcomer has no keys.
		// Counting admitted nodes (2 of them would remain) is not enough.
		MinMasterNodes::set(1);
		assert_ok!(admit(10));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 1));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 2));
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 3),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(3)),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		assert!(Registry::<Test>::contains_key(3));

		// The keyless newcomer itself may go: node 3 still authors.
		assert_ok!(admit(11));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 11));
	});
}

#[test]
fn departure_is_refused_below_min_master_nodes_with_keys() {
	new_test_ext().execute_with(|| {
		// MinMasterNodes is 2; five admitted nodes, three of them with keys.
		assert_ok!(admit(10));
		assert_ok!(admit(11));
		assert_ok!(MasterNodes::announce_departure(RuntimeOrigin::signed(1)));
		// Four admitted nodes would leave three, but only node 3 with keys.
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(2)),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 3),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		// A keyless node may still leave: nodes 2 and 3 keep their keys.
		assert_ok!(MasterNodes::announce_departure(RuntimeOrigin::signed(10)));

		// Once the newcomer sets keys, it counts.
		set_keys(11);
		assert_ok!(MasterNodes::announce_departure(RuntimeOrigin::signed(2)));
		assert_eq!(
			last_event(),
			RuntimeEvent::MasterNodes(Event::MasterNodeDeparted { operator: 2 })
		);
		// Two nodes left: the admitted floor is checked first.
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(3)),
			Error::<Test>::BelowMinimum
		);
	});
}

#[test]
fn purged_keys_do_not_count_towards_the_floor() {
	new_test_ext().execute_with(|| {
		MinMasterNodes::set(1);
		assert_ok!(admit(10));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 1));
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(3)));
		// Node 2 is the only admitted node with keys.
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 3));
	});
}

#[test]
fn a_zero_floor_still_keeps_one_keyed_master_node() {
	new_test_ext().execute_with(|| {
		// A misconfigured floor of 0 (integrity_test refuses it) must not let the last keyed
		// node go.
		MinMasterNodes::set(0);
		assert_ok!(admit(10));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 1));
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 2));
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 3),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 10));
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(3)),
			Error::<Test>::TooFewKeyedMasterNodes
		);
	});
}

#[test]
fn a_removed_node_stops_authoring_once_a_keyed_successor_is_in() {
	new_test_ext().execute_with(|| {
		// Governance replaces every master node by node 10.
		MinMasterNodes::set(1);
		assert_ok!(admit(10));
		for operator in [1, 2] {
			assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), operator));
		}
		// Node 3 cannot be removed before its successor has keys...
		assert_noop!(
			MasterNodes::remove_master_node(RuntimeOrigin::root(), 3),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		// ...and can once it has: the next planned set is the successor alone.
		set_keys(10);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 3));
		let now = Session::current_index();
		run_to_session(now + 1);
		assert_eq!(PlannedAuthorities::<Test>::get().to_vec(), vec![10]);
		assert!(!System::events()
			.iter()
			.any(|r| matches!(r.event, RuntimeEvent::MasterNodes(Event::AuthoritySetKept { .. }))));
		// Two boundaries after the removal, none of the removed nodes authors.
		run_to_session(now + 2);
		assert_eq!(Session::validators(), vec![10]);
		run_to_session(now + 4);
		assert_eq!(Session::validators(), vec![10]);
	});
}

#[test]
fn removal_scans_a_full_register() {
	new_test_ext().execute_with(|| {
		// MaxMasterNodes is 6: three keyed genesis nodes and three without keys.
		assert_ok!(admit(10));
		assert_ok!(admit(11));
		assert_ok!(admit(12));
		assert_eq!(MasterNodesPallet::keyed_master_nodes_besides(&10), 3);
		assert_eq!(MasterNodesPallet::keyed_master_nodes_besides(&1), 2);
		assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), 1));
		assert_eq!(MasterNodesPallet::keyed_master_nodes_besides(&2), 1);
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::signed(2)),
			Error::<Test>::TooFewKeyedMasterNodes
		);
		assert_ok!(MasterNodes::announce_departure(RuntimeOrigin::signed(10)));
	});
}

#[test]
fn the_registry_trait_reads_the_register() {
	new_test_ext().execute_with(|| {
		assert!(MasterNodesPallet::is_master_node(&1));
		assert!(!MasterNodesPallet::is_master_node(&10));
		assert_eq!(MasterNodesPallet::jurisdiction_of(&1), Some(jurisdiction("DE")));
		assert_eq!(MasterNodesPallet::jurisdiction_of(&10), None);
		assert_eq!(<MasterNodesPallet as MasterNodeRegistry<AccountId>>::count(), 3);
	});
}

#[test]
#[should_panic(expected = "duplicate genesis master node")]
fn genesis_refuses_duplicates() {
	let node = crate::GenesisMasterNode {
		operator: 1u64,
		name: "A".into(),
		jurisdiction: jurisdiction("DE"),
		licence_uri: "u".into(),
		licence_hash: Default::default(),
	};
	let _ = sp_runtime::BuildStorage::build_storage(&crate::GenesisConfig::<Test> {
		master_nodes: vec![node.clone(), node],
	});
}

#[test]
#[should_panic(expected = "valid name, jurisdiction and licence")]
fn genesis_refuses_invalid_records() {
	let node = |operator| crate::GenesisMasterNode {
		operator,
		name: "".into(),
		jurisdiction: jurisdiction("DE"),
		licence_uri: "u".into(),
		licence_hash: Default::default(),
	};
	let _ = sp_runtime::BuildStorage::build_storage(&crate::GenesisConfig::<Test> {
		master_nodes: vec![node(1u64), node(2)],
	});
}

#[test]
fn unsigned_departure_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			MasterNodes::announce_departure(RuntimeOrigin::none()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_runtime_api_lists_every_master_node_with_its_authoring_status() {
	new_test_ext().execute_with(|| {
		System::set_block_number(3);
		assert_ok!(admit(10));
		let mut nodes = MasterNodes::master_nodes_info();
		nodes.sort_by_key(|n| n.operator);
		assert_eq!(nodes.iter().map(|n| n.operator).collect::<Vec<_>>(), vec![1, 2, 3, 10]);
		// Genesis nodes author; the new one has no session keys yet.
		assert!(nodes[..3].iter().all(|n| n.authoring && !n.awaiting_keys));
		let new = &nodes[3];
		assert_eq!(new.name, b"Helvetia Custody".to_vec());
		assert_eq!(new.jurisdiction, jurisdiction("CH"));
		assert_eq!(new.licence_uri, URI.to_vec());
		assert_eq!(new.admitted_at, 3);
		assert!(!new.authoring);
	});
}

#[test]
fn sessions_rotate_at_the_same_boundary_blocks_as_periodic_sessions() {
	new_test_ext().execute_with(|| {
		// PeriodicSessions<5, 0>, which pallet-session used to apply itself: session k
		// starts at block 5k.
		for block in 2..=21u64 {
			run_to_block(block);
			assert_eq!(Session::current_index() as u64, block / SESSION_PERIOD, "block {block}");
		}
		let new_sessions: Vec<u32> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Session(pallet_session::Event::NewSession { session_index }) => {
					Some(session_index)
				},
				_ => None,
			})
			.collect();
		// Once per boundary: nothing else rotates.
		assert_eq!(new_sessions, vec![1, 2, 3, 4]);
		// Each boundary planned the set after next, once.
		assert_eq!(
			planned_events().iter().map(|(session, ..)| *session).collect::<Vec<_>>(),
			vec![2, 3, 4, 5]
		);
	});
}

#[test]
fn this_pallet_rotates_and_pallet_session_books_nothing() {
	new_test_ext().execute_with(|| {
		run_to_block(SESSION_PERIOD - 1);
		System::set_block_number(SESSION_PERIOD);
		// pallet-session no longer rotates, nor claims the block.
		assert_eq!(<Session as Hooks<u64>>::on_initialize(SESSION_PERIOD), Weight::zero());
		assert_eq!(Session::current_index(), 0);

		let weight = <MasterNodes as Hooks<u64>>::on_initialize(SESSION_PERIOD);
		assert_eq!(Session::current_index(), 1);
		// The benchmarked rotation, for the three keyed genesis nodes...
		assert_eq!(weight, <() as WeightInfo>::rotate_session(3));
		// ...far below what pallet-session booked (the whole block).
		let max_block = <<Test as frame_system::Config>::BlockWeights as Get<
			frame_system::limits::BlockWeights,
		>>::get()
		.max_block;
		assert!(weight.all_lt(Perbill::from_percent(5) * max_block), "{weight:?}");
	});
}

#[test]
fn blocks_between_boundaries_book_one_read_and_rotate_nothing() {
	new_test_ext().execute_with(|| {
		for block in 2..SESSION_PERIOD {
			System::set_block_number(block);
			assert_eq!(
				<MasterNodes as Hooks<u64>>::on_initialize(block),
				<<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get().reads(1)
			);
		}
		assert_eq!(Session::current_index(), 0);
		assert!(planned_events().is_empty());
	});
}

#[test]
fn a_rotation_is_weighed_at_the_larger_of_the_register_and_the_queued_set() {
	new_test_ext().execute_with(|| {
		MinMasterNodes::set(1);
		// Three admitted and three queued.
		assert_eq!(MasterNodesPallet::rotation_size(), 3);
		// A bigger register counts (every node's keys are read when planning)...
		assert_ok!(admit(10));
		assert_ok!(admit(11));
		assert_eq!(MasterNodesPallet::rotation_size(), 5);
		// ...and so does a bigger queued set (it becomes the current set, removed nodes in it).
		for operator in [10, 11, 2, 3] {
			assert_ok!(MasterNodes::remove_master_node(RuntimeOrigin::root(), operator));
		}
		assert_eq!(Registry::<Test>::count(), 1);
		assert_eq!(MasterNodesPallet::rotation_size(), 3);
		System::set_block_number(SESSION_PERIOD);
		assert_eq!(
			<MasterNodes as Hooks<u64>>::on_initialize(SESSION_PERIOD),
			<() as WeightInfo>::rotate_session(3)
		);
		// The set queued now is node 1 alone.
		assert_eq!(MasterNodesPallet::rotation_size(), 1);
	});
}
