//! The node's service. Two ways to run the Stoa runtime:
//!
//! - **A shard's node** ([`start_shard_node`]): a cumulus parachain node following a relay
//!   chain (embedded, or over `--relay-chain-rpc-urls`). With `--collator` it collates: Aura's
//!   lookahead collator builds blocks when its master node's slot comes, and the relay chain's
//!   validators back and finalize them.
//! - **A dev chain** ([`start_dev_node`], `--dev`): one node, no relay chain. Blocks are sealed
//!   on a timer with mocked relay-chain data, one per six-second slot, and finalized at once.

use std::{
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, SystemTime, UNIX_EPOCH},
};

use codec::Encode;
use cumulus_client_cli::CollatorOptions;
use cumulus_client_collator::service::CollatorService;
use cumulus_client_consensus_aura::collators::lookahead as aura;
use cumulus_client_consensus_common::ParachainBlockImport as TParachainBlockImport;
use cumulus_client_parachain_inherent::{MockValidationDataInherentDataProvider, MockXcmConfig};
use cumulus_client_service::{
	build_network, build_relay_chain_interface, prepare_node_config, start_relay_chain_tasks,
	BuildNetworkParams, DARecoveryProfile, StartRelayChainTasksParams,
};
use cumulus_primitives_core::{
	relay_chain::{CollatorPair, ValidationCode},
	CollectCollationInfo, GetParachainInfo, ParaId, RelayParentOffsetApi,
};
use cumulus_relay_chain_interface::{OverseerHandle, RelayChainInterface};
use futures::FutureExt;
use sc_client_api::Backend;
use sc_consensus::ImportQueue;
use sc_network::{config::FullNetworkConfiguration, NetworkBackend, NetworkBlock, PeerId};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager};
use sc_telemetry::{Telemetry, TelemetryHandle, TelemetryWorker, TelemetryWorkerHandle};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::sr25519::AuthorityPair as AuraPair;
use sp_keystore::KeystorePtr;
use sp_runtime::traits::{Header as _, UniqueSaturatedInto};
use stoa_runtime::{apis::RuntimeApi, opaque::Block, Hash, SLOT_DURATION};

/// The host functions the runtime may import: Substrate's, and cumulus' proof-size one (for
/// storage-weight reclaim). A runtime built with `runtime-benchmarks` (the node
/// `scripts/benchmark.sh` builds) also imports the benchmarking ones, so that node can run a
/// chain too (the throughput bench uses it).
#[cfg(not(feature = "runtime-benchmarks"))]
pub(crate) type HostFunctions = cumulus_client_service::ParachainHostFunctions;
#[cfg(feature = "runtime-benchmarks")]
pub(crate) type HostFunctions = (
	cumulus_client_service::ParachainHostFunctions,
	frame_benchmarking::benchmarking::HostFunctions,
);

/// The full client: the runtime always runs as wasm.
pub(crate) type ParachainClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type ParachainBackend = sc_service::TFullBackend<Block>;
type ParachainBlockImport = TParachainBlockImport<Block, Arc<ParachainClient>, ParachainBackend>;
type TransactionPool = sc_transaction_pool::TransactionPoolHandle<Block, ParachainClient>;

/// The relay chain's block time.
const RELAY_CHAIN_SLOT_DURATION: Duration = Duration::from_secs(6);

/// The parts of the service that the subcommands (check-block, revert, ...) also need.
pub type Service = sc_service::PartialComponents<
	ParachainClient,
	ParachainBackend,
	(),
	sc_consensus::DefaultImportQueue<Block>,
	TransactionPool,
	(ParachainBlockImport, Option<Telemetry>, Option<TelemetryWorkerHandle>),
>;

/// Builds the client, backend, transaction pool and import queue (Aura's, verifying every
/// imported block's author and checking for equivocations).
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	// Imports record their storage proof: storage-weight reclaim reads its size.
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts_record_import::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			true,
			Default::default(),
		)?;
	let client = Arc::new(client);

	let telemetry_worker_handle = telemetry.as_ref().map(|(worker, _)| worker.handle());
	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let block_import = ParachainBlockImport::new(client.clone(), backend.clone());

	let import_queue =
		cumulus_client_consensus_aura::equivocation_import_queue::fully_verifying_import_queue::<
			AuraPair,
			_,
			_,
			_,
			_,
		>(
			client.clone(),
			block_import.clone(),
			move |_, _| async move { Ok(sp_timestamp::InherentDataProvider::from_system_time()) },
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
			telemetry.as_ref().map(|x| x.handle()),
		);

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain: (),
		transaction_pool,
		other: (block_import, telemetry, telemetry_worker_handle),
	})
}

