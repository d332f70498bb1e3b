//! Governance on the real runtime: a chain with no sudo key (`local_testnet`) is governed by
//! its regulators' council, each power with its threshold (docs/governance.md); institutions
//! act through multisig accounts and proxies whose kinds narrow what a delegate may sign.

mod common;
use common::*;

use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::InstanceFilter};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{traits::Hash, AccountId32, DispatchError, DispatchResult};
use stoa_primitives::{BlockReason, CredentialKind, Jurisdiction, ProxyType};
use stoa_runtime::{
	Council, Credentials, Issuance, Multisig, Proxy, Runtime, RuntimeCall, RuntimeEvent, Sudo,
	System,
};

type CouncilEvent = pallet_collective::Event<Runtime, pallet_collective::Instance1>;

fn account(k: Sr25519Keyring) -> AccountId32 {
	k.to_account_id()
}

/// The `local_testnet` chain (no sudo key; council Alice, Bob, Charlie) at block 1.
fn council_chain() -> sp_io::TestExternalities {
	let mut ext = genesis_of("local_testnet");
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `call` as a council motion that exactly `ayes` vote for (the first proposes it),
/// and returns the dispatched call's result; `Err(())` if the motion did not pass.
fn motion(call: RuntimeCall, ayes: &[Sr25519Keyring]) -> Result<DispatchResult, ()> {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let weight = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call).call_weight;
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	let proposer = signed(&account(ayes[0]));
	assert_ok!(Council::propose(proposer.clone(), ayes.len() as u32, Box::new(call), length));
	if ayes.len() > 1 {
		for voter in ayes {
			assert_ok!(Council::vote(signed(&account(*voter)), hash, index, true));
		}
		assert_ok!(Council::close(proposer, hash, index, weight, length));
	}
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Council(CouncilEvent::Executed { proposal_hash, result })
				if proposal_hash == hash =>
			{
				Some(result)
			},
			_ => None,
		})
		.ok_or(())
}

/// One council member, alone (`council.execute`).
fn member_executes(member: Sr25519Keyring, call: RuntimeCall) -> DispatchResult {
	let length = call.encoded_size() as u32;
	assert_ok!(Council::execute(signed(&account(member)), Box::new(call), length));
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Council(CouncilEvent::MemberExecuted { result, .. }) => Some(result),
			_ => None,
		})
		.expect("execute dispatched the call")
}

/// Root through the council: a motion whitelists `call` and dispatches it; the root call's
/// own result is the whitelist's event's.
fn as_root(call: RuntimeCall, ayes: &[Sr25519Keyring]) -> Result<DispatchResult, ()> {
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let motion_result = motion(
		RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::Whitelist(pallet_whitelist::Call::whitelist_call { call_hash: hash }),
				RuntimeCall::Whitelist(
					pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage {
						call: Box::new(call),
					},
				),
			],
		}),
		ayes,
	)?;
	if motion_result.is_err() {
		return Ok(motion_result);
	}
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Whitelist(pallet_whitelist::Event::WhitelistedCallDispatched {
				call_hash,
				result,
			}) if call_hash == hash => Some(result.map(|_| ()).map_err(|e| e.error)),
			_ => None,
		})
		.ok_or(())
}

fn admit(operator: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::MasterNodes(pallet_master_nodes::Call::admit_master_node {
		operator: account(operator),
		name: b"Ferdie Exchange".to_vec(),
		jurisdiction: Jurisdiction::try_from("US").unwrap(),
		licence_uri: b"https://sec.example/ferdie".to_vec(),
		licence_hash: [1u8; 32].into(),
	})
}

fn trust(shard: u32) -> RuntimeCall {
	RuntimeCall::ShardCredentials(pallet_shard_credentials::Call::trust_shard { shard })
}

fn add_member(who: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
		who: sp_runtime::MultiAddress::Id(account(who)),
	})
}

const BAD_ORIGIN: Result<DispatchResult, ()> = Ok(Err(DispatchError::BadOrigin));

