//! Unit tests: record dates, distributions (push, claim, tax, expiry, default), splits,
//! ballots, coupons and maturity.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, weights::Weight, BoundedVec};
use sp_runtime::Perbill;
use stoa_primitives::{BlockReason, Jurisdiction};

type Error = crate::Error<Test>;

const WHOLE: Weight = Weight::MAX;

fn supply(security: u32) -> Balance {
	<Issuance as stoa_primitives::SecurityRegistry<AccountId, Balance>>::total_supply(security)
}

fn block_bob() {
	pallet_credentials::InvestorBlocks::<Test>::insert(
		2,
		pallet_credentials::Block {
			reason: BlockReason::Restricted(
				stoa_primitives::credentials::CaseCommitment::repeat_byte(1),
			),
			by: pallet_credentials::Actor::Governance,
			at: 0,
		},
	);
}

fn checkpoint_now(security: u32) -> u32 {
	assert_ok!(CorporateActions::create_checkpoint(RuntimeOrigin::signed(ISSUER), security, None));
	CheckpointStates::<Test>::get(security).last_id
}

fn rates(list: &[(&str, u32)]) -> BoundedVec<(Jurisdiction, Perbill), ConstU32<4>> {
	BoundedVec::truncate_from(
		list.iter().map(|(code, pct)| (j(code), Perbill::from_percent(*pct))).collect(),
	)
}

use frame_support::traits::ConstU32;

/// Creates a dividend paid now (expiring in 30 days) and returns its id.
fn dividend(
	security: u32,
	record: RecordDate,
	amount: Amount<Balance>,
	tax: &[(&str, u32)],
) -> u32 {
	let id = NextDistributionId::<Test>::get();
	assert_ok!(CorporateActions::create_distribution(
		RuntimeOrigin::signed(ISSUER),
		security,
		record,
		USD,
		amount,
		now(),
		now() + 30 * DAY,
		rates(tax),
	));
	id
}

fn paid_event(distribution: u32, holder: AccountId) -> Option<(Balance, Balance, Balance)> {
	events().into_iter().find_map(|e| match e {
		Event::Paid { distribution: d, holder: h, gross, withheld, net }
			if d == distribution && h == holder =>
		{
			Some((gross, withheld, net))
		},
		_ => None,
	})
}

// ---------------------------------------------------------------- record dates

#[test]
fn a_checkpoint_is_one_write_and_records_balances_on_first_change() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 100);
		issue(s, BOB, 50);
		let cp1 = checkpoint_now(s);
		// O(1): nothing per holder is written when the checkpoint is created.
		assert_eq!(AccountSnapshots::<Test>::iter().count(), 0);
		assert_eq!(CorporateActions::balance_at(s, cp1, &ALICE), Some(100));

		transfer(s, ALICE, BOB, 30);
		transfer(s, ALICE, BOB, 10);
		// One snapshot per wallet changed, written on its first change only.
		assert_eq!(AccountSnapshots::<Test>::iter().count(), 2);
		assert_eq!(CorporateActions::balance_at(s, cp1, &ALICE), Some(100));
		assert_eq!(CorporateActions::balance_at(s, cp1, &BOB), Some(50));
		assert_eq!(CorporateActions::balance_at(s, cp1, &US_CORP), Some(0));

		let cp2 = checkpoint_now(s);
		issue(s, US_CORP, 5);
		Issuance::redeem(RuntimeOrigin::signed(BOB), s, 20).unwrap();
		assert_eq!(CorporateActions::balance_at(s, cp1, &BOB), Some(50));
		assert_eq!(CorporateActions::balance_at(s, cp2, &BOB), Some(90));
		assert_eq!(CorporateActions::balance_at(s, cp2, &US_CORP), Some(0));
		assert_eq!(CorporateActions::balance_at(s, cp1, &US_CORP), Some(0));
		assert_eq!(CorporateActions::balance_at(s, cp2, &ALICE), Some(60));
		assert_eq!(CorporateActions::supply_at(s, cp1), Some(150));
		assert_eq!(CorporateActions::supply_at(s, cp2), Some(150));
		assert_eq!(supply(s), 135);
		// Investors: both of Alice's wallets count together.
		transfer(s, ALICE, ALICE_2, 60);
		assert_eq!(CorporateActions::investor_balance_at(s, cp2, 1), Some(60));
		assert_eq!(CorporateActions::balance_at(s, cp2, &ALICE_2), Some(0));
		assert_eq!(CorporateActions::balance_at(s, 9, &ALICE), None);
	});
}

