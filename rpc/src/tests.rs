//! Every method with a good and a malformed request, against a mock client whose runtime APIs
//! answer fixed values (the real runtime behind them is tested end to end in e2e/).

use crate::stoa_rpc;
use serde_json::{json, Value};
use sp_api::{ApiRef, ProvideRuntimeApi};
use sp_blockchain::{BlockStatus, HeaderBackend, Info};
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Block as BlockT;
use std::sync::Arc;
use stoa_primitives::{
	corporate_actions::{BallotResults, CorporateActionsApi, DistributionProgress, Entitlement},
	credentials::{AccountCredentials, CredentialsApi, InvestorInfo},
	issuance::{ComplianceApi, HolderInfo, HoldersPage, HoldingInfo, IssuanceApi},
	master_nodes::{MasterNodeInfo, MasterNodesApi},
	BallotId, CheckpointId, CredentialKind, DistributionId, InvestorId, InvestorKind, Jurisdiction,
	Party, SecurityId, TransferRejection,
};
use stoa_runtime::{opaque::Block, AccountId, Balance, Hash, SecurityRecord};

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

fn bob() -> AccountId {
	Sr25519Keyring::Bob.to_account_id()
}

fn ss58(who: &AccountId) -> String {
	who.to_ss58check()
}

fn de() -> Jurisdiction {
	Jurisdiction::try_from("DE").unwrap()
}

#[derive(Clone, Default)]
struct MockRuntime;

sp_api::mock_impl_runtime_apis! {
	impl ComplianceApi<Block, AccountId, Balance> for MockRuntime {
		fn can_transfer(
			security: SecurityId,
			_from: AccountId,
			to: AccountId,
			amount: Balance,
		) -> Vec<TransferRejection> {
			if security == 0 && amount <= 100 && to == bob() {
				vec![]
			} else {
				vec![TransferRejection::InsufficientBalance, TransferRejection::NotEligible(Party::Receiver)]
			}
		}
	}

	impl CredentialsApi<Block, AccountId, Hash> for MockRuntime {
		fn account(account: AccountId) -> AccountCredentials<AccountId, Hash> {
			AccountCredentials {
				investor: (account == alice()).then(investor_info),
				wallet_block: None,
				protocol_holder: None,
				pending_link: None,
				blocked: None,
			}
		}
		fn investor(investor: InvestorId) -> Option<InvestorInfo<AccountId, Hash>> {
			(investor == 0).then(investor_info)
		}
		fn has_credential(_investor: InvestorId, _kind: CredentialKind) -> bool {
			true
		}
	}

	impl IssuanceApi<Block, AccountId, Balance, SecurityRecord> for MockRuntime {
		fn security(security: SecurityId) -> Option<SecurityRecord> {
			(security == 0).then(security_record)
		}
		fn holdings(_account: AccountId) -> Vec<HoldingInfo<Balance>> {
			vec![HoldingInfo { security: 0, balance: 250, frozen: 0, holder_frozen: false }]
		}
		fn holders(
			_security: SecurityId,
			start_after: Option<AccountId>,
			limit: u32,
		) -> HoldersPage<AccountId, Balance> {
			let all = [alice(), bob()];
			let from = start_after.map_or(0, |after| all.iter().position(|a| *a == after).unwrap() + 1);
			let holders: Vec<_> = all[from..]
				.iter()
				.take(limit as usize)
				.map(|a| HolderInfo { account: a.clone(), investor: Some(0), balance: 100, frozen: 0 })
				.collect();
			let next = (from + holders.len() < all.len()).then(|| holders.last().unwrap().account.clone());
			HoldersPage { holders, next }
		}
	}

	impl CorporateActionsApi<Block, AccountId, Balance> for MockRuntime {
		fn balance_at(security: SecurityId, checkpoint: CheckpointId, _account: AccountId) -> Option<Balance> {
			(security == 0 && checkpoint == 1).then_some(40)
		}
		fn entitlement(distribution: DistributionId, _account: AccountId) -> Option<Entitlement<Balance>> {
			(distribution == 0).then_some(Entitlement { units: 40, gross: 400, withheld: 60, net: 340, paid: true })
		}
		fn distribution_progress(distribution: DistributionId) -> Option<DistributionProgress<Balance>> {
			(distribution == 0).then_some(DistributionProgress {
				security: 0,
				active: true,
				pushed: true,
				closed: false,
				payments: 2,
				paid: 680,
				withheld: 120,
				remaining: 0,
			})
		}
		fn ballot_results(ballot: BallotId) -> Option<BallotResults<Balance>> {
			(ballot == 0).then(|| BallotResults { security: 0, tallies: vec![vec![50, 40]], voters: 2, closed: true })
		}
	}

	impl MasterNodesApi<Block, AccountId> for MockRuntime {
		fn master_nodes() -> Vec<MasterNodeInfo<AccountId>> {
			vec![MasterNodeInfo {
				operator: alice(),
				name: b"Alice Validators GmbH".to_vec(),
				jurisdiction: de(),
				licence_uri: b"https://example.org/licence".to_vec(),
				admitted_at: 0,
				authoring: true,
				awaiting_keys: false,
			}]
		}
	}
}

