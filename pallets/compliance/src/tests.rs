//! Unit tests: every rule kind on both sides of its boundary, exemptions, combinations, the
//! complexity cap, and holder counts that follow jurisdiction and credential changes.

use crate::{mock::*, weights::WeightInfo as _, Error, Event, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::{DispatchError, Perbill};
use stoa_primitives::{
	BlockReason, CredentialKind, Jurisdiction, Movement, MovementKind, Party, SecurityRegistry,
	TransferRejection as R,
};

type Comp = Compliance;
type IssErr = pallet_issuance::Error<Test>;

fn rule(kind: RuleKind<Balance, frame_support::traits::ConstU32<8>>) -> RuleOf<Test> {
	Rule { kind, exemptions: BoundedVec::new() }
}

fn exempt(
	kind: RuleKind<Balance, frame_support::traits::ConstU32<8>>,
	exemptions: Vec<Exemption<AccountId>>,
) -> RuleOf<Test> {
	Rule { kind, exemptions: exemptions.try_into().unwrap() }
}

fn set(security: u32, rules: Vec<RuleOf<Test>>) {
	assert_ok!(Comp::set_rules(RuntimeOrigin::signed(ISSUER), security, rules.try_into().unwrap()));
}

fn issue(security: u32, to: AccountId, amount: Balance) -> sp_runtime::DispatchResult {
	Issuance::issue(RuntimeOrigin::signed(ISSUER), security, to, amount)
}

fn transfer(
	security: u32,
	from: AccountId,
	to: AccountId,
	amount: Balance,
) -> sp_runtime::DispatchResult {
	Issuance::transfer(RuntimeOrigin::signed(from), security, to, amount)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// The pre-flight answer for a transfer.
fn can_transfer(security: u32, from: AccountId, to: AccountId, amount: Balance) -> Vec<R> {
	Issuance::pre_flight(&Movement {
		security,
		kind: MovementKind::Transfer,
		from: Some(from),
		to: Some(to),
		amount,
	})
}

fn list<T: core::fmt::Debug, const N: usize>(
	items: [T; N],
) -> BoundedVec<T, frame_support::traits::ConstU32<8>> {
	items.into_iter().collect::<Vec<_>>().try_into().unwrap()
}

/// Lets the test qualifier attest accreditation and professional status too.
fn trust_qualifier_for_everything() {
	assert_ok!(pallet_credentials::Pallet::<Test>::update_qualifier(
		RuntimeOrigin::root(),
		0,
		vec![j("DE"), j("GB"), j("US")],
		vec![
			CredentialKind::Kyc,
			CredentialKind::Residence,
			CredentialKind::AccreditedInvestor,
			CredentialKind::ProfessionalInvestor
		],
	));
}

fn attest(investor: u64, kind: CredentialKind, expires_at: Option<u64>) {
	assert_ok!(pallet_credentials::Pallet::<Test>::attest(
		RuntimeOrigin::signed(QUALIFIER),
		investor,
		kind,
		expires_at,
		Default::default()
	));
}

// ----- setting rules -----

#[test]
fn only_the_issuer_or_a_compliance_agent_sets_rules() {
	new_test_ext().execute_with(|| {
		let s = security();
		let rules: RuleSetOf<Test> = vec![rule(RuleKind::ManualApproval)].try_into().unwrap();
		assert_noop!(
			Comp::set_rules(RuntimeOrigin::root(), s, rules.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Comp::set_rules(RuntimeOrigin::signed(ALICE), s, rules.clone()),
			Error::<Test>::MissingRole
		);
		assert_ok!(Issuance::set_agent(
			RuntimeOrigin::signed(ISSUER),
			s,
			AGENT,
			pallet_issuance::AgentRoles { compliance: true, ..Default::default() }
		));
		assert_ok!(Comp::set_rules(RuntimeOrigin::signed(AGENT), s, rules.clone()));
		assert_eq!(
			last_event(),
			Event::RulesSet { security: s, rules: rules.into_inner(), complexity: 1 }
		);
		assert_eq!(Rules::<Test>::get(s).len(), 1);
	});
}

#[test]
fn invalid_rules_are_refused() {
	new_test_ext().execute_with(|| {
		let s = security();
		for bad in [
			RuleKind::JurisdictionAllowList { side: Side::Both, jurisdictions: list([]) },
			RuleKind::JurisdictionDenyList {
				side: Side::Both,
				jurisdictions: list([Jurisdiction(*b"XX")]),
			},
			RuleKind::MaxHolding { amount: 0 },
			RuleKind::MinHolding { amount: 0 },
			RuleKind::MaxOwnership { share: Perbill::zero(), base: SupplyBase::Authorised },
			RuleKind::Vesting { offering: 0, start: 10, cliff: 5, end: 20 },
			RuleKind::Vesting { offering: 0, start: 10, cliff: 10, end: 10 },
			RuleKind::TransferWindow {
				window: TransferWindow::Annual { month: 13, day: 1, days: 1 },
			},
			RuleKind::TransferWindow { window: TransferWindow::Quarterly { day: 1, days: 0 } },
			RuleKind::TransferWindow { window: TransferWindow::Ranges(list([(5, 5)])) },
		] {
			let rules: RuleSetOf<Test> = vec![rule(bad)].try_into().unwrap();
			assert_noop!(
				Comp::set_rules(RuntimeOrigin::signed(ISSUER), s, rules),
				Error::<Test>::InvalidRule
			);
		}
	});
}

#[test]
fn the_complexity_cap_is_exact() {
	new_test_ext().execute_with(|| {
		let s = security();
		// Required credential on both sides: 4 units each.
		let credential = || {
			rule(RuleKind::RequiredCredential {
				side: Side::Both,
				kind: CredentialKind::Kyc,
				qualifiers: list([]),
			})
		};
		MaxComplexity::set(8);
		set(s, vec![credential(), credential()]);
		let three: RuleSetOf<Test> =
			vec![credential(), credential(), credential()].try_into().unwrap();
		assert_noop!(
			Comp::set_rules(RuntimeOrigin::signed(ISSUER), s, three),
			Error::<Test>::TooComplex
		);
		// Lists and exemptions cost a unit per four entries.
		let with_lists = exempt(
			RuleKind::JurisdictionAllowList {
				side: Side::Receiver,
				jurisdictions: list([j("DE"), j("GB"), j("US"), j("FR"), j("IT")]),
			},
			vec![Exemption::ProtocolHolders],
		);
		assert_eq!(Comp::complexity(&[with_lists]), 1 + 2);
	});
}

// ----- always -----

#[test]
fn without_rules_kyc_blocks_and_eligibility_still_apply() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		assert_eq!(
			can_transfer(s, ALICE, CAROL, 1),
			vec![R::MissingCredential(Party::Receiver, CredentialKind::Kyc)]
		);
		assert_eq!(can_transfer(s, ALICE, DAVE, 1), vec![R::NotEligible(Party::Receiver)]);
		assert_ok!(pallet_credentials::Pallet::<Test>::block_investor(
			RuntimeOrigin::root(),
			1,
			BlockReason::Restricted(stoa_primitives::credentials::CaseCommitment::repeat_byte(1))
		));
		assert_eq!(
			can_transfer(s, ALICE, DAVE, 1),
			vec![
				R::Blocked(
					Party::Sender,
					BlockReason::Restricted(
						stoa_primitives::credentials::CaseCommitment::repeat_byte(1)
					)
				),
				R::NotEligible(Party::Receiver)
			]
		);
	});
}

