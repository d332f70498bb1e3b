//! Unit tests: record dates, distributions (push, claim, tax, expiry, default), splits,
//! ballots, coupons and maturity.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, weights::Weight, BoundedVec};
use sp_runtime::Perbill;
use stoa_primitives::{BlockReason, Jurisdiction};

type Error = crate::Error<Test>;

const WHOLE: Weight = Weight::MAX;

/// A transfer's error without the weight it is charged for it (a refused transfer is charged
/// its checks), to compare with a pallet error.
fn error_of<T>(
	result: Result<
		T,
		sp_runtime::DispatchErrorWithPostInfo<frame_support::dispatch::PostDispatchInfo>,
	>,
) -> Result<T, sp_runtime::DispatchError> {
	result.map_err(|e| e.error)
}

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
		Event::Paid { distribution: d, holder: h, gross, withheld, net, .. }
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
		assert!(Jobs::<Test>::get(s).is_none());
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
			error_of(Issuance::transfer(RuntimeOrigin::signed(BOB), s, ALICE, 1)),
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
		assert_eq!(CouponCalendar::<Test>::iter().count(), 0);
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

// ---------------------------------------------------------------- issue 12: job lists

fn corporate_actions_agent(security: u32, agent: AccountId) {
	assert_ok!(Issuance::set_agent(
		RuntimeOrigin::signed(ISSUER),
		security,
		agent,
		pallet_issuance::AgentRoles { corporate_actions: true, ..Default::default() },
	));
}

fn mint_usd(who: AccountId, amount: Balance) {
	use frame_support::traits::fungibles::Mutate;
	Assets::mint_into(USD, &who, amount).unwrap();
}

fn move_usd(from: AccountId, to: AccountId, amount: Balance) {
	use frame_support::traits::{fungibles::Mutate, tokens::Preservation};
	<Assets as Mutate<AccountId>>::transfer(USD, &from, &to, amount, Preservation::Expendable)
		.unwrap();
}

#[test]
fn one_securitys_full_job_list_does_not_block_another_securitys() {
	new_test_ext().execute_with(|| {
		let t = now();
		let a = security();
		let b = security();
		let maturity = t + 400 * DAY;
		let c = debt_security(0, maturity);
		issue(a, ALICE, 10);
		issue(b, BOB, 10);
		issue(c, BOB, 10);
		assert_ok!(CorporateActions::set_debt_schedule(
			RuntimeOrigin::signed(ISSUER),
			c,
			USD,
			1_000,
			3,
			t + DAY
		));
		// The agent of A fills A's job list with far-future distributions...
		corporate_actions_agent(a, AGENT);
		mint_usd(AGENT, 1_000);
		let squat = |i| {
			CorporateActions::create_distribution(
				RuntimeOrigin::signed(AGENT),
				a,
				RecordDate::Now,
				USD,
				Amount::Total(1),
				t + 300 * DAY + i,
				t + 400 * DAY,
				rates(&[]),
			)
		};
		for i in 0..4 {
			assert_ok!(squat(i));
		}
		assert_noop!(squat(9), Error::TooManyJobs);
		// ...and nothing of B's or C's is refused: a dividend, a split, a coupon on its date.
		let d = dividend(b, RecordDate::Now, Amount::Total(100), &[]);
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), b, 2, 1));
		set_now(t + DAY);
		next_block();
		assert!(events().iter().any(|e| matches!(
			e,
			Event::CouponCreated { security, number: 1, .. } if *security == c
		)));
		assert!(!events().iter().any(|e| matches!(e, Event::PaymentMissed { .. })));
		idle(WHOLE);
		idle(WHOLE);
		assert_eq!(pallet_issuance::Holdings::<Test>::get(b, BOB).unwrap().balance, 20);
		// Bob: the dividend of B (100) and C's coupon (10 × 12).
		assert_eq!(usd(BOB), 100 + 120);
		assert_eq!(Distributions::<Test>::get(d).unwrap().status, DistributionStatus::Pushed);
		assert_eq!(Jobs::<Test>::get(a).unwrap().len(), 4);
	});
}