fn investor_info() -> InvestorInfo<AccountId, Hash> {
	InvestorInfo {
		id: 0,
		kind: InvestorKind::Individual,
		jurisdiction: de(),
		qualifier: 0,
		wallets: vec![alice()],
		credentials: vec![],
		block: None,
		home: None,
	}
}

fn security_record() -> SecurityRecord {
	pallet_issuance::Security {
		issuer: 0,
		name: b"Alice AG".to_vec().try_into().unwrap(),
		symbol: b"ALIC".to_vec().try_into().unwrap(),
		kind: pallet_issuance::SecurityKind::Equity,
		decimals: 0,
		identifiers: pallet_issuance::Identifiers {
			isin: stoa_primitives::Isin::numbered(*b"DE", 1).unwrap(),
			cusip: None,
			lei: None,
			figi: None,
		},
		authorised_supply: 1_000,
		total_supply: 200,
		holders: 2,
		documents: 0,
		status: pallet_issuance::SecurityStatus::Active,
	}
}

struct MockClient;

impl ProvideRuntimeApi<Block> for MockClient {
	type Api = MockRuntime;
	fn runtime_api(&self) -> ApiRef<'_, Self::Api> {
		MockRuntime.into()
	}
}

impl HeaderBackend<Block> for MockClient {
	fn header(&self, _: Hash) -> sp_blockchain::Result<Option<<Block as BlockT>::Header>> {
		Ok(None)
	}
	fn info(&self) -> Info<Block> {
		Info {
			best_hash: Hash::repeat_byte(1),
			best_number: 1,
			genesis_hash: Hash::repeat_byte(0),
			finalized_hash: Hash::repeat_byte(0),
			finalized_number: 0,
			finalized_state: None,
			number_leaves: 1,
			block_gap: None,
		}
	}
	fn status(&self, _: Hash) -> sp_blockchain::Result<BlockStatus> {
		Ok(BlockStatus::InChain)
	}
	fn number(&self, _: Hash) -> sp_blockchain::Result<Option<u32>> {
		Ok(Some(1))
	}
	fn hash(&self, _: u32) -> sp_blockchain::Result<Option<Hash>> {
		Ok(None)
	}
}

/// Sends one JSON-RPC request to the merged module; returns the whole response.
fn call(method: &str, params: Value) -> Value {
	let module = stoa_rpc(Arc::new(MockClient)).expect("methods register");
	let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
	let (response, _) =
		futures::executor::block_on(module.raw_json_request(&request.to_string(), 1)).unwrap();
	serde_json::from_str(&response).unwrap()
}

fn result(method: &str, params: Value) -> Value {
	let response = call(method, params);
	assert!(response.get("error").is_none(), "{method}: {response}");
	response["result"].clone()
}

/// Asserts an error with `code` whose message mentions `words`.
fn error(method: &str, params: Value, code: i64, words: &str) {
	let response = call(method, params);
	let error = &response["error"];
	assert_eq!(error["code"], code, "{method}: {response}");
	// jsonrpsee puts the decoder's words for malformed params in `data`.
	let message = format!("{} {}", error["message"].as_str().unwrap(), error["data"]);
	assert!(message.contains(words), "{method}: {message:?} should mention {words:?}");
}

const INVALID_PARAMS: i64 = -32602;

#[test]
fn can_transfer_reports_every_reason_with_codes() {
	let ok = result("compliance_canTransfer", json!([0, ss58(&alice()), ss58(&bob()), 100]));
	assert_eq!(ok, json!({ "allowed": true, "reasons": [] }));
	let refused =
		result("compliance_canTransfer", json!([0, ss58(&alice()), ss58(&alice()), "0x3e8"]));
	assert_eq!(refused["allowed"], false);
	assert_eq!(refused["reasons"][0]["code"], 0x06);
	assert_eq!(refused["reasons"][0]["reason"], "insufficientBalance");
	assert_eq!(refused["reasons"][1]["code"], 0x11);
	assert_eq!(refused["reasons"][1]["reason"], json!({ "notEligible": "receiver" }));
	assert_eq!(refused["reasons"][1]["description"], "NotEligible(Receiver)");
	// With an explicit block hash.
	let at = format!("{:?}", Hash::repeat_byte(1));
	let ok = result("compliance_canTransfer", json!([0, ss58(&alice()), ss58(&bob()), 1, at]));
	assert_eq!(ok["allowed"], true);
}

