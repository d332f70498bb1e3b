//! Two (or three) shards in one test: records made on one, imported on another.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, BoundedVec};
use sp_runtime::DispatchError;
use stoa_primitives::ShardId;
use stoa_primitives::{
	shards::{AttestationState, WalletState, IMPORTED_INVESTOR_BASE},
	BlockReason, CredentialKind, CredentialRegistry, InvestorId,
};

/// The id the APAC shard gives the EU shard's first imported investor.
const A0: InvestorId = IMPORTED_INVESTOR_BASE;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn now() -> u64 {
	<Credentials as CredentialRegistry<AccountId>>::now()
}

fn kyc(investor: InvestorId) -> bool {
	<Credentials as CredentialRegistry<AccountId>>::has_credential(
		investor,
		CredentialKind::Kyc,
		None,
		now(),
	)
}

fn investor_of(wallet: AccountId) -> Option<InvestorId> {
	<Credentials as CredentialRegistry<AccountId>>::investor_of(&wallet)
}

fn block_of(account: AccountId) -> Option<BlockReason> {
	<Credentials as CredentialRegistry<AccountId>>::account_block(&account)
}

fn receive_ok(shard: &mut Shard, from: ShardId) -> usize {
	let results = shard.receive(from);
	for result in &results {
		assert_ok!(result);
	}
	results.len()
}

/// EU sends to APAC, APAC trusts EU, and EU has pushed investor 0 (ALICE, KYC).
fn network() -> (Shard, Shard) {
	Outbox::take();
	Heard::take();
	HoldingUnits::take();
	Unreachable::take();
	let mut eu = Shard::new(EU);
	let mut apac = Shard::new(APAC);
	eu.run(|| {
		assert_ok!(ShardCredentials::add_recipient(root(), APAC));
		assert_ok!(ShardCredentials::push_investor(RuntimeOrigin::signed(CHARLIE), 0));
	});
	apac.run(|| {
		assert_ok!(ShardCredentials::trust_shard(root(), EU));
	});
	assert_eq!(receive_ok(&mut apac, EU), 1);
	Heard::take();
	(eu, apac)
}

#[test]
fn an_investor_attested_on_one_shard_holds_on_another() {
	let (mut eu, mut apac) = network();
	apac.run(|| {
		assert_eq!(investor_of(ALICE), Some(A0));
		assert!(kyc(A0));
		assert_eq!(
			<Credentials as CredentialRegistry<AccountId>>::jurisdiction_of(A0),
			Some(j("DE"))
		);
		assert_eq!(block_of(ALICE), None);
		assert_eq!(Aliases::<Test>::get(EU, 0), Some(A0));
		// Ids are namespaced: APAC's own investor 0 is another investor.
		assert_eq!(investor_of(DAN), Some(0));
		// Integrators see where it comes from.
		let info = Credentials::investor_info(A0).unwrap();
		assert_eq!(
			info.home,
			Some(stoa_primitives::credentials::HomeShard { shard: EU, investor: 0, trusted: true })
		);
		assert_eq!(info.wallets, vec![ALICE]);
		assert!(info.credentials.iter().any(|c| c.kind == CredentialKind::Kyc && c.valid));
		assert_eq!(Credentials::account_credentials(&ALICE).investor.unwrap().id, A0);
	});
	// A new attestation at home travels at once.
	eu.run(|| {
		assert_ok!(Credentials::attest(
			RuntimeOrigin::signed(EURO_KYC),
			0,
			CredentialKind::AmlScreening,
			None,
			Default::default()
		));
	});
	Heard::take();
	assert_eq!(receive_ok(&mut apac, EU), 1);
	apac.run(|| {
		assert!(<Credentials as CredentialRegistry<AccountId>>::has_credential(
			A0,
			CredentialKind::AmlScreening,
			None,
			now()
		));
		// Rules naming this shard's qualifiers do not accept another shard's.
		assert!(!<Credentials as CredentialRegistry<AccountId>>::has_credential(
			A0,
			CredentialKind::Kyc,
			Some(&[0]),
			now()
		));
		// Holder counts follow, through the same listener as local changes.
		assert_eq!(Heard::take(), vec![Notice::CredentialsChanged(A0)]);
	});
}

