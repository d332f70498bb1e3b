//! Unit tests: every call's success path and errors, origins, expiry, revocation, suspension,
//! blocks, wallet links and recovery.

use crate::{mock::*, Error, Event, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_core::H256;
use sp_runtime::DispatchError::BadOrigin;
use stoa_primitives::{
	BlockReason, CredentialKind as K, CredentialRegistry, HolderKind, InvestorKind, Jurisdiction,
};

type Creds = crate::mock::Credentials;
type Attestations = crate::pallet::Credentials<Test>;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn evidence(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn has(investor: u64, kind: K) -> bool {
	<Creds as CredentialRegistry<AccountId>>::has_credential(investor, kind, None, Creds::now())
}

/// Creates an investor with qualifier 0 (Euro KYC) in `jurisdiction` and returns its id.
fn new_investor(jurisdiction: &str) -> u64 {
	assert_ok!(Creds::create_investor(signed(EURO_KYC), InvestorKind::Individual, j(jurisdiction)));
	NextInvestorId::<Test>::get() - 1
}

/// Links `wallet` to `investor` (qualifier 0's investor) through request and acceptance.
fn link(investor: u64, wallet: AccountId) {
	assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), investor, wallet));
	assert_ok!(Creds::accept_wallet_link(signed(wallet), investor));
}

// ----- genesis -----

#[test]
fn genesis_builds_qualifiers_investors_wallets_and_credentials() {
	new_test_ext().execute_with(|| {
		let q = Qualifiers::<Test>::get(0).unwrap();
		assert_eq!(q.account, EURO_KYC);
		assert_eq!(q.jurisdictions.to_vec(), vec![j("DE"), j("FR"), j("GB")]);
		assert_eq!(QualifierOfAccount::<Test>::get(US_BROKER), Some(1));
		assert_eq!(NextQualifierId::<Test>::get(), 2);
		assert_eq!(Creds::investor_of(&ALICE), Some(0));
		assert_eq!(Creds::investor_of(&BOB), Some(1));
		assert_eq!(Investors::<Test>::get(0).unwrap().wallets, 1);
		assert!(has(0, K::Kyc));
		assert!(has(0, K::Residence));
		assert!(!has(0, K::AmlScreening));
		assert!(has(1, K::Kyc));
		assert_eq!(Creds::jurisdiction_of(1), Some(j("US")));
		assert_eq!(Creds::investor_kind(1), Some(InvestorKind::LegalEntity));
	});
}

// ----- qualifiers -----

#[test]
fn register_qualifier_works_and_normalises_its_lists() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::register_qualifier(
			root(),
			20,
			b"Swiss Bank".to_vec(),
			vec![j("CH"), j("LI"), j("CH")],
			vec![K::ProfessionalInvestor, K::Kyc, K::Kyc],
		));
		let q = Qualifiers::<Test>::get(2).unwrap();
		assert_eq!(q.jurisdictions.to_vec(), vec![j("CH"), j("LI")]);
		assert_eq!(q.kinds.to_vec(), vec![K::Kyc, K::ProfessionalInvestor]);
		assert_eq!(q.status, QualifierStatus::Active);
		assert_eq!(QualifierOfAccount::<Test>::get(20), Some(2));
		assert_eq!(last_event(), Event::QualifierRegistered { qualifier: 2, account: 20 });
	});
}

#[test]
fn register_qualifier_errors() {
	new_test_ext().execute_with(|| {
		let de = vec![j("DE")];
		let kyc = vec![K::Kyc];
		assert_noop!(
			Creds::register_qualifier(signed(EURO_KYC), 20, b"X".to_vec(), de.clone(), kyc.clone()),
			BadOrigin
		);
		assert_noop!(
			Creds::register_qualifier(root(), EURO_KYC, b"X".to_vec(), de.clone(), kyc.clone()),
			Error::<Test>::AlreadyQualifier
		);
		assert_noop!(
			Creds::register_qualifier(root(), 20, vec![], de.clone(), kyc.clone()),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Creds::register_qualifier(root(), 20, vec![b'x'; 17], de.clone(), kyc.clone()),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Creds::register_qualifier(
				root(),
				20,
				b"X".to_vec(),
				vec![Jurisdiction(*b"XX")],
				kyc.clone()
			),
			Error::<Test>::InvalidJurisdiction
		);
		assert_noop!(
			Creds::register_qualifier(root(), 20, b"X".to_vec(), vec![], kyc.clone()),
			Error::<Test>::NoJurisdictions
		);
		assert_noop!(
			Creds::register_qualifier(
				root(),
				20,
				b"X".to_vec(),
				vec![j("DE"), j("FR"), j("GB"), j("IT"), j("ES")],
				kyc.clone()
			),
			Error::<Test>::TooManyJurisdictions
		);
		assert_noop!(
			Creds::register_qualifier(
				root(),
				20,
				b"X".to_vec(),
				de.clone(),
				vec![
					K::Kyc,
					K::AmlScreening,
					K::AccreditedInvestor,
					K::ProfessionalInvestor,
					K::Residence
				]
			),
			Error::<Test>::TooManyKinds
		);
		assert_noop!(
			Creds::register_qualifier(root(), 20, b"X".to_vec(), de, vec![K::Custom(0)]),
			Error::<Test>::UnknownCredentialKind
		);
	});
}

#[test]
fn update_qualifier_works_and_untrusted_kinds_stop_counting() {
	new_test_ext().execute_with(|| {
		assert!(has(0, K::Residence));
		assert_noop!(
			Creds::update_qualifier(signed(EURO_KYC), 0, vec![j("DE")], vec![K::Kyc]),
			BadOrigin
		);
		assert_noop!(
			Creds::update_qualifier(root(), 7, vec![j("DE")], vec![K::Kyc]),
			Error::<Test>::UnknownQualifier
		);
		assert_noop!(
			Creds::update_qualifier(root(), 0, vec![], vec![K::Kyc]),
			Error::<Test>::NoJurisdictions
		);
		assert_noop!(
			Creds::update_qualifier(root(), 0, vec![j("DE")], vec![K::Custom(3)]),
			Error::<Test>::UnknownCredentialKind
		);
		assert_ok!(Creds::update_qualifier(root(), 0, vec![j("DE"), j("AT")], vec![K::Kyc]));
		assert_eq!(
			last_event(),
			Event::QualifierUpdated {
				qualifier: 0,
				jurisdictions: vec![j("AT"), j("DE")],
				kinds: vec![K::Kyc]
			}
		);
		// Residence is no longer a kind qualifier 0 is trusted for.
		assert!(!has(0, K::Residence));
		assert!(has(0, K::Kyc));
	});
}

