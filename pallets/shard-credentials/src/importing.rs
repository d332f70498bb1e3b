//! Applying imported records: newest wins, per record.

use crate::{pallet::*, types::*, WeightInfo};
use frame_support::pallet_prelude::*;
use stoa_primitives::{
	shards::{InvestorState, WalletState},
	CredentialKind, CredentialsExport, CredentialsListener, HoldingsInspector, InvestorId,
	QualifierId, ShardId,
};

impl<T: Config> Pallet<T> {
	/// What importing `updates` may cost: each record's application and what the listeners
	/// it tells may cost.
	pub fn import_weight(updates: &VersionedUpdates<T::AccountId>) -> Weight {
		let VersionedUpdates::V1(updates) = updates;
		updates.iter().fold(T::WeightInfo::import_base(), |weight, update| {
			weight.saturating_add(Self::update_weight(&update.record))
		})
	}

	fn update_weight(record: &Record<T::AccountId>) -> Weight {
		match record {
			Record::Investor { .. } => T::WeightInfo::import_investor()
				.saturating_add(T::Listener::on_jurisdiction_changed_weight())
				.saturating_add(T::Listener::on_credentials_changed_weight()),
			Record::Credential { .. } => T::WeightInfo::import_credential()
				.saturating_add(T::Listener::on_credentials_changed_weight()),
			Record::Wallet { .. } => T::WeightInfo::import_wallet()
				.saturating_add(T::Listener::on_wallet_linked_weight()),
			Record::Qualifier { .. } => T::WeightInfo::import_qualifier(),
		}
	}

	/// Applies each update from `shard` (trusted in `epoch`) that is newer than the record
	/// held. Returns what it cost. A record that breaks a rule is refused with an event, the
	/// others still apply: each record stands alone.
	pub(crate) fn do_import(
		shard: ShardId,
		epoch: u32,
		updates: VersionedUpdates<T::AccountId>,
	) -> Weight {
		let VersionedUpdates::V1(updates) = updates;
		let (mut applied, mut stale, mut refused) = (0u32, 0u32, 0u32);
		let mut weight = T::WeightInfo::import_base();
		for Update { seq, record } in updates {
			let declared = Self::update_weight(&record);
			let (outcome, used) = match record {
				Record::Investor { investor, state } => {
					Self::import_investor(shard, epoch, seq, investor, state)
				},
				Record::Credential { investor, kind, attestations } => {
					Self::import_credential(shard, epoch, seq, investor, kind, attestations)
				},
				Record::Wallet { wallet, state } => {
					Self::import_wallet(shard, epoch, seq, wallet, state)
				},
				Record::Qualifier { qualifier, state } => {
					Self::import_qualifier(shard, epoch, seq, qualifier, state)
				},
			};
			match outcome {
				Outcome::Applied => applied += 1,
				Outcome::Stale => stale += 1,
				Outcome::Refused => refused += 1,
			}
			weight = weight.saturating_add(used.min(declared));
		}
		Self::deposit_event(Event::Imported { shard, applied, stale, refused });
		weight
	}

	/// The id this shard gives `shard`'s investor `home_id`, given on first sight.
	pub(crate) fn alias(shard: ShardId, home_id: InvestorId, epoch: u32) -> InvestorId {
		if let Some(alias) = Aliases::<T>::get(shard, home_id) {
			return alias;
		}
		let n = AliasCount::<T>::get();
		AliasCount::<T>::put(n.saturating_add(1));
		let alias = IMPORTED_INVESTOR_BASE.saturating_add(n);
		Aliases::<T>::insert(shard, home_id, alias);
		ImportedInvestors::<T>::insert(
			alias,
			ImportedInvestor { shard, home_id, seq: 0, epoch, state: None },
		);
		Self::deposit_event(Event::InvestorImported { shard, home_id, investor: alias });
		alias
	}