#[test]
fn a_revocation_at_home_is_refused_on_the_other_shard() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(EURO_KYC), 0, CredentialKind::Kyc));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(!kyc(A0));
		let info = Credentials::investor_info(A0).unwrap();
		assert!(info.credentials.iter().all(|c| !c.valid && c.revoked_at.is_some()));
	});
}

#[test]
fn an_expired_attestation_stops_counting_on_the_other_shard_too() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::attest(
			RuntimeOrigin::signed(EURO_KYC),
			0,
			CredentialKind::Kyc,
			Some(START + 100),
			Default::default()
		));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(kyc(A0));
		set_now(START + 100);
		assert!(!kyc(A0));
	});
}

#[test]
fn a_block_at_home_blocks_the_investor_and_its_wallets_everywhere() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::block_investor(root(), 0, BlockReason::CourtOrder));
		assert_ok!(Credentials::block_wallet(root(), CHARLIE, BlockReason::Other));
	});
	assert_eq!(receive_ok(&mut apac, EU), 2);
	apac.run(|| {
		assert_eq!(block_of(ALICE), Some(BlockReason::CourtOrder));
		assert_eq!(
			<Credentials as CredentialRegistry<AccountId>>::investor_block(A0),
			Some(BlockReason::CourtOrder)
		);
		// A wallet blocked at home is blocked here, linked or not.
		assert_eq!(block_of(CHARLIE), Some(BlockReason::Other));
		// ...and cannot become a protocol holder here to get around it.
		assert_noop!(
			Credentials::register_protocol_holder(
				RuntimeOrigin::signed(BOB),
				CHARLIE,
				b"vault".to_vec()
			),
			pallet_credentials::Error::<Test>::AccountBlocked
		);
	});
	eu.run(|| {
		assert_ok!(Credentials::unblock_investor(root(), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| assert_eq!(block_of(ALICE), None));
}

#[test]
fn only_a_trusted_shard_may_import() {
	let (_eu, mut apac) = network();
	let mut latam = Shard::new(LATAM);
	latam.run(|| {
		assert_ok!(ShardCredentials::add_recipient(root(), APAC));
		assert_ok!(ShardCredentials::push_investor(RuntimeOrigin::signed(CHARLIE), 0));
	});
	let results = apac.receive(LATAM);
	assert_eq!(results.len(), 1);
	assert_eq!(results[0].unwrap_err().error, Error::<Test>::UntrustedShard.into());
	apac.run(|| {
		assert_eq!(investor_of(DAN), Some(0), "LATAM's claim on DAN changed nothing");
		let updates = VersionedUpdates::V1(BoundedVec::new());
		// Not a shard: the relay chain, a plain account.
		assert_noop!(
			ShardCredentials::import(RuntimeOrigin::signed(SHARD_ORIGIN - 1), updates.clone()),
			Error::<Test>::NotAShard
		);
		assert_noop!(
			ShardCredentials::import(RuntimeOrigin::signed(ALICE), updates.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(ShardCredentials::import(root(), updates), DispatchError::BadOrigin);
	});
}

#[test]
fn a_revocation_wins_over_an_older_attestation_that_arrives_after_it() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		// Renewed, then revoked: two messages, delivered in the wrong order.
		assert_ok!(Credentials::attest(
			RuntimeOrigin::signed(EURO_KYC),
			0,
			CredentialKind::Kyc,
			None,
			Default::default()
		));
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(EURO_KYC), 0, CredentialKind::Kyc));
	});
	let mut messages = Outbox::take();
	assert_eq!(messages.len(), 2);
	let seqs: Vec<u64> = messages.iter().map(|(_, _, m)| updates_of(m)[0].seq).collect();
	assert!(seqs[0] < seqs[1], "sequence numbers increase: {seqs:?}");
	messages.reverse();
	Outbox::set(messages);
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(!kyc(A0));
		assert!(events().contains(&Event::Imported {
			shard: EU,
			applied: 0,
			stale: 1,
			refused: 0
		}));
	});
}

