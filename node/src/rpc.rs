//! The node's RPC methods beyond sc-rpc's: account nonces, fee estimates, and Stoa's
//! integrator methods (`stoa-rpc`: compliance, credentials, issuance, corporate actions,
//! master nodes).

use std::sync::Arc;

use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use stoa_runtime::{opaque::Block, AccountId, Balance, Hash, Nonce, SecurityRecord};

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// All of the node's RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BlockBuilder<Block>
		+ stoa_primitives::issuance::ComplianceApi<Block, AccountId, Balance>
		+ stoa_primitives::credentials::CredentialsApi<Block, AccountId, Hash>
		+ stoa_primitives::issuance::IssuanceApi<Block, AccountId, Balance, SecurityRecord>
		+ stoa_primitives::corporate_actions::CorporateActionsApi<Block, AccountId, Balance>
		+ stoa_primitives::master_nodes::MasterNodesApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(stoa_rpc::stoa_rpc(client)?)?;

	Ok(module)
}