#[test]
fn scheduled_checkpoints_take_effect_at_their_time() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 100);
		let start = now();
		assert_noop!(
			CorporateActions::create_checkpoint(RuntimeOrigin::signed(ISSUER), s, Some(start)),
			Error::CheckpointInPast
		);
		assert_ok!(CorporateActions::create_checkpoint(
			RuntimeOrigin::signed(ISSUER),
			s,
			Some(start + 200)
		));
		assert_ok!(CorporateActions::create_checkpoint(
			RuntimeOrigin::signed(ISSUER),
			s,
			Some(start + 100)
		));
		let (late, early) = (1, 2);
		assert_eq!(CorporateActions::balance_at(s, early, &ALICE), None);
		// Before either time: no snapshot taken.
		transfer(s, ALICE, BOB, 10);
		assert_eq!(AccountSnapshots::<Test>::iter().count(), 0);

		set_now(start + 150);
		// Time has come, nothing changed since: current balances answer.
		assert_eq!(CorporateActions::balance_at(s, early, &ALICE), Some(90));
		transfer(s, ALICE, BOB, 20);
		let mid = checkpoint_now(s);
		transfer(s, BOB, ALICE, 5);
		set_now(start + 250);
		transfer(s, ALICE, BOB, 1);
		assert_eq!(CorporateActions::balance_at(s, early, &ALICE), Some(90));
		assert_eq!(CorporateActions::balance_at(s, early, &BOB), Some(10));
		assert_eq!(CorporateActions::balance_at(s, mid, &ALICE), Some(70));
		assert_eq!(CorporateActions::balance_at(s, mid, &BOB), Some(30));
		assert_eq!(CorporateActions::balance_at(s, late, &ALICE), Some(75));
		assert_eq!(CorporateActions::balance_at(s, late, &BOB), Some(25));
		assert_eq!(Checkpoints::<Test>::get(s, early).unwrap().epoch, Some(1));
		assert_eq!(Checkpoints::<Test>::get(s, mid).unwrap().epoch, Some(2));
		assert_eq!(Checkpoints::<Test>::get(s, late).unwrap().epoch, Some(3));
	});
}

#[test]
fn checkpoints_need_the_agent_and_are_bounded() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_noop!(
			CorporateActions::create_checkpoint(RuntimeOrigin::signed(ALICE), s, None),
			Error::NotAgent
		);
		assert_noop!(
			CorporateActions::create_checkpoint(RuntimeOrigin::signed(ISSUER), 77, None),
			Error::UnknownSecurity
		);
		for i in 1..=3 {
			assert_ok!(CorporateActions::create_checkpoint(
				RuntimeOrigin::signed(ISSUER),
				s,
				Some(now() + i)
			));
		}
		assert_noop!(
			CorporateActions::create_checkpoint(RuntimeOrigin::signed(ISSUER), s, Some(now() + 9)),
			Error::TooManyScheduledCheckpoints
		);
	});
}

// ---------------------------------------------------------------- distributions

#[test]
fn the_chain_pays_every_record_date_holder_less_tax_rounded_down() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 1);
		issue(s, ALICE_2, 1);
		issue(s, BOB, 1);
		let before = usd(ISSUER);
		let d = dividend(s, RecordDate::Now, Amount::Total(100), &[("GB", 10)]);
		assert_eq!(usd(ISSUER), before - 100);
		assert_eq!(usd(CorporateActions::escrow_account(d)), 100);
		// After the record date: a new holder gets nothing, a seller still gets its share.
		issue(s, US_CORP, 7);
		transfer(s, BOB, US_CORP, 1);

		let used = idle(WHOLE);
		assert!(used.all_lte(WHOLE));
		assert_eq!(paid_event(d, ALICE), Some((33, 0, 33)));
		assert_eq!(paid_event(d, ALICE_2), Some((33, 0, 33)));
		// Bob (GB, 10%): 33 gross, 3 withheld (3.3 rounded down), 30 net.
		assert_eq!(paid_event(d, BOB), Some((33, 3, 30)));
		assert_eq!(paid_event(d, US_CORP), None);
		assert_eq!((usd(ALICE), usd(ALICE_2), usd(BOB), usd(US_CORP)), (33, 33, 30, 0));
		let record = Distributions::<Test>::get(d).unwrap();
		assert_eq!(record.status, DistributionStatus::Pushed);
		assert_eq!((record.payments, record.paid, record.withheld), (3, 96, 3));
		// Withheld tax went back to the issuer; the rounding remainder (1) stays until expiry.
		assert_eq!(usd(ISSUER), before - 100 + 3);
		assert_eq!(usd(CorporateActions::escrow_account(d)), 1);
		assert!(Jobs::<Test>::get().is_empty());
		assert!(events().contains(&Event::DistributionPushed {
			distribution: d,
			payments: 3,
			paid: 96,
			withheld: 3
		}));
	});
}