#[test]
fn on_idle_gives_every_security_with_work_its_turn() {
	new_test_ext().execute_with(|| {
		let a = security();
		let b = security();
		for who in [ALICE, ALICE_2, BOB, US_CORP] {
			issue(a, who, 1);
			issue(b, who, 1);
		}
		let da = dividend(a, RecordDate::Now, Amount::PerUnit(5), &[]);
		let db = dividend(b, RecordDate::Now, Amount::PerUnit(5), &[]);
		let payments = |d| Distributions::<Test>::get(d).unwrap().payments;
		// Room for two holders per block: one security per block, in turn.
		let budget = <() as WeightInfo>::activate()
			.saturating_add(<() as WeightInfo>::pay_holders(2))
			.saturating_add(Weight::from_parts(1, 1));
		idle(budget);
		let first = if payments(da) == 2 { da } else { db };
		let second = if first == da { db } else { da };
		assert_eq!((payments(first), payments(second)), (2, 0));
		idle(budget);
		assert_eq!((payments(first), payments(second)), (2, 2));
		idle(budget);
		assert_eq!((payments(first), payments(second)), (4, 2));
		idle(budget);
		idle(budget);
		idle(budget);
		assert_eq!(Distributions::<Test>::get(da).unwrap().status, DistributionStatus::Pushed);
		assert_eq!(Distributions::<Test>::get(db).unwrap().status, DistributionStatus::Pushed);
		assert_eq!(Jobs::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_coupon_that_could_not_be_created_stays_owed_and_is_retried() {
	new_test_ext().execute_with(|| {
		let t = now();
		let first = t + DAY;
		let second = stoa_primitives::calendar::add_months(first, 3);
		let s = debt_security(0, t + 400 * DAY);
		issue(s, ALICE, 10);
		// 1,000 × 5% × 3/12 = 12.5 → 12 per unit: 120 a coupon.
		assert_ok!(CorporateActions::set_debt_schedule(
			RuntimeOrigin::signed(ISSUER),
			s,
			USD,
			1_000,
			3,
			first
		));
		// On the first coupon date the issuer's reserve is empty.
		let reserve = usd(ISSUER);
		move_usd(ISSUER, TREASURY_USD, reserve);
		set_now(first);
		next_block();
		assert!(events().contains(&Event::PaymentMissed {
			security: s,
			payment: DebtPayment::Coupon { number: 1 },
			due: 120
		}));
		let missed = MissedCoupons::<Test>::get(s, 1).expect("owed");
		assert_eq!((missed.rate, missed.due_at), (12, first));
		// Holders at the coupon date are owed, whatever moves afterwards.
		transfer(s, ALICE, BOB, 10);
		assert_noop!(
			CorporateActions::retry_coupon(RuntimeOrigin::signed(DAVE), s, 1),
			Error::FundingFailed
		);
		move_usd(TREASURY_USD, ISSUER, reserve);
		// Anyone may retry it once the reserve is funded.
		assert_ok!(CorporateActions::retry_coupon(RuntimeOrigin::signed(DAVE), s, 1));
		assert!(matches!(
			last_event_matching(|e| matches!(e, Event::CouponCreated { .. })),
			Event::CouponCreated { number: 1, .. }
		));
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB)), (120, 0));
		assert_noop!(
			CorporateActions::retry_coupon(RuntimeOrigin::signed(DAVE), s, 1),
			Error::NoMissedCoupon
		);

		// On the second date the security's own job list is full: missed, and retried once
		// there is room again.
		for i in 0..4 {
			assert_ok!(CorporateActions::create_distribution(
				RuntimeOrigin::signed(ISSUER),
				s,
				RecordDate::Now,
				USD,
				Amount::Total(1),
				second + 100 + i,
				second + 200,
				rates(&[]),
			));
		}
		set_now(second);
		next_block();
		assert!(MissedCoupons::<Test>::contains_key(s, 2));
		assert_eq!(DebtSchedules::<Test>::get(s).unwrap().defaults, 2);
		assert_noop!(
			CorporateActions::retry_coupon(RuntimeOrigin::signed(BOB), s, 2),
			Error::TooManyJobs
		);
		let blocking = NextDistributionId::<Test>::get() - 1;
		assert_ok!(CorporateActions::cancel_distribution(RuntimeOrigin::signed(ISSUER), blocking));
		assert_ok!(CorporateActions::retry_coupon(RuntimeOrigin::signed(BOB), s, 2));
		idle(WHOLE);
		assert_eq!(usd(BOB), 120);
	});
}

// ---------------------------------------------------------------- issue 12: closing

#[test]
fn a_distribution_does_not_close_while_its_escrow_cannot_pay_out() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		issue(s, BOB, 10);
		block_bob();
		let d = dividend(s, RecordDate::Now, Amount::Total(100), &[]);
		idle(WHOLE);
		let escrow = CorporateActions::escrow_account(d);
		assert_eq!(usd(escrow), 50);
		set_now(now() + 30 * DAY);
		let before = usd(ISSUER);
		// The settlement asset is frozen: nothing leaves, nothing closes.
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(QUALIFIER), USD));
		assert_noop!(
			CorporateActions::reclaim(RuntimeOrigin::signed(DAVE), d),
			Error::RefundFailed
		);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(QUALIFIER), USD));
		// The escrow account is frozen: the same.
		assert_ok!(Assets::freeze(RuntimeOrigin::signed(QUALIFIER), USD, escrow));
		assert_noop!(
			CorporateActions::reclaim(RuntimeOrigin::signed(DAVE), d),
			Error::RefundFailed
		);
		assert_eq!(Distributions::<Test>::get(d).unwrap().status, DistributionStatus::Pushed);
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(QUALIFIER), USD, escrow));
		// Thawed: the reclaim goes through.
		assert_ok!(CorporateActions::reclaim(RuntimeOrigin::signed(DAVE), d));
		assert_eq!((usd(escrow), usd(ISSUER)), (0, before + 50));
		assert_eq!(Distributions::<Test>::get(d).unwrap().status, DistributionStatus::Closed);

		// A cancellation, likewise.
		let t = now();
		let c = NextDistributionId::<Test>::get();
		assert_ok!(CorporateActions::create_distribution(
			RuntimeOrigin::signed(ISSUER),
			s,
			RecordDate::Now,
			USD,
			Amount::Total(500),
			t + 10,
			t + 20,
			rates(&[]),
		));
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(QUALIFIER), USD));
		assert_noop!(
			CorporateActions::cancel_distribution(RuntimeOrigin::signed(ISSUER), c),
			Error::RefundFailed
		);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(QUALIFIER), USD));
		assert_ok!(CorporateActions::cancel_distribution(RuntimeOrigin::signed(ISSUER), c));
		assert_eq!(usd(CorporateActions::escrow_account(c)), 0);
	});
}

