//! `issuance_holdings`, `issuance_holders`: who holds what.

use crate::{error, Client};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use stoa_primitives::{
	issuance::{HoldersPage, HoldingInfo, IssuanceApi},
	SecurityId,
};
use stoa_runtime::{opaque::Block, AccountId, Balance, Hash, SecurityRecord};

/// The most holders one `issuance_holders` page returns.
pub const MAX_PAGE: u32 = 1_000;

/// Holdings and holders.
#[rpc(server)]
pub trait IssuanceRpc {
	/// Every holding of `account`.
	#[method(name = "issuance_holdings")]
	fn holdings(
		&self,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Vec<HoldingInfo<Balance>>>;

	/// Up to `limit` (1 to 1,000; default 100) holders of `security`, after `start_after` (the
	/// previous page's `next`).
	#[method(name = "issuance_holders")]
	fn holders(
		&self,
		security: SecurityId,
		start_after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<HoldersPage<AccountId, Balance>>;
}

/// Implements [`IssuanceRpcServer`] with the `IssuanceApi` runtime API.
pub struct Issuance<C>(Client<C>);

impl<C> Issuance<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Answers from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self(Client::new(client))
	}
}

impl<C> IssuanceRpcServer for Issuance<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: IssuanceApi<Block, AccountId, Balance, SecurityRecord>,
{
	fn holdings(
		&self,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Vec<HoldingInfo<Balance>>> {
		let (api, at) = self.0.at(at);
		api.holdings(at, account).map_err(error::runtime)
	}

	fn holders(
		&self,
		security: SecurityId,
		start_after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<Hash>,
	) -> RpcResult<HoldersPage<AccountId, Balance>> {
		let limit = limit.unwrap_or(100);
		if !(1..=MAX_PAGE).contains(&limit) {
			return Err(error::invalid(format!("limit must be 1 to {MAX_PAGE}, not {limit}")));
		}
		let (api, at) = self.0.at(at);
		if api.security(at, security).map_err(error::runtime)?.is_none() {
			return Err(error::not_found(format!("security {security}")));
		}
		api.holders(at, security, start_after, limit).map_err(error::runtime)
	}
}
