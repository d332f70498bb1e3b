//! Sending this shard's records: the listener `pallet-credentials` tells of every change, and
//! the pushes that send a record again.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_support::{pallet_prelude::*, BoundedVec};
use stoa_primitives::{
	CredentialKind, CredentialsExport, CredentialsListener, InvestorId, Jurisdiction, RecordChange,
};
use xcm::latest::{prelude::*, send_xcm};

impl<T: Config> Pallet<T> {
	/// The current state of the record a change names; `None` for what does not travel (a
	/// custom credential kind).
	pub(crate) fn record_of(
		change: RecordChange<T::AccountId>,
	) -> Result<Option<Record<T::AccountId>>, Error<T>> {
		Ok(Some(match change {
			RecordChange::Investor(investor) => {
				Record::Investor { investor, state: T::Home::investor(investor) }
			},
			RecordChange::Credential(_, CredentialKind::Custom(_)) => return Ok(None),
			RecordChange::Credential(investor, kind) => Record::Credential {
				investor,
				kind,
				attestations: BoundedVec::try_from(T::Home::attestations(investor, kind))
					.map_err(|_| Error::<T>::RecordTooLarge)?,
			},
			RecordChange::Wallet(wallet) => {
				Record::Wallet { wallet: wallet.clone(), state: T::Home::wallet(wallet) }
			},
			RecordChange::Qualifier(qualifier) => Record::Qualifier {
				qualifier,
				state: match T::Home::qualifier(qualifier) {
					Some(q) => Some(QualifierRecord {
						active: q.active,
						kinds: BoundedVec::try_from(q.kinds)
							.map_err(|_| Error::<T>::RecordTooLarge)?,
					}),
					None => None,
				},
			},
		}))
	}

	/// Numbers `records` and sends them to every recipient, [`MAX_UPDATES`] to a message.
	/// Returns how many recipients there were (each send that fails raises
	/// [`Event::NotSent`]).
	pub(crate) fn send(records: Vec<Record<T::AccountId>>) -> u32 {
		let recipients = Recipients::<T>::get();
		if recipients.is_empty() || records.is_empty() {
			return 0;
		}
		let mut seq = LastSeq::<T>::get();
		let mut records = records.into_iter().peekable();
		while records.peek().is_some() {
			let first_seq = seq.saturating_add(1);
			let updates: Vec<_> = records
				.by_ref()
				.take(MAX_UPDATES as usize)
				.map(|record| {
					seq = seq.saturating_add(1);
					Update { seq, record }
				})
				.collect();
			let count = updates.len() as u32;
			let updates = BoundedVec::truncate_from(updates);
			let call: <T as Config>::RuntimeCall =
				Call::<T>::import { updates: VersionedUpdates::V1(updates) }.into();
			let message = Xcm(vec![
				UnpaidExecution { weight_limit: Unlimited, check_origin: None },
				Transact {
					origin_kind: OriginKind::Xcm,
					fallback_max_weight: None,
					call: call.encode().into(),
				},
			]);
			for &shard in recipients.iter() {
				let destination = Location::new(1, [Parachain(shard)]);
				match send_xcm::<T::XcmSender>(destination, message.clone()) {
					Ok(_) => Self::deposit_event(Event::Sent { shard, first_seq, count }),
					Err(error) => {
						Self::deposit_event(Event::NotSent { shard, first_seq, count, error })
					},
				}
			}
		}
		LastSeq::<T>::put(seq);
		recipients.len() as u32
	}

	/// Sends one record again (see the push calls).
	pub(crate) fn do_push(change: RecordChange<T::AccountId>) -> DispatchResultWithPostInfo {
		ensure!(!Recipients::<T>::get().is_empty(), Error::<T>::NoRecipients);
		let record = Self::record_of(change)?.ok_or(Error::<T>::RecordTooLarge)?;
		let shards = Self::send(vec![record]);
		Ok(Some(T::WeightInfo::push_record(shards)).into())
	}

	/// Sends an investor whole again: its record, every travelling kind with the qualifiers
	/// that attested, and its wallets.
	pub(crate) fn do_push_investor(investor: InvestorId) -> DispatchResultWithPostInfo {
		let state = T::Home::investor(investor).ok_or(Error::<T>::UnknownInvestor)?;
		ensure!(!Recipients::<T>::get().is_empty(), Error::<T>::NoRecipients);
		let mut records = vec![Record::Investor { investor, state: Some(state) }];
		for kind in TRAVELLING_KINDS {
			let attestations = BoundedVec::try_from(T::Home::attestations(investor, kind))
				.map_err(|_| Error::<T>::RecordTooLarge)?;
			records.push(Record::Credential { investor, kind, attestations });
		}
		// The qualifiers whose attestations these are, so that the receiver can tell whether
		// they count.
		let mut qualifiers: Vec<_> = records
			.iter()
			.flat_map(|r| match r {
				Record::Credential { attestations, .. } => {
					attestations.iter().map(|a| a.qualifier).collect::<Vec<_>>()
				},
				_ => Vec::new(),
			})
			.collect();
		qualifiers.sort();
		qualifiers.dedup();
		for qualifier in qualifiers {
			if let Some(record) = Self::record_of(RecordChange::Qualifier(qualifier))? {
				records.push(record);
			}
		}
		for wallet in T::Home::wallets(investor) {
			let state = T::Home::wallet(&wallet);
			records.push(Record::Wallet { wallet, state });
		}
		let shards = Self::send(records);
		Ok(Some(T::WeightInfo::push_investor(shards)).into())
	}
}

/// Every change to one of this shard's records is sent to the recipients, in the extrinsic
/// that made it. The other notices concern derived state this pallet does not keep.
impl<T: Config> CredentialsListener<T::AccountId> for Pallet<T> {
	fn on_credentials_changed(_: InvestorId) -> Weight {
		Weight::zero()
	}
	fn on_jurisdiction_changed(_: InvestorId, _: Jurisdiction, _: Jurisdiction) -> Weight {
		Weight::zero()
	}
	fn on_wallet_recovered(_: InvestorId, lost: &T::AccountId, _: &T::AccountId) {
		// The lost wallet leaves this shard's investor with its units (they follow by
		// `recover_holdings`): a link a trusted shard gave it meanwhile must not surface
		// under them.
		Self::hold_imported_link(lost);
	}
	fn on_credentials_changed_weight() -> Weight {
		Weight::zero()
	}
	fn on_jurisdiction_changed_weight() -> Weight {
		Weight::zero()
	}
	fn on_wallet_recovered_weight() -> Weight {
		// The imported wallet and whether it holds units; the wallet and its index entry.
		T::DbWeight::get().reads_writes(2, 2)
	}

	fn on_record_changed(change: RecordChange<'_, T::AccountId>) -> Weight {
		if Recipients::<T>::decode_len().unwrap_or(0) == 0 {
			return T::WeightInfo::send_record(0);
		}
		match Self::record_of(change) {
			Ok(Some(record)) => T::WeightInfo::send_record(Self::send(vec![record])),
			Ok(None) => T::WeightInfo::send_record(0),
			Err(_) => {
				// Too large for the format (a runtime bound above the format's): never
				// silently dropped.
				let first_seq = LastSeq::<T>::get().saturating_add(1);
				for shard in Recipients::<T>::get() {
					let error = SendError::ExceedsMaxMessageSize;
					Self::deposit_event(Event::NotSent { shard, first_seq, count: 1, error });
				}
				T::WeightInfo::send_record(0)
			},
		}
	}

	fn on_record_changed_weight() -> Weight {
		T::WeightInfo::send_record(T::MaxShards::get())
	}
}
