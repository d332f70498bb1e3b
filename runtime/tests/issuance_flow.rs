//! The issuance flow on the real runtime (dev genesis: Dev KYC, credentialed investors, dUSD):
//! a regulator approves an issuer, the issuer creates an equity, two qualified investors
//! subscribe to its offering, the offering settles, and a transfer to an unqualified wallet
//! fails with a clear error.

mod common;
use common::*;

use frame_support::{assert_noop, assert_ok, traits::fungibles::Inspect};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Eve};
use sp_runtime::AccountId32;
use stoa_primitives::{Isin, Jurisdiction, SecurityRegistry};
use stoa_runtime::{
	genesis_config_presets::DEV_STABLECOIN_ID, Assets, Issuance, Runtime, RuntimeOrigin,
};

type IssuanceError = pallet_issuance::Error<Runtime>;

fn dusd(who: &AccountId32) -> u128 {
	<Assets as Inspect<AccountId32>>::balance(DEV_STABLECOIN_ID, who)
}

#[test]
fn regulator_issuer_offering_settlement_and_a_refused_transfer() {
	dev_chain().execute_with(|| {
		let (alice, bob, charlie, eve) = (
			Alice.to_account_id(),
			Bob.to_account_id(),
			Charlie.to_account_id(),
			Eve.to_account_id(),
		);
		let bafin = AccountId32::new([0xBA; 32]);
		let start = 1_800_000_000;
		set_time(start);

		// Governance registers BaFin; BaFin approves Alice's company (investor 0, a German
		// legal entity in the dev genesis).
		assert_ok!(Issuance::register_regulator(
			RuntimeOrigin::root(),
			bafin.clone(),
			Jurisdiction::try_from("DE").unwrap(),
			b"BaFin".to_vec()
		));
		assert_ok!(Issuance::approve_issuer(signed(&bafin), 0, [7u8; 32].into()));

		// The issuer creates an equity: 0 decimals, 100,000 shares authorised.
		assert_ok!(Issuance::create_security(
			signed(&alice),
			b"Alice Securities AG".to_vec(),
			b"ALSE".to_vec(),
			pallet_issuance::SecurityKind::Equity,
			0,
			pallet_issuance::Identifiers {
				isin: Isin::try_from("DE000BAY0017").unwrap(),
				cusip: None,
				lei: None,
				figi: None
			},
			100_000,
		));
		let security = 0;

		// An offering in dUSD (6 decimals): 2 dUSD a share, 1,000 shares soft cap.
		assert_ok!(Issuance::open_offering(
			signed(&alice),
			security,
			DEV_STABLECOIN_ID,
			2_000_000,
			start,
			start + 3_600,
			10,
			50_000,
			1_000,
			60_000,
			alice.clone(),
		));
		let offering = 0;

		// Two qualified investors subscribe: Bob (dev genesis dUSD) and Charlie (given dUSD by
		// Alice).
		assert_ok!(Assets::transfer(
			signed(&alice),
			DEV_STABLECOIN_ID.into(),
			charlie.clone().into(),
			10_000_000_000
		));
		let (alice_dusd, bob_dusd) = (dusd(&alice), dusd(&bob));
		assert_ok!(Issuance::subscribe(signed(&bob), offering, 700));
		assert_ok!(Issuance::subscribe(signed(&charlie), offering, 800));
		// Eve is nobody's wallet: she may not subscribe.
		assert_noop!(Issuance::subscribe(signed(&eve), offering, 10), IssuanceError::NotEligible);

		// After the close anyone settles, page by page.
		set_time(start + 3_600);
		assert_ok!(Issuance::settle_offering(signed(&eve), offering, 1));
		assert_ok!(Issuance::settle_offering(signed(&eve), offering, 1));
		assert_eq!(
			pallet_issuance::Offerings::<Runtime>::get(offering).unwrap().status,
			pallet_issuance::OfferingStatus::Closed
		);
		assert_eq!(Issuance::balance_of(security, &bob), 700);
		assert_eq!(Issuance::balance_of(security, &charlie), 800);
		assert_eq!(
			<Issuance as SecurityRegistry<AccountId32, u128>>::total_supply(security),
			1_500
		);
		assert_eq!(Issuance::holder_count(security), 2);
		// Proceeds: 1,500 shares at 2 dUSD.
		assert_eq!(dusd(&alice), alice_dusd + 3_000_000_000);
		assert_eq!(dusd(&bob), bob_dusd - 1_400_000_000);

		// Holders trade among qualified investors; a transfer to an unqualified wallet fails
		// with a clear error and changes nothing.
		assert_ok!(Issuance::transfer(signed(&bob), security, charlie.clone(), 100));
		assert_noop!(
			error_of(Issuance::transfer(signed(&charlie), security, eve.clone(), 50)),
			IssuanceError::NotEligible
		);
		assert_eq!(Issuance::balance_of(security, &charlie), 900);
		assert_eq!(Issuance::holder_count(security), 2);
	});
}
