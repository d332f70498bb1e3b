//! `credentials_account`, `credentials_investor`: who is behind a wallet, and what they hold.

use crate::{error, Client};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use stoa_primitives::{
	credentials::{AccountCredentials, CredentialsApi, InvestorInfo},
	InvestorId,
};
use stoa_runtime::{opaque::Block, AccountId, Hash};

/// Investors, wallets and credentials.
#[rpc(server)]
pub trait CredentialsRpc {
	/// Everything known about `account`: its investor and that investor's credentials (with
	/// whether each counts now), blocks, protocol-holder status.
	#[method(name = "credentials_account")]
	fn account(
		&self,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<AccountCredentials<AccountId, Hash>>;

	/// An investor, its wallets, credentials and block.
	#[method(name = "credentials_investor")]
	fn investor(
		&self,
		investor: InvestorId,
		at: Option<Hash>,
	) -> RpcResult<InvestorInfo<AccountId, Hash>>;
}

/// Implements [`CredentialsRpcServer`] with the `CredentialsApi` runtime API.
pub struct Credentials<C>(Client<C>);

impl<C> Credentials<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Answers from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self(Client::new(client))
	}
}

impl<C> CredentialsRpcServer for Credentials<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CredentialsApi<Block, AccountId, Hash>,
{
	fn account(
		&self,
		account: AccountId,
		at: Option<Hash>,
	) -> RpcResult<AccountCredentials<AccountId, Hash>> {
		let (api, at) = self.0.at(at);
		api.account(at, account).map_err(error::runtime)
	}

	fn investor(
		&self,
		investor: InvestorId,
		at: Option<Hash>,
	) -> RpcResult<InvestorInfo<AccountId, Hash>> {
		let (api, at) = self.0.at(at);
		api.investor(at, investor)
			.map_err(error::runtime)?
			.ok_or_else(|| error::not_found(format!("investor {investor}")))
	}
}