#[test]
fn a_block_wins_over_an_older_record_that_arrives_after_it() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::set_investor_jurisdiction(root(), 0, j("FR")));
		assert_ok!(Credentials::block_investor(root(), 0, BlockReason::Other));
	});
	let mut messages = Outbox::take();
	messages.reverse();
	Outbox::set(messages);
	Heard::take();
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert_eq!(block_of(ALICE), Some(BlockReason::Other));
		// The newer record carries the jurisdiction too: nothing is lost.
		assert_eq!(
			<Credentials as CredentialRegistry<AccountId>>::jurisdiction_of(A0),
			Some(j("FR"))
		);
		assert_eq!(Heard::take(), vec![Notice::JurisdictionChanged(A0, j("DE"), j("FR"))]);
	});
}

#[test]
fn an_untrusted_shard_stops_counting_at_once_and_counts_again_once_it_sends_again() {
	let (mut eu, mut apac) = network();
	apac.run(|| {
		assert_noop!(
			ShardCredentials::untrust_shard(RuntimeOrigin::signed(ALICE), EU),
			DispatchError::BadOrigin
		);
		assert_ok!(ShardCredentials::untrust_shard(root(), EU));
		assert_eq!(investor_of(ALICE), None);
		assert!(!kyc(A0));
		assert!(!Credentials::investor_info(A0).unwrap().home.unwrap().trusted);
		// Trusted again: what was imported under the old trust does not count...
		assert_ok!(ShardCredentials::trust_shard(root(), EU));
		assert_eq!(investor_of(ALICE), None);
	});
	// ...until the home shard sends it again.
	eu.run(|| {
		assert_ok!(ShardCredentials::push_investor(RuntimeOrigin::signed(BOB), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert_eq!(investor_of(ALICE), Some(A0));
		assert!(kyc(A0));
	});
}

#[test]
fn a_qualifier_suspended_at_home_stops_counting_on_the_other_shard() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::suspend_qualifier(root(), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(!kyc(A0));
	});
	eu.run(|| {
		assert_ok!(Credentials::resume_qualifier(root(), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(kyc(A0));
	});
	eu.run(|| {
		assert_ok!(Credentials::remove_qualifier(root(), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(!kyc(A0));
	});
}

#[test]
fn custom_kinds_stay_home() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::attest(
			RuntimeOrigin::signed(EURO_KYC),
			0,
			CredentialKind::Custom(0),
			None,
			Default::default()
		));
	});
	assert!(Outbox::get().is_empty());
	// A shard that sends one anyway is refused for that record.
	let record = Record::Credential {
		investor: 0,
		kind: CredentialKind::Custom(0),
		attestations: BoundedVec::new(),
	};
	let updates = VersionedUpdates::V1(vec![Update { seq: 99, record }].try_into().unwrap());
	apac.run(|| {
		assert_ok!(ShardCredentials::import(from_shard(EU), updates));
		assert!(events()
			.contains(&Event::CustomKindRefused { shard: EU, kind: CredentialKind::Custom(0) }));
		assert!(events().contains(&Event::Imported {
			shard: EU,
			applied: 0,
			stale: 0,
			refused: 1
		}));
	});
}

#[test]
fn a_wallet_relinked_at_home_while_it_holds_units_here_is_held_until_they_leave() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::unlink_wallet(RuntimeOrigin::signed(EURO_KYC), ALICE));
	});
	HoldingUnits::set(vec![ALICE]);
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(events().contains(&Event::WalletHeld { wallet: ALICE, investor: None }));
		// The units keep their owner, and the wallet cannot move them.
		assert_eq!(investor_of(ALICE), Some(A0));
		assert_eq!(block_of(ALICE), Some(BlockReason::Other));
		assert_noop!(
			ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::WalletHoldsUnits
		);
		HoldingUnits::take();
		assert_ok!(ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert_eq!(investor_of(ALICE), None);
		assert_eq!(block_of(ALICE), None);
		assert_noop!(
			ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::NothingPending
		);
	});
}