#[test]
fn without_sudo_the_council_admits_master_nodes_by_majority() {
	council_chain().execute_with(|| {
		assert_noop!(
			Sudo::sudo(signed(&account(Alice)), Box::new(admit(Ferdie))),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
		// Neither one member alone nor a non-member can.
		assert_eq!(member_executes(Alice, admit(Ferdie)), Err(DispatchError::BadOrigin));
		assert_noop!(
			Council::propose(signed(&account(Ferdie)), 2, Box::new(admit(Ferdie)), 1_000),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		// A motion proposed with too low a threshold is dispatched, and refused by the call.
		assert_eq!(motion(admit(Ferdie), &[Alice]), BAD_ORIGIN);
		assert_eq!(motion(admit(Ferdie), &[Alice, Bob]), Ok(Ok(())));
		assert!(pallet_master_nodes::MasterNodes::<Runtime>::contains_key(account(Ferdie)));
		let remove = RuntimeCall::MasterNodes(pallet_master_nodes::Call::remove_master_node {
			operator: account(Ferdie),
		});
		assert_eq!(motion(remove, &[Bob, Charlie]), Ok(Ok(())));
		assert!(!pallet_master_nodes::MasterNodes::<Runtime>::contains_key(account(Ferdie)));
	});
}

#[test]
fn each_power_asks_for_its_share_of_the_council() {
	council_chain().execute_with(|| {
		// Five members (a two-thirds change of the council), so that a majority (3) and two
		// thirds (4) differ.
		assert_eq!(motion(add_member(Dave), &[Alice, Bob]), Ok(Ok(())));
		assert_eq!(motion(add_member(Eve), &[Alice, Bob, Charlie]), Ok(Ok(())));
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
			5
		);

		let majority = [Alice, Bob, Charlie];
		let two_thirds = [Alice, Bob, Charlie, Dave];
		let bafin = AccountId32::new([0xBA; 32]);
		let majority_powers = vec![
			admit(Ferdie),
			RuntimeCall::Issuance(pallet_issuance::Call::register_regulator {
				regulator: bafin.clone(),
				jurisdiction: Jurisdiction::try_from("DE").unwrap(),
				name: b"BaFin".to_vec(),
			}),
			RuntimeCall::Credentials(pallet_credentials::Call::register_qualifier {
				account: account(Eve),
				name: b"Eve KYC".to_vec(),
				jurisdictions: vec![Jurisdiction::try_from("JP").unwrap()],
				kinds: vec![CredentialKind::Kyc],
			}),
			RuntimeCall::Credentials(pallet_credentials::Call::register_credential_kind {
				name: b"qualified-purchaser".to_vec(),
			}),
			RuntimeCall::Assets(pallet_assets::Call::force_create {
				id: 7.into(),
				owner: sp_runtime::MultiAddress::Id(account(Bob)),
				is_sufficient: true,
				min_balance: 1,
			}),
		];
		for call in majority_powers {
			assert_eq!(motion(call.clone(), &[Alice, Bob]), BAD_ORIGIN, "{call:?}");
			assert_eq!(motion(call.clone(), &majority), Ok(Ok(())), "{call:?}");
		}
		assert!(pallet_issuance::Regulators::<Runtime>::contains_key(&bafin));
		assert!(pallet_assets::Asset::<Runtime>::contains_key(7));

		// Trusting another shard's credentials: two thirds.
		assert_eq!(motion(trust(2001), &majority), BAD_ORIGIN);
		assert_eq!(motion(trust(2001), &two_thirds), Ok(Ok(())));
		// Changing the council: two thirds.
		assert_eq!(motion(add_member(Ferdie), &majority), BAD_ORIGIN);
		// Root (a storage parameter): two thirds, through the whitelist.
		let set = RuntimeCall::System(frame_system::Call::set_storage {
			items: vec![(b":SessionPeriod:".to_vec(), 5u32.encode())],
		});
		assert_eq!(as_root(set.clone(), &majority), BAD_ORIGIN);
		assert_eq!(as_root(set, &two_thirds), Ok(Ok(())));
		assert_eq!(frame_support::storage::unhashed::get::<u32>(b":SessionPeriod:"), Some(5));
	});
}

#[test]
fn a_runtime_upgrade_is_authorized_by_two_thirds_of_the_council_as_root() {
	council_chain().execute_with(|| {
		let code_hash = [0x55u8; 32].into();
		let authorize = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		// Root only: no council origin passes it directly.
		assert_eq!(motion(authorize.clone(), &[Alice, Bob, Charlie]), BAD_ORIGIN);
		assert_eq!(as_root(authorize, &[Alice, Bob]), Ok(Ok(())));
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash: h, .. })
				if *h == code_hash
		)));
	});
}