#[test]
fn set_qualifier_account_rotates_the_key() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::set_qualifier_account(signed(EURO_KYC), 0, 20), BadOrigin);
		assert_noop!(
			Creds::set_qualifier_account(root(), 0, US_BROKER),
			Error::<Test>::AlreadyQualifier
		);
		assert_noop!(Creds::set_qualifier_account(root(), 9, 20), Error::<Test>::UnknownQualifier);
		assert_ok!(Creds::set_qualifier_account(root(), 0, 20));
		assert_eq!(last_event(), Event::QualifierAccountChanged { qualifier: 0, account: 20 });
		assert_eq!(QualifierOfAccount::<Test>::get(EURO_KYC), None);
		assert_eq!(QualifierOfAccount::<Test>::get(20), Some(0));
		assert_noop!(
			Creds::create_investor(signed(EURO_KYC), InvestorKind::Individual, j("DE")),
			Error::<Test>::NotQualifier
		);
		assert_ok!(Creds::create_investor(signed(20), InvestorKind::Individual, j("DE")));
	});
}

#[test]
fn suspension_stops_attestations_counting_at_once_and_resumption_restores_them() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::suspend_qualifier(signed(EURO_KYC), 0), BadOrigin);
		assert_noop!(Creds::suspend_qualifier(root(), 5), Error::<Test>::UnknownQualifier);
		assert_noop!(Creds::resume_qualifier(root(), 0), Error::<Test>::QualifierNotSuspended);
		assert_ok!(Creds::suspend_qualifier(root(), 0));
		assert_eq!(last_event(), Event::QualifierSuspended { qualifier: 0 });
		assert_noop!(Creds::suspend_qualifier(root(), 0), Error::<Test>::QualifierSuspended);
		assert!(!has(0, K::Kyc));
		assert!(!has(0, K::Residence));
		// Qualifier 1's attestations are unaffected.
		assert!(has(1, K::Kyc));
		// A suspended qualifier may not act.
		assert_noop!(
			Creds::create_investor(signed(EURO_KYC), InvestorKind::Individual, j("DE")),
			Error::<Test>::QualifierSuspended
		);
		assert_noop!(
			Creds::attest(signed(EURO_KYC), 0, K::Kyc, None, evidence(1)),
			Error::<Test>::QualifierSuspended
		);
		assert_noop!(Creds::resume_qualifier(signed(EURO_KYC), 0), BadOrigin);
		assert_ok!(Creds::resume_qualifier(root(), 0));
		assert_eq!(last_event(), Event::QualifierResumed { qualifier: 0 });
		assert!(has(0, K::Kyc));
	});
}

#[test]
fn another_qualifiers_attestation_keeps_the_credential_when_one_is_suspended() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::attest(signed(US_BROKER), 0, K::Kyc, None, evidence(2)));
		assert_ok!(Creds::suspend_qualifier(root(), 0));
		assert!(has(0, K::Kyc));
		// ... unless the reader only trusts the suspended one.
		assert!(!Creds::has_credential(0, K::Kyc, Some(&[0]), Creds::now()));
		assert!(Creds::has_credential(0, K::Kyc, Some(&[1]), Creds::now()));
	});
}

#[test]
fn remove_qualifier_works() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::remove_qualifier(signed(EURO_KYC), 0), BadOrigin);
		assert_noop!(Creds::remove_qualifier(root(), 4), Error::<Test>::UnknownQualifier);
		assert_ok!(Creds::remove_qualifier(root(), 0));
		assert_eq!(last_event(), Event::QualifierRemoved { qualifier: 0 });
		assert!(Qualifiers::<Test>::get(0).is_none());
		assert_eq!(QualifierOfAccount::<Test>::get(EURO_KYC), None);
		assert!(!has(0, K::Kyc));
		// The investor keeps its wallet; its id is not reused.
		assert_eq!(Creds::investor_of(&ALICE), Some(0));
		assert_ok!(Creds::register_qualifier(
			root(),
			EURO_KYC,
			b"Euro KYC 2".to_vec(),
			vec![j("DE")],
			vec![K::Kyc]
		));
		assert_eq!(QualifierOfAccount::<Test>::get(EURO_KYC), Some(2));
		assert!(!has(0, K::Kyc));
	});
}

#[test]
fn register_credential_kind_works() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Creds::register_credential_kind(signed(EURO_KYC), b"EU retail".to_vec()),
			BadOrigin
		);
		assert_noop!(Creds::register_credential_kind(root(), vec![]), Error::<Test>::EmptyName);
		assert_noop!(
			Creds::register_credential_kind(root(), vec![b'k'; 17]),
			Error::<Test>::NameTooLong
		);
		assert_ok!(Creds::register_credential_kind(root(), b"EU retail".to_vec()));
		assert_eq!(
			last_event(),
			Event::CredentialKindRegistered { kind: K::Custom(0), name: b"EU retail".to_vec() }
		);
		assert_ok!(Creds::register_credential_kind(root(), b"Sharia".to_vec()));
		assert_noop!(
			Creds::register_credential_kind(root(), b"Third".to_vec()),
			Error::<Test>::TooManyCustomKinds
		);
		// A registered custom kind can be trusted and attested.
		assert_ok!(Creds::update_qualifier(root(), 0, vec![j("DE")], vec![K::Custom(1)]));
		assert_ok!(Creds::attest(signed(EURO_KYC), 0, K::Custom(1), None, evidence(1)));
		assert!(has(0, K::Custom(1)));
	});
}

// ----- investors -----

#[test]
fn create_investor_works() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::create_investor(signed(EURO_KYC), InvestorKind::LegalEntity, j("FR")));
		assert_eq!(
			last_event(),
			Event::InvestorCreated {
				investor: 2,
				qualifier: 0,
				kind: InvestorKind::LegalEntity,
				jurisdiction: j("FR")
			}
		);
		assert_eq!(
			Investors::<Test>::get(2),
			Some(Investor {
				kind: InvestorKind::LegalEntity,
				jurisdiction: j("FR"),
				qualifier: 0,
				wallets: 0
			})
		);
	});
}