#[test]
fn claim_and_push_never_pay_twice() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		issue(s, BOB, 30);
		let d = dividend(s, RecordDate::Now, Amount::PerUnit(2), &[]);
		assert_ok!(CorporateActions::claim(RuntimeOrigin::signed(BOB), d));
		assert_eq!(usd(BOB), 60);
		assert_noop!(CorporateActions::claim(RuntimeOrigin::signed(BOB), d), Error::AlreadyPaid);
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB)), (20, 60));
		assert_noop!(CorporateActions::claim(RuntimeOrigin::signed(ALICE), d), Error::AlreadyPaid);
		assert_noop!(
			CorporateActions::claim(RuntimeOrigin::signed(US_CORP), d),
			Error::NothingToClaim
		);
		assert_eq!(Distributions::<Test>::get(d).unwrap().paid, 80);
		let owed = CorporateActions::entitlement(d, &ALICE).unwrap();
		assert_eq!((owed.units, owed.net, owed.paid), (10, 20, true));
	});
}

#[test]
fn holders_who_sold_everything_after_the_record_date_are_paid() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		issue(s, BOB, 10);
		dividend(s, RecordDate::Now, Amount::Total(1_000), &[]);
		// Bob leaves entirely: he is no longer listed as a holder.
		transfer(s, BOB, US_CORP, 10);
		assert_eq!(Issuance::holders_page(s, None, 10).holders.len(), 2);
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB), usd(US_CORP)), (500, 500, 0));
	});
}

#[test]
fn pages_are_sized_to_the_weight_left() {
	new_test_ext().execute_with(|| {
		let s = security();
		for who in [ALICE, ALICE_2, BOB, US_CORP] {
			issue(s, who, 1);
		}
		let d = dividend(s, RecordDate::Now, Amount::PerUnit(5), &[]);
		// Room for exactly two holders after the job list's read and the fixed costs.
		let budget = <() as WeightInfo>::activate()
			.saturating_add(<() as WeightInfo>::pay_holders(2))
			.saturating_add(Weight::from_parts(1, 1));
		let used = idle(budget);
		assert!(used.all_lte(budget));
		assert_eq!(Distributions::<Test>::get(d).unwrap().payments, 2);
		assert_eq!(idle(Weight::from_parts(1, 1)), Weight::zero());
		idle(budget);
		assert_eq!(Distributions::<Test>::get(d).unwrap().payments, 4);
		idle(budget);
		assert_eq!(Distributions::<Test>::get(d).unwrap().status, DistributionStatus::Pushed);
	});
}

#[test]
fn per_unit_reserve_is_settled_at_the_payment_date() {
	new_test_ext().execute_with(|| {
		let s = new_security(pallet_issuance::SecurityKind::Equity, 2);
		issue(s, ALICE, 150); // 1.50 units
		let pay_at = now() + 10;
		let id = NextDistributionId::<Test>::get();
		assert_ok!(CorporateActions::create_distribution(
			RuntimeOrigin::signed(ISSUER),
			s,
			RecordDate::At(now() + 5),
			USD,
			Amount::PerUnit(1_000), // 1,000 cents per whole unit
			pay_at,
			pay_at + DAY,
			rates(&[]),
		));
		// Reserved for today's supply: 1.5 × 1,000.
		assert_eq!(usd(CorporateActions::escrow_account(id)), 1_500);
		issue(s, BOB, 250);
		assert_noop!(CorporateActions::claim(RuntimeOrigin::signed(ALICE), id), Error::NotPayable);
		// Nothing happens before the payment date.
		idle(WHOLE);
		assert_eq!(Distributions::<Test>::get(id).unwrap().status, DistributionStatus::Created);
		set_now(pay_at);
		idle(WHOLE);
		// The shortfall for the record date's 4.00 units was collected: 4,000 in all.
		assert_eq!((usd(ALICE), usd(BOB)), (1_500, 2_500));
		assert!(events().contains(&Event::DistributionActivated {
			distribution: id,
			supply: 400,
			reserve: 4_000
		}));
	});
}