#[test]
fn can_transfer_refuses_malformed_params() {
	error(
		"compliance_canTransfer",
		json!([0, "not-an-address", ss58(&bob()), 1]),
		INVALID_PARAMS,
		"Invalid",
	);
	error(
		"compliance_canTransfer",
		json!([0, ss58(&alice()), ss58(&bob())]),
		INVALID_PARAMS,
		"Invalid params",
	);
	error(
		"compliance_canTransfer",
		json!(["zero", ss58(&alice()), ss58(&bob()), 1]),
		INVALID_PARAMS,
		"invalid type",
	);
	error(
		"compliance_canTransfer",
		json!([0, ss58(&alice()), ss58(&bob()), 1, "0x12"]),
		INVALID_PARAMS,
		"Invalid",
	);
}

#[test]
fn credentials_of_an_account_and_an_investor() {
	let account = result("credentials_account", json!([ss58(&alice())]));
	assert_eq!(account["investor"]["id"], 0);
	assert_eq!(account["investor"]["jurisdiction"], "DE");
	assert_eq!(account["investor"]["wallets"][0], ss58(&alice()));
	assert_eq!(result("credentials_account", json!([ss58(&bob())]))["investor"], Value::Null);
	assert_eq!(result("credentials_investor", json!([0]))["kind"], "Individual");
	error("credentials_investor", json!([7]), 4004, "investor 7 not found");
	error("credentials_account", json!(["5Bad"]), INVALID_PARAMS, "Invalid");
	error("credentials_investor", json!([-1]), INVALID_PARAMS, "Invalid");
}

#[test]
fn holdings_and_paged_holders() {
	let holdings = result("issuance_holdings", json!([ss58(&alice())]));
	assert_eq!(
		holdings,
		json!([{ "security": 0, "balance": 250, "frozen": 0, "holderFrozen": false }])
	);
	let first = result("issuance_holders", json!([0, null, 1]));
	assert_eq!(first["holders"][0]["account"], ss58(&alice()));
	assert_eq!(first["next"], ss58(&alice()));
	let second = result("issuance_holders", json!([0, first["next"], 1]));
	assert_eq!(second["holders"][0]["account"], ss58(&bob()));
	assert_eq!(second["next"], Value::Null);
	// The limit is optional.
	assert_eq!(result("issuance_holders", json!([0]))["holders"].as_array().unwrap().len(), 2);

	error("issuance_holders", json!([9]), 4004, "security 9 not found");
	error("issuance_holders", json!([0, null, 0]), INVALID_PARAMS, "limit must be 1 to 1000");
	error("issuance_holders", json!([0, null, 5000]), INVALID_PARAMS, "limit must be 1 to 1000");
	error("issuance_holdings", json!([42]), INVALID_PARAMS, "Invalid");
}

#[test]
fn distributions_checkpoints_and_ballots() {
	let owed = result("corporateActions_entitlement", json!([0, ss58(&bob())]));
	assert_eq!(
		owed,
		json!({ "units": 40, "gross": 400, "withheld": 60, "net": 340, "paid": true })
	);
	let progress = result("corporateActions_distributionProgress", json!([0]));
	assert_eq!(progress["payments"], 2);
	assert_eq!(progress["pushed"], true);
	assert_eq!(result("corporateActions_balanceAt", json!([0, 1, ss58(&bob())])), 40);
	let ballot = result("corporateActions_ballotResults", json!([0]));
	assert_eq!(ballot["tallies"], json!([[50, 40]]));

	error(
		"corporateActions_entitlement",
		json!([3, ss58(&bob())]),
		4004,
		"distribution 3 not found",
	);
	error("corporateActions_distributionProgress", json!([3]), 4004, "distribution 3 not found");
	error("corporateActions_balanceAt", json!([0, 9, ss58(&bob())]), 4004, "checkpoint 9");
	error("corporateActions_ballotResults", json!([5]), 4004, "ballot 5 not found");
	error("corporateActions_entitlement", json!([0]), INVALID_PARAMS, "Invalid params");
	error(
		"corporateActions_distributionProgress",
		json!(["first"]),
		INVALID_PARAMS,
		"invalid type",
	);
	error("corporateActions_balanceAt", json!([0, 1, "0x00"]), INVALID_PARAMS, "Invalid");
	error("corporateActions_ballotResults", json!([{}]), INVALID_PARAMS, "invalid type");
}

#[test]
fn master_nodes_are_listed() {
	let nodes = result("masterNodes_list", json!([]));
	assert_eq!(nodes[0]["operator"], ss58(&alice()));
	assert_eq!(nodes[0]["name"], "Alice Validators GmbH");
	assert_eq!(nodes[0]["jurisdiction"], "DE");
	assert_eq!(nodes[0]["authoring"], true);
	error("masterNodes_list", json!(["not a hash"]), INVALID_PARAMS, "Invalid");
}

#[test]
fn unknown_methods_are_refused() {
	error("compliance_canTransferr", json!([]), -32601, "Method not found");
}