#[test]
fn create_investor_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::create_investor(root(), InvestorKind::Individual, j("DE")), BadOrigin);
		assert_noop!(
			Creds::create_investor(signed(CHARLIE), InvestorKind::Individual, j("DE")),
			Error::<Test>::NotQualifier
		);
		assert_noop!(
			Creds::create_investor(
				signed(EURO_KYC),
				InvestorKind::Individual,
				Jurisdiction(*b"ZZ")
			),
			Error::<Test>::InvalidJurisdiction
		);
		assert_noop!(
			Creds::create_investor(signed(EURO_KYC), InvestorKind::Individual, j("US")),
			Error::<Test>::JurisdictionNotCovered
		);
	});
}

#[test]
fn set_investor_jurisdiction_works_and_tells_the_listener() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::set_investor_jurisdiction(signed(EURO_KYC), 0, j("FR")));
		assert_eq!(
			last_event(),
			Event::InvestorJurisdictionChanged { investor: 0, from: j("DE"), to: j("FR") }
		);
		assert_eq!(Creds::jurisdiction_of(0), Some(j("FR")));
		// Governance is not limited to the qualifier's coverage.
		assert_ok!(Creds::set_investor_jurisdiction(root(), 0, j("JP")));
		assert_eq!(
			ListenerLog::get(),
			vec![
				Heard::JurisdictionChanged(0, j("DE"), j("FR")),
				Heard::JurisdictionChanged(0, j("FR"), j("JP"))
			]
		);
		// Setting the same jurisdiction changes nothing and tells nobody.
		assert_ok!(Creds::set_investor_jurisdiction(root(), 0, j("JP")));
		assert_eq!(ListenerLog::get().len(), 2);
	});
}

#[test]
fn set_investor_jurisdiction_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Creds::set_investor_jurisdiction(signed(ALICE), 0, j("FR")),
			Error::<Test>::NotQualifier
		);
		assert_noop!(
			Creds::set_investor_jurisdiction(RuntimeOrigin::none(), 0, j("FR")),
			BadOrigin
		);
		assert_noop!(
			Creds::set_investor_jurisdiction(signed(EURO_KYC), 0, Jurisdiction(*b"QQ")),
			Error::<Test>::InvalidJurisdiction
		);
		assert_noop!(
			Creds::set_investor_jurisdiction(signed(EURO_KYC), 9, j("FR")),
			Error::<Test>::UnknownInvestor
		);
		assert_noop!(
			Creds::set_investor_jurisdiction(signed(US_BROKER), 0, j("US")),
			Error::<Test>::NotInvestorsQualifier
		);
		assert_noop!(
			Creds::set_investor_jurisdiction(signed(EURO_KYC), 0, j("US")),
			Error::<Test>::JurisdictionNotCovered
		);
		assert_ok!(Creds::suspend_qualifier(root(), 0));
		assert_noop!(
			Creds::set_investor_jurisdiction(signed(EURO_KYC), 0, j("FR")),
			Error::<Test>::QualifierSuspended
		);
	});
}

#[test]
fn reassign_investor_works() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::reassign_investor(signed(US_BROKER), 0, 1), BadOrigin);
		assert_noop!(Creds::reassign_investor(root(), 0, 8), Error::<Test>::UnknownQualifier);
		assert_noop!(Creds::reassign_investor(root(), 8, 1), Error::<Test>::UnknownInvestor);
		assert_ok!(Creds::reassign_investor(root(), 0, 1));
		assert_eq!(last_event(), Event::InvestorReassigned { investor: 0, qualifier: 1 });
		assert_eq!(Investors::<Test>::get(0).unwrap().qualifier, 1);
		// The new qualifier now manages it; the old one no longer does.
		assert_ok!(Creds::request_wallet_link(signed(US_BROKER), 0, CHARLIE));
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 0, DAVE),
			Error::<Test>::NotInvestorsQualifier
		);
	});
}

// ----- wallets -----

#[test]
fn a_wallet_links_only_with_its_own_acceptance() {
	new_test_ext().execute_with(|| {
		let investor = new_investor("FR");
		assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), investor, CHARLIE));
		assert_eq!(
			last_event(),
			Event::WalletLinkRequested { investor, wallet: CHARLIE, expires_at: 11 }
		);
		// Requested is not linked.
		assert_eq!(Creds::investor_of(&CHARLIE), None);
		assert_ok!(Creds::accept_wallet_link(signed(CHARLIE), investor));
		assert_eq!(last_event(), Event::WalletLinked { investor, wallet: CHARLIE });
		assert_eq!(Creds::investor_of(&CHARLIE), Some(investor));
		assert!(InvestorWallets::<Test>::contains_key(investor, CHARLIE));
		assert_eq!(Investors::<Test>::get(investor).unwrap().wallets, 1);
		assert!(LinkRequests::<Test>::get(CHARLIE).is_none());
		assert_eq!(Creds::holder_kind(&CHARLIE), HolderKind::Investor(investor));
	});
}

#[test]
fn request_wallet_link_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::request_wallet_link(root(), 0, CHARLIE), BadOrigin);
		assert_noop!(
			Creds::request_wallet_link(signed(DAVE), 0, CHARLIE),
			Error::<Test>::NotQualifier
		);
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 7, CHARLIE),
			Error::<Test>::UnknownInvestor
		);
		assert_noop!(
			Creds::request_wallet_link(signed(US_BROKER), 0, CHARLIE),
			Error::<Test>::NotInvestorsQualifier
		);
		// One investor per wallet.
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 0, BOB),
			Error::<Test>::WalletAlreadyLinked
		);
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), DAVE, b"AMM".to_vec()));
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 0, DAVE),
			Error::<Test>::IsProtocolHolder
		);
		link(0, CHARLIE);
		// MaxWalletsPerInvestor is 2.
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 0, 5),
			Error::<Test>::TooManyWallets
		);
		assert_ok!(Creds::suspend_qualifier(root(), 0));
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 0, 5),
			Error::<Test>::QualifierSuspended
		);
	});
}