#[test]
fn an_investor_holds_at_most_max_securities() {
	new_test_ext().execute_with(|| {
		let securities: Vec<_> = (0..4).map(|_| security()).collect();
		for s in &securities[..3] {
			assert_ok!(issue(*s, ALICE, 1));
		}
		assert_eq!(SecuritiesHeld::<Test>::get(1), 3);
		assert_noop!(issue(securities[3], ALICE_2, 1), IssErr::TooManySecurities);
		// More of a held one is fine; dropping one makes room.
		assert_ok!(issue(securities[0], ALICE_2, 1));
		assert_ok!(Issuance::redeem(RuntimeOrigin::signed(ALICE), securities[1], 1));
		assert_eq!(SecuritiesHeld::<Test>::get(1), 2);
		assert_ok!(issue(securities[3], ALICE, 1));
	});
}

// ----- credentials and jurisdictions -----

#[test]
fn required_credentials_per_side_and_qualifier() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		set(
			s,
			vec![rule(RuleKind::RequiredCredential {
				side: Side::Receiver,
				kind: CredentialKind::Residence,
				qualifiers: list([]),
			})],
		);
		assert_eq!(
			can_transfer(s, ALICE, BOB, 1),
			vec![R::MissingCredential(Party::Receiver, CredentialKind::Residence)]
		);
		attest(2, CredentialKind::Residence, None);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![]);
		// Only from qualifier 7 (there is none): refused again.
		set(
			s,
			vec![rule(RuleKind::RequiredCredential {
				side: Side::Receiver,
				kind: CredentialKind::Residence,
				qualifiers: list([7]),
			})],
		);
		assert_eq!(
			can_transfer(s, ALICE, BOB, 1),
			vec![R::MissingCredential(Party::Receiver, CredentialKind::Residence)]
		);
		// Sender side: Alice has no residence credential; forced transfers skip her.
		set(
			s,
			vec![rule(RuleKind::RequiredCredential {
				side: Side::Sender,
				kind: CredentialKind::Residence,
				qualifiers: list([0]),
			})],
		);
		assert_noop!(transfer(s, ALICE, BOB, 1), IssErr::MissingCredential);
		assert_ok!(Issuance::forced_transfer(
			RuntimeOrigin::signed(ISSUER),
			s,
			ALICE,
			BOB,
			1,
			pallet_issuance::ForcedTransferReason::CourtOrder
		));
	});
}

#[test]
fn jurisdiction_allow_and_deny_lists() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		set(
			s,
			vec![rule(RuleKind::JurisdictionAllowList {
				side: Side::Receiver,
				jurisdictions: list([j("DE")]),
			})],
		);
		assert_eq!(
			can_transfer(s, ALICE, BOB, 1),
			vec![R::JurisdictionNotAllowed(Party::Receiver)]
		);
		assert_eq!(can_transfer(s, ALICE, ALICE_2, 1), vec![]);
		set(
			s,
			vec![rule(RuleKind::JurisdictionDenyList {
				side: Side::Both,
				jurisdictions: list([j("DE")]),
			})],
		);
		assert_eq!(
			can_transfer(s, ALICE, ISSUER, 1),
			vec![
				R::JurisdictionNotAllowed(Party::Sender),
				R::JurisdictionNotAllowed(Party::Receiver)
			]
		);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::JurisdictionNotAllowed(Party::Sender)]);
	});
}