#[test]
fn a_shortfall_the_funder_cannot_cover_defaults_the_distribution() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 1);
		let pay_at = now() + 10;
		let id = NextDistributionId::<Test>::get();
		assert_ok!(CorporateActions::create_distribution(
			RuntimeOrigin::signed(ISSUER),
			s,
			RecordDate::At(now() + 1),
			USD,
			Amount::PerUnit(USD_ENDOWMENT / 2),
			pay_at,
			pay_at + DAY,
			rates(&[]),
		));
		issue(s, BOB, 5);
		set_now(pay_at);
		idle(WHOLE);
		let record = Distributions::<Test>::get(id).unwrap();
		assert_eq!(record.status, DistributionStatus::Closed);
		assert!(events().contains(&Event::DistributionDefaulted {
			distribution: id,
			shortfall: USD_ENDOWMENT * 5 / 2
		}));
		assert_eq!(usd(ISSUER), USD_ENDOWMENT);
		assert_eq!(usd(ALICE), 0);
	});
}

#[test]
fn unclaimed_funds_return_after_expiry() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		issue(s, BOB, 10);
		// Bob is blocked: the chain defers his payment.
		block_bob();
		let d = dividend(s, RecordDate::Now, Amount::Total(100), &[]);
		idle(WHOLE);
		assert!(events().contains(&Event::PaymentDeferred {
			distribution: d,
			holder: BOB,
			reason: Deferral::Blocked
		}));
		assert_noop!(CorporateActions::claim(RuntimeOrigin::signed(BOB), d), Error::HolderBlocked);
		assert_noop!(CorporateActions::reclaim(RuntimeOrigin::signed(DAVE), d), Error::NotExpired);
		set_now(now() + 30 * DAY);
		let before = usd(ISSUER);
		assert_ok!(CorporateActions::reclaim(RuntimeOrigin::signed(DAVE), d));
		assert_eq!(usd(ISSUER), before + 50);
		assert_eq!(usd(CorporateActions::escrow_account(d)), 0);
		pallet_credentials::InvestorBlocks::<Test>::remove(2);
		assert_noop!(
			CorporateActions::claim(RuntimeOrigin::signed(BOB), d),
			Error::DistributionClosed
		);
		assert_eq!(last_event(), Event::DistributionReclaimed { distribution: d, amount: 50 });
	});
}

#[test]
fn a_deferred_holder_claims_once_unblocked() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, BOB, 10);
		block_bob();
		let d = dividend(s, RecordDate::Now, Amount::Total(100), &[("GB", 25)]);
		idle(WHOLE);
		pallet_credentials::InvestorBlocks::<Test>::remove(2);
		assert_ok!(CorporateActions::claim(RuntimeOrigin::signed(BOB), d));
		assert_eq!(usd(BOB), 75);
		assert_eq!(paid_event(d, BOB), Some((100, 25, 75)));
	});
}