#[test]
fn accept_wallet_link_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::accept_wallet_link(root(), 0), BadOrigin);
		assert_noop!(Creds::accept_wallet_link(signed(CHARLIE), 0), Error::<Test>::NoLinkRequest);
		let other = new_investor("DE");
		assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), other, CHARLIE));
		assert_noop!(
			Creds::accept_wallet_link(signed(CHARLIE), 0),
			Error::<Test>::LinkRequestMismatch
		);
		// Accepting at the last block works; after it, the request has expired.
		System::set_block_number(12);
		assert_noop!(
			Creds::accept_wallet_link(signed(CHARLIE), other),
			Error::<Test>::LinkRequestExpired
		);
		System::set_block_number(11);
		// The wallet got linked elsewhere in the meantime: one investor per wallet.
		assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), 0, DAVE));
		Creds::do_link(other, &DAVE).unwrap();
		assert_noop!(
			Creds::accept_wallet_link(signed(DAVE), 0),
			Error::<Test>::WalletAlreadyLinked
		);
		assert_ok!(Creds::accept_wallet_link(signed(CHARLIE), other));
	});
}

#[test]
fn accept_wallet_link_checks_room_again() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), 0, CHARLIE));
		assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), 0, DAVE));
		assert_ok!(Creds::accept_wallet_link(signed(CHARLIE), 0));
		assert_noop!(Creds::accept_wallet_link(signed(DAVE), 0), Error::<Test>::TooManyWallets);
	});
}

#[test]
fn unlink_wallet_by_the_investor_its_qualifier_or_governance() {
	new_test_ext().execute_with(|| {
		link(0, CHARLIE);
		assert_noop!(Creds::unlink_wallet(RuntimeOrigin::none(), CHARLIE), BadOrigin);
		assert_noop!(Creds::unlink_wallet(signed(DAVE), 5), Error::<Test>::WalletNotLinked);
		// Another investor's wallet, another qualifier: refused.
		assert_noop!(Creds::unlink_wallet(signed(BOB), CHARLIE), Error::<Test>::NotAllowedToUnlink);
		assert_noop!(
			Creds::unlink_wallet(signed(US_BROKER), CHARLIE),
			Error::<Test>::NotAllowedToUnlink
		);
		// The investor, through another of its wallets.
		assert_ok!(Creds::unlink_wallet(signed(ALICE), CHARLIE));
		assert_eq!(last_event(), Event::WalletUnlinked { investor: 0, wallet: CHARLIE });
		assert_eq!(Creds::investor_of(&CHARLIE), None);
		assert!(!InvestorWallets::<Test>::contains_key(0, CHARLIE));
		assert_eq!(Investors::<Test>::get(0).unwrap().wallets, 1);
		// The qualifier.
		link(0, CHARLIE);
		assert_ok!(Creds::unlink_wallet(signed(EURO_KYC), CHARLIE));
		// Governance, and a wallet unlinking itself.
		link(0, CHARLIE);
		assert_ok!(Creds::unlink_wallet(root(), CHARLIE));
		assert_ok!(Creds::unlink_wallet(signed(ALICE), ALICE));
		assert_eq!(Investors::<Test>::get(0).unwrap().wallets, 0);
		assert_eq!(Creds::holder_kind(&ALICE), HolderKind::Unknown);
	});
}

// ----- credentials -----

#[test]
fn attest_works_and_tells_the_listener() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::attest(
			signed(EURO_KYC),
			0,
			K::AmlScreening,
			Some(START + 100),
			evidence(7)
		));
		assert_eq!(
			last_event(),
			Event::CredentialAttested {
				investor: 0,
				kind: K::AmlScreening,
				qualifier: 0,
				expires_at: Some(START + 100)
			}
		);
		assert_eq!(
			Attestations::get(0, K::AmlScreening).to_vec(),
			vec![Attestation {
				qualifier: 0,
				issued_at: START,
				expires_at: Some(START + 100),
				evidence: evidence(7),
				revoked_at: None
			}]
		);
		assert!(has(0, K::AmlScreening));
		assert_eq!(ListenerLog::get(), vec![Heard::CredentialsChanged(0)]);
	});
}

#[test]
fn attest_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::attest(root(), 0, K::Kyc, None, evidence(1)), BadOrigin);
		assert_noop!(
			Creds::attest(signed(ALICE), 0, K::Kyc, None, evidence(1)),
			Error::<Test>::NotQualifier
		);
		assert_noop!(
			Creds::attest(signed(EURO_KYC), 0, K::AccreditedInvestor, None, evidence(1)),
			Error::<Test>::NotTrustedForKind
		);
		assert_noop!(
			Creds::attest(signed(EURO_KYC), 9, K::Kyc, None, evidence(1)),
			Error::<Test>::UnknownInvestor
		);
		// Residence needs coverage of the investor's jurisdiction (investor 1 is in the US).
		assert_noop!(
			Creds::attest(signed(EURO_KYC), 1, K::Residence, None, evidence(1)),
			Error::<Test>::JurisdictionNotCovered
		);
		assert_noop!(
			Creds::attest(signed(EURO_KYC), 0, K::Kyc, Some(START), evidence(1)),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn expiry_is_exact_to_the_second() {
	new_test_ext().execute_with(|| {
		let expiry = START + 60;
		assert_ok!(Creds::attest(signed(EURO_KYC), 0, K::AmlScreening, Some(expiry), evidence(1)));
		set_now(expiry - 1);
		assert!(has(0, K::AmlScreening));
		set_now(expiry);
		assert!(!has(0, K::AmlScreening));
		// Readers may ask about any time.
		assert!(Creds::has_credential(0, K::AmlScreening, None, expiry - 1));
		assert!(!Creds::has_credential(0, K::AmlScreening, None, expiry));
		// Renewal replaces the attestation.
		assert_ok!(Creds::attest(
			signed(EURO_KYC),
			0,
			K::AmlScreening,
			Some(expiry + 60),
			evidence(2)
		));
		assert!(has(0, K::AmlScreening));
		assert_eq!(Attestations::get(0, K::AmlScreening).len(), 1);
	});
}

#[test]
fn revoke_works_and_keeps_the_audit_trail() {
	new_test_ext().execute_with(|| {
		set_now(START + 5);
		assert_ok!(Creds::revoke(signed(EURO_KYC), 0, K::Kyc));
		assert_eq!(
			last_event(),
			Event::CredentialRevoked { investor: 0, kind: K::Kyc, qualifier: 0 }
		);
		assert!(!has(0, K::Kyc));
		assert_eq!(Attestations::get(0, K::Kyc)[0].revoked_at, Some(START + 5));
		assert_eq!(ListenerLog::get(), vec![Heard::CredentialsChanged(0)]);
		// Re-attesting restores it.
		assert_ok!(Creds::attest(signed(EURO_KYC), 0, K::Kyc, None, evidence(3)));
		assert!(has(0, K::Kyc));
	});
}

#[test]
fn revoke_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::revoke(root(), 0, K::Kyc), BadOrigin);
		assert_noop!(Creds::revoke(signed(ALICE), 0, K::Kyc), Error::<Test>::NotQualifier);
		// Only the attesting qualifier revokes its attestation.
		assert_noop!(Creds::revoke(signed(US_BROKER), 0, K::Kyc), Error::<Test>::NoAttestation);
		assert_noop!(
			Creds::revoke(signed(EURO_KYC), 0, K::AmlScreening),
			Error::<Test>::NoAttestation
		);
		assert_ok!(Creds::revoke(signed(EURO_KYC), 0, K::Kyc));
		assert_noop!(Creds::revoke(signed(EURO_KYC), 0, K::Kyc), Error::<Test>::AlreadyRevoked);
	});
}

