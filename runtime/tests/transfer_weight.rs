//! What a compliant transfer declares on the real runtime, against a plain balance transfer:
//! the whole weight a block reserves for it (the extrinsic base, the transaction extensions
//! and the call), with the runtime's generated weights. A typical rule set (KYC and
//! accreditation required, a jurisdiction deny list, a holder cap) stays within 3× of
//! `balances.transfer_keep_alive`, no rules within 2× (for the transfer that, like
//! `transfer_keep_alive`, keeps the sender's holding open), and a KYC attestation declares what
//! re-filing the investor's holdings can cost but is charged what it did.

mod common;
use common::*;

use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use pallet_compliance::{HolderScope, Rule, RuleKind, Side};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::traits::TransactionExtension;
use stoa_primitives::{CredentialKind, Jurisdiction};
use stoa_runtime::{Compliance, Issuance, Runtime, RuntimeCall, TxExtension, UNIT};

/// What a block reserves for a signed extrinsic calling `call`.
fn declared(call: &RuntimeCall) -> Weight {
	let ext: TxExtension = extensions(0);
	let base = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.base_extrinsic;
	base.saturating_add(ext.weight(call)).saturating_add(call.get_dispatch_info().call_weight)
}

fn ratio(a: Weight, b: Weight) -> f64 {
	a.ref_time() as f64 / b.ref_time() as f64
}

fn typical_rules() -> pallet_compliance::RuleSetOf<Runtime> {
	let rule = |kind| Rule { kind, exemptions: Default::default() };
	let credential = |kind| {
		rule(RuleKind::RequiredCredential {
			side: Side::Both,
			kind,
			qualifiers: Default::default(),
		})
	};
	vec![
		credential(CredentialKind::Kyc),
		credential(CredentialKind::AccreditedInvestor),
		rule(RuleKind::JurisdictionDenyList {
			side: Side::Both,
			jurisdictions: vec![Jurisdiction::try_from("KP").unwrap()].try_into().unwrap(),
		}),
		rule(RuleKind::MaxHolders { scope: HolderScope::Total, max: 2_000 }),
	]
	.try_into()
	.unwrap()
}

#[test]
fn a_compliant_transfer_declares_at_most_three_plain_transfers() {
	dev_chain().execute_with(|| {
		let (alice, bob, charlie) =
			(Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id());
		let security = alice_securities_ag();
		assert_ok!(Issuance::issue(signed(&alice), security, bob.clone(), 1_000));
		assert_ok!(Issuance::issue(signed(&alice), security, charlie.clone(), 1_000));

		let plain = declared(&RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: charlie.clone().into(),
			value: UNIT,
		}));
		let compliant = RuntimeCall::Issuance(pallet_issuance::Call::transfer {
			security,
			to: charlie.clone(),
			amount: 10,
		});
		let keeping = RuntimeCall::Issuance(pallet_issuance::Call::transfer_keep_holding {
			security,
			to: charlie.clone(),
			amount: 10,
		});
		let (no_rules, keeping_no_rules) = (declared(&compliant), declared(&keeping));
		assert_ok!(Compliance::set_rules(signed(&alice), security, typical_rules()));
		let (typical, keeping_typical) = (declared(&compliant), declared(&keeping));
		let us = |w: Weight| w.ref_time() / 1_000_000;
		println!(
			"declared ref time: transfer_keep_alive {} µs; issuance.transfer_keep_holding {} µs \
			 with no rules ({:.2}×), {} µs with a typical rule set ({:.2}×); issuance.transfer \
			 {} µs ({:.2}×), {} µs ({:.2}×)",
			us(plain),
			us(keeping_no_rules),
			ratio(keeping_no_rules, plain),
			us(keeping_typical),
			ratio(keeping_typical, plain),
			us(no_rules),
			ratio(no_rules, plain),
			us(typical),
			ratio(typical, plain),
		);
		// Like `transfer_keep_alive`, `transfer_keep_holding` leaves the sender's holding
		// open: within 2× with no rules. `transfer` declares the sender may leave the
		// security's holder counts as well.
		//
		// The bounds were 2× and 3× on the solochain. As a shard, every signed extrinsic's
		// extensions declare 127 µs less: cumulus' storage-weight reclaim replaced
		// `frame_system::WeightReclaim`, whose upstream weight booked a database write. The
		// compliant calls' own weights did not change, but the ratios to the cheaper plain
		// transfer rose by 2-3% (2.00×, 3.03×); the bounds allow that 5% and no more.
		let (k0, k1) = (ratio(keeping_no_rules, plain), ratio(keeping_typical, plain));
		assert!(k0 <= 2.05, "transfer_keep_holding, no rules: {k0:.2}×");
		assert!(k1 <= 3.0, "transfer_keep_holding, typical rules: {k1:.2}×");
		assert!(ratio(no_rules, plain) <= 3.05, "no rules: {:.2}×", ratio(no_rules, plain));
		assert!(ratio(typical, plain) <= 3.05, "typical rules: {:.2}×", ratio(typical, plain));
		assert!(keeping_no_rules.all_lte(no_rules) && keeping_typical.all_lte(typical));
		assert!(no_rules.all_lt(typical));
		// Whatever the rule set, never more than the worst case declared before (the largest
		// rule set and every record-date write), but for the three up-front reads.
		use pallet_issuance::WeightInfo as _;
		let worst = <Runtime as pallet_issuance::Config>::WeightInfo::transfer(1, 1)
			.saturating_add(Issuance::guard_weight(1))
			.saturating_add(<Runtime as frame_system::Config>::DbWeight::get().reads(3));
		assert!(compliant.get_dispatch_info().call_weight.all_lte(worst));
	});
}

#[test]
fn a_kyc_attestation_is_charged_what_it_did() {
	dev_chain().execute_with(|| {
		let bob = Bob.to_account_id();
		let investor = pallet_credentials::InvestorOfWallet::<Runtime>::get(&bob).unwrap();
		let record = pallet_credentials::Investors::<Runtime>::get(investor).unwrap();
		let qualifier =
			pallet_credentials::Qualifiers::<Runtime>::get(record.qualifier).unwrap().account;
		let call = pallet_credentials::Call::<Runtime>::attest {
			investor,
			kind: CredentialKind::Kyc,
			expires_at: None,
			evidence: Default::default(),
		};
		let declared = call.get_dispatch_info().call_weight;
		let info = stoa_runtime::Credentials::attest(
			signed(&qualifier),
			investor,
			CredentialKind::Kyc,
			None,
			Default::default(),
		)
		.unwrap();
		let charged = info.actual_weight.expect("refunds what re-filing did not use");
		// An investor that holds nothing: nothing to re-file.
		assert!(charged.ref_time() * 10 < declared.ref_time());
		let block = <Runtime as frame_system::Config>::BlockWeights::get();
		let normal = block.get(DispatchClass::Normal).max_total.unwrap();
		let per_block = normal.ref_time() / charged.ref_time();
		println!(
			"KYC attestation charged {} µs: {per_block} fit a block",
			charged.ref_time() / 1_000_000
		);
		assert!(per_block >= 500);
	});
}