	fn import_investor(
		shard: ShardId,
		epoch: u32,
		seq: u64,
		home_id: InvestorId,
		state: Option<InvestorState>,
	) -> (Outcome, Weight) {
		let alias = Self::alias(shard, home_id, epoch);
		let Some(mut record) = ImportedInvestors::<T>::get(alias) else {
			return (Outcome::Refused, Weight::zero());
		};
		if record.seq >= seq {
			return (Outcome::Stale, T::WeightInfo::import_stale());
		}
		let from = record.state.map(|s| s.jurisdiction);
		record.seq = seq;
		record.epoch = epoch;
		record.state = state;
		ImportedInvestors::<T>::insert(alias, record);
		let listeners = match (from, state.map(|s| s.jurisdiction)) {
			(Some(from), Some(to)) if from != to => {
				T::Listener::on_jurisdiction_changed(alias, from, to)
			},
			_ => T::Listener::on_credentials_changed(alias),
		};
		(Outcome::Applied, T::WeightInfo::import_investor().saturating_add(listeners))
	}

	fn import_credential(
		shard: ShardId,
		epoch: u32,
		seq: u64,
		home_id: InvestorId,
		kind: CredentialKind,
		attestations: Attestations,
	) -> (Outcome, Weight) {
		if let CredentialKind::Custom(_) = kind {
			Self::deposit_event(Event::CustomKindRefused { shard, kind });
			return (Outcome::Refused, T::WeightInfo::import_stale());
		}
		let alias = Self::alias(shard, home_id, epoch);
		if ImportedCredentials::<T>::get(alias, kind).is_some_and(|held| held.seq >= seq) {
			return (Outcome::Stale, T::WeightInfo::import_stale());
		}
		ImportedCredentials::<T>::insert(
			alias,
			kind,
			ImportedAttestations { shard, seq, epoch, attestations },
		);
		let listeners = T::Listener::on_credentials_changed(alias);
		(Outcome::Applied, T::WeightInfo::import_credential().saturating_add(listeners))
	}

	fn import_wallet(
		shard: ShardId,
		epoch: u32,
		seq: u64,
		wallet: T::AccountId,
		state: WalletState,
	) -> (Outcome, Weight) {
		let held = ImportedWallets::<T>::get(&wallet);
		let blocked_aside = ImportedWalletBlocks::<T>::get(&wallet, shard);
		if blocked_aside.as_ref().is_some_and(|aside| aside.seq >= seq) {
			return (Outcome::Stale, T::WeightInfo::import_stale());
		}
		if let Some(held) = &held {
			if held.shard != shard {
				// One home per wallet: another trusted shard's live record stands. Its block
				// still counts: blocks win wherever they come from.
				let live =
					held.investor.is_some() || held.pending.is_some() || held.block.is_some();
				if live && Self::counts(held.shard, held.epoch) {
					// Kept even when it lifts a block, so that an older record cannot
					// bring the block back.
					ImportedWalletBlocks::<T>::insert(
						&wallet,
						shard,
						ImportedWalletBlock { seq, epoch, block: state.block },
					);
					Self::deposit_event(Event::WalletClaimRefused {
						shard,
						wallet,
						holder: held.shard,
					});
					return (Outcome::Refused, T::WeightInfo::import_wallet());
				}
			} else if held.seq >= seq {
				return (Outcome::Stale, T::WeightInfo::import_stale());
			}
		}
		// The shard's record now carries its block.
		if blocked_aside.is_some() {
			ImportedWalletBlocks::<T>::remove(&wallet, shard);
		}
		let home_link = state.investor.map(|id| Self::alias(shard, id, epoch));
		// The link in the per-investor index, and the one this wallet's units are filed under
		// as far as this shard's record goes. Another shard's record, taken over because it no
		// longer counts, gives it none: its investor must not come back under this shard's
		// trust. This shard's own record from before it was untrusted gives its link back only
		// if the wallet has not become a protocol holder meanwhile (a wallet nobody counts for
		// receives units in no other way, so any it holds are still that investor's).
		let stored = held.as_ref().and_then(|h| h.investor);
		let current = held
			.filter(|h| {
				h.shard == shard
					&& (Self::counts(h.shard, h.epoch) || !T::Home::protocol_holder(&wallet))
			})
			.and_then(|h| h.investor);
		// Units never change owner unseen: a wallet holding units here (as an imported
		// investor's, a protocol holder, or nobody's) keeps its link, held, until they have
		// left.
		let (investor, pending) = if home_link == current {
			(current, None)
		} else if T::Holdings::holds_units(&wallet) {
			Self::deposit_event(Event::WalletHeld { wallet: wallet.clone(), investor: home_link });
			(current, Some(home_link))
		} else {
			(home_link, None)
		};
		Self::relink(&wallet, stored, investor);
		ImportedWallets::<T>::insert(
			&wallet,
			ImportedWallet { shard, seq, epoch, investor, pending, block: state.block },
		);
		let mut listeners = Weight::zero();
		if investor != current {
			if let Some(new) = investor {
				T::Listener::on_wallet_linked(new, &wallet);
				listeners = T::Listener::on_wallet_linked_weight();
			}
		}
		(Outcome::Applied, T::WeightInfo::import_wallet().saturating_add(listeners))
	}