#[test]
fn a_suspended_qualifier_may_still_revoke() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::suspend_qualifier(root(), 0));
		assert_ok!(Creds::revoke(signed(EURO_KYC), 0, K::Kyc));
		assert_ok!(Creds::resume_qualifier(root(), 0));
		assert!(!has(0, K::Kyc));
	});
}

#[test]
fn a_full_attestation_list_makes_room_only_by_dropping_what_no_longer_counts() {
	new_test_ext().execute_with(|| {
		MaxAttestationsPerKind::set(2);
		// Investor 0 already has qualifier 0's KYC; qualifier 1 fills the list.
		assert_ok!(Creds::attest(signed(US_BROKER), 0, K::Kyc, Some(START + 10), evidence(1)));
		assert_ok!(Creds::register_qualifier(
			root(),
			20,
			b"Third".to_vec(),
			vec![j("DE")],
			vec![K::Kyc]
		));
		assert_noop!(
			Creds::attest(signed(20), 0, K::Kyc, None, evidence(1)),
			Error::<Test>::TooManyAttestations
		);
		// Once qualifier 1's attestation expired, it makes room.
		set_now(START + 10);
		assert_ok!(Creds::attest(signed(20), 0, K::Kyc, None, evidence(1)));
		let qualifiers: Vec<_> = Attestations::get(0, K::Kyc).iter().map(|a| a.qualifier).collect();
		assert_eq!(qualifiers, vec![0, 2]);
	});
}

// ----- blocks -----

#[test]
fn an_investor_block_beats_every_credential() {
	new_test_ext().execute_with(|| {
		assert_eq!(Creds::account_block(&ALICE), None);
		assert_ok!(Creds::block_investor(
			signed(US_BROKER),
			0,
			BlockReason::Restricted(H256::repeat_byte(1))
		));
		assert_eq!(
			last_event(),
			Event::InvestorBlocked {
				investor: 0,
				reason: BlockReason::Restricted(H256::repeat_byte(1)),
				by_qualifier: Some(1)
			}
		);
		// Credentials still read as valid, but the block wins for every wallet.
		assert!(has(0, K::Kyc));
		assert_eq!(Creds::investor_block(0), Some(BlockReason::Restricted(H256::repeat_byte(1))));
		assert_eq!(
			Creds::account_block(&ALICE),
			Some(BlockReason::Restricted(H256::repeat_byte(1)))
		);
		link(0, CHARLIE);
		assert_eq!(
			Creds::account_block(&CHARLIE),
			Some(BlockReason::Restricted(H256::repeat_byte(1)))
		);
		assert_eq!(
			ListenerLog::get(),
			vec![Heard::CredentialsChanged(0), Heard::WalletLinked(0, CHARLIE)]
		);
	});
}

#[test]
fn block_investor_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Creds::block_investor(signed(ALICE), 0, BlockReason::Restricted(H256::repeat_byte(3))),
			Error::<Test>::NotQualifier
		);
		assert_noop!(
			Creds::block_investor(
				RuntimeOrigin::none(),
				0,
				BlockReason::Restricted(H256::repeat_byte(3))
			),
			BadOrigin
		);
		assert_noop!(
			Creds::block_investor(root(), 9, BlockReason::Restricted(H256::repeat_byte(3))),
			Error::<Test>::UnknownInvestor
		);
		assert_ok!(Creds::block_investor(root(), 0, BlockReason::CourtOrder));
		assert_eq!(
			last_event(),
			Event::InvestorBlocked {
				investor: 0,
				reason: BlockReason::CourtOrder,
				by_qualifier: None
			}
		);
		assert_noop!(
			Creds::block_investor(
				signed(EURO_KYC),
				0,
				BlockReason::Restricted(H256::repeat_byte(3))
			),
			Error::<Test>::AlreadyBlocked
		);
		assert_ok!(Creds::suspend_qualifier(root(), 1));
		assert_noop!(
			Creds::block_investor(
				signed(US_BROKER),
				1,
				BlockReason::Restricted(H256::repeat_byte(3))
			),
			Error::<Test>::QualifierSuspended
		);
	});
}

#[test]
fn unblock_investor_by_the_blocker_or_governance() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::unblock_investor(root(), 0), Error::<Test>::NotBlocked);
		assert_ok!(Creds::block_investor(
			signed(US_BROKER),
			0,
			BlockReason::Restricted(H256::repeat_byte(2))
		));
		assert_noop!(Creds::unblock_investor(signed(ALICE), 0), Error::<Test>::NotQualifier);
		assert_noop!(Creds::unblock_investor(signed(EURO_KYC), 0), Error::<Test>::NotBlocker);
		// The blocker may lift its block even while suspended.
		assert_ok!(Creds::suspend_qualifier(root(), 1));
		assert_ok!(Creds::unblock_investor(signed(US_BROKER), 0));
		assert_eq!(last_event(), Event::InvestorUnblocked { investor: 0 });
		assert_eq!(Creds::account_block(&ALICE), None);
		// Governance lifts anyone's block; a qualifier cannot lift governance's.
		assert_ok!(Creds::block_investor(root(), 0, BlockReason::Restricted(H256::repeat_byte(3))));
		assert_noop!(Creds::unblock_investor(signed(EURO_KYC), 0), Error::<Test>::NotBlocker);
		assert_ok!(Creds::unblock_investor(root(), 0));
		assert_eq!(
			ListenerLog::get(),
			vec![
				Heard::CredentialsChanged(0),
				Heard::CredentialsChanged(0),
				Heard::CredentialsChanged(0),
				Heard::CredentialsChanged(0)
			]
		);
	});
}