#[test]
fn a_default_whose_refund_fails_is_retried() {
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
		let escrow = CorporateActions::escrow_account(id);
		assert_ok!(Assets::freeze(RuntimeOrigin::signed(QUALIFIER), USD, escrow));
		idle(WHOLE);
		// The funder cannot cover the shortfall, and the reserve cannot return yet.
		assert_eq!(Distributions::<Test>::get(id).unwrap().status, DistributionStatus::Created);
		assert_noop!(
			CorporateActions::claim(RuntimeOrigin::signed(ALICE), id),
			Error::RefundFailed
		);
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(QUALIFIER), USD, escrow));
		idle(WHOLE);
		assert_eq!(Distributions::<Test>::get(id).unwrap().status, DistributionStatus::Closed);
		assert_eq!((usd(escrow), usd(ISSUER)), (0, USD_ENDOWMENT));
	});
}

// ---------------------------------------------------------------- issue 12: recovery

fn recover(lost: AccountId, new: AccountId) {
	assert_ok!(Credentials::recover_wallet(RuntimeOrigin::root(), lost, new));
}

#[test]
fn a_recovered_wallets_entitlement_is_paid_to_its_replacement() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		issue(s, BOB, 10);
		let d = dividend(s, RecordDate::Now, Amount::Total(100), &[("DE", 10)]);
		// Alice's wallet is lost before the push; her other wallet replaces it.
		recover(ALICE, ALICE_2);
		idle(WHOLE);
		// Taxed for the replacement's investor (the lost wallet has none any more).
		assert!(events().contains(&Event::Paid {
			distribution: d,
			holder: ALICE,
			payee: ALICE_2,
			gross: 50,
			withheld: 5,
			net: 45
		}));
		assert_eq!((usd(ALICE), usd(ALICE_2), usd(BOB)), (0, 45, 50));
		assert_noop!(
			CorporateActions::claim_recovered(RuntimeOrigin::signed(ALICE_2), d, ALICE),
			Error::AlreadyPaid
		);
		assert!(CorporateActions::entitlement(d, &ALICE).unwrap().paid);
		// Record dates after the recovery: units left on the lost wallet are still Alice's...
		let e = dividend(s, RecordDate::Now, Amount::Total(100), &[]);
		idle(WHOLE);
		assert_eq!(paid_event(e, ALICE), Some((50, 0, 50)));
		assert_eq!(usd(ALICE_2), 95);
		// ...and once they have followed the recovery, the replacement holds them.
		assert_ok!(Issuance::recover_holdings(RuntimeOrigin::signed(DAVE), s, ALICE));
		let f = dividend(s, RecordDate::Now, Amount::Total(100), &[]);
		idle(WHOLE);
		assert_eq!(paid_event(f, ALICE_2), Some((50, 0, 50)));
		assert_eq!(paid_event(f, ALICE), None);
		assert_eq!(usd(ALICE_2), 145);
	});
}