// ----- holder limits -----

#[test]
fn max_holders_in_total_counts_investors_once() {
	new_test_ext().execute_with(|| {
		let s = security();
		set(s, vec![rule(RuleKind::MaxHolders { scope: HolderScope::Total, max: 2 })]);
		assert_ok!(issue(s, ALICE, 100));
		// Alice's second wallet is the same holder.
		assert_ok!(issue(s, ALICE_2, 100));
		// The cap is reached exactly ...
		assert_ok!(issue(s, BOB, 100));
		assert_eq!(pallet_issuance::Securities::<Test>::get(s).unwrap().holders, 2);
		// ... and not exceeded.
		assert_noop!(issue(s, US_CORP, 1), IssErr::HolderLimit);
		assert_eq!(can_transfer(s, BOB, US_CORP, 99), vec![R::HolderLimit]);
		// Unless the sender leaves: Bob hands everything to US Corp.
		assert_ok!(transfer(s, BOB, US_CORP, 100));
		assert_eq!(pallet_issuance::Securities::<Test>::get(s).unwrap().holders, 2);
	});
}

#[test]
fn max_holders_per_jurisdiction_follow_jurisdiction_changes() {
	new_test_ext().execute_with(|| {
		let s = security();
		set(
			s,
			vec![rule(RuleKind::MaxHolders { scope: HolderScope::Jurisdiction(j("DE")), max: 1 })],
		);
		assert_ok!(issue(s, ALICE, 100));
		assert_eq!(JurisdictionHolders::<Test>::get(s, j("DE")), 1);
		// The issuer's investor is German too.
		assert_noop!(issue(s, TREASURY, 1), IssErr::JurisdictionHolderLimit);
		assert_ok!(issue(s, BOB, 1));
		assert_eq!(JurisdictionHolders::<Test>::get(s, j("GB")), 1);
		// Alice moves to France: the counts follow at once.
		assert_ok!(pallet_credentials::Pallet::<Test>::set_investor_jurisdiction(
			RuntimeOrigin::root(),
			1,
			j("FR")
		));
		assert_eq!(JurisdictionHolders::<Test>::get(s, j("DE")), 0);
		assert_eq!(JurisdictionHolders::<Test>::get(s, j("FR")), 1);
		assert_eq!(Counted::<Test>::get(1, s).unwrap().jurisdiction, j("FR"));
		assert_ok!(issue(s, TREASURY, 1));
		// Leaving frees the bucket.
		assert_ok!(Issuance::redeem(RuntimeOrigin::signed(TREASURY), s, 1));
		assert_eq!(JurisdictionHolders::<Test>::get(s, j("DE")), 0);
		assert!(Counted::<Test>::get(0, s).is_none());
	});
}

#[test]
fn max_holders_per_category_follow_credentials_and_expiry() {
	new_test_ext().execute_with(|| {
		trust_qualifier_for_everything();
		let s = security();
		set(
			s,
			vec![rule(RuleKind::MaxHolders {
				scope: HolderScope::Category(InvestorCategory::NonAccredited),
				max: 1,
			})],
		);
		assert_ok!(issue(s, ALICE, 100));
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::NonAccredited), 1);
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::Individual), 1);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::CategoryHolderLimit]);
		// Bob becomes accredited: he is not counted against the non-accredited cap.
		attest(2, CredentialKind::AccreditedInvestor, None);
		assert_ok!(transfer(s, ALICE, BOB, 1));
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::Accredited), 1);
		// Alice becomes accredited until START + 100: re-filed at once.
		attest(1, CredentialKind::AccreditedInvestor, Some(START + 100));
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::NonAccredited), 0);
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::Accredited), 2);
		// Her accreditation expires (no transaction): a recount re-files her.
		set_now(START + 100);
		assert_ok!(Comp::recount_investor(RuntimeOrigin::signed(DAVE), 1));
		assert_eq!(last_event(), Event::InvestorRecounted { investor: 1, securities: 1 });
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::NonAccredited), 1);
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::Accredited), 1);
		assert_noop!(
			Comp::recount_investor(RuntimeOrigin::signed(DAVE), 99),
			Error::<Test>::UnknownInvestor
		);
		// Revoking Bob's accreditation re-files him too.
		assert_ok!(pallet_credentials::Pallet::<Test>::revoke(
			RuntimeOrigin::signed(QUALIFIER),
			2,
			CredentialKind::AccreditedInvestor
		));
		assert_eq!(CategoryHolders::<Test>::get(s, InvestorCategory::NonAccredited), 2);
	});
}

// ----- amounts -----