#[test]
fn distributions_check_their_inputs_and_can_be_cancelled_before_payment() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		let t = now();
		let create = |who, amount, pay_at, expires_at, tax: &[(&str, u32)]| {
			CorporateActions::create_distribution(
				RuntimeOrigin::signed(who),
				s,
				RecordDate::Now,
				USD,
				amount,
				pay_at,
				expires_at,
				rates(tax),
			)
		};
		assert_noop!(create(ALICE, Amount::Total(1), t, t + 1, &[]), Error::NotAgent);
		assert_noop!(create(ISSUER, Amount::Total(0), t, t + 1, &[]), Error::ZeroAmount);
		assert_noop!(create(ISSUER, Amount::Total(1), t + 1, t + 1, &[]), Error::InvalidDates);
		assert_noop!(
			create(ISSUER, Amount::Total(1), t, t + 1, &[("GB", 1), ("GB", 2)]),
			Error::DuplicateJurisdiction
		);
		assert_noop!(
			create(ISSUER, Amount::Total(USD_ENDOWMENT + 1), t, t + 1, &[]),
			Error::FundingFailed
		);
		assert_noop!(
			CorporateActions::create_distribution(
				RuntimeOrigin::signed(ISSUER),
				s,
				RecordDate::Now,
				99,
				Amount::Total(1),
				t,
				t + 1,
				rates(&[]),
			),
			Error::UnknownAsset
		);
		// A payment date before a future record date is inconsistent...
		assert_noop!(
			CorporateActions::create_distribution(
				RuntimeOrigin::signed(ISSUER),
				s,
				RecordDate::At(t + 10),
				USD,
				Amount::Total(1),
				t + 5,
				t + 20,
				rates(&[]),
			),
			Error::InvalidDates
		);
		// ...but one already past (a caller's "now") means "from the record date".
		assert_ok!(create(ISSUER, Amount::Total(1), t - 5, t + 20, &[]));
		let early = NextDistributionId::<Test>::get() - 1;
		assert_eq!(Distributions::<Test>::get(early).unwrap().pay_at, t);
		assert_ok!(CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), early, 5));
		let first = NextDistributionId::<Test>::get();
		assert_ok!(create(ISSUER, Amount::Total(500), t + 10, t + 20, &[]));
		assert_noop!(
			CorporateActions::cancel_distribution(RuntimeOrigin::signed(ALICE), first),
			Error::NotAgent
		);
		let funds = usd(ISSUER);
		assert_ok!(CorporateActions::cancel_distribution(RuntimeOrigin::signed(ISSUER), first));
		assert_eq!(usd(ISSUER), funds + 500);
		assert_noop!(
			CorporateActions::cancel_distribution(RuntimeOrigin::signed(ISSUER), first),
			Error::AlreadyPaying
		);
		assert_ok!(create(ISSUER, Amount::Total(500), t, t + 20, &[]));
		assert_noop!(
			CorporateActions::cancel_distribution(RuntimeOrigin::signed(ISSUER), first + 1),
			Error::AlreadyPaying
		);
		// The job list is bounded.
		for _ in 0..3 {
			assert_ok!(create(ISSUER, Amount::Total(1), t + 10, t + 20, &[]));
		}
		assert_noop!(create(ISSUER, Amount::Total(1), t + 10, t + 20, &[]), Error::TooManyJobs);
	});
}

#[test]
fn push_payments_advances_the_same_push() {
	new_test_ext().execute_with(|| {
		let s = security();
		for who in [ALICE, BOB, US_CORP] {
			issue(s, who, 1);
		}
		let d = dividend(s, RecordDate::Now, Amount::PerUnit(7), &[]);
		assert_ok!(CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), d, 2));
		assert_eq!(Distributions::<Test>::get(d).unwrap().payments, 2);
		assert_ok!(CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), d, 2));
		assert_eq!(Distributions::<Test>::get(d).unwrap().status, DistributionStatus::Pushed);
		assert_eq!(usd(ALICE) + usd(BOB) + usd(US_CORP), 21);
		assert_noop!(
			CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), 9, 2),
			Error::UnknownDistribution
		);
	});
}

// ---------------------------------------------------------------- splits