#[test]
fn a_replacement_claims_what_its_lost_wallet_was_deferred_and_only_once() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		assert_ok!(Credentials::block_wallet(
			RuntimeOrigin::root(),
			ALICE,
			BlockReason::LostWallet
		));
		let d = dividend(s, RecordDate::Now, Amount::Total(100), &[]);
		idle(WHOLE);
		assert!(events().contains(&Event::PaymentDeferred {
			distribution: d,
			holder: ALICE,
			reason: Deferral::Blocked
		}));
		assert_noop!(
			CorporateActions::claim_recovered(RuntimeOrigin::signed(ALICE_2), d, ALICE),
			Error::NotRecovered
		);
		recover(ALICE, ALICE_2);
		assert_noop!(
			CorporateActions::claim_recovered(RuntimeOrigin::signed(BOB), d, ALICE),
			Error::NotReplacement
		);
		assert_ok!(CorporateActions::claim_recovered(RuntimeOrigin::signed(ALICE_2), d, ALICE));
		assert_eq!(usd(ALICE_2), 100);
		// Never twice: not by the replacement, not by the lost wallet, not by the push.
		assert_noop!(
			CorporateActions::claim_recovered(RuntimeOrigin::signed(ALICE_2), d, ALICE),
			Error::AlreadyPaid
		);
		assert_noop!(CorporateActions::claim(RuntimeOrigin::signed(ALICE), d), Error::AlreadyPaid);
		assert_ok!(CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), d, 10));
		assert_eq!(usd(ALICE_2), 100);
		// Nothing is left for the funder to take back.
		set_now(now() + 30 * DAY);
		assert_ok!(CorporateActions::reclaim(RuntimeOrigin::signed(DAVE), d));
		assert_eq!(last_event(), Event::DistributionReclaimed { distribution: d, amount: 0 });
	});
}

#[test]
fn a_lost_wallet_linked_again_is_paid_itself_for_later_record_dates() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		let t = now();
		let pay_at = t + 100;
		let create = |record| {
			let id = NextDistributionId::<Test>::get();
			assert_ok!(CorporateActions::create_distribution(
				RuntimeOrigin::signed(ISSUER),
				s,
				record,
				USD,
				Amount::Total(100),
				pay_at,
				pay_at + DAY,
				rates(&[]),
			));
			id
		};
		let before = create(RecordDate::Now);
		recover(ALICE, ALICE_2);
		assert_ok!(Issuance::recover_holdings(RuntimeOrigin::signed(DAVE), s, ALICE));
		// The emptied wallet is unblocked and becomes US Corp's (investor 4).
		set_now(t + 10);
		assert_ok!(Credentials::unblock_wallet(RuntimeOrigin::root(), ALICE));
		assert_ok!(Credentials::request_wallet_link(RuntimeOrigin::signed(QUALIFIER), 4, ALICE));
		assert_ok!(Credentials::accept_wallet_link(RuntimeOrigin::signed(ALICE), 4));
		set_now(t + 20);
		issue(s, ALICE, 5);
		let after = create(RecordDate::Now);
		set_now(pay_at);
		idle(WHOLE);
		// What the wallet held as Alice's goes to Alice's replacement; what it holds as US
		// Corp's, to itself.
		assert!(events().iter().any(|e| matches!(
			e,
			Event::Paid { distribution, holder: ALICE, payee: ALICE_2, net: 100, .. }
				if *distribution == before
		)));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::Paid { distribution, holder: ALICE, payee: ALICE, .. } if *distribution == after
		)));
		assert_eq!(usd(ALICE_2), 100 + 66);
		assert_eq!(usd(ALICE), 33);
	});
}