#[test]
fn a_protocol_holder_linked_at_home_while_it_holds_units_here_is_held() {
	let (mut eu, mut apac) = network();
	apac.run(|| {
		assert_ok!(Credentials::register_protocol_holder(
			RuntimeOrigin::signed(BOB),
			CHARLIE,
			b"pool".to_vec()
		));
	});
	eu.run(|| {
		assert_ok!(Credentials::request_wallet_link(RuntimeOrigin::signed(EURO_KYC), 1, CHARLIE));
		assert_ok!(Credentials::accept_wallet_link(RuntimeOrigin::signed(CHARLIE), 1));
	});
	HoldingUnits::set(vec![CHARLIE]);
	receive_ok(&mut apac, EU);
	apac.run(|| {
		// The pool's units do not become the EU investor's: the pool is held instead.
		assert_eq!(investor_of(CHARLIE), None);
		assert_eq!(block_of(CHARLIE), Some(BlockReason::Other));
		HoldingUnits::take();
		assert_ok!(ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(BOB), CHARLIE));
		assert_eq!(investor_of(CHARLIE), Some(A0 + 1));
	});
}

#[test]
fn a_wallet_linked_at_home_cannot_be_linked_here_too() {
	let (_eu, mut apac) = network();
	apac.run(|| {
		assert_ok!(Credentials::request_wallet_link(RuntimeOrigin::signed(EURO_KYC), 0, CHARLIE));
		assert_noop!(
			Credentials::request_wallet_link(RuntimeOrigin::signed(EURO_KYC), 0, ALICE),
			pallet_credentials::Error::<Test>::WalletAlreadyLinked
		);
		assert_noop!(
			Credentials::register_protocol_holder(
				RuntimeOrigin::signed(BOB),
				ALICE,
				b"vault".to_vec()
			),
			pallet_credentials::Error::<Test>::IsInvestorWallet
		);
	});
}

/// LATAM, trusted by APAC, sends APAC its record of ALICE (a wallet the EU shard links there)
/// after `change` on LATAM: APAC refuses LATAM's claim, and ALICE stays the EU investor's.
fn latam_claims_alice(apac: &mut Shard, change: impl FnOnce()) -> Shard {
	let mut latam = Shard::new(LATAM);
	latam.run(|| {
		assert_ok!(ShardCredentials::add_recipient(root(), APAC));
		change();
	});
	apac.run(|| {
		assert_ok!(ShardCredentials::trust_shard(root(), LATAM));
		assert_eq!(block_of(ALICE), None);
	});
	receive_ok(apac, LATAM);
	apac.run(|| {
		assert!(events().contains(&Event::WalletClaimRefused {
			shard: LATAM,
			wallet: ALICE,
			holder: EU
		}));
		assert_eq!(investor_of(ALICE), Some(A0));
	});
	latam
}

#[test]
fn two_trusted_shards_cannot_both_claim_a_wallet() {
	let (_eu, mut apac) = network();
	latam_claims_alice(&mut apac, || {
		assert_ok!(Credentials::request_wallet_link(RuntimeOrigin::signed(EURO_KYC), 0, ALICE));
		assert_ok!(Credentials::accept_wallet_link(RuntimeOrigin::signed(ALICE), 0));
	});
}