	fn import_qualifier(
		shard: ShardId,
		epoch: u32,
		seq: u64,
		qualifier: QualifierId,
		state: Option<QualifierRecord>,
	) -> (Outcome, Weight) {
		if ImportedQualifiers::<T>::get(shard, qualifier).is_some_and(|held| held.seq >= seq) {
			return (Outcome::Stale, T::WeightInfo::import_stale());
		}
		ImportedQualifiers::<T>::insert(shard, qualifier, ImportedQualifier { seq, epoch, state });
		(Outcome::Applied, T::WeightInfo::import_qualifier())
	}

	/// Moves a wallet in the per-investor index from `from` to `to`.
	fn relink(wallet: &T::AccountId, from: Option<InvestorId>, to: Option<InvestorId>) {
		if from == to {
			return;
		}
		if let Some(from) = from {
			WalletsOf::<T>::remove(from, wallet);
		}
		if let Some(to) = to {
			WalletsOf::<T>::insert(to, wallet, ());
		}
	}

	/// A wallet this shard linked lost its link here while it holds units (a recovery): the
	/// imported link it had under this shard's (which the registry did not read) would now
	/// make them its imported investor's. It is held instead, as a wallet whose imported link
	/// changes under units: no imported investor, the link pending until the units have left.
	pub(crate) fn hold_imported_link(wallet: &T::AccountId) {
		let Some(mut held) = ImportedWallets::<T>::get(wallet) else { return };
		let Some(link) = held.investor else { return };
		if !T::Holdings::holds_units(wallet) {
			return;
		}
		Self::relink(wallet, Some(link), None);
		held.investor = None;
		// A newer link already waiting stays the one to apply.
		let pending = held.pending.unwrap_or(Some(link));
		held.pending = Some(pending);
		ImportedWallets::<T>::insert(wallet, held);
		Self::deposit_event(Event::WalletHeld { wallet: wallet.clone(), investor: pending });
	}

	/// Applies a held wallet's pending link (see the call).
	pub(crate) fn do_apply_wallet_link(wallet: T::AccountId) -> DispatchResult {
		let mut held = ImportedWallets::<T>::get(&wallet).ok_or(Error::<T>::NothingPending)?;
		let investor = held.pending.ok_or(Error::<T>::NothingPending)?;
		ensure!(!T::Holdings::holds_units(&wallet), Error::<T>::WalletHoldsUnits);
		Self::relink(&wallet, held.investor, investor);
		held.investor = investor;
		held.pending = None;
		ImportedWallets::<T>::insert(&wallet, held);
		if let Some(new) = investor {
			T::Listener::on_wallet_linked(new, &wallet);
		}
		Self::deposit_event(Event::WalletLinkApplied { wallet, investor });
		Ok(())
	}
}