#[test]
fn max_ownership_of_authorised_and_outstanding_supply() {
	new_test_ext().execute_with(|| {
		let s = security();
		set(
			s,
			vec![rule(RuleKind::MaxOwnership {
				share: Perbill::from_percent(50),
				base: SupplyBase::Authorised,
			})],
		);
		assert_ok!(issue(s, ALICE, 500_000));
		assert_noop!(issue(s, ALICE_2, 1), IssErr::OwnershipLimit);
		assert_ok!(issue(s, BOB, 400_000));
		// Of the outstanding 900,000, 60% is 540,000.
		set(
			s,
			vec![rule(RuleKind::MaxOwnership {
				share: Perbill::from_percent(60),
				base: SupplyBase::Outstanding,
			})],
		);
		assert_ok!(transfer(s, BOB, ALICE, 40_000));
		assert_eq!(can_transfer(s, BOB, ALICE, 1), vec![R::OwnershipLimit]);
	});
}

#[test]
fn max_and_min_holdings_per_investor() {
	new_test_ext().execute_with(|| {
		let s = security();
		set(s, vec![rule(RuleKind::MaxHolding { amount: 100 })]);
		assert_ok!(issue(s, ALICE, 60));
		assert_ok!(issue(s, ALICE_2, 40));
		// Both wallets together hold the maximum.
		assert_noop!(issue(s, ALICE_2, 1), IssErr::HoldingAboveMaximum);
		set(s, vec![rule(RuleKind::MinHolding { amount: 10 })]);
		assert_eq!(can_transfer(s, ALICE, BOB, 9), vec![R::HoldingBelowMinimum(Party::Receiver)]);
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert_ok!(transfer(s, ALICE_2, BOB, 40));
		// Alice's investor would keep 5 (below 10, above nothing).
		assert_eq!(can_transfer(s, ALICE, BOB, 45), vec![R::HoldingBelowMinimum(Party::Sender)]);
		// Moving between her own wallets changes nothing; leaving entirely is fine.
		assert_eq!(can_transfer(s, ALICE, ALICE_2, 45), vec![]);
		assert_ok!(transfer(s, ALICE, BOB, 50));
	});
}

// ----- time -----

#[test]
fn a_security_lock_up_ends_at_its_second() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		set(s, vec![rule(RuleKind::LockUp { scope: LockScope::Security, until: START + 10 })]);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::LockedUp]);
		assert_noop!(Issuance::redeem(RuntimeOrigin::signed(ALICE), s, 1), IssErr::LockedUp);
		// Issues and forced transfers are not disposals by the holder.
		assert_ok!(issue(s, ALICE, 1));
		assert_ok!(Issuance::forced_transfer(
			RuntimeOrigin::signed(ISSUER),
			s,
			ALICE,
			BOB,
			1,
			pallet_issuance::ForcedTransferReason::Succession
		));
		set_now(START + 9);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::LockedUp]);
		set_now(START + 10);
		assert_ok!(transfer(s, ALICE, BOB, 1));
	});
}

/// Security `s` offered 0..=START+100 at 1 USD a unit; Alice subscribes `units`, the offering
/// settles at START + 100. Returns the offering.
fn offered(s: u32, units: Balance) -> u32 {
	let offering = pallet_issuance::NextOfferingId::<Test>::get();
	assert_ok!(Issuance::open_offering(
		RuntimeOrigin::signed(ISSUER),
		s,
		USD,
		1,
		START,
		START + 100,
		1,
		100_000,
		1,
		100_000,
		TREASURY
	));
	assert_ok!(Issuance::subscribe(RuntimeOrigin::signed(ALICE), offering, units));
	set_now(START + 100);
	assert_ok!(Issuance::settle_offering(RuntimeOrigin::signed(DAVE), offering, 3));
	offering
}

#[test]
fn an_offering_lock_up_holds_only_that_offerings_units() {
	new_test_ext().execute_with(|| {
		let s = security();
		let o = offered(s, 1_000);
		assert_eq!(Comp::offering_units(s, o, &UnitsOwner::Investor(1)), 1_000);
		assert_ok!(issue(s, ALICE, 50));
		set(s, vec![rule(RuleKind::LockUp { scope: LockScope::Offering(o), until: START + 200 })]);
		// 50 free units move; the 1,000 from the offering stay.
		assert_ok!(transfer(s, ALICE, BOB, 50));
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::LockedUp]);
		set_now(START + 200);
		assert_ok!(transfer(s, ALICE, BOB, 1_000));
	});
}

#[test]
fn vesting_is_linear_after_the_cliff() {
	new_test_ext().execute_with(|| {
		let s = security();
		let o = offered(s, 1_000);
		// Vests from START + 100 to START + 200, nothing before START + 110.
		set(
			s,
			vec![rule(RuleKind::Vesting {
				offering: o,
				start: START + 100,
				cliff: START + 110,
				end: START + 200,
			})],
		);
		set_now(START + 109);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::NotVested]);
		// At the cliff 10% has vested.
		set_now(START + 110);
		assert_eq!(can_transfer(s, ALICE, BOB, 100), vec![]);
		assert_eq!(can_transfer(s, ALICE, BOB, 101), vec![R::NotVested]);
		// Half way: 500.
		set_now(START + 150);
		assert_ok!(transfer(s, ALICE, BOB, 500));
		assert_noop!(transfer(s, ALICE, BOB, 1), IssErr::NotVested);
		// 73%: 730 vested, 500 gone, 230 more may go.
		set_now(START + 173);
		assert_eq!(can_transfer(s, ALICE, BOB, 230), vec![]);
		assert_eq!(can_transfer(s, ALICE, BOB, 231), vec![R::NotVested]);
		set_now(START + 200);
		assert_ok!(transfer(s, ALICE, BOB, 500));
	});
}