#[test]
fn a_wallet_block_from_a_second_trusted_shard_counts_though_its_claim_is_refused() {
	let (_eu, mut apac) = network();
	let mut latam = latam_claims_alice(&mut apac, || {
		assert_ok!(Credentials::block_wallet(root(), ALICE, BlockReason::CourtOrder));
	});
	apac.run(|| {
		// The EU shard keeps the wallet, and LATAM's block counts.
		assert_eq!(block_of(ALICE), Some(BlockReason::CourtOrder));
		// It stops counting with LATAM's trust.
		assert_ok!(ShardCredentials::untrust_shard(root(), LATAM));
		assert_eq!(block_of(ALICE), None);
		assert_ok!(ShardCredentials::trust_shard(root(), LATAM));
	});
	latam.run(|| {
		assert_ok!(ShardCredentials::push_wallet(RuntimeOrigin::signed(BOB), ALICE));
		assert_ok!(Credentials::unblock_wallet(root(), ALICE));
	});
	// The push (the block) and the unblock, in order: the wallet is free again.
	receive_ok(&mut apac, LATAM);
	apac.run(|| {
		assert_eq!(block_of(ALICE), None);
		assert_eq!(investor_of(ALICE), Some(A0));
	});
}

#[test]
fn an_older_wallet_block_from_a_refused_shard_does_not_come_back() {
	let (_eu, mut apac) = network();
	apac.run(|| {
		assert_ok!(ShardCredentials::trust_shard(root(), LATAM));
		let sanction = Some(stoa_primitives::shards::BlockState {
			reason: BlockReason::CourtOrder,
			at: now(),
		});
		let wallet = |seq, block| Update {
			seq,
			record: Record::Wallet { wallet: ALICE, state: WalletState { investor: None, block } },
		};
		let import = |updates| {
			ShardCredentials::import(
				from_shard(LATAM),
				VersionedUpdates::V1(BoundedVec::truncate_from(updates)),
			)
		};
		// The lift (seq 5) arrives before the block it lifts (seq 4).
		assert_ok!(import(vec![wallet(5, None)]));
		assert_ok!(import(vec![wallet(4, sanction)]));
		assert_eq!(block_of(ALICE), None);
		assert_ok!(import(vec![wallet(6, sanction)]));
		assert_eq!(block_of(ALICE), Some(BlockReason::CourtOrder));
	});
}