#[test]
fn one_member_blocks_a_protocol_holder_and_only_a_majority_lifts_it() {
	council_chain().execute_with(|| {
		let pool = AccountId32::new([0x90; 32]);
		assert_ok!(Credentials::register_protocol_holder(
			signed(&account(Dave)),
			pool.clone(),
			b"AMM".to_vec()
		));
		let block = RuntimeCall::Credentials(pallet_credentials::Call::block_protocol_holder {
			account: pool.clone(),
			reason: BlockReason::ProtocolMisbehaviour,
		});
		// A non-member cannot.
		assert_noop!(
			Council::execute(signed(&account(Dave)), Box::new(block.clone()), 1_000),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		assert_eq!(member_executes(Charlie, block), Ok(()));
		assert!(!<Credentials as stoa_primitives::CredentialRegistry<_>>::is_protocol_holder(
			&pool
		));
		// The member alone cannot make it final, nor undo it.
		let unblock = RuntimeCall::Credentials(pallet_credentials::Call::unblock_protocol_holder {
			account: pool.clone(),
		});
		let settle =
			RuntimeCall::Credentials(pallet_credentials::Call::settle_protocol_holder_block {
				account: pool.clone(),
				slash: true,
			});
		assert_eq!(member_executes(Charlie, unblock.clone()), Err(DispatchError::BadOrigin));
		assert_eq!(member_executes(Charlie, settle), Err(DispatchError::BadOrigin));
		assert_eq!(motion(unblock, &[Alice, Bob]), Ok(Ok(())));
		assert!(<Credentials as stoa_primitives::CredentialRegistry<_>>::is_protocol_holder(&pool));
	});
}

/// What each proxy kind may sign, call by call.
#[test]
fn each_proxy_kind_admits_only_its_calls() {
	let security = 0;
	let transfer = RuntimeCall::Issuance(pallet_issuance::Call::transfer {
		security,
		to: account(Bob),
		amount: 1,
	});
	let issue = RuntimeCall::Issuance(pallet_issuance::Call::issue {
		security,
		to: account(Bob),
		amount: 1,
	});
	let forced = RuntimeCall::Issuance(pallet_issuance::Call::forced_transfer {
		security,
		from: account(Bob),
		to: account(Charlie),
		amount: 1,
		reason: pallet_issuance::ForcedTransferReason::CourtOrder,
	});
	let subscribe =
		RuntimeCall::Issuance(pallet_issuance::Call::subscribe { offering: 0, units: 1 });
	let pay = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: sp_runtime::MultiAddress::Id(account(Bob)),
		value: 1,
	});
	let attest = RuntimeCall::Credentials(pallet_credentials::Call::attest {
		investor: 1,
		kind: CredentialKind::Kyc,
		expires_at: None,
		evidence: Default::default(),
	});
	let register_qualifier =
		RuntimeCall::Credentials(pallet_credentials::Call::register_credential_kind {
			name: b"x".to_vec(),
		});
	let vote = RuntimeCall::Council(pallet_collective::Call::vote {
		proposal: Default::default(),
		index: 0,
		approve: true,
	});
	let set_rules = RuntimeCall::Compliance(pallet_compliance::Call::set_rules {
		security,
		rules: Default::default(),
	});
	let reject = RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement {
		delegate: sp_runtime::MultiAddress::Id(account(Bob)),
		call_hash: Default::default(),
	});
	let xcm = RuntimeCall::PolkadotXcm(pallet_xcm::Call::force_default_xcm_version {
		maybe_xcm_version: None,
	});
	let set_agent = RuntimeCall::Issuance(pallet_issuance::Call::set_agent {
		security,
		agent: account(Bob),
		roles: pallet_issuance::AgentRoles {
			issuance: true,
			compliance: true,
			transfer: true,
			corporate_actions: true,
		},
	});
	let split = RuntimeCall::CorporateActions(pallet_corporate_actions::Call::split {
		security,
		numerator: 2,
		denominator: 1,
	});
	let claim =
		RuntimeCall::CorporateActions(pallet_corporate_actions::Call::claim { distribution: 0 });
	let nested_proxy = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
		real: sp_runtime::MultiAddress::Id(account(Charlie)),
		force_proxy_type: None,
		call: Box::new(pay.clone()),
	});
	let multisig_of_one = RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
		other_signatories: vec![account(Charlie)],
		call: Box::new(pay.clone()),
	});
	let multisig_approval = RuntimeCall::Multisig(pallet_multisig::Call::approve_as_multi {
		threshold: 2,
		other_signatories: vec![account(Charlie)],
		maybe_timepoint: None,
		call_hash: [0; 32],
		max_weight: Default::default(),
	});
	let multisig_cancel = RuntimeCall::Multisig(pallet_multisig::Call::cancel_as_multi {
		threshold: 2,
		other_signatories: vec![account(Charlie)],
		timepoint: Default::default(),
		call_hash: [0; 32],
	});

	use ProxyType::*;
	let cases: Vec<(&str, &RuntimeCall, [bool; 6])> = vec![
		//                      Any   NonTr  Issu   Gov    Qual   Cancel
		("transfer", &transfer, [true, false, false, false, false, false]),
		("issue", &issue, [true, false, true, false, false, false]),
		("forced transfer", &forced, [true, false, true, false, false, false]),
		("subscribe", &subscribe, [true, false, false, false, false, false]),
		("balances", &pay, [true, false, false, false, false, false]),
		("attest", &attest, [true, true, false, false, true, false]),
		("qualifier admin", &register_qualifier, [true, true, false, false, false, false]),
		("council vote", &vote, [true, true, false, true, false, false]),
		("set rules", &set_rules, [true, false, true, false, false, false]),
		("reject announcement", &reject, [true, true, false, false, false, true]),
		("xcm", &xcm, [true, false, false, false, false, false]),
		// Appointing an agent is the issuer's own act: an agent's roles outlive any proxy.
		("set agent", &set_agent, [true, false, false, false, false, false]),
		("split", &split, [true, false, true, false, false, false]),
		("claim a distribution", &claim, [true, true, false, false, false, false]),
		// Signing for another account, or approving a call seen only as a hash, would
		// escape the kind's filter: only `Any` may.
		("nested proxy", &nested_proxy, [true, false, false, false, false, false]),
		("multisig of one", &multisig_of_one, [true, false, false, false, false, false]),
		("multisig approval", &multisig_approval, [true, false, false, false, false, false]),
		("multisig cancel", &multisig_cancel, [true, true, false, false, false, true]),
	];
	for (name, call, expected) in cases {
		for (kind, allowed) in [Any, NonTransfer, Issuance, Governance, Qualifier, CancelProxy]
			.into_iter()
			.zip(expected)
		{
			assert_eq!(kind.filter(call), allowed, "{kind:?} proxy, {name}");
		}
	}
	// A batch passes the filter only as a wrapper: its calls are filtered one by one.
	let batch = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![pay] });
	assert!(Qualifier.filter(&batch));
	// Supersets: who may add or remove which proxies.
	assert!(Any.is_superset(&Issuance));
	assert!(NonTransfer.is_superset(&Qualifier));
	assert!(!NonTransfer.is_superset(&Issuance));
	assert!(!Issuance.is_superset(&NonTransfer));
	assert!(!Qualifier.is_superset(&Any));
}

