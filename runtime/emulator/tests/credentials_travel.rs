//! Credentials that travel (docs/credentials.md), over the shards' real XCM configuration:
//! an investor onboarded on the EU shard (2000) holds a security of the APAC shard (2001),
//! which trusts the EU shard; what the EU shard revokes or blocks stops counting on the APAC
//! shard with the next message.

use codec::Encode;
use frame_support::{
	assert_ok, dispatch::GetDispatchInfo, traits::Get, weights::Weight, BoundedVec,
};
use pallet_shard_credentials::types::{Record, Update, VersionedUpdates};
use sp_keyring::Sr25519Keyring::{self, Alice, Eve, Ferdie};
use sp_runtime::{AccountId32, DispatchError};
use stoa_emulator_tests::*;
use stoa_primitives::{
	shards::AttestationState, BlockReason, CredentialKind, CredentialRegistry, InvestorId,
	InvestorKind, Jurisdiction,
};
use stoa_runtime::{
	Credentials, Issuance, PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	ShardCredentials, System,
};
use xcm::latest::prelude::*;

type ScEvent = pallet_shard_credentials::Event<Runtime>;
type MqEvent = pallet_message_queue::Event<Runtime>;

/// The EU investor's wallet: endowed on both shards, nobody's on either at genesis.
const TRAVELLER: Sr25519Keyring = Eve;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn traveller() -> AccountId32 {
	TRAVELLER.to_account_id()
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

/// The shard-credentials events of the current block.
fn shard_events() -> Vec<ScEvent> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			RuntimeEvent::ShardCredentials(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The message-queue events of the current block.
fn queue_events() -> Vec<MqEvent> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			RuntimeEvent::MessageQueue(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn imported(applied: u32, stale: u32) -> ScEvent {
	ScEvent::Imported { shard: EU, applied, stale, refused: 0 }
}

fn registry() -> (Option<InvestorId>, bool, Option<BlockReason>) {
	let investor = <Credentials as CredentialRegistry<AccountId32>>::investor_of(&traveller());
	let kyc = investor.is_some_and(|investor| {
		<Credentials as CredentialRegistry<AccountId32>>::has_credential(
			investor,
			CredentialKind::Kyc,
			None,
			<Credentials as CredentialRegistry<AccountId32>>::now(),
		)
	});
	let block = <Credentials as CredentialRegistry<AccountId32>>::account_block(&traveller());
	(investor, kyc, block)
}

/// Governance: the APAC shard trusts the EU shard, and the EU shard sends it its records (its
/// KYC qualifier's record, from before there was a recipient, once).
fn connect() {
	StoaNet::reset();
	Apac::execute_with(|| {
		assert_ok!(ShardCredentials::trust_shard(root(), EU));
	});
	Eu::execute_with(|| {
		assert_ok!(ShardCredentials::add_recipient(root(), APAC));
		assert_ok!(ShardCredentials::push_qualifier(signed(Alice), 0));
	});
	Apac::execute_with(|| {
		assert!(shard_events().contains(&imported(1, 0)));
	});
}

/// On the EU shard, the dev KYC qualifier (Ferdie) onboards the traveller: investor, wallet
/// (with its consent), KYC. Returns the investor's EU id.
fn onboard_on_eu() -> InvestorId {
	Eu::execute_with(|| {
		assert_ok!(Credentials::create_investor(
			signed(Ferdie),
			InvestorKind::Individual,
			Jurisdiction::try_from("FR").unwrap()
		));
		let investor = events()
			.into_iter()
			.find_map(|e| match e {
				RuntimeEvent::Credentials(pallet_credentials::Event::InvestorCreated {
					investor,
					..
				}) => Some(investor),
				_ => None,
			})
			.expect("the investor is created");
		assert_ok!(Credentials::request_wallet_link(signed(Ferdie), investor, traveller()));
		assert_ok!(Credentials::accept_wallet_link(signed(TRAVELLER), investor));
		assert_ok!(Credentials::attest(
			signed(Ferdie),
			investor,
			CredentialKind::Kyc,
			None,
			[0x22; 32].into()
		));
		investor
	})
}

/// On the APAC shard, a DE regulator approves Alice's company (investor 0 there) as issuer;
/// it creates a security and issues 1,000 units to itself. Returns the security.
fn security_on_apac() -> u32 {
	Apac::execute_with(|| {
		let regulator = AccountId32::new([0xBA; 32]);
		assert_ok!(Issuance::register_regulator(
			root(),
			regulator.clone(),
			Jurisdiction::try_from("DE").unwrap(),
			b"BaFin".to_vec()
		));
		assert_ok!(Issuance::approve_issuer(
			RuntimeOrigin::signed(regulator),
			0,
			[0x11; 32].into()
		));
		assert_ok!(Issuance::create_security(
			signed(Alice),
			b"Alice AG".to_vec(),
			b"ALIC".to_vec(),
			pallet_issuance::SecurityKind::Equity,
			0,
			pallet_issuance::Identifiers {
				isin: stoa_primitives::Isin::try_from("DE000BAY0017").unwrap(),
				cusip: None,
				lei: None,
				figi: None,
			},
			1_000_000,
		));
		let security = events()
			.into_iter()
			.find_map(|e| match e {
				RuntimeEvent::Issuance(pallet_issuance::Event::SecurityCreated {
					security,
					..
				}) => Some(security),
				_ => None,
			})
			.expect("the security is created");
		assert_ok!(Issuance::issue(signed(Alice), security, Alice.to_account_id(), 1_000));
		security
	})
}

/// Alice sends the traveller `amount` units on the APAC shard.
fn send_to_traveller(security: u32, amount: u128) -> Result<(), DispatchError> {
	Issuance::transfer(signed(Alice), security, traveller(), amount)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// A travelling, onboarded investor and a security on the APAC shard; the traveller already
/// holds 100 units of it. Returns (EU investor id, its APAC id, security).
fn holding_traveller() -> (InvestorId, InvestorId, u32) {
	connect();
	let security = security_on_apac();
	let investor = onboard_on_eu();
	let alias = Apac::execute_with(|| {
		let alias = pallet_shard_credentials::Aliases::<Runtime>::get(EU, investor)
			.expect("the EU investor is known on the APAC shard");
		assert_eq!(registry(), (Some(alias), true, None));
		assert_ok!(send_to_traveller(security, 100));
		alias
	});
	(investor, alias, security)
}

#[test]
fn an_investor_attested_on_one_shard_holds_a_security_of_the_other() {
	let (investor, alias, security) = holding_traveller();
	Apac::execute_with(|| {
		assert!(stoa_primitives::shards::is_imported(alias));
		// Integrators see where the credential comes from.
		let info = Credentials::investor_info(alias).expect("the imported investor is shown");
		let home = info.home.expect("an imported investor has a home shard");
		assert_eq!((home.shard, home.investor, home.trusted), (EU, investor, true));
		assert_eq!(
			pallet_issuance::Holdings::<Runtime>::get(security, traveller()).map(|h| h.balance),
			Some(100)
		);
	});
}

#[test]
fn a_credential_revoked_on_one_shard_is_refused_on_the_other() {
	let (investor, alias, security) = holding_traveller();
	Eu::execute_with(|| {
		assert_ok!(Credentials::revoke(signed(Ferdie), investor, CredentialKind::Kyc));
	});
	Apac::execute_with(|| {
		assert!(shard_events().contains(&imported(1, 0)));
		assert_eq!(registry(), (Some(alias), false, None));
		assert_eq!(
			send_to_traveller(security, 1),
			Err(pallet_issuance::Error::<Runtime>::MissingCredential.into())
		);
	});
}

#[test]
fn an_investor_blocked_on_one_shard_is_refused_on_the_other() {
	let (investor, alias, security) = holding_traveller();
	Eu::execute_with(|| {
		assert_ok!(Credentials::block_investor(signed(Ferdie), investor, BlockReason::Other));
	});
	Apac::execute_with(|| {
		assert!(shard_events().iter().any(|e| matches!(e, ScEvent::Imported { shard: EU, .. })));
		assert_eq!(registry(), (Some(alias), true, Some(BlockReason::Other)));
		assert_eq!(
			send_to_traveller(security, 1),
			Err(pallet_issuance::Error::<Runtime>::Blocked.into())
		);
	});
}

#[test]
fn a_shard_untrusted_stops_counting_at_once() {
	let (_, _, security) = holding_traveller();
	Apac::execute_with(|| {
		assert_ok!(ShardCredentials::untrust_shard(root(), EU));
		assert_eq!(registry().0, None);
		assert_eq!(
			send_to_traveller(security, 1),
			Err(pallet_issuance::Error::<Runtime>::NotEligible.into())
		);
	});
}

#[test]
fn a_sibling_that_is_not_trusted_is_refused_by_the_barrier() {
	StoaNet::reset();
	// The APAC shard sends its investor 0 to the EU shard, which does not trust it.
	Apac::execute_with(|| {
		assert_ok!(ShardCredentials::add_recipient(root(), EU));
		assert_ok!(ShardCredentials::push_investor(signed(Alice), 0));
		assert!(shard_events().iter().any(|e| matches!(e, ScEvent::Sent { shard: EU, .. })));
	});
	Eu::execute_with(|| {
		assert!(pallet_shard_credentials::Aliases::<Runtime>::get(APAC, 0).is_none());
		assert!(!shard_events().iter().any(|e| matches!(e, ScEvent::Imported { .. })));
		assert!(
			queue_events().iter().any(|e| matches!(
				e,
				MqEvent::ProcessingFailed { .. } | MqEvent::Processed { success: false, .. }
			)),
			"the message fails visibly: {:?}",
			queue_events()
		);
	});
}

/// An XCM program from the EU shard's governance (root) to the APAC shard, as the pallet
/// sends them: unpaid, a `Transact` with the `Xcm` origin kind. Returns its message id.
fn send_from_eu(call: RuntimeCall) -> [u8; 32] {
	let message = Xcm::<()>(vec![
		UnpaidExecution { weight_limit: Unlimited, check_origin: None },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: call.encode().into(),
		},
	]);
	assert_ok!(PolkadotXcm::send(
		root(),
		Box::new(Location::new(1, [Parachain(APAC)]).into()),
		Box::new(xcm::VersionedXcm::from(message)),
	));
	events()
		.into_iter()
		.rev()
		.find_map(|e| match e {
			RuntimeEvent::PolkadotXcm(pallet_xcm::Event::Sent { message_id, .. }) => {
				Some(message_id)
			},
			_ => None,
		})
		.expect("the message is sent")
}

fn import_call(updates: Vec<Update<AccountId32>>) -> RuntimeCall {
	RuntimeCall::ShardCredentials(pallet_shard_credentials::Call::import {
		updates: VersionedUpdates::V1(BoundedVec::truncate_from(updates)),
	})
}

fn kyc_record(investor: InvestorId, seq: u64, revoked: bool) -> Update<AccountId32> {
	let attestation = AttestationState {
		qualifier: 0,
		issued_at: 1,
		expires_at: None,
		revoked_at: revoked.then_some(2),
	};
	Update {
		seq,
		record: Record::Credential {
			investor,
			kind: CredentialKind::Kyc,
			attestations: BoundedVec::truncate_from(vec![attestation]),
		},
	}
}

#[test]
fn a_revocation_wins_over_an_older_attestation_that_arrives_after_it() {
	let (investor, alias, security) = holding_traveller();
	Eu::execute_with(|| {
		let last = pallet_shard_credentials::LastSeq::<Runtime>::get();
		// Delivered in this order: the revocation (newer), then the attestation (older).
		send_from_eu(import_call(vec![kyc_record(investor, last + 20, true)]));
		send_from_eu(import_call(vec![kyc_record(investor, last + 10, false)]));
	});
	Apac::execute_with(|| {
		let imports: Vec<_> =
			shard_events().into_iter().filter(|e| matches!(e, ScEvent::Imported { .. })).collect();
		assert_eq!(imports, vec![imported(1, 0), imported(0, 1)]);
		assert_eq!(registry(), (Some(alias), false, None));
		assert_eq!(
			send_to_traveller(security, 1),
			Err(pallet_issuance::Error::<Runtime>::MissingCredential.into())
		);
	});
}

#[test]
fn a_trusted_shard_can_dispatch_nothing_but_the_import() {
	connect();
	Eu::execute_with(|| {
		send_from_eu(RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: b"governance of another shard".to_vec(),
		}));
	});
	Apac::execute_with(|| {
		assert!(!events()
			.iter()
			.any(|e| matches!(e, RuntimeEvent::System(frame_system::Event::Remarked { .. }))));
		assert!(queue_events().iter().any(|e| matches!(
			e,
			MqEvent::ProcessingFailed { .. } | MqEvent::Processed { success: false, .. }
		)));
	});
}

/// The weight the processing of message `id` used, from the receiving shard's message queue.
fn weight_used(id: [u8; 32]) -> Weight {
	queue_events()
		.into_iter()
		.find_map(|e| match e {
			MqEvent::Processed { id: processed, weight_used, success: true, .. }
				if processed.0 == id =>
			{
				Some(weight_used)
			},
			_ => None,
		})
		.unwrap_or_else(|| panic!("message processed: {:?}", queue_events()))
}

#[test]
fn an_import_is_charged_what_it_declares_at_most_and_less_for_stale_records() {
	connect();
	let investor = onboard_on_eu();
	// (The onboarding's own messages, processed: their events go with this block.)
	Apac::execute_with(|| {});
	let max = pallet_shard_credentials::types::MAX_UPDATES as u64;
	let full = |first: u64| {
		import_call((0..max).map(|i| kyc_record(investor + i, first + i, false)).collect())
	};
	let (declared, first, id) = Eu::execute_with(|| {
		let first = pallet_shard_credentials::LastSeq::<Runtime>::get() + 1;
		let call = full(first);
		let id = send_from_eu(call.clone());
		(call.get_dispatch_info().call_weight, first, id)
	});
	// What the XCM executor may charge: the call's declared weight and one unit for each of
	// the three instructions (`UnpaidExecution`, `Transact`, the router's `SetTopic`).
	let unit = <stoa_runtime::configs::xcm_config::UnitWeightCost as Get<Weight>>::get();
	let bound = declared.saturating_add(unit.saturating_mul(3));
	let fresh = Apac::execute_with(|| {
		assert!(shard_events().contains(&imported(max as u32, 0)));
		let used = weight_used(id);
		assert!(used.all_lte(bound), "used {used:?}, declared {declared:?}");
		used
	});
	// The same message again: every record is stale, and charged as such.
	let id = Eu::execute_with(|| send_from_eu(full(first)));
	Apac::execute_with(|| {
		assert!(shard_events().contains(&imported(0, max as u32)));
		let used = weight_used(id);
		assert!(used.ref_time() < fresh.ref_time(), "stale {used:?}, fresh {fresh:?}");
	});
}