/// The shard's parachain id: the runtime's answer (`parachainInfo` in its genesis), else the
/// chain spec's `para_id` extension.
fn para_id(client: &ParachainClient, config: &Configuration) -> Result<ParaId, ServiceError> {
	let best = client.chain_info().best_hash;
	client
		.runtime_api()
		.parachain_id(best)
		.ok()
		.or_else(|| {
			crate::chain_spec::Extensions::try_get(&*config.chain_spec)
				.map(|extensions| ParaId::from(extensions.para_id))
		})
		.ok_or_else(|| {
			ServiceError::Other(format!(
				"the chain `{}` names no parachain id (neither `parachainInfo` in its genesis nor \
				 a `para_id` chain-spec extension)",
				config.chain_spec.id()
			))
		})
}

/// Builds and starts a shard's node: a full node of the shard that follows the relay chain;
/// with `--collator`, also a collator.
pub async fn start_shard_node<Net: NetworkBackend<Block, Hash>>(
	parachain_config: Configuration,
	polkadot_config: Configuration,
	collator_options: CollatorOptions,
) -> Result<TaskManager, ServiceError> {
	let parachain_config = prepare_node_config(parachain_config);
	let params = new_partial(&parachain_config)?;
	let para_id = para_id(&params.client, &parachain_config)?;
	log::info!(
		"Stoa shard: parachain {para_id}, {}",
		if parachain_config.role.is_authority() { "collator" } else { "full node" }
	);
	let (block_import, mut telemetry, telemetry_worker_handle) = params.other;
	let client = params.client.clone();
	let backend = params.backend.clone();
	let mut task_manager = params.task_manager;

	let (relay_chain_interface, collator_key, relay_chain_network, _paranode_rx) =
		build_relay_chain_interface(
			polkadot_config,
			&parachain_config,
			telemetry_worker_handle,
			&mut task_manager,
			collator_options.clone(),
			None,
		)
		.await
		.map_err(|e| ServiceError::Application(Box::new(e)))?;

	let validator = parachain_config.role.is_authority();
	let prometheus_registry = parachain_config.prometheus_registry().cloned();
	let transaction_pool = params.transaction_pool.clone();
	let import_queue_service = params.import_queue.service();
	let net_config = FullNetworkConfiguration::<_, _, Net>::new(
		&parachain_config.network,
		prometheus_registry.clone(),
	);
	let metrics = Net::register_notification_metrics(prometheus_registry.as_ref());

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		build_network(BuildNetworkParams {
			parachain_config: &parachain_config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			para_id,
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			relay_chain_interface: relay_chain_interface.clone(),
			import_queue: params.import_queue,
			metrics,
			gap_sync_body_policy: None,
		})
		.await?;

	if parachain_config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				keystore: Some(params.keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				is_validator: parachain_config.role.is_authority(),
				enable_http_requests: false,
				custom_extensions: move |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-work",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let rpc_builder = rpc_builder(client.clone(), transaction_pool.clone());
	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		rpc_builder,
		client: client.clone(),
		transaction_pool: transaction_pool.clone(),
		task_manager: &mut task_manager,
		config: parachain_config,
		keystore: params.keystore_container.keystore(),
		backend: backend.clone(),
		network: network.clone(),
		sync_service: sync_service.clone(),
		system_rpc_tx,
		tx_handler_controller,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	let announce_block = {
		let sync_service = sync_service.clone();
		Arc::new(move |hash, data| sync_service.announce_block(hash, data))
	};

	let overseer_handle = relay_chain_interface
		.overseer_handle()
		.map_err(|e| ServiceError::Application(Box::new(e)))?;

	start_relay_chain_tasks(StartRelayChainTasksParams {
		client: client.clone(),
		announce_block: announce_block.clone(),
		para_id,
		relay_chain_interface: relay_chain_interface.clone(),
		task_manager: &mut task_manager,
		da_recovery_profile: if validator {
			DARecoveryProfile::Collator
		} else {
			DARecoveryProfile::FullNode
		},
		import_queue: import_queue_service,
		relay_chain_slot_duration: RELAY_CHAIN_SLOT_DURATION,
		recovery_handle: Box::new(overseer_handle.clone()),
		sync_service,
		prometheus_registry: prometheus_registry.as_ref(),
	})?;

	if validator {
		start_collator(
			client,
			backend,
			block_import,
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|t| t.handle()),
			&task_manager,
			relay_chain_interface,
			transaction_pool,
			params.keystore_container.keystore(),
			para_id,
			collator_key.ok_or_else(|| {
				ServiceError::Other("a collator needs a collator key from the relay chain".into())
			})?,
			relay_chain_network.local_peer_id(),
			overseer_handle,
			announce_block,
		);
	}

	Ok(task_manager)
}