#[test]
fn transfer_windows_open_and_close_on_the_second() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		set(
			s,
			vec![rule(RuleKind::TransferWindow {
				window: TransferWindow::Ranges(list([(START + 10, START + 20)])),
			})],
		);
		set_now(START + 9);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::OutsideTransferWindow]);
		// Issuance is not a transfer.
		assert_ok!(issue(s, BOB, 1));
		set_now(START + 10);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![]);
		set_now(START + 19);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![]);
		set_now(START + 20);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::OutsideTransferWindow]);

		// Annually from 1 March for two days: 2024-03-01 00:00:00 UTC is 1709251200.
		set(
			s,
			vec![rule(RuleKind::TransferWindow {
				window: TransferWindow::Annual { month: 3, day: 1, days: 2 },
			})],
		);
		for (now, open) in [
			(1_709_251_199, false),
			(1_709_251_200, true),
			(1_709_251_200 + 2 * 86_400 - 1, true),
			(1_709_251_200 + 2 * 86_400, false),
			// A year later.
			(1_740_787_200, true),
		] {
			set_now(now);
			assert_eq!(can_transfer(s, ALICE, BOB, 1).is_empty(), open, "{now}");
		}
		// Quarterly from the 15th for a day: 2024-04-15 is 1713139200, 2024-01-15 1705276800.
		set(
			s,
			vec![rule(RuleKind::TransferWindow {
				window: TransferWindow::Quarterly { day: 15, days: 1 },
			})],
		);
		for (now, open) in [
			(1_713_139_199, false),
			(1_713_139_200, true),
			(1_713_225_599, true),
			(1_713_225_600, false),
			(1_705_276_800, true),
		] {
			set_now(now);
			assert_eq!(can_transfer(s, ALICE, BOB, 1).is_empty(), open, "{now}");
		}
		set(s, vec![rule(RuleKind::TransferWindow { window: TransferWindow::Never })]);
		assert_noop!(transfer(s, ALICE, BOB, 1), IssErr::OutsideTransferWindow);
	});
}

#[test]
fn the_calendar_is_right() {
	assert_eq!(civil_date(0), (1970, 1, 1));
	assert_eq!(civil_date(1_709_251_200), (2024, 3, 1));
	assert_eq!(civil_date(1_709_164_800), (2024, 2, 29));
	assert_eq!(civil_date(4_102_444_799), (2099, 12, 31));
	for seconds in [0, 951_782_400, 1_709_251_200, 1_735_689_600, 4_102_444_800] {
		let (y, m, d) = civil_date(seconds);
		assert_eq!(unix_time_of(y, m, d), seconds);
	}
}

// ----- approval and exemptions -----

#[test]
fn manual_approval_is_used_once() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		set(s, vec![rule(RuleKind::ManualApproval)]);
		assert_eq!(can_transfer(s, ALICE, BOB, 10), vec![R::ApprovalRequired]);
		assert_noop!(
			Comp::approve_transfer(RuntimeOrigin::signed(ALICE), s, ALICE, BOB, 10),
			Error::<Test>::MissingRole
		);
		assert_ok!(Comp::approve_transfer(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 10));
		assert_eq!(
			last_event(),
			Event::TransferApproved { security: s, from: ALICE, to: BOB, amount: 10 }
		);
		assert_noop!(
			Comp::approve_transfer(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 10),
			Error::<Test>::AlreadyApproved
		);
		// Only exactly that transfer.
		assert_eq!(can_transfer(s, ALICE, BOB, 11), vec![R::ApprovalRequired]);
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert_eq!(
			last_event(),
			Event::ApprovalUsed { security: s, from: ALICE, to: BOB, amount: 10 }
		);
		assert_noop!(transfer(s, ALICE, BOB, 10), IssErr::ApprovalRequired);
		assert_ok!(Comp::approve_transfer(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 5));
		assert_noop!(
			Comp::cancel_approval(RuntimeOrigin::signed(BOB), s, ALICE, BOB, 5),
			Error::<Test>::MissingRole
		);
		assert_ok!(Comp::cancel_approval(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 5));
		assert_eq!(
			last_event(),
			Event::ApprovalCancelled { security: s, from: ALICE, to: BOB, amount: 5 }
		);
		assert_noop!(
			Comp::cancel_approval(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 5),
			Error::<Test>::NoApproval
		);
	});
}

#[test]
fn exemptions_skip_a_rule_for_accounts_investors_and_protocol_holders() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		assert_ok!(pallet_credentials::Pallet::<Test>::register_protocol_holder(
			RuntimeOrigin::signed(DAVE),
			77,
			b"AMM".to_vec()
		));
		assert_ok!(issue(s, TREASURY, 100));
		// A lock-up binds the sender: an exemption frees the exempt sender, whoever receives.
		let lock = RuleKind::LockUp { scope: LockScope::Security, until: START + 1_000 };
		set(s, vec![exempt(lock.clone(), vec![Exemption::Account(TREASURY)])]);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![R::LockedUp]);
		assert_eq!(can_transfer(s, ALICE, TREASURY, 1), vec![R::LockedUp]);
		assert_eq!(can_transfer(s, TREASURY, BOB, 1), vec![]);
		set(s, vec![exempt(lock.clone(), vec![Exemption::Investor(1)])]);
		assert_eq!(can_transfer(s, ALICE, BOB, 1), vec![]);
		assert_eq!(can_transfer(s, TREASURY, US_CORP, 1), vec![R::LockedUp]);
		set(s, vec![exempt(lock, vec![Exemption::ProtocolHolders])]);
		assert_eq!(can_transfer(s, ALICE, 77, 1), vec![R::LockedUp]);
		set(s, vec![]);
		assert_ok!(transfer(s, ALICE, 77, 1));
		set(
			s,
			vec![exempt(
				RuleKind::LockUp { scope: LockScope::Security, until: START + 1_000 },
				vec![Exemption::ProtocolHolders],
			)],
		);
		assert_eq!(can_transfer(s, 77, BOB, 1), vec![]);
	});
}