#[test]
fn a_redemption_burns_a_recovered_wallets_units_where_they_moved() {
	new_test_ext().execute_with(|| {
		let t = now();
		let first = t + DAY;
		let maturity = t + 2 * DAY;
		let s = debt_security(0, maturity);
		issue(s, ALICE, 10);
		issue(s, BOB, 5);
		assert_ok!(CorporateActions::set_debt_schedule(
			RuntimeOrigin::signed(ISSUER),
			s,
			USD,
			1_000,
			1,
			first
		));
		set_now(first);
		next_block();
		idle(WHOLE);
		let (alice, bob) = (usd(ALICE), usd(BOB));
		set_now(maturity);
		next_block();
		let redemption = NextDistributionId::<Test>::get() - 1;
		assert_eq!(
			Distributions::<Test>::get(redemption).unwrap().kind,
			DistributionKind::Redemption
		);
		// Alice's wallet is lost after the record date; her units follow the recovery.
		recover(ALICE, ALICE_2);
		assert_ok!(Issuance::recover_holdings(RuntimeOrigin::signed(DAVE), s, ALICE));
		idle(WHOLE);
		assert_eq!(supply(s), 0);
		assert_eq!(paid_event(redemption, ALICE), Some((10_000, 0, 10_000)));
		assert_eq!((usd(ALICE), usd(ALICE_2), usd(BOB)), (alice, 10_000, bob + 5_000));
		assert_eq!(
			Distributions::<Test>::get(redemption).unwrap().status,
			DistributionStatus::Pushed
		);
	});
}

// ---------------------------------------------------------------- issue 12: splits

#[test]
fn a_split_rescales_a_debts_face_value() {
	new_test_ext().execute_with(|| {
		let t = now();
		let first = stoa_primitives::calendar::add_months(t, 3);
		let maturity = stoa_primitives::calendar::add_months(t, 6);
		let s = debt_security(0, maturity);
		issue(s, ALICE, 10);
		issue(s, BOB, 30);
		assert_ok!(CorporateActions::set_debt_schedule(
			RuntimeOrigin::signed(ISSUER),
			s,
			USD,
			1_000,
			3,
			first
		));
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 2, 1));
		idle(WHOLE);
		assert_eq!(DebtSchedules::<Test>::get(s).unwrap().face_value, 500);
		// 500 × 5% × 3/12 = 6.25 → 6 per unit: 20 units get 120, as 10 did before the split.
		set_now(first);
		next_block();
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB)), (120, 360));
		// The principal: 20 × 500, what 10 × 1,000 was.
		set_now(maturity);
		next_block();
		idle(WHOLE);
		assert_eq!((usd(ALICE), usd(BOB)), (240 + 10_000, 720 + 30_000));
		assert_eq!(supply(s), 0);
	});
}