fn proxy_result() -> DispatchResult {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("the proxy call ran")
}

fn call_filtered() -> DispatchError {
	frame_system::Error::<Runtime>::CallFiltered.into()
}

#[test]
fn a_qualifiers_staff_attest_through_qualifier_proxies() {
	dev_chain().execute_with(|| {
		set_time(1_800_000_000);
		let (qualifier, staff) = (account(Ferdie), AccountId32::new([0x51; 32]));
		assert_ok!(pallet_balances::Pallet::<Runtime>::transfer_keep_alive(
			signed(&account(Alice)),
			sp_runtime::MultiAddress::Id(staff.clone()),
			10 * stoa_runtime::UNIT,
		));
		assert_ok!(Proxy::add_proxy(
			signed(&qualifier),
			sp_runtime::MultiAddress::Id(staff.clone()),
			ProxyType::Qualifier,
			0
		));
		// Dev KYC (Ferdie) attests investor 2's accredited-investor status through its staff.
		let attest = RuntimeCall::Credentials(pallet_credentials::Call::attest {
			investor: 2,
			kind: CredentialKind::AccreditedInvestor,
			expires_at: None,
			evidence: [9u8; 32].into(),
		});
		assert_ok!(Proxy::proxy(
			signed(&staff),
			sp_runtime::MultiAddress::Id(qualifier.clone()),
			None,
			Box::new(attest)
		));
		assert_eq!(proxy_result(), Ok(()));
		assert!(pallet_credentials::Credentials::<Runtime>::contains_key(
			2,
			CredentialKind::AccreditedInvestor
		));
		// The staff cannot spend the qualifier's money, not even inside a batch.
		let pay = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(staff.clone()),
			value: stoa_runtime::UNIT,
		});
		assert_ok!(Proxy::proxy(
			signed(&staff),
			sp_runtime::MultiAddress::Id(qualifier.clone()),
			None,
			Box::new(pay.clone())
		));
		assert_eq!(proxy_result(), Err(call_filtered()));
		assert_ok!(Proxy::proxy(
			signed(&staff),
			sp_runtime::MultiAddress::Id(qualifier.clone()),
			None,
			Box::new(RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![pay] }))
		));
		assert_eq!(proxy_result(), Err(call_filtered()));
		// Nor give itself more powers.
		let escalate = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: sp_runtime::MultiAddress::Id(staff.clone()),
			proxy_type: ProxyType::Any,
			delay: 0,
		});
		assert_ok!(Proxy::proxy(
			signed(&staff),
			sp_runtime::MultiAddress::Id(qualifier),
			None,
			Box::new(escalate)
		));
		assert_eq!(proxy_result(), Err(call_filtered()));
	});
}

