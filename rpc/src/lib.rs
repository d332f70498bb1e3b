//! Stoa's JSON-RPC methods for integrators (exchanges, DeFi protocols, transfer agents): the
//! questions they ask every day, one call away, each answered from a runtime API at the best
//! block or at the block hash given as the last parameter (like Substrate's own RPCs).
//!
//! | method | answers |
//! | --- | --- |
//! | `compliance_canTransfer` | can this transfer happen now, and if not, every reason (with codes) |
//! | `credentials_account` | the investor behind a wallet, its credentials and blocks |
//! | `credentials_investor` | an investor, its wallets and credentials |
//! | `issuance_holdings` | every holding of an account |
//! | `issuance_holders` | the holders of a security, paged |
//! | `corporateActions_entitlement` | what an account is owed by a distribution |
//! | `corporateActions_distributionProgress` | how far a distribution's payment has got |
//! | `corporateActions_balanceAt` | a balance at a record date |
//! | `corporateActions_ballotResults` | a ballot's tallies |
//! | `masterNodes_list` | the admitted master nodes |
//!
//! Malformed parameters are refused by jsonrpsee with `-32602` (invalid params) and the
//! decoder's message; unknown ids answer [`error::NOT_FOUND`] with what was not found; a
//! failing runtime call answers [`error::RUNTIME`]. docs/integrators.md has examples.

pub mod compliance;
pub mod corporate_actions;
pub mod credentials;
pub mod error;
pub mod issuance;
pub mod master_nodes;

#[cfg(test)]
mod tests;

use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use stoa_runtime::{opaque::Block, Hash};

/// What every method needs: the client, and the block to ask at.
pub(crate) struct Client<C> {
	client: Arc<C>,
}

impl<C> Client<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	pub(crate) fn new(client: Arc<C>) -> Self {
		Self { client }
	}

	/// The runtime API at `at`, or at the best block.
	pub(crate) fn at(&self, at: Option<Hash>) -> (sp_api::ApiRef<'_, C::Api>, Hash) {
		(self.client.runtime_api(), at.unwrap_or_else(|| self.client.info().best_hash))
	}
}

/// Every Stoa RPC module, merged, for the node's RPC server.
pub fn stoa_rpc<C>(
	client: Arc<C>,
) -> Result<jsonrpsee::RpcModule<()>, jsonrpsee::core::RegisterMethodError>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: stoa_primitives::issuance::ComplianceApi<
			Block,
			stoa_runtime::AccountId,
			stoa_runtime::Balance,
		> + stoa_primitives::credentials::CredentialsApi<Block, stoa_runtime::AccountId, Hash>
		+ stoa_primitives::issuance::IssuanceApi<
			Block,
			stoa_runtime::AccountId,
			stoa_runtime::Balance,
			stoa_runtime::SecurityRecord,
		> + stoa_primitives::corporate_actions::CorporateActionsApi<
			Block,
			stoa_runtime::AccountId,
			stoa_runtime::Balance,
		> + stoa_primitives::master_nodes::MasterNodesApi<Block, stoa_runtime::AccountId>,
{
	use compliance::ComplianceRpcServer;
	use corporate_actions::CorporateActionsRpcServer;
	use credentials::CredentialsRpcServer;
	use issuance::IssuanceRpcServer;
	use master_nodes::MasterNodesRpcServer;

	let mut module = jsonrpsee::RpcModule::new(());
	module.merge(compliance::Compliance::new(client.clone()).into_rpc())?;
	module.merge(credentials::Credentials::new(client.clone()).into_rpc())?;
	module.merge(issuance::Issuance::new(client.clone()).into_rpc())?;
	module.merge(corporate_actions::CorporateActions::new(client.clone()).into_rpc())?;
	module.merge(master_nodes::MasterNodes::new(client).into_rpc())?;
	Ok(module)
}