#[test]
fn a_message_that_cannot_be_sent_is_surfaced_and_can_be_pushed_again() {
	let (mut eu, mut apac) = network();
	Unreachable::set(vec![APAC]);
	eu.run(|| {
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(EURO_KYC), 0, CredentialKind::Kyc));
		assert!(events().iter().any(|e| matches!(e, Event::NotSent { shard: APAC, .. })));
	});
	Unreachable::take();
	apac.run(|| {
		assert!(kyc(A0));
	});
	eu.run(|| {
		assert_ok!(ShardCredentials::push_investor(RuntimeOrigin::signed(BOB), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		assert!(!kyc(A0));
	});
}

#[test]
fn pushes_need_a_recipient_and_an_investor_of_this_shard() {
	let (mut eu, _apac) = network();
	eu.run(|| {
		assert_noop!(
			ShardCredentials::push_investor(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::UnknownInvestor
		);
		assert_noop!(ShardCredentials::push_investor(root(), 0), DispatchError::BadOrigin);
		assert_ok!(ShardCredentials::remove_recipient(root(), APAC));
		assert_noop!(
			ShardCredentials::push_wallet(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::NoRecipients
		);
		// Without recipients a change sends nothing.
		Outbox::take();
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(EURO_KYC), 0, CredentialKind::Kyc));
		assert!(Outbox::get().is_empty());
	});
}

#[test]
fn governance_lists_the_shards() {
	let mut eu = Shard::new(EU);
	eu.run(|| {
		assert_noop!(
			ShardCredentials::trust_shard(RuntimeOrigin::signed(ALICE), APAC),
			DispatchError::BadOrigin
		);
		assert_noop!(ShardCredentials::trust_shard(root(), EU), Error::<Test>::ThisShard);
		assert_noop!(ShardCredentials::add_recipient(root(), EU), Error::<Test>::ThisShard);
		assert_ok!(ShardCredentials::trust_shard(root(), APAC));
		assert_noop!(ShardCredentials::trust_shard(root(), APAC), Error::<Test>::AlreadyTrusted);
		assert_ok!(ShardCredentials::trust_shard(root(), 3000));
		assert_ok!(ShardCredentials::trust_shard(root(), 3001));
		assert_noop!(ShardCredentials::trust_shard(root(), 3002), Error::<Test>::TooManyShards);
		assert_noop!(ShardCredentials::untrust_shard(root(), 4000), Error::<Test>::UntrustedShard);
		assert_ok!(ShardCredentials::add_recipient(root(), APAC));
		assert_noop!(
			ShardCredentials::add_recipient(root(), APAC),
			Error::<Test>::AlreadyRecipient
		);
		assert_noop!(ShardCredentials::remove_recipient(root(), 4000), Error::<Test>::NotRecipient);
	});
}

#[test]
fn an_import_declares_what_its_records_cost_and_charges_no_more() {
	let (mut eu, mut apac) = network();
	eu.run(|| {
		assert_ok!(ShardCredentials::push_investor(RuntimeOrigin::signed(BOB), 0));
	});
	let (_, _, whole) = Outbox::take().pop().unwrap();
	eu.run(|| {
		assert_ok!(Credentials::revoke(RuntimeOrigin::signed(EURO_KYC), 0, CredentialKind::Kyc));
	});
	let (_, _, one) = Outbox::take().pop().unwrap();
	let (whole, one) = (transact_call(&whole), transact_call(&one));
	let (whole_weight, one_weight) =
		(whole.get_dispatch_info().call_weight, one.get_dispatch_info().call_weight);
	assert!(one_weight.all_lt(whole_weight));
	apac.run(|| {
		use sp_runtime::traits::Dispatchable;
		let post = whole.clone().dispatch(from_shard(EU)).unwrap();
		assert!(post.actual_weight.unwrap().all_lte(whole_weight));
		// Again, everything is stale: the import costs less than it declared.
		let post = whole.dispatch(from_shard(EU)).unwrap();
		assert!(post.actual_weight.unwrap().all_lt(whole_weight));
		assert!(events().contains(&Event::Imported {
			shard: EU,
			applied: 0,
			stale: 8,
			refused: 0
		}));
	});
}

#[test]
fn records_sent_carry_the_state_of_the_record() {
	let (mut eu, _apac) = network();
	eu.run(|| {
		assert_ok!(Credentials::attest(
			RuntimeOrigin::signed(EURO_KYC),
			1,
			CredentialKind::Kyc,
			Some(START + 10),
			Default::default()
		));
		assert_ok!(Credentials::request_wallet_link(RuntimeOrigin::signed(EURO_KYC), 1, CHARLIE));
		assert_ok!(Credentials::accept_wallet_link(RuntimeOrigin::signed(CHARLIE), 1));
	});
	let sent: Vec<_> =
		Outbox::take().iter().flat_map(|(_, _, m)| updates_of(m)).map(|u| u.record).collect();
	assert_eq!(
		sent,
		vec![
			Record::Credential {
				investor: 1,
				kind: CredentialKind::Kyc,
				attestations: vec![AttestationState {
					qualifier: 0,
					issued_at: START,
					expires_at: Some(START + 10),
					revoked_at: None
				}]
				.try_into()
				.unwrap(),
			},
			Record::Wallet {
				wallet: CHARLIE,
				state: WalletState { investor: Some(1), block: None }
			},
		]
	);
}

/// CHARLIE is a second wallet of APAC's own investor 0 (DAN's) and, on EU, a wallet of EU's
/// investor 0: APAC imports the EU link while CHARLIE holds nothing, under its own link, which
/// the registry reads first.
fn charlie_linked_on_both_shards() -> Shard {
	let (mut eu, mut apac) = network();
	for shard in [&mut apac, &mut eu] {
		shard.run(|| {
			assert_ok!(Credentials::request_wallet_link(
				RuntimeOrigin::signed(EURO_KYC),
				0,
				CHARLIE
			));
			assert_ok!(Credentials::accept_wallet_link(RuntimeOrigin::signed(CHARLIE), 0));
		});
	}
	receive_ok(&mut apac, EU);
	apac
}

#[test]
fn a_wallet_this_shard_recovers_with_units_does_not_surface_another_shards_link() {
	let mut apac = charlie_linked_on_both_shards();
	apac.run(|| {
		assert_eq!(investor_of(CHARLIE), Some(0));
		assert_eq!(ImportedWallets::<Test>::get(CHARLIE).unwrap().investor, Some(A0));
		// CHARLIE comes to hold APAC investor 0's units, and is lost: its units wait for
		// `recover_holdings` into DAN.
		HoldingUnits::set(vec![CHARLIE]);
		assert_ok!(Credentials::recover_wallet(root(), CHARLIE, DAN));
		// The EU link does not make them EU investor 0's: the wallet is held.
		assert_eq!(investor_of(CHARLIE), None);
		assert!(events().contains(&Event::WalletHeld { wallet: CHARLIE, investor: Some(A0) }));
		assert_eq!(ImportedWallets::<Test>::get(CHARLIE).unwrap().pending, Some(Some(A0)));
		assert!(!Credentials::investor_info(A0).unwrap().wallets.contains(&CHARLIE));
		assert_noop!(
			ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(BOB), CHARLIE),
			Error::<Test>::WalletHoldsUnits
		);
		// Once the units have left, the EU link applies.
		HoldingUnits::take();
		assert_ok!(ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(BOB), CHARLIE));
		assert_eq!(investor_of(CHARLIE), Some(A0));
	});
}