#[test]
fn a_split_rescales_every_holder_rounding_down_and_locks_movements_meanwhile() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 1);
		issue(s, BOB, 3);
		issue(s, US_CORP, 5);
		let cp = checkpoint_now(s);
		assert_noop!(
			CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 2, 2),
			Error::InvalidRatio
		);
		assert_noop!(
			CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 0, 2),
			Error::InvalidRatio
		);
		assert_noop!(CorporateActions::split(RuntimeOrigin::signed(BOB), s, 3, 2), Error::NotAgent);
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 3, 2));
		assert_noop!(
			CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 3, 2),
			Error::SplitInProgress
		);
		assert_noop!(
			Issuance::transfer(RuntimeOrigin::signed(BOB), s, ALICE, 1),
			pallet_issuance::Error::<Test>::CorporateActionInProgress
		);
		idle(WHOLE);
		// 1 × 3/2 = 1 (0.5 cancelled), 3 × 3/2 = 4, 5 × 3/2 = 7.
		let balance = |who| pallet_issuance::Holdings::<Test>::get(s, who).map(|h| h.balance);
		assert_eq!((balance(ALICE), balance(BOB), balance(US_CORP)), (Some(1), Some(4), Some(7)));
		assert_eq!(supply(s), 12);
		assert_eq!(
			pallet_issuance::Securities::<Test>::get(s).unwrap().authorised_supply,
			1_500_000
		);
		assert_eq!(
			last_event(),
			Event::SplitCompleted { security: s, holders: 3, supply_before: 9, supply_after: 12 }
		);
		// Record dates keep pre-split units.
		assert_eq!(CorporateActions::balance_at(s, cp, &BOB), Some(3));
		assert_ok!(Issuance::transfer(RuntimeOrigin::signed(BOB), s, ALICE, 3));

		// A reverse split 1:4: 4 → 1, 7 → 1 (0.75 cancelled); holders left with nothing
		// are removed and the counts stay true.
		issue(s, BOB, 2);
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 1, 4));
		idle(WHOLE);
		assert_eq!((balance(ALICE), balance(BOB), balance(US_CORP)), (Some(1), None, Some(1)));
		assert_eq!(pallet_issuance::Securities::<Test>::get(s).unwrap().holders, 2);
		assert_eq!(supply(s), 2);
	});
}

// ---------------------------------------------------------------- ballots

fn motion(title: &str, choices: &[&str]) -> MotionOf<Test> {
	Motion {
		title: BoundedVec::truncate_from(title.as_bytes().to_vec()),
		choices: BoundedVec::truncate_from(
			choices.iter().map(|c| BoundedVec::truncate_from(c.as_bytes().to_vec())).collect(),
		),
	}
}

#[test]
fn each_investor_votes_once_with_its_record_date_units() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 30);
		issue(s, ALICE_2, 20);
		issue(s, BOB, 40);
		let t = now();
		let motions = BoundedVec::truncate_from(vec![
			motion("Approve the accounts", &["for", "against", "abstain"]),
			motion("Elect Dana", &["for", "against"]),
		]);
		assert_noop!(
			CorporateActions::open_ballot(
				RuntimeOrigin::signed(ISSUER),
				s,
				RecordDate::Now,
				t,
				t + 100,
				BoundedVec::truncate_from(vec![motion("One choice", &["yes"])]),
			),
			Error::InvalidBallot
		);
		assert_ok!(CorporateActions::open_ballot(
			RuntimeOrigin::signed(ISSUER),
			s,
			RecordDate::Now,
			t + 10,
			t + 100,
			motions,
		));
		let vote = |who, choices: Vec<u8>| {
			CorporateActions::vote(
				RuntimeOrigin::signed(who),
				0,
				BoundedVec::truncate_from(choices),
			)
		};
		assert_noop!(vote(ALICE, vec![0, 0]), Error::VotingClosed);
		set_now(t + 10);
		// Units moved after the record date do not move votes.
		transfer(s, BOB, ALICE, 40);
		assert_noop!(vote(ALICE, vec![0]), Error::InvalidVote);
		assert_noop!(vote(ALICE, vec![0, 2]), Error::InvalidVote);
		assert_ok!(vote(ALICE_2, vec![0, 1]));
		assert_eq!(last_event(), Event::Voted { ballot: 0, investor: 1, weight: 50 });
		assert_noop!(vote(ALICE, vec![1, 1]), Error::AlreadyVoted);
		assert_ok!(vote(BOB, vec![1, 0]));
		assert_noop!(vote(DAVE, vec![1, 0]), Error::NotInvestor);
		assert_noop!(vote(US_CORP, vec![1, 0]), Error::NoVotingPower);
		let results = CorporateActions::results(0).unwrap();
		assert_eq!(results.tallies, vec![vec![50, 40, 0], vec![40, 50]]);
		assert_eq!((results.voters, results.closed), (2, false));
		set_now(t + 100);
		assert!(CorporateActions::results(0).unwrap().closed);
		assert_noop!(
			CorporateActions::cancel_ballot(RuntimeOrigin::signed(ISSUER), 0),
			Error::VotingStarted
		);
	});
}