#[test]
fn no_record_date_is_taken_inside_a_split() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		issue(s, BOB, 20);
		issue(s, US_CORP, 30);
		let t = now();
		// Scheduled for a time that comes while the split runs.
		assert_ok!(CorporateActions::create_checkpoint(
			RuntimeOrigin::signed(ISSUER),
			s,
			Some(t + 10)
		));
		let scheduled = CheckpointStates::<Test>::get(s).last_id;
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 2, 1));
		assert_noop!(
			CorporateActions::create_checkpoint(RuntimeOrigin::signed(ISSUER), s, None),
			Error::SplitInProgress
		);
		assert_noop!(
			CorporateActions::create_distribution(
				RuntimeOrigin::signed(ISSUER),
				s,
				RecordDate::Now,
				USD,
				Amount::Total(1),
				t,
				t + DAY,
				rates(&[]),
			),
			Error::SplitInProgress
		);
		assert_noop!(
			CorporateActions::open_ballot(
				RuntimeOrigin::signed(ISSUER),
				s,
				RecordDate::Now,
				t + 10,
				t + 100,
				BoundedVec::truncate_from(vec![motion("Approve", &["for", "against"])]),
			),
			Error::SplitInProgress
		);
		// One holder is rescaled, then the checkpoint's time comes, then the others are.
		idle(<() as WeightInfo>::split_holders(1).saturating_add(Weight::from_parts(1, 1)));
		set_now(t + 10);
		assert_eq!(CorporateActions::balance_at(s, scheduled, &ALICE), None);
		idle(WHOLE);
		assert!(!Splits::<Test>::contains_key(s));
		// It records the post-split holdings of everyone (nothing moves during a split).
		let at = |who| CorporateActions::balance_at(s, scheduled, &who);
		assert_eq!((at(ALICE), at(BOB), at(US_CORP)), (Some(20), Some(40), Some(60)));
		transfer(s, BOB, ALICE, 5);
		assert_eq!((at(ALICE), at(BOB), at(US_CORP)), (Some(20), Some(40), Some(60)));
		assert_eq!(CorporateActions::supply_at(s, scheduled), Some(120));
		assert_ok!(CorporateActions::create_checkpoint(RuntimeOrigin::signed(ISSUER), s, None));
	});
}

#[test]
fn a_split_rescales_per_unit_amounts_of_record_dates_to_come() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		let t = now();
		let before = NextDistributionId::<Test>::get();
		dividend(s, RecordDate::Now, Amount::PerUnit(10), &[]);
		let later = NextDistributionId::<Test>::get();
		assert_ok!(CorporateActions::create_distribution(
			RuntimeOrigin::signed(ISSUER),
			s,
			RecordDate::At(t + 10),
			USD,
			Amount::PerUnit(10),
			t + 20,
			t + DAY,
			rates(&[]),
		));
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 2, 1));
		assert_eq!(Distributions::<Test>::get(before).unwrap().amount, Amount::PerUnit(10));
		assert_eq!(Distributions::<Test>::get(later).unwrap().amount, Amount::PerUnit(5));
		// Payments wait for the split.
		assert_noop!(
			CorporateActions::claim(RuntimeOrigin::signed(ALICE), before),
			Error::SplitInProgress
		);
		idle(WHOLE);
		set_now(t + 20);
		idle(WHOLE);
		// 10 pre-split units × 10, and 20 post-split units × 5.
		assert_eq!(paid_event(before, ALICE), Some((100, 0, 100)));
		assert_eq!(paid_event(later, ALICE), Some((100, 0, 100)));
	});
}

#[test]
fn a_split_waits_for_the_securitys_offerings() {
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 10);
		let t = now();
		assert_ok!(Issuance::open_offering(
			RuntimeOrigin::signed(ISSUER),
			s,
			USD,
			100,
			t,
			t + 100,
			1,
			10,
			0,
			10,
			ISSUER,
		));
		assert_noop!(
			CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 2, 1),
			Error::OfferingInProgress
		);
		set_now(t + 100);
		assert_ok!(Issuance::settle_offering(RuntimeOrigin::signed(DAVE), 0, 3));
		assert_ok!(CorporateActions::split(RuntimeOrigin::signed(ISSUER), s, 2, 1));
	});
}

// ---------------------------------------------------------------- issue 12: weights

#[test]
fn push_payments_is_bounded_and_charged_for_the_heavier_kind() {
	use frame_support::dispatch::GetDispatchInfo;
	new_test_ext().execute_with(|| {
		let s = security();
		issue(s, ALICE, 1);
		let d = dividend(s, RecordDate::Now, Amount::PerUnit(5), &[]);
		assert_noop!(
			CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), d, MAX_PUSH_PAGE + 1),
			Error::PageTooLarge
		);
		let charged = crate::Call::<Test>::push_payments { distribution: d, max: 10 }
			.get_dispatch_info()
			.call_weight;
		assert!(charged.all_gte(<() as WeightInfo>::redeem_holders(10)));
		assert!(charged.all_gte(<() as WeightInfo>::pay_holders(10)));
		// Refunded to what was done: one holder paid.
		let info = CorporateActions::push_payments(RuntimeOrigin::signed(DAVE), d, 10).unwrap();
		assert_eq!(
			info.actual_weight,
			Some(<() as WeightInfo>::activate().saturating_add(<() as WeightInfo>::pay_holders(1)))
		);
	});
}

