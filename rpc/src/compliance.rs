//! `compliance_canTransfer`: the pre-flight report.

use crate::{error, Client};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_rpc::number::NumberOrHex;
use std::sync::Arc;
use stoa_primitives::{issuance::ComplianceApi, SecurityId, TransferRejection};
use stoa_runtime::{opaque::Block, AccountId, Balance, Hash};

/// One reason a transfer cannot happen.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
	/// The stable numeric code (docs/compliance.md).
	pub code: u8,
	/// The reason, as in the metadata's `TransferRejection`.
	pub reason: TransferRejection,
	/// The reason in words.
	pub description: String,
}

/// Whether a transfer can happen, and every reason it cannot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferReport {
	/// Whether it would succeed now.
	pub allowed: bool,
	/// Every reason it would not, in the order the chain checks them.
	pub reasons: Vec<Reason>,
}

/// The compliance pre-flight check.
#[rpc(server)]
pub trait ComplianceRpc {
	/// Every reason a transfer of `amount` units of `security` from `from` to `to` would fail
	/// (at block `at`, default the best block), with stable codes; `allowed` if none.
	#[method(name = "compliance_canTransfer")]
	fn can_transfer(
		&self,
		security: SecurityId,
		from: AccountId,
		to: AccountId,
		amount: NumberOrHex,
		at: Option<Hash>,
	) -> RpcResult<TransferReport>;
}

/// Implements [`ComplianceRpcServer`] with the `ComplianceApi` runtime API.
pub struct Compliance<C>(Client<C>);

impl<C> Compliance<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
{
	/// Answers from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self(Client::new(client))
	}
}

impl<C> ComplianceRpcServer for Compliance<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ComplianceApi<Block, AccountId, Balance>,
{
	fn can_transfer(
		&self,
		security: SecurityId,
		from: AccountId,
		to: AccountId,
		amount: NumberOrHex,
		at: Option<Hash>,
	) -> RpcResult<TransferReport> {
		let amount: Balance = amount
			.try_into()
			.map_err(|_| error::invalid("amount does not fit in a u128 balance"))?;
		let (api, at) = self.0.at(at);
		let reasons = api.can_transfer(at, security, from, to, amount).map_err(error::runtime)?;
		Ok(TransferReport {
			allowed: reasons.is_empty(),
			reasons: reasons
				.into_iter()
				.map(|reason| Reason {
					code: reason.code(),
					description: format!("{reason:?}"),
					reason,
				})
				.collect(),
		})
	}
}