#[test]
fn a_wallet_this_shard_recovers_empty_takes_its_imported_link_at_once() {
	let mut apac = charlie_linked_on_both_shards();
	apac.run(|| {
		// Nothing in it changes owner: nothing is held.
		assert_ok!(Credentials::recover_wallet(root(), CHARLIE, DAN));
		assert_eq!(investor_of(CHARLIE), Some(A0));
		assert!(!events().iter().any(|e| matches!(e, Event::WalletHeld { .. })));
	});
}

#[test]
fn an_imported_investor_holds_no_credential_without_its_own_record() {
	use stoa_primitives::shards::{InvestorState, WalletState};
	let (_eu, mut apac) = network();
	let live =
		AttestationState { qualifier: 0, issued_at: START, expires_at: None, revoked_at: None };
	let credential = |investor| Record::Credential {
		investor,
		kind: CredentialKind::Kyc,
		attestations: vec![live].try_into().unwrap(),
	};
	let updates = |list: Vec<(u64, Record<AccountId>)>| {
		VersionedUpdates::V1(
			list.into_iter()
				.map(|(seq, record)| Update { seq, record })
				.collect::<Vec<_>>()
				.try_into()
				.unwrap(),
		)
	};
	let state = InvestorState {
		qualifier: 0,
		kind: stoa_primitives::InvestorKind::Individual,
		jurisdiction: j("FR"),
		block: None,
	};
	apac.run(|| {
		// EU investor 5's KYC and wallet arrive before its own record (messages may come in
		// any order): no jurisdiction, so no holder count could file it; it holds nothing.
		assert_ok!(ShardCredentials::import(
			from_shard(EU),
			updates(vec![
				(100, credential(5)),
				(
					101,
					Record::Wallet {
						wallet: CHARLIE,
						state: WalletState { investor: Some(5), block: None },
					},
				),
			])
		));
		let alias = Aliases::<Test>::get(EU, 5).unwrap();
		assert_eq!(investor_of(CHARLIE), Some(alias));
		assert!(!kyc(alias));
		assert!(Credentials::investor_info(alias).is_none());
		// Its record arrives: the KYC counts.
		assert_ok!(ShardCredentials::import(
			from_shard(EU),
			updates(vec![(102, Record::Investor { investor: 5, state: Some(state) })])
		));
		assert!(kyc(alias));
		// An investor gone at home keeps no credential here either.
		assert!(kyc(A0));
		assert_ok!(ShardCredentials::import(
			from_shard(EU),
			updates(vec![(103, Record::Investor { investor: 0, state: None })])
		));
		assert!(!kyc(A0));
	});
}

