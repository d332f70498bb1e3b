//! Jurisdictions: ISO 3166-1 alpha-2 country codes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, concatenated in order.
///
/// Generated from the ISO 3166 Maintenance Agency's list (as shipped by `pycountry`).
/// User-assigned (`AA`, `QM`–`QZ`, `XA`–`XZ`, `ZZ`) and reserved codes are not jurisdictions.
const ISO_3166_1_ALPHA_2: &[u8] =
	b"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ\
CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGN\
GPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULV\
LYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPT\
PWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUS\
UYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/// A jurisdiction, as its ISO 3166-1 alpha-2 code (`*b"DE"`, `*b"SG"`, ...).
///
/// Construct it with [`Jurisdiction::new`] (or `TryFrom`), which accepts only assigned,
/// upper-case codes. Values decoded from extrinsics must be checked with
/// [`Jurisdiction::is_valid`] by the pallet that receives them.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Jurisdiction(pub [u8; 2]);

impl Jurisdiction {
	/// The code if it is an officially assigned ISO 3166-1 alpha-2 code, else `None`.
	pub fn new(code: [u8; 2]) -> Option<Self> {
		let j = Jurisdiction(code);
		j.is_valid().then_some(j)
	}

	/// Whether this is an officially assigned ISO 3166-1 alpha-2 code (upper case).
	pub fn is_valid(&self) -> bool {
		ISO_3166_1_ALPHA_2.chunks_exact(2).any(|c| c == self.0)
	}

	/// The two-letter code.
	pub fn code(&self) -> [u8; 2] {
		self.0
	}

	/// Every assigned jurisdiction, in code order.
	pub fn all() -> impl Iterator<Item = Jurisdiction> {
		ISO_3166_1_ALPHA_2.chunks_exact(2).map(|c| Jurisdiction([c[0], c[1]]))
	}
}

impl TryFrom<&str> for Jurisdiction {
	type Error = ();
	fn try_from(s: &str) -> Result<Self, ()> {
		let b: [u8; 2] = s.as_bytes().try_into().map_err(|_| ())?;
		Jurisdiction::new(b).ok_or(())
	}
}

// In chain specs and JSON a jurisdiction reads as its code: `"DE"`.
impl serde::Serialize for Jurisdiction {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		match core::str::from_utf8(&self.0) {
			Ok(code) => s.serialize_str(code),
			Err(_) => Err(serde::ser::Error::custom("jurisdiction code is not ASCII")),
		}
	}
}

impl<'de> serde::Deserialize<'de> for Jurisdiction {
	fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		struct CodeVisitor;
		impl serde::de::Visitor<'_> for CodeVisitor {
			type Value = Jurisdiction;
			fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
				f.write_str("an ISO 3166-1 alpha-2 country code such as \"DE\"")
			}
			fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Jurisdiction, E> {
				Jurisdiction::try_from(v).map_err(|_| {
					E::custom(core::format_args!("`{v}` is not an ISO 3166-1 alpha-2 code"))
				})
			}
		}
		d.deserialize_str(CodeVisitor)
	}
}

impl core::fmt::Debug for Jurisdiction {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match core::str::from_utf8(&self.0) {
			Ok(s) => write!(f, "Jurisdiction({s})"),
			Err(_) => write!(f, "Jurisdiction({:?})", self.0),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_list_is_sorted_and_complete() {
		let codes: Vec<&[u8]> = ISO_3166_1_ALPHA_2.chunks_exact(2).collect();
		assert_eq!(ISO_3166_1_ALPHA_2.len() % 2, 0);
		assert_eq!(codes.len(), 249);
		assert!(codes.windows(2).all(|w| w[0] < w[1]));
		assert_eq!(Jurisdiction::all().count(), 249);
		assert!(Jurisdiction::all().all(|j| j.is_valid()));
	}

	#[test]
	fn accepts_assigned_codes_only() {
		for ok in ["DE", "SG", "US", "GB", "CH", "LI", "AX", "ZW", "AD"] {
			assert!(Jurisdiction::try_from(ok).is_ok(), "{ok}");
		}
		// Lower case, user-assigned, reserved, exceptionally reserved and malformed codes.
		for bad in ["de", "XX", "ZZ", "QM", "UK", "EU", "EL", "D", "DEU", "", "1A"] {
			assert!(Jurisdiction::try_from(bad).is_err(), "{bad}");
		}
		assert!(!Jurisdiction([0xff, 0x00]).is_valid());
	}

	#[test]
	fn reads_and_writes_as_a_code_in_json() {
		let de = Jurisdiction::try_from("DE").unwrap();
		assert_eq!(serde_json::to_string(&de).unwrap(), "\"DE\"");
		assert_eq!(serde_json::from_str::<Jurisdiction>("\"SG\"").unwrap().code(), *b"SG");
		let err = serde_json::from_str::<Jurisdiction>("\"XX\"").unwrap_err().to_string();
		assert!(err.contains("`XX` is not an ISO 3166-1 alpha-2 code"), "{err}");
	}
}
