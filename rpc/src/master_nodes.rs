//! `masterNodes_list`: the regulated entities that author blocks.

use crate::{error, Client};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use stoa_primitives::master_nodes::{MasterNodeInfo, MasterNodesApi};
use stoa_runtime::{opaque::Block, AccountId, Hash};

/// The master nodes.
#[rpc(server)]
pub trait MasterNodesRpc {
	/// Every admitted master node: operator, name, jurisdiction, licence URI, admission block,
	/// whether it is in the next session's authority set or waiting for session keys.
	#[method(name = "masterNodes_list")]
	fn list(&self, at: Option<Hash>) -> RpcResult<Vec<MasterNodeInfo<AccountId>>>;
}

/// Implements [`MasterNodesRpcServer`] with the `MasterNodesApi` runtime API.
pub struct MasterNodes<C>(Client<C>);

impl<C> MasterNodes<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Answers from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self(Client::new(client))
	}
}

impl<C> MasterNodesRpcServer for MasterNodes<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: MasterNodesApi<Block, AccountId>,
{
	fn list(&self, at: Option<Hash>) -> RpcResult<Vec<MasterNodeInfo<AccountId>>> {
		let (api, at) = self.0.at(at);
		api.master_nodes(at).map_err(error::runtime)
	}
}