#[test]
fn a_shard_taking_over_a_wallet_does_not_bring_back_the_untrusted_shards_investor() {
	let (_eu, mut apac) = network();
	let mut latam = Shard::new(LATAM);
	apac.run(|| {
		// EU links ALICE to its investor 0 here; then EU is no longer trusted: ALICE is
		// nobody's, and becomes a protocol holder, which comes to hold units.
		assert_eq!(investor_of(ALICE), Some(A0));
		assert_ok!(ShardCredentials::untrust_shard(root(), EU));
		assert_ok!(Credentials::register_protocol_holder(
			RuntimeOrigin::signed(BOB),
			ALICE,
			b"pool".to_vec()
		));
		assert_ok!(ShardCredentials::trust_shard(root(), LATAM));
	});
	latam.run(|| {
		assert_ok!(ShardCredentials::add_recipient(root(), APAC));
		assert_ok!(Credentials::request_wallet_link(RuntimeOrigin::signed(EURO_KYC), 0, ALICE));
		assert_ok!(Credentials::accept_wallet_link(RuntimeOrigin::signed(ALICE), 0));
	});
	// (Units here, on APAC.)
	HoldingUnits::set(vec![ALICE]);
	receive_ok(&mut apac, LATAM);
	apac.run(|| {
		// LATAM's record replaces EU's, which no longer counts; the pool's units are neither
		// EU investor 0's (under LATAM's trust) nor LATAM's investor's: the pool is held.
		let latam_0 = Aliases::<Test>::get(LATAM, 0).unwrap();
		assert_eq!(ImportedWallets::<Test>::get(ALICE).unwrap().shard, LATAM);
		assert_eq!(investor_of(ALICE), None);
		assert_eq!(block_of(ALICE), Some(BlockReason::Other));
		assert!(events().contains(&Event::WalletHeld { wallet: ALICE, investor: Some(latam_0) }));
		assert!(!Credentials::investor_info(A0).unwrap().wallets.contains(&ALICE));
		HoldingUnits::take();
		assert_ok!(ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(BOB), ALICE));
		assert_eq!(investor_of(ALICE), Some(latam_0));
		assert!(WalletsOf::<Test>::contains_key(latam_0, ALICE));
		assert!(!WalletsOf::<Test>::contains_key(A0, ALICE));
	});
}

#[test]
fn a_shard_trusted_again_does_not_bring_its_old_link_back_over_units_received_meanwhile() {
	let (mut eu, mut apac) = network();
	apac.run(|| {
		// EU's link of ALICE stops counting with EU's trust; ALICE becomes a protocol
		// holder and receives units; EU is trusted again.
		assert_ok!(ShardCredentials::untrust_shard(root(), EU));
		assert_ok!(Credentials::register_protocol_holder(
			RuntimeOrigin::signed(BOB),
			ALICE,
			b"pool".to_vec()
		));
		assert_ok!(ShardCredentials::trust_shard(root(), EU));
	});
	HoldingUnits::set(vec![ALICE]);
	// EU sends the same link again.
	eu.run(|| {
		assert_ok!(ShardCredentials::push_investor(RuntimeOrigin::signed(BOB), 0));
	});
	receive_ok(&mut apac, EU);
	apac.run(|| {
		// The pool's units do not become EU investor 0's: the pool is held.
		assert_eq!(investor_of(ALICE), None);
		assert_eq!(block_of(ALICE), Some(BlockReason::Other));
		assert!(events().contains(&Event::WalletHeld { wallet: ALICE, investor: Some(A0) }));
		assert!(kyc(A0));
		HoldingUnits::take();
		assert_ok!(ShardCredentials::apply_wallet_link(RuntimeOrigin::signed(BOB), ALICE));
		assert_eq!(investor_of(ALICE), Some(A0));
	});
}