#[test]
fn every_broken_rule_is_reported_and_the_extrinsic_fails_with_the_first() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		set(
			s,
			vec![
				rule(RuleKind::JurisdictionAllowList {
					side: Side::Receiver,
					jurisdictions: list([j("DE")]),
				}),
				rule(RuleKind::MaxHolding { amount: 5 }),
				rule(RuleKind::TransferWindow { window: TransferWindow::Never }),
				rule(RuleKind::MinHolding { amount: 1 }),
			],
		);
		assert_eq!(
			can_transfer(s, ALICE, BOB, 10),
			vec![
				R::JurisdictionNotAllowed(Party::Receiver),
				R::HoldingAboveMaximum,
				R::OutsideTransferWindow
			]
		);
		assert_eq!(R::JurisdictionNotAllowed(Party::Receiver).code(), 0x21);
		assert_noop!(transfer(s, ALICE, BOB, 10), IssErr::JurisdictionNotAllowed);
		// Movement-level reasons come first, with the rules' after them.
		assert_eq!(
			can_transfer(s, ALICE, BOB, 1_000),
			vec![
				R::InsufficientBalance,
				R::JurisdictionNotAllowed(Party::Receiver),
				R::HoldingAboveMaximum,
				R::OutsideTransferWindow
			]
		);
	});
}

// ----- issue 12: exemptions per side, recoveries, splits -----

/// Defect 3: an exemption lifts the rule for the exempt party's side only. The exempt treasury
/// of a Reg D 506(b) offering cannot sell to non-accredited buyers, nor past the holder cap;
/// a protocol-holder exemption does not let retail investors buy from a DEX pool.
#[test]
fn an_exemption_lifts_only_the_exempt_partys_side() {
	new_test_ext().execute_with(|| {
		let s = security();
		trust_qualifier_for_everything();
		attest(1, CredentialKind::AccreditedInvestor, None);
		assert_ok!(issue(s, TREASURY, 1_000));
		let accredited = RuleKind::RequiredCredential {
			side: Side::Both,
			kind: CredentialKind::AccreditedInvestor,
			qualifiers: list([]),
		};
		set(s, vec![exempt(accredited.clone(), vec![Exemption::Account(TREASURY)])]);
		// The exempt treasury sells to an accredited investor, not to Bob (not accredited).
		assert_eq!(can_transfer(s, TREASURY, ALICE, 10), vec![]);
		assert_eq!(
			can_transfer(s, TREASURY, BOB, 10),
			vec![R::MissingCredential(Party::Receiver, CredentialKind::AccreditedInvestor)]
		);
		assert_noop!(transfer(s, TREASURY, BOB, 10), IssErr::MissingCredential);
		// Bob may still send to the treasury (its receiving side is exempt)... once he holds.
		// A holder cap exempting the treasury still counts the receiver.
		set(
			s,
			vec![exempt(
				RuleKind::MaxHolders { scope: HolderScope::Total, max: 1 },
				vec![Exemption::Account(TREASURY)],
			)],
		);
		assert_eq!(can_transfer(s, TREASURY, ALICE, 10), vec![R::HolderLimit]);
		assert_noop!(transfer(s, TREASURY, BOB, 10), IssErr::HolderLimit);
		assert_eq!(Issuance::holder_count(s), 1);
		// A DEX pool (protocol holder) exempt from accreditation: retail cannot buy from it.
		assert_ok!(pallet_credentials::Pallet::<Test>::register_protocol_holder(
			RuntimeOrigin::signed(DAVE),
			77,
			b"AMM".to_vec()
		));
		set(s, vec![]);
		assert_ok!(transfer(s, TREASURY, 77, 100));
		set(s, vec![exempt(accredited, vec![Exemption::ProtocolHolders])]);
		assert_eq!(
			can_transfer(s, 77, BOB, 1),
			vec![R::MissingCredential(Party::Receiver, CredentialKind::AccreditedInvestor)]
		);
		assert_eq!(can_transfer(s, 77, ALICE, 1), vec![]);
		// The pool's own side is exempt: accredited Alice may sell into it.
		assert_ok!(transfer(s, 77, ALICE, 1));
		assert_eq!(can_transfer(s, ALICE, 77, 1), vec![]);
	});
}