#[test]
fn a_wallet_block_hits_only_that_wallet_and_wins_over_the_investors() {
	new_test_ext().execute_with(|| {
		link(0, CHARLIE);
		assert_noop!(
			Creds::block_wallet(
				signed(ALICE),
				CHARLIE,
				BlockReason::Restricted(H256::repeat_byte(3))
			),
			Error::<Test>::NotQualifier
		);
		assert_ok!(Creds::block_wallet(
			signed(EURO_KYC),
			CHARLIE,
			BlockReason::Restricted(H256::repeat_byte(3))
		));
		assert_eq!(
			last_event(),
			Event::WalletBlocked {
				wallet: CHARLIE,
				reason: BlockReason::Restricted(H256::repeat_byte(3)),
				by_qualifier: Some(0)
			}
		);
		assert_noop!(
			Creds::block_wallet(root(), CHARLIE, BlockReason::Restricted(H256::repeat_byte(1))),
			Error::<Test>::AlreadyBlocked
		);
		assert_eq!(
			Creds::account_block(&CHARLIE),
			Some(BlockReason::Restricted(H256::repeat_byte(3)))
		);
		assert_eq!(Creds::account_block(&ALICE), None);
		// The wallet's own block is reported first.
		assert_ok!(Creds::block_investor(root(), 0, BlockReason::Restricted(H256::repeat_byte(1))));
		assert_eq!(
			Creds::account_block(&CHARLIE),
			Some(BlockReason::Restricted(H256::repeat_byte(3)))
		);
		assert_eq!(
			Creds::account_block(&ALICE),
			Some(BlockReason::Restricted(H256::repeat_byte(1)))
		);
		// Unlinked wallets can be blocked too (a sanctioned address).
		assert_ok!(Creds::block_wallet(
			root(),
			DAVE,
			BlockReason::Restricted(H256::repeat_byte(1))
		));
		assert_eq!(
			Creds::account_block(&DAVE),
			Some(BlockReason::Restricted(H256::repeat_byte(1)))
		);
	});
}

#[test]
fn unblock_wallet_by_the_blocker_or_governance() {
	new_test_ext().execute_with(|| {
		assert_noop!(Creds::unblock_wallet(root(), CHARLIE), Error::<Test>::NotBlocked);
		assert_ok!(Creds::block_wallet(
			signed(EURO_KYC),
			CHARLIE,
			BlockReason::Restricted(H256::repeat_byte(3))
		));
		assert_noop!(Creds::unblock_wallet(RuntimeOrigin::none(), CHARLIE), BadOrigin);
		assert_noop!(Creds::unblock_wallet(signed(US_BROKER), CHARLIE), Error::<Test>::NotBlocker);
		assert_ok!(Creds::unblock_wallet(signed(EURO_KYC), CHARLIE));
		assert_eq!(last_event(), Event::WalletUnblocked { wallet: CHARLIE });
		assert_ok!(Creds::block_wallet(
			signed(EURO_KYC),
			CHARLIE,
			BlockReason::Restricted(H256::repeat_byte(3))
		));
		assert_ok!(Creds::unblock_wallet(root(), CHARLIE));
		assert_eq!(Creds::account_block(&CHARLIE), None);
	});
}

// ----- protocol holders -----

#[test]
fn register_and_deregister_a_protocol_holder() {
	new_test_ext().execute_with(|| {
		let reason = RuntimeHoldReason::Credentials(HoldReason::ProtocolHolderDeposit);
		assert_noop!(Creds::register_protocol_holder(root(), DAVE, b"AMM".to_vec()), BadOrigin);
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), DAVE, b"AMM".to_vec()));
		assert_eq!(
			last_event(),
			Event::ProtocolHolderRegistered {
				account: DAVE,
				registrant: REGISTRANT,
				deposit: DEPOSIT
			}
		);
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), DEPOSIT);
		assert!(Creds::is_protocol_holder(&DAVE));
		assert_eq!(Creds::holder_kind(&DAVE), HolderKind::Protocol);

		assert_noop!(Creds::deregister_protocol_holder(root(), DAVE), BadOrigin);
		assert_noop!(
			Creds::deregister_protocol_holder(signed(REGISTRANT), CHARLIE),
			Error::<Test>::NotProtocolHolder
		);
		assert_noop!(
			Creds::deregister_protocol_holder(signed(DAVE), DAVE),
			Error::<Test>::NotRegistrant
		);
		assert_ok!(Creds::deregister_protocol_holder(signed(REGISTRANT), DAVE));
		assert_eq!(last_event(), Event::ProtocolHolderDeregistered { account: DAVE });
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), 0);
		assert_eq!(Balances::balance(&REGISTRANT), ENDOWMENT);
		assert!(!Creds::is_protocol_holder(&DAVE));
	});
}

#[test]
fn register_protocol_holder_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Creds::register_protocol_holder(signed(REGISTRANT), ALICE, b"AMM".to_vec()),
			Error::<Test>::IsInvestorWallet
		);
		assert_noop!(
			Creds::register_protocol_holder(signed(REGISTRANT), DAVE, vec![]),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Creds::register_protocol_holder(signed(REGISTRANT), DAVE, vec![b'p'; 17]),
			Error::<Test>::NameTooLong
		);
		// Account 77 has no funds.
		assert_noop!(
			Creds::register_protocol_holder(signed(77), DAVE, b"AMM".to_vec()),
			Error::<Test>::InsufficientDeposit
		);
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), DAVE, b"AMM".to_vec()));
		assert_noop!(
			Creds::register_protocol_holder(signed(CHARLIE), DAVE, b"AMM".to_vec()),
			Error::<Test>::AlreadyProtocolHolder
		);
	});
}

