//! Compliance on the real runtime (dev genesis): a transfer that breaks three rules of a
//! security's rule set reports all three reasons through the `ComplianceApi` runtime API,
//! while the extrinsic fails with the first.

mod common;
use common::*;

use frame_support::{assert_noop, assert_ok};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::AccountId32;
use stoa_primitives::{
	issuance::runtime_decl_for_compliance_api::ComplianceApiV1, Jurisdiction, Party,
	TransferRejection,
};
use stoa_runtime::{Compliance, Issuance, Runtime};

#[test]
fn a_transfer_breaking_three_rules_reports_three_reasons() {
	dev_chain().execute_with(|| {
		let (alice, bob, charlie) =
			(Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id());
		let de = Jurisdiction::try_from("DE").unwrap();
		let security = alice_securities_ag();
		assert_ok!(Issuance::issue(signed(&alice), security, bob.clone(), 1_000));

		// Only Swiss and German holders, at most 500 units each, transfers only with approval.
		let rule = |kind| pallet_compliance::Rule { kind, exemptions: Default::default() };
		let rules = vec![
			rule(pallet_compliance::RuleKind::JurisdictionAllowList {
				side: pallet_compliance::Side::Receiver,
				jurisdictions: vec![Jurisdiction::try_from("CH").unwrap(), de].try_into().unwrap(),
			}),
			rule(pallet_compliance::RuleKind::MaxHolding { amount: 500 }),
			rule(pallet_compliance::RuleKind::ManualApproval),
		];
		assert_ok!(Compliance::set_rules(signed(&alice), security, rules.try_into().unwrap()));

		// Bob (CH) to Charlie (GB), 600 units: jurisdiction, holding and approval all fail.
		let reasons =
			<Runtime as ComplianceApiV1<stoa_runtime::Block, AccountId32, u128>>::can_transfer(
				security,
				bob.clone(),
				charlie.clone(),
				600,
			);
		assert_eq!(
			reasons,
			vec![
				TransferRejection::JurisdictionNotAllowed(Party::Receiver),
				TransferRejection::HoldingAboveMaximum,
				TransferRejection::ApprovalRequired,
			]
		);
		assert_eq!(reasons.iter().map(|r| r.code()).collect::<Vec<_>>(), vec![0x21, 0x26, 0x2C]);
		// The extrinsic fails with the first, and nothing moves.
		assert_noop!(
			error_of(Issuance::transfer(signed(&bob), security, charlie.clone(), 600)),
			pallet_issuance::Error::<Runtime>::JurisdictionNotAllowed
		);
		// An approved transfer within the rules goes through (Alice's company is German).
		assert_ok!(Compliance::approve_transfer(
			signed(&alice),
			security,
			bob.clone(),
			alice.clone(),
			400
		));
		assert!(
			<Runtime as ComplianceApiV1<stoa_runtime::Block, AccountId32, u128>>::can_transfer(
				security,
				bob.clone(),
				alice.clone(),
				400
			)
			.is_empty()
		);
		assert_ok!(Issuance::transfer(signed(&bob), security, alice.clone(), 400));
	});
}