/// Starts Aura's lookahead collator: it builds a block in each of this master node's slots, on
/// the best parent the relay chain allows (async backing), and hands it to the relay chain.
#[allow(clippy::too_many_arguments)]
fn start_collator(
	client: Arc<ParachainClient>,
	backend: Arc<ParachainBackend>,
	block_import: ParachainBlockImport,
	prometheus_registry: Option<&substrate_prometheus_endpoint::Registry>,
	telemetry: Option<TelemetryHandle>,
	task_manager: &TaskManager,
	relay_chain_interface: Arc<dyn RelayChainInterface>,
	transaction_pool: Arc<TransactionPool>,
	keystore: KeystorePtr,
	para_id: ParaId,
	collator_key: CollatorPair,
	collator_peer_id: PeerId,
	overseer_handle: OverseerHandle,
	announce_block: Arc<dyn Fn(Hash, Option<Vec<u8>>) + Send + Sync>,
) {
	// The collator records each block's proof (the PoV) itself.
	let proposer = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool,
		prometheus_registry,
		telemetry.clone(),
	);
	let collator_service = CollatorService::new(client.clone(), announce_block, client.clone());

	let params = aura::Params {
		create_inherent_data_providers: move |_, ()| async move { Ok(()) },
		block_import,
		para_client: client.clone(),
		para_backend: backend,
		relay_client: relay_chain_interface,
		code_hash_provider: {
			let client = client.clone();
			move |block_hash| {
				client.code_at(block_hash).ok().map(|c| ValidationCode::from(c).hash())
			}
		},
		keystore,
		collator_key,
		collator_peer_id,
		para_id,
		overseer_handle,
		relay_chain_slot_duration: RELAY_CHAIN_SLOT_DURATION,
		proposer,
		collator_service,
		// Two of the six seconds: what the runtime's block weights allow for compute.
		authoring_duration: Duration::from_millis(2000),
		reinitialize: false,
		max_pov_percentage: None,
	};
	let fut = aura::run::<Block, AuraPair, _, _, _, _, _, _, _, _>(params);
	task_manager.spawn_essential_handle().spawn("aura", None, fut);
}

/// The RPC methods: sc-rpc's, plus nonces, fees and Stoa's integrator methods.
fn rpc_builder(
	client: Arc<ParachainClient>,
	pool: Arc<TransactionPool>,
) -> Box<dyn Fn(sc_rpc::SubscriptionTaskExecutor) -> Result<jsonrpsee::RpcModule<()>, ServiceError>>
{
	Box::new(move |_| {
		let deps = crate::rpc::FullDeps { client: client.clone(), pool: pool.clone() };
		crate::rpc::create_full(deps).map_err(Into::into)
	})
}

/// Builds and starts a dev chain: one node, no peers, no relay chain. A block is sealed at the
/// start of every six-second slot (the runtime checks each block's slot against the relay
/// chain's, so the mocked relay chain advances one slot per block, in step with the clock) and
/// finalized at once.
pub fn start_dev_node<Net: NetworkBackend<Block, Hash>>(
	mut config: Configuration,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain: _,
		transaction_pool,
		other: (_, mut telemetry, _),
	} = new_partial(&config)?;
	let para_id = para_id(&client, &config)?;
	log::info!("Stoa dev chain: parachain {para_id} with a mocked relay chain, a block every slot");

	// A dev chain is alone: no peers in or out.
	config.network.default_peers_set.in_peers = 0;
	config.network.default_peers_set.out_peers = 0;
	let net_config = FullNetworkConfiguration::<_, _, Net>::new(
		&config.network,
		config.prometheus_registry().cloned(),
	);
	let metrics = Net::register_notification_metrics(config.prometheus_registry());

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			net_config,
			block_announce_validator_builder: None,
			warp_sync_config: None,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	// Manual seal records each block's storage proof, as a collator does: storage-weight
	// reclaim then gives back the proof size extrinsics did not use, and a dev block fills up
	// as a shard block would.
	let proposer = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		config.prometheus_registry(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
	let aura_digest_provider = sc_consensus_manual_seal::consensus::aura::AuraConsensusDataProvider::<
		Block,
	>::new_with_slot_duration(slot_duration);

	// The seal timer: one command at the start of each slot.
	let (mut seal_sink, seal_stream) = futures::channel::mpsc::channel(1024);
	task_manager.spawn_essential_handle().spawn("dev-seal-timer", None, async move {
		loop {
			futures_timer::Delay::new(until_next_slot()).await;
			let sealed =
				seal_sink.try_send(sc_consensus_manual_seal::EngineCommand::SealNewBlock {
					create_empty: true,
					finalize: true,
					parent_hash: None,
					sender: None,
				});
			if sealed.is_err() {
				log::warn!("dev chain: the block sealer is behind; skipping a slot");
			}
		}
	});

	let params = sc_consensus_manual_seal::ManualSealParams {
		block_import: client.clone(),
		env: proposer,
		client: client.clone(),
		pool: transaction_pool.clone(),
		select_chain: sc_consensus::LongestChain::new(backend.clone()),
		commands_stream: Box::pin(seal_stream),
		consensus_data_provider: Some(Box::new(aura_digest_provider)),
		create_inherent_data_providers: dev_inherent_data_providers(client.clone(), para_id),
	};
	task_manager.spawn_essential_handle().spawn_blocking(
		"manual-seal",
		None,
		sc_consensus_manual_seal::run_manual_seal(params),
	);

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_builder(client, transaction_pool),
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service,
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	Ok(task_manager)
}