#[test]
fn the_guardian_blocks_a_protocol_holder_and_governance_settles_the_deposit() {
	new_test_ext().execute_with(|| {
		let reason = RuntimeHoldReason::Credentials(HoldReason::ProtocolHolderDeposit);
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), DAVE, b"AMM".to_vec()));
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), CHARLIE, b"Vault".to_vec()));
		assert_noop!(
			Creds::block_protocol_holder(root(), DAVE, BlockReason::ProtocolMisbehaviour),
			BadOrigin
		);
		assert_noop!(
			Creds::block_protocol_holder(
				signed(REGISTRANT),
				DAVE,
				BlockReason::ProtocolMisbehaviour
			),
			BadOrigin
		);
		assert_noop!(
			Creds::block_protocol_holder(signed(GUARDIAN), 5, BlockReason::ProtocolMisbehaviour),
			Error::<Test>::NotProtocolHolder
		);
		assert_noop!(
			Creds::settle_protocol_holder_block(root(), DAVE, true),
			Error::<Test>::NotBlocked
		);
		assert_noop!(Creds::unblock_protocol_holder(root(), DAVE), Error::<Test>::NotBlocked);

		// The block takes effect at once; the deposit stays held.
		assert_ok!(Creds::block_protocol_holder(
			signed(GUARDIAN),
			DAVE,
			BlockReason::ProtocolMisbehaviour
		));
		assert_eq!(
			last_event(),
			Event::ProtocolHolderBlocked {
				account: DAVE,
				reason: BlockReason::ProtocolMisbehaviour
			}
		);
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), 2 * DEPOSIT);
		assert!(!Creds::is_protocol_holder(&DAVE));
		assert_eq!(Creds::account_block(&DAVE), Some(BlockReason::ProtocolMisbehaviour));
		assert_eq!(Creds::holder_kind(&DAVE), HolderKind::Unknown);
		let registration = Creds::account_credentials(&DAVE).protocol_holder.unwrap();
		assert_eq!(registration.registrant, REGISTRANT);
		assert_eq!(registration.block.unwrap().reason, BlockReason::ProtocolMisbehaviour);
		assert_noop!(
			Creds::block_protocol_holder(signed(GUARDIAN), DAVE, BlockReason::Other),
			Error::<Test>::AlreadyBlocked
		);
		// A blocked registration stays as its record, and cannot be re-registered.
		assert_noop!(
			Creds::deregister_protocol_holder(signed(REGISTRANT), DAVE),
			Error::<Test>::ProtocolHolderBlocked
		);
		assert_noop!(
			Creds::register_protocol_holder(signed(REGISTRANT), DAVE, b"AMM".to_vec()),
			Error::<Test>::AlreadyProtocolHolder
		);

		// Only governance settles it, and only once: slashed, the deposit is burned.
		assert_noop!(Creds::settle_protocol_holder_block(signed(GUARDIAN), DAVE, true), BadOrigin);
		let issuance = Balances::total_issuance();
		assert_ok!(Creds::settle_protocol_holder_block(root(), DAVE, true));
		assert_eq!(
			last_event(),
			Event::ProtocolHolderBlockSettled { account: DAVE, slashed: DEPOSIT, returned: 0 }
		);
		assert_eq!(Balances::total_issuance(), issuance - DEPOSIT);
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), DEPOSIT);
		assert_noop!(
			Creds::settle_protocol_holder_block(root(), DAVE, false),
			Error::<Test>::BlockSettled
		);
		// A settled block is final.
		assert_noop!(Creds::unblock_protocol_holder(root(), DAVE), Error::<Test>::BlockSettled);
		assert_noop!(
			Creds::deregister_protocol_holder(signed(REGISTRANT), DAVE),
			Error::<Test>::ProtocolHolderBlocked
		);

		// Without slashing, the deposit goes back.
		assert_ok!(Creds::block_protocol_holder(signed(GUARDIAN), CHARLIE, BlockReason::Other));
		assert_ok!(Creds::settle_protocol_holder_block(root(), CHARLIE, false));
		assert_eq!(
			last_event(),
			Event::ProtocolHolderBlockSettled { account: CHARLIE, slashed: 0, returned: DEPOSIT }
		);
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), 0);
		assert_eq!(Balances::balance(&REGISTRANT), ENDOWMENT - DEPOSIT);
	});
}

#[test]
fn governance_lifts_a_guardian_block_and_the_protocol_holder_resumes() {
	new_test_ext().execute_with(|| {
		let reason = RuntimeHoldReason::Credentials(HoldReason::ProtocolHolderDeposit);
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), DAVE, b"AMM".to_vec()));
		assert_ok!(Creds::block_protocol_holder(signed(GUARDIAN), DAVE, BlockReason::Other));
		// The guardian alone cannot undo what it did: the block stands until governance acts.
		assert_noop!(Creds::unblock_protocol_holder(signed(GUARDIAN), DAVE), BadOrigin);
		assert_noop!(Creds::unblock_protocol_holder(signed(REGISTRANT), DAVE), BadOrigin);
		assert_ok!(Creds::unblock_protocol_holder(root(), DAVE));
		assert_eq!(last_event(), Event::ProtocolHolderUnblocked { account: DAVE });
		assert!(Creds::is_protocol_holder(&DAVE));
		assert_eq!(Creds::account_block(&DAVE), None);
		assert_eq!(Creds::account_credentials(&DAVE).protocol_holder.unwrap().block, None);
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), DEPOSIT);
		assert_noop!(Creds::unblock_protocol_holder(root(), DAVE), Error::<Test>::NotBlocked);
		// It is an ordinary registration again: its registrant may deregister it.
		assert_ok!(Creds::deregister_protocol_holder(signed(REGISTRANT), DAVE));
		assert_eq!(Balances::balance_on_hold(&reason, &REGISTRANT), 0);
	});
}

// ----- recovery -----

#[test]
fn recover_wallet_moves_the_investor_to_its_new_wallet() {
	new_test_ext().execute_with(|| {
		link(0, CHARLIE);
		assert_ok!(Creds::recover_wallet(signed(EURO_KYC), ALICE, CHARLIE));
		assert_eq!(last_event(), Event::WalletRecovered { investor: 0, lost: ALICE, new: CHARLIE });
		assert_eq!(
			ListenerLog::get(),
			vec![Heard::WalletLinked(0, CHARLIE), Heard::WalletRecovered(0, ALICE, CHARLIE)]
		);
		assert_eq!(Creds::investor_of(&ALICE), None);
		assert_eq!(Creds::investor_of(&CHARLIE), Some(0));
		assert_eq!(Investors::<Test>::get(0).unwrap().wallets, 1);
		// The lost key stays blocked.
		assert_eq!(Creds::account_block(&ALICE), Some(BlockReason::LostWallet));
		assert_eq!(WalletBlocks::<Test>::get(ALICE).unwrap().by, Actor::Qualifier(0));
	});
}