#[test]
fn a_custodian_with_a_non_transfer_proxy_cannot_move_an_investors_units() {
	dev_chain().execute_with(|| {
		let security = alice_securities_ag();
		let (investor, custodian) = (account(Bob), account(Dave));
		assert_ok!(Issuance::issue(signed(&account(Alice)), security, investor.clone(), 100));
		assert_ok!(Proxy::add_proxy(
			signed(&investor),
			sp_runtime::MultiAddress::Id(custodian.clone()),
			ProxyType::NonTransfer,
			0
		));
		let transfer = RuntimeCall::Issuance(pallet_issuance::Call::transfer {
			security,
			to: account(Charlie),
			amount: 10,
		});
		assert_ok!(Proxy::proxy(
			signed(&custodian),
			sp_runtime::MultiAddress::Id(investor.clone()),
			None,
			Box::new(transfer.clone())
		));
		assert_eq!(proxy_result(), Err(call_filtered()));
		assert_eq!(
			<Issuance as stoa_primitives::SecurityRegistry<_, _>>::balance_of(security, &investor),
			100
		);
		// With an `Any` proxy the custodian may transfer for the investor; the transfer still
		// goes through compliance like the investor's own.
		assert_ok!(Proxy::add_proxy(
			signed(&investor),
			sp_runtime::MultiAddress::Id(custodian.clone()),
			ProxyType::Any,
			0
		));
		assert_ok!(Proxy::proxy(
			signed(&custodian),
			sp_runtime::MultiAddress::Id(investor.clone()),
			Some(ProxyType::Any),
			Box::new(transfer)
		));
		assert_eq!(proxy_result(), Ok(()));
		assert_eq!(
			<Issuance as stoa_primitives::SecurityRegistry<_, _>>::balance_of(security, &investor),
			90
		);
		// A proxy of an account that is no security's agent cannot issue.
		assert_ok!(Proxy::add_proxy(
			signed(&investor),
			sp_runtime::MultiAddress::Id(custodian.clone()),
			ProxyType::Issuance,
			0
		));
		assert_ok!(Proxy::proxy(
			signed(&custodian),
			sp_runtime::MultiAddress::Id(investor),
			Some(ProxyType::Issuance),
			Box::new(RuntimeCall::Issuance(pallet_issuance::Call::issue {
				security,
				to: account(Charlie),
				amount: 1
			}))
		));
		assert_eq!(proxy_result(), Err(pallet_issuance::Error::<Runtime>::MissingRole.into()));
	});
}