/// Milliseconds since the unix epoch.
fn now_millis() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or_default()
}

/// How long until the next slot starts (plus a little, so the seal lands inside it).
fn until_next_slot() -> Duration {
	let now = now_millis();
	let next = (now / SLOT_DURATION + 1) * SLOT_DURATION;
	Duration::from_millis(next - now + 20)
}

/// The dev chain's inherents: the timestamp, and validation data from a mocked relay chain
/// whose slot is the wall clock's. Each block gets a later relay slot than its parent, even if
/// the sealer runs twice in a slot, so the runtime's slot checks hold.
fn dev_inherent_data_providers(
	client: Arc<ParachainClient>,
	para_id: ParaId,
) -> impl Fn(
	Hash,
	(),
) -> futures::future::Ready<
	Result<
		(sp_timestamp::InherentDataProvider, MockValidationDataInherentDataProvider<()>),
		Box<dyn std::error::Error + Send + Sync>,
	>,
> + Send
       + Sync {
	let relay_slot_millis = RELAY_CHAIN_SLOT_DURATION.as_millis() as u64;
	let last_slot = Arc::new(AtomicU64::new(0));
	move |parent: Hash, ()| {
		let provide = || -> Result<_, Box<dyn std::error::Error + Send + Sync>> {
			let parent_header = client
				.header(parent)?
				.ok_or_else(|| format!("dev chain: no header for the parent block {parent}"))?;
			let relay_slot =
				(now_millis() / relay_slot_millis).max(last_slot.load(Ordering::SeqCst) + 1);
			last_slot.store(relay_slot, Ordering::SeqCst);

			// A pending runtime upgrade goes ahead at once: there is no relay chain to wait for.
			let upgrade_pending = client
				.runtime_api()
				.collect_collation_info(parent, &parent_header)
				.map(|info| info.new_validation_code.is_some())
				.unwrap_or_default();
			let number: u32 = (*parent_header.number()).unique_saturated_into();
			let current_para_block = number + 1;
			let relay_parent_offset =
				client.runtime_api().relay_parent_offset(parent).unwrap_or_default();
			let mocked = MockValidationDataInherentDataProvider::<()> {
				current_para_block,
				para_id,
				current_para_block_head: Some(parent_header.encode().into()),
				// The mock's relay block number (and slot) is
				// `relay_offset + relay_blocks_per_para_block * current_para_block`.
				relay_offset: (relay_slot as u32).saturating_sub(current_para_block),
				relay_blocks_per_para_block: 1,
				relay_parent_offset,
				para_blocks_per_relay_epoch: 10,
				relay_randomness_config: (),
				xcm_config: MockXcmConfig::default(),
				raw_downward_messages: vec![],
				raw_horizontal_messages: vec![],
				additional_key_values: None,
				upgrade_go_ahead: upgrade_pending
					.then_some(cumulus_primitives_core::relay_chain::UpgradeGoAhead::GoAhead),
			};
			let timestamp =
				sp_timestamp::InherentDataProvider::new((relay_slot * relay_slot_millis).into());
			Ok((timestamp, mocked))
		};
		futures::future::ready(provide())
	}
}