/// Defect 3: rules about the transfer itself (windows, manual approval) are lifted only when
/// both parties are exempt.
#[test]
fn transfer_level_rules_need_both_parties_exempt() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, TREASURY, 100));
		let never = RuleKind::TransferWindow { window: TransferWindow::Never };
		set(s, vec![exempt(never.clone(), vec![Exemption::Account(TREASURY)])]);
		assert_eq!(can_transfer(s, TREASURY, BOB, 1), vec![R::OutsideTransferWindow]);
		set(s, vec![exempt(never, vec![Exemption::Account(TREASURY), Exemption::Investor(2)])]);
		assert_eq!(can_transfer(s, TREASURY, BOB, 1), vec![]);
		set(s, vec![exempt(RuleKind::ManualApproval, vec![Exemption::Account(TREASURY)])]);
		assert_eq!(can_transfer(s, TREASURY, BOB, 1), vec![R::ApprovalRequired]);
	});
}

/// Defect 9: a recovery is a move within one investor: it is not refused by holding or
/// ownership caps the investor already meets (the lost wallet is no longer linked, but its
/// units are still the investor's).
#[test]
fn a_recovery_is_not_refused_by_holding_caps() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		assert_ok!(issue(s, BOB, 100));
		set(
			s,
			vec![
				rule(RuleKind::MaxHolding { amount: 150 }),
				rule(RuleKind::MaxOwnership {
					share: Perbill::from_percent(60),
					base: SupplyBase::Outstanding,
				}),
				rule(RuleKind::MaxHolders { scope: HolderScope::Total, max: 2 }),
			],
		);
		assert_ok!(pallet_credentials::Pallet::<Test>::recover_wallet(
			RuntimeOrigin::signed(QUALIFIER),
			ALICE,
			ALICE_2
		));
		assert_ok!(Issuance::recover_holdings(RuntimeOrigin::signed(DAVE), s, ALICE));
		assert_eq!(Issuance::balance_of(s, &ALICE_2), 100);
		assert_eq!(Issuance::holder_count(s), 2);
		assert_eq!(JurisdictionHolders::<Test>::get(s, j("DE")), 1);
	});
}

/// Defect 9, found by the fuzzer: a holding limit lowered below what the investor already
/// holds neither refuses its recovery nor a move between its own wallets (nothing it holds
/// changes), while a transfer to someone else is still refused.
#[test]
fn a_limit_set_later_does_not_trap_an_investors_own_units() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 300));
		assert_ok!(pallet_credentials::Pallet::<Test>::recover_wallet(
			RuntimeOrigin::signed(QUALIFIER),
			ALICE,
			ALICE_2
		));
		set(
			s,
			vec![
				rule(RuleKind::MaxHolding { amount: 1 }),
				rule(RuleKind::MinHolding { amount: 1_000 }),
				rule(RuleKind::MaxOwnership {
					share: Perbill::from_percent(1),
					base: SupplyBase::Outstanding,
				}),
			],
		);
		assert_ok!(Issuance::recover_holdings(RuntimeOrigin::signed(DAVE), s, ALICE));
		assert_eq!(Issuance::balance_of(s, &ALICE_2), 300);
		assert_eq!(
			can_transfer(s, ALICE_2, BOB, 1).contains(&R::HoldingBelowMinimum(Party::Receiver)),
			true
		);
	});
}

/// Defect 10: an offering lock-up binds the investor's units wherever they are: it follows a
/// wallet recovery (and a move to the investor's other wallet disposes of nothing).
#[test]
fn an_offering_lock_up_follows_a_recovery() {
	new_test_ext().execute_with(|| {
		let s = security();
		let o = offered(s, 1_000);
		set(s, vec![rule(RuleKind::LockUp { scope: LockScope::Offering(o), until: START + 500 })]);
		assert_eq!(can_transfer(s, ALICE, ALICE_2, 1_000), vec![]);
		assert_ok!(pallet_credentials::Pallet::<Test>::recover_wallet(
			RuntimeOrigin::signed(QUALIFIER),
			ALICE,
			ALICE_2
		));
		assert_ok!(Issuance::recover_holdings(RuntimeOrigin::signed(DAVE), s, ALICE));
		assert_eq!(can_transfer(s, ALICE_2, BOB, 1), vec![R::LockedUp]);
		assert_noop!(transfer(s, ALICE_2, BOB, 1), IssErr::LockedUp);
	});
}

/// Rescales every holder of `s` by `n:d` as the corporate-actions pallet's split does.
fn split(s: u32, n: u32, d: u32) {
	use stoa_primitives::SecurityAdmin;
	assert!(<Issuance as SecurityAdmin<AccountId, Balance>>::can_split(s));
	<Issuance as SecurityAdmin<AccountId, Balance>>::rescale_authorised_supply(s, n, d);
	let holders: Vec<_> =
		<Issuance as SecurityAdmin<AccountId, Balance>>::holders_after(s, None, 100);
	for (who, _) in holders {
		<Issuance as SecurityAdmin<AccountId, Balance>>::rescale_holding(s, &who, n, d);
	}
}