// ---------------------------------------------------------------- debt

#[test]
fn coupons_are_created_on_their_dates_and_principal_is_repaid_at_maturity() {
	new_test_ext().execute_with(|| {
		let t = now();
		let first = stoa_primitives::calendar::add_months(t, 3);
		let maturity = stoa_primitives::calendar::add_months(t, 6);
		let s = debt_security(0, maturity);
		issue(s, ALICE, 10);
		issue(s, BOB, 30);
		let equity = security();
		assert_noop!(
			CorporateActions::set_debt_schedule(
				RuntimeOrigin::signed(ISSUER),
				equity,
				USD,
				1_000,
				3,
				first
			),
			Error::NotDebt
		);
		assert_noop!(
			CorporateActions::set_debt_schedule(
				RuntimeOrigin::signed(ISSUER),
				s,
				USD,
				1_000,
				2,
				first
			),
			Error::InvalidSchedule
		);
		assert_ok!(CorporateActions::set_debt_schedule(
			RuntimeOrigin::signed(ISSUER),
			s,
			USD,
			1_000,
			3,
			first
		));
		next_block();
		assert!(events().iter().all(|e| !matches!(e, Event::CouponCreated { .. })));

		// First coupon: 1,000 × 5% × 3/12 = 12.5 → 12 per unit.
		set_now(first);
		next_block();
		assert_eq!(
			last_event_matching(|e| matches!(e, Event::CouponCreated { .. })),
			Event::CouponCreated { security: s, number: 1, distribution: 0 }
		);
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB)), (120, 360));

		// At maturity: the second coupon, then the principal (the units are burnt).
		set_now(maturity);
		next_block();
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB)), (240 + 10_000, 720 + 30_000));
		assert_eq!(supply(s), 0);
		assert_eq!(
			pallet_issuance::Securities::<Test>::get(s).unwrap().status,
			pallet_issuance::SecurityStatus::Matured
		);
		assert!(DebtSchedules::<Test>::get(s).unwrap().redeemed);
		assert!(CouponCalendar::<Test>::get().is_empty());
		assert_eq!(usd(ISSUER), USD_ENDOWMENT - 960 - 40_000);
	});
}

fn last_event_matching(f: impl Fn(&Event<Test>) -> bool) -> Event<Test> {
	events().into_iter().rev().find(|e| f(e)).expect("such an event")
}

#[test]
fn a_payment_the_reserve_cannot_cover_is_recorded_as_missed() {
	new_test_ext().execute_with(|| {
		let t = now();
		let maturity = t + 400 * DAY;
		let s = debt_security(0, maturity);
		issue(s, ALICE, 1_000);
		let first = t + DAY;
		// Face value 10,000 per unit: a coupon of 1,000 units × 125 = 125,000, principal 10M.
		assert_ok!(CorporateActions::set_debt_schedule(
			RuntimeOrigin::signed(ISSUER),
			s,
			USD,
			10_000,
			3,
			first
		));
		set_now(first);
		next_block();
		idle(WHOLE);
		assert_eq!(usd(ISSUER), USD_ENDOWMENT - 125_000);
		set_now(maturity);
		for _ in 0..4 {
			next_block();
			idle(WHOLE);
		}
		assert!(events().contains(&Event::PaymentMissed {
			security: s,
			payment: DebtPayment::Principal,
			due: 10_000_000
		}));
		let schedule = DebtSchedules::<Test>::get(s).unwrap();
		assert!(!schedule.redeemed);
		assert_eq!(schedule.defaults, 1);
		// The security matured anyway; the agent retries once funded.
		assert_noop!(
			CorporateActions::redeem_at_maturity(RuntimeOrigin::signed(ISSUER), s),
			Error::FundingFailed
		);
		use frame_support::traits::fungibles::Mutate;
		Assets::mint_into(USD, &ISSUER, 10_000_000).unwrap();
		assert_ok!(CorporateActions::redeem_at_maturity(RuntimeOrigin::signed(ISSUER), s));
		idle(WHOLE);
		assert_eq!(supply(s), 0);
		assert_noop!(
			CorporateActions::redeem_at_maturity(RuntimeOrigin::signed(ISSUER), s),
			Error::NotRedeemable
		);
	});
}