#[test]
fn the_observer_weight_covers_scheduled_checkpoints_taking_effect() {
	use stoa_primitives::HoldingsObserver;
	new_test_ext().execute_with(|| {
		// The runtime's bound, and real database weights.
		MaxScheduledCheckpoints::set(16);
		DbWeight::set(frame_support::weights::constants::ParityDbWeight::get());
		let s = security();
		issue(s, ALICE, 10);
		let t = now();
		checkpoint_now(s);
		for i in 1..=16 {
			assert_ok!(CorporateActions::create_checkpoint(
				RuntimeOrigin::signed(ISSUER),
				s,
				Some(t + i)
			));
		}
		set_now(t + 20);
		let count = || {
			Checkpoints::<Test>::iter().filter(|(_, _, c)| c.epoch.is_some()).count()
				+ AccountSnapshots::<Test>::iter().count()
				+ InvestorSnapshots::<Test>::iter().count()
				+ SupplySnapshots::<Test>::iter().count()
				+ Exited::<Test>::iter().count()
		};
		let before = count();
		// One movement: every checkpoint takes effect (and the state is written), both sides'
		// snapshots are written and the sender's exit is recorded.
		transfer(s, ALICE, BOB, 10);
		let writes = (count() - before + 1) as u64;
		assert_eq!(writes, 16 + 1 + 2 + 2 + 1);
		let weight = <CorporateActions as HoldingsObserver<AccountId, Balance>>::observer_weight();
		assert!(weight.all_gte(DbWeight::get().writes(writes)));
	});
}

#[test]
fn a_transfer_pays_for_record_dates_only_when_its_security_has_them() {
	use stoa_primitives::HoldingsObserver;
	new_test_ext().execute_with(|| {
		DbWeight::set(frame_support::weights::constants::ParityDbWeight::get());
		let s = security();
		issue(s, ALICE, 100);
		issue(s, BOB, 100);
		let observer =
			|s| <CorporateActions as HoldingsObserver<AccountId, Balance>>::transfer_weight(s);
		// No record date: only the up-front look.
		let none = observer(s);
		assert_eq!(none, DbWeight::get().reads(2));
		let info = Issuance::transfer(RuntimeOrigin::signed(ALICE), s, BOB, 10).unwrap();
		let plain = info.actual_weight.unwrap();
		// A record date: the first change of each side in its epoch writes its snapshots,
		// within what the transfer now declares; the next change writes nothing.
		checkpoint_now(s);
		let dated = observer(s);
		assert!(dated.ref_time() > none.ref_time());
		let declared = Issuance::transfer_weight(s, &BOB);
		let first = Issuance::transfer(RuntimeOrigin::signed(ALICE), s, BOB, 10)
			.unwrap()
			.actual_weight
			.unwrap();
		assert_eq!(first, plain + DbWeight::get().reads_writes(4, 4));
		assert!(first.all_lte(declared));
		let second = Issuance::transfer(RuntimeOrigin::signed(ALICE), s, BOB, 10)
			.unwrap()
			.actual_weight
			.unwrap();
		assert_eq!(second, plain + DbWeight::get().reads(4));
	});
}

#[test]
fn a_record_date_taken_in_a_batch_charges_the_block_for_the_snapshots_after_it() {
	new_test_ext().execute_with(|| {
		DbWeight::set(frame_support::weights::constants::ParityDbWeight::get());
		let s = security();
		issue(s, ALICE, 100);
		issue(s, BOB, 100);
		let block_weight = || frame_system::Pallet::<Test>::block_weight().total();
		// The first record date of the security, in this block: transfers weighed before it
		// declared no snapshot.
		checkpoint_now(s);
		let before = block_weight();
		transfer(s, ALICE, BOB, 10);
		assert_eq!(block_weight(), before + DbWeight::get().writes(4));
		// The next block's transfers declare them.
		System::set_block_number(System::block_number() + 1);
		let before = block_weight();
		transfer(s, BOB, ALICE, 10);
		assert_eq!(block_weight(), before);
	});
}