/// Defect 10: a split rescales what compliance keeps in units: offering lock-ups and vesting
/// (on read), holding limits (at once); a one-time approval of an exact amount is void.
#[test]
fn a_split_rescales_unit_denominated_rules() {
	new_test_ext().execute_with(|| {
		let s = security();
		let o = offered(s, 1_000);
		assert_ok!(issue(s, ALICE, 50));
		set(
			s,
			vec![
				rule(RuleKind::LockUp { scope: LockScope::Offering(o), until: START + 500 }),
				rule(RuleKind::MaxHolding { amount: 1_500 }),
				rule(RuleKind::MinHolding { amount: 25 }),
			],
		);
		assert_ok!(Comp::approve_transfer(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 50));
		split(s, 2, 1);
		assert_eq!(Issuance::balance_of(s, &ALICE), 2_100);
		assert_eq!(Comp::offering_units(s, o, &UnitsOwner::Investor(1)), 2_000);
		// 100 free units, not 1,100.
		assert_eq!(can_transfer(s, ALICE, BOB, 100), vec![]);
		assert_eq!(can_transfer(s, ALICE, BOB, 101), vec![R::LockedUp]);
		let limits: Vec<_> = Rules::<Test>::get(s)
			.iter()
			.filter_map(|r| match r.kind {
				RuleKind::MaxHolding { amount } | RuleKind::MinHolding { amount } => Some(amount),
				_ => None,
			})
			.collect();
		assert_eq!(limits, vec![3_000, 50]);
		// The approval was for 50 pre-split units: a manual-approval rule no longer finds it.
		set(s, vec![rule(RuleKind::ManualApproval)]);
		assert_eq!(can_transfer(s, ALICE, BOB, 50), vec![R::ApprovalRequired]);
		assert_ok!(Comp::approve_transfer(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 100));
		assert_eq!(can_transfer(s, ALICE, BOB, 100), vec![]);
		// Units received after the split are recorded in today's units.
		assert_eq!(SplitHistory::<Test>::get(s).into_inner(), vec![(2, 1)]);
	});
}

// ----- what a rule set costs a transfer -----

fn rules_weight(security: u32) -> frame_support::weights::Weight {
	<Comp as stoa_primitives::TransferGuard<AccountId, Balance>>::rules_weight(security)
}

fn block_weight() -> frame_support::weights::Weight {
	frame_system::Pallet::<Test>::block_weight().total()
}

#[test]
fn a_transfer_declares_the_rule_set_its_security_has() {
	new_test_ext().execute_with(|| {
		let s = security();
		let none = rules_weight(s);
		set(s, vec![rule(RuleKind::MaxHolders { scope: HolderScope::Total, max: 10 })]);
		let one = rules_weight(s);
		set(
			s,
			vec![
				rule(RuleKind::MaxHolders { scope: HolderScope::Total, max: 10 }),
				rule(RuleKind::RequiredCredential {
					side: Side::Both,
					kind: CredentialKind::Kyc,
					qualifiers: list([0]),
				}),
			],
		);
		let two = rules_weight(s);
		assert_eq!(RuleCosts::<Test>::get(s).complexity, Comp::complexity(&Rules::<Test>::get(s)));
		assert!(none.all_lt(one) && one.all_lt(two));
		// The largest rule set allowed costs more than this one.
		let worst = <Comp as stoa_primitives::TransferGuard<AccountId, Balance>>::check_weight();
		assert!(two.all_lt(worst));
		// An empty set again: back to nothing.
		set(s, vec![]);
		assert_eq!(rules_weight(s), none);
	});
}

#[test]
fn a_costlier_rule_set_charges_its_block_for_transfers_weighed_before_it() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		// In a batch, the transfer below is weighed before the rule set is replaced.
		let cheap = rules_weight(s);
		set(
			s,
			vec![rule(RuleKind::RequiredCredential {
				side: Side::Both,
				kind: CredentialKind::Kyc,
				qualifiers: list([0, 1, 2]),
			})],
		);
		let costly = rules_weight(s);
		let before = block_weight();
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert_eq!(block_weight(), before + (costly - cheap));
		// From the next block every transfer is weighed with the set it meets.
		System::set_block_number(2);
		let before = block_weight();
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert_eq!(block_weight(), before);
		// A cheaper set charges nothing.
		set(s, vec![rule(RuleKind::MaxHolders { scope: HolderScope::Total, max: 10 })]);
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert_eq!(block_weight(), before);
	});
}

#[test]
fn an_approval_is_used_by_a_transfer_that_needs_it() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		// Approved ahead of the rule: a transfer that needs no approval leaves it.
		assert_ok!(Comp::approve_transfer(RuntimeOrigin::signed(ISSUER), s, ALICE, BOB, 10));
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert!(Approvals::<Test>::contains_key(s, (ALICE, BOB, 10)));
		set(s, vec![rule(RuleKind::ManualApproval)]);
		assert_ok!(transfer(s, ALICE, BOB, 10));
		assert!(!Approvals::<Test>::contains_key(s, (ALICE, BOB, 10)));
		assert_noop!(transfer(s, ALICE, BOB, 10), IssErr::ApprovalRequired);
	});
}

#[test]
fn re_filing_an_investor_is_charged_for_what_it_holds() {
	new_test_ext().execute_with(|| {
		let s = security();
		assert_ok!(issue(s, ALICE, 100));
		let investor = pallet_credentials::InvestorOfWallet::<Test>::get(ALICE).unwrap();
		let info = Comp::recount_investor(RuntimeOrigin::signed(BOB), investor).unwrap();
		// One security held, already filed right: read, not written.
		assert_eq!(info.actual_weight, Some(<Test as Config>::WeightInfo::recount_investor(1, 0)));
		assert!(info.actual_weight.unwrap().all_lt(Comp::refile_weight_bound()));
	});
}
