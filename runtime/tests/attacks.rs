//! Attacks tried on the real runtime (dev genesis), as a signed account would send them:
//! whole sequences in one `utility.batch_all`, so that no intermediate state is ever checked
//! by anyone but the chain.

mod common;
use common::*;

use frame_support::{assert_ok, traits::UnfilteredDispatchable};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Ferdie};
use stoa_primitives::{BlockReason, SecurityRegistry};
use stoa_runtime::{Credentials, Issuance, RuntimeCall};

/// The dev chain with a German regulator, Alice's company approved as issuer, and security 0
/// (equity, no decimals) of which Bob holds 1,000 units.
fn with_bobs_units(test: impl FnOnce(u32)) {
	dev_chain().execute_with(|| {
		let security = alice_securities_ag();
		assert_ok!(Issuance::issue(
			signed(&Alice.to_account_id()),
			security,
			Bob.to_account_id(),
			1_000
		));
		test(security);
	});
}

/// Defect 1 of issue 12: a sanctioned investor's wallet tries to walk out with its units by
/// unlinking itself, registering as a protocol holder, transferring and deregistering, all in
/// one batch. The batch fails as a whole and nothing moves.
#[test]
fn a_blocked_investor_cannot_batch_its_way_out() {
	with_bobs_units(|security| {
		let (bob, charlie) = (Bob.to_account_id(), Charlie.to_account_id());
		let ferdie = Ferdie.to_account_id();
		// Bob is investor 1 of the dev chain's qualifier (Ferdie).
		assert_ok!(Credentials::block_investor(
			signed(&ferdie),
			1,
			BlockReason::Restricted([0x5A; 32].into())
		));
		let escape = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::Credentials(pallet_credentials::Call::unlink_wallet {
					wallet: bob.clone(),
				}),
				RuntimeCall::Credentials(pallet_credentials::Call::register_protocol_holder {
					account: bob.clone(),
					name: b"pool".to_vec(),
				}),
				RuntimeCall::Issuance(pallet_issuance::Call::transfer {
					security,
					to: charlie.clone(),
					amount: 1_000,
				}),
				RuntimeCall::Credentials(pallet_credentials::Call::deregister_protocol_holder {
					account: bob.clone(),
				}),
			],
		});
		let result = escape.dispatch_bypass_filter(signed(&bob));
		assert!(result.is_err(), "the escape batch must fail");
		assert_eq!(
			result.unwrap_err().error,
			pallet_credentials::Error::<stoa_runtime::Runtime>::InvestorIsBlocked.into()
		);
		assert_eq!(Issuance::balance_of(security, &bob), 1_000);
		assert_eq!(Issuance::balance_of(security, &charlie), 0);
		assert_eq!(
			pallet_credentials::InvestorOfWallet::<stoa_runtime::Runtime>::get(&bob),
			Some(1)
		);
		assert!(!pallet_credentials::ProtocolHolders::<stoa_runtime::Runtime>::contains_key(&bob));
	});
}

/// Defect 1 of issue 12, unblocked variant: a wallet holding units cannot shed its investor's
/// rules by becoming a protocol holder within a batch either.
#[test]
fn a_holding_wallet_cannot_become_a_protocol_holder_in_a_batch() {
	with_bobs_units(|security| {
		let bob = Bob.to_account_id();
		let escape = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::Credentials(pallet_credentials::Call::unlink_wallet {
					wallet: bob.clone(),
				}),
				RuntimeCall::Credentials(pallet_credentials::Call::register_protocol_holder {
					account: bob.clone(),
					name: b"pool".to_vec(),
				}),
			],
		});
		let result = escape.dispatch_bypass_filter(signed(&bob));
		assert_eq!(
			result.unwrap_err().error,
			pallet_credentials::Error::<stoa_runtime::Runtime>::WalletHoldsUnits.into()
		);
		assert_eq!(Issuance::balance_of(security, &bob), 1_000);
		assert_eq!(Issuance::holder_count(security), 1);
	});
}