#[test]
fn recover_wallet_errors() {
	new_test_ext().execute_with(|| {
		link(0, CHARLIE);
		assert_noop!(
			Creds::recover_wallet(signed(ALICE), ALICE, CHARLIE),
			Error::<Test>::NotQualifier
		);
		assert_noop!(Creds::recover_wallet(RuntimeOrigin::none(), ALICE, CHARLIE), BadOrigin);
		assert_noop!(Creds::recover_wallet(root(), ALICE, ALICE), Error::<Test>::SameWallet);
		assert_noop!(Creds::recover_wallet(root(), DAVE, CHARLIE), Error::<Test>::WalletNotLinked);
		assert_noop!(Creds::recover_wallet(root(), ALICE, BOB), Error::<Test>::NotSameInvestor);
		assert_noop!(Creds::recover_wallet(root(), ALICE, DAVE), Error::<Test>::NotSameInvestor);
		assert_noop!(
			Creds::recover_wallet(signed(US_BROKER), ALICE, CHARLIE),
			Error::<Test>::NotInvestorsQualifier
		);
		// Governance may recover any investor's wallet; an earlier block is kept.
		assert_ok!(Creds::block_wallet(
			signed(US_BROKER),
			ALICE,
			BlockReason::Restricted(H256::repeat_byte(3))
		));
		assert_ok!(Creds::recover_wallet(root(), ALICE, CHARLIE));
		assert_eq!(
			Creds::account_block(&ALICE),
			Some(BlockReason::Restricted(H256::repeat_byte(3)))
		);
	});
}

// ----- reading -----

#[test]
fn account_credentials_reports_everything_with_validity() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::attest(signed(US_BROKER), 0, K::Kyc, Some(START + 1), evidence(4)));
		set_now(START + 1);
		let info = Creds::account_credentials(&ALICE);
		let investor = info.investor.unwrap();
		assert_eq!(investor.id, 0);
		assert_eq!(investor.wallets, vec![ALICE]);
		let kyc: Vec<_> = investor
			.credentials
			.iter()
			.filter(|c| c.kind == K::Kyc)
			.map(|c| (c.qualifier, c.valid))
			.collect();
		assert_eq!(kyc, vec![(0, true), (1, false)]);
		assert_eq!(info.blocked, None);
		assert_eq!(info.protocol_holder, None);

		assert_ok!(Creds::request_wallet_link(signed(EURO_KYC), 0, CHARLIE));
		assert_ok!(Creds::block_wallet(
			root(),
			CHARLIE,
			BlockReason::Restricted(H256::repeat_byte(2))
		));
		let info = Creds::account_credentials(&CHARLIE);
		assert!(info.investor.is_none());
		assert_eq!(info.pending_link, Some(0));
		assert_eq!(info.blocked, Some(BlockReason::Restricted(H256::repeat_byte(2))));
		assert_eq!(info.wallet_block.unwrap().by_qualifier, None);
	});
}

// ----- a wallet's investor cannot be shed (issue 12, defects 1 and 2) -----

/// Defect 1: a blocked investor's wallets cannot unlink themselves (the first step of the
/// unlink / register-as-protocol-holder escape); its qualifier may unlink an empty one, and
/// the block stays on the wallet, so it cannot come back as a protocol holder.
#[test]
fn a_blocked_investors_wallets_keep_the_block() {
	new_test_ext().execute_with(|| {
		assert_ok!(Creds::block_investor(
			signed(EURO_KYC),
			0,
			BlockReason::Restricted(H256::repeat_byte(1))
		));
		assert_noop!(Creds::unlink_wallet(signed(ALICE), ALICE), Error::<Test>::InvestorIsBlocked);
		assert_ok!(Creds::unlink_wallet(signed(EURO_KYC), ALICE));
		assert_eq!(
			Creds::account_block(&ALICE),
			Some(BlockReason::Restricted(H256::repeat_byte(1)))
		);
		assert_noop!(
			Creds::register_protocol_holder(signed(ALICE), ALICE, b"pool".to_vec()),
			Error::<Test>::AccountBlocked
		);
		assert_noop!(
			Creds::register_protocol_holder(signed(REGISTRANT), ALICE, b"pool".to_vec()),
			Error::<Test>::AccountBlocked
		);
	});
}

/// Defects 1 and 2: a wallet that holds units is not unlinked by anyone, not linked, and does
/// not become (or stop being) a protocol holder: its units would change owner unseen.
#[test]
fn a_wallet_holding_units_keeps_its_owner() {
	new_test_ext().execute_with(|| {
		HoldingUnits::set(vec![ALICE, 77]);
		assert_noop!(Creds::unlink_wallet(signed(ALICE), ALICE), Error::<Test>::WalletHoldsUnits);
		assert_noop!(
			Creds::unlink_wallet(signed(EURO_KYC), ALICE),
			Error::<Test>::WalletHoldsUnits
		);
		assert_noop!(
			Creds::unlink_wallet(RuntimeOrigin::root(), ALICE),
			Error::<Test>::WalletHoldsUnits
		);
		assert_noop!(
			Creds::request_wallet_link(signed(EURO_KYC), 0, 77),
			Error::<Test>::WalletHoldsUnits
		);
		assert_noop!(
			Creds::register_protocol_holder(signed(REGISTRANT), 77, b"pool".to_vec()),
			Error::<Test>::WalletHoldsUnits
		);
		HoldingUnits::set(vec![]);
		assert_ok!(Creds::register_protocol_holder(signed(REGISTRANT), 77, b"pool".to_vec()));
		HoldingUnits::set(vec![77]);
		assert_noop!(
			Creds::deregister_protocol_holder(signed(REGISTRANT), 77),
			Error::<Test>::WalletHoldsUnits
		);
		HoldingUnits::set(vec![]);
		assert_ok!(Creds::deregister_protocol_holder(signed(REGISTRANT), 77));
		assert_ok!(Creds::unlink_wallet(signed(ALICE), ALICE));
	});
}