/// A non-transfer delegate cannot reach money through its principal's other powers: another
/// account the principal may act for, a multisig of one, or an agent appointment.
#[test]
fn a_non_transfer_proxy_cannot_escape_through_nested_proxies_multisigs_or_agents() {
	dev_chain().execute_with(|| {
		let security = alice_securities_ag();
		let (issuer, delegate, vault) = (account(Alice), account(Dave), account(Charlie));
		assert_ok!(Issuance::issue(signed(&issuer), security, account(Bob), 100));
		// The issuer has a non-transfer delegate, and may itself act for a vault.
		assert_ok!(Proxy::add_proxy(
			signed(&issuer),
			sp_runtime::MultiAddress::Id(delegate.clone()),
			ProxyType::NonTransfer,
			0
		));
		assert_ok!(Proxy::add_proxy(
			signed(&vault),
			sp_runtime::MultiAddress::Id(issuer.clone()),
			ProxyType::Any,
			0
		));
		let vault_balance = pallet_balances::Pallet::<Runtime>::free_balance(&vault);
		let drain = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(delegate.clone()),
			value: stoa_runtime::UNIT,
		});
		let as_issuer = |call: RuntimeCall| {
			assert_ok!(Proxy::proxy(
				signed(&delegate),
				sp_runtime::MultiAddress::Id(issuer.clone()),
				None,
				Box::new(call)
			));
			proxy_result()
		};
		let through_vault = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: sp_runtime::MultiAddress::Id(vault.clone()),
			force_proxy_type: None,
			call: Box::new(drain.clone()),
		});
		assert_eq!(as_issuer(through_vault), Err(call_filtered()));
		let multisig_of_one = RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
			other_signatories: vec![vault.clone()],
			call: Box::new(drain),
		});
		assert_eq!(as_issuer(multisig_of_one), Err(call_filtered()));
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&vault), vault_balance);
		// Nor appoint itself an agent with the power to force transfers, nor issue.
		let appoint = RuntimeCall::Issuance(pallet_issuance::Call::set_agent {
			security,
			agent: delegate.clone(),
			roles: pallet_issuance::AgentRoles {
				issuance: true,
				compliance: false,
				transfer: true,
				corporate_actions: false,
			},
		});
		assert_eq!(as_issuer(appoint.clone()), Err(call_filtered()));
		assert!(pallet_issuance::Agents::<Runtime>::get(security, &delegate).is_none());
		let issue = RuntimeCall::Issuance(pallet_issuance::Call::issue {
			security,
			to: account(Bob),
			amount: 1,
		});
		assert_eq!(as_issuer(issue), Err(call_filtered()));
		// An issuance delegate runs the security, but cannot appoint agents either.
		assert_ok!(Proxy::add_proxy(
			signed(&issuer),
			sp_runtime::MultiAddress::Id(delegate.clone()),
			ProxyType::Issuance,
			0
		));
		assert_ok!(Proxy::proxy(
			signed(&delegate),
			sp_runtime::MultiAddress::Id(issuer.clone()),
			Some(ProxyType::Issuance),
			Box::new(appoint)
		));
		assert_eq!(proxy_result(), Err(call_filtered()));
		assert!(pallet_issuance::Agents::<Runtime>::get(security, &delegate).is_none());
		assert_eq!(
			<Issuance as stoa_primitives::SecurityRegistry<_, _>>::balance_of(
				security,
				&account(Bob)
			),
			100
		);
	});
}

#[test]
fn a_multisig_issuer_issues_when_two_of_three_approve() {
	dev_chain().execute_with(|| {
		let security = alice_securities_ag();
		let signatories = [account(Alice), account(Bob), account(Charlie)];
		// The account derives from the sorted signatories and the threshold: no key for it
		// exists.
		let mut sorted = signatories.to_vec();
		sorted.sort();
		let multisig = Multisig::multi_account_id(&sorted, 2);
		let others = |who: usize| {
			let mut rest: Vec<_> = signatories
				.iter()
				.enumerate()
				.filter(|(i, _)| *i != who)
				.map(|(_, a)| a.clone())
				.collect();
			rest.sort();
			rest
		};
		// The issuer (investor 0) names the multisig account its transfer agent.
		assert_ok!(Issuance::set_agent(
			signed(&account(Alice)),
			security,
			multisig.clone(),
			pallet_issuance::AgentRoles {
				issuance: true,
				compliance: false,
				transfer: false,
				corporate_actions: false
			}
		));
		let issue = RuntimeCall::Issuance(pallet_issuance::Call::issue {
			security,
			to: account(Bob),
			amount: 500,
		});
		let weight =
			frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&issue).call_weight;
		// One approval does nothing yet.
		assert_ok!(Multisig::as_multi(
			signed(&account(Alice)),
			2,
			others(0),
			None,
			Box::new(issue.clone()),
			weight
		));
		assert_eq!(
			<Issuance as stoa_primitives::SecurityRegistry<_, _>>::balance_of(
				security,
				&account(Bob)
			),
			0
		);
		let timepoint = Multisig::timepoint();
		assert_ok!(Multisig::as_multi(
			signed(&account(Charlie)),
			2,
			others(2),
			Some(timepoint),
			Box::new(issue),
			weight
		));
		assert_eq!(
			<Issuance as stoa_primitives::SecurityRegistry<_, _>>::balance_of(
				security,
				&account(Bob)
			),
			500
		);
		// The units were issued by the multisig, as the security's agent.
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Multisig(pallet_multisig::Event::MultisigExecuted { result: Ok(()), .. })
		)));
	});
}
