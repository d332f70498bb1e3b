//! Record dates, distributions and ballots.

use crate::{error, Client};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use stoa_primitives::{
	corporate_actions::{BallotResults, CorporateActionsApi, DistributionProgress, Entitlement},
	BallotId, CheckpointId, DistributionId, SecurityId,
};
use stoa_runtime::{opaque::Block, AccountId, Balance, Hash};

/// Distributions, record dates and ballots.
#[rpc(server)]
pub trait CorporateActionsRpc {
	/// What `account` is owed by `distribution` (units at the record date, gross, withheld,
	/// net) and whether it has been paid.
	#[method(name = "corporateActions_entitlement")]
	fn entitlement(
		&self,
		distribution: DistributionId,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Entitlement<Balance>>;

	/// How far `distribution` has got: active, pushed, closed, payments, paid, withheld, left in
	/// escrow.
	#[method(name = "corporateActions_distributionProgress")]
	fn distribution_progress(
		&self,
		distribution: DistributionId,
		at: Option<Hash>,
	) -> RpcResult<DistributionProgress<Balance>>;

	/// `account`'s balance of `security` at `checkpoint`.
	#[method(name = "corporateActions_balanceAt")]
	fn balance_at(
		&self,
		security: SecurityId,
		checkpoint: CheckpointId,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Balance>;

	/// `ballot`'s tallies (per motion, per choice) and whether voting has closed.
	#[method(name = "corporateActions_ballotResults")]
	fn ballot_results(
		&self,
		ballot: BallotId,
		at: Option<Hash>,
	) -> RpcResult<BallotResults<Balance>>;
}

/// Implements [`CorporateActionsRpcServer`] with the `CorporateActionsApi` runtime API.
pub struct CorporateActions<C>(Client<C>);

impl<C> CorporateActions<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Answers from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self(Client::new(client))
	}
}

impl<C> CorporateActionsRpcServer for CorporateActions<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CorporateActionsApi<Block, AccountId, Balance>,
{
	fn entitlement(
		&self,
		distribution: DistributionId,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Entitlement<Balance>> {
		let (api, at) = self.0.at(at);
		api.entitlement(at, distribution, account)
			.map_err(error::runtime)?
			.ok_or_else(|| error::not_found(format!("distribution {distribution}")))
	}

	fn distribution_progress(
		&self,
		distribution: DistributionId,
		at: Option<Hash>,
	) -> RpcResult<DistributionProgress<Balance>> {
		let (api, at) = self.0.at(at);
		api.distribution_progress(at, distribution)
			.map_err(error::runtime)?
			.ok_or_else(|| error::not_found(format!("distribution {distribution}")))
	}

	fn balance_at(
		&self,
		security: SecurityId,
		checkpoint: CheckpointId,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Balance> {
		let (api, at) = self.0.at(at);
		api.balance_at(at, security, checkpoint, account).map_err(error::runtime)?.ok_or_else(
			|| {
				error::not_found(format!(
					"checkpoint {checkpoint} of security {security} (or its time has not come)"
				))
			},
		)
	}

	fn ballot_results(
		&self,
		ballot: BallotId,
		at: Option<Hash>,
	) -> RpcResult<BallotResults<Balance>> {
		let (api, at) = self.0.at(at);
		api.ballot_results(at, ballot)
			.map_err(error::runtime)?
			.ok_or_else(|| error::not_found(format!("ballot {ballot}")))
	}
}
