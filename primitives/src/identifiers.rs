//! Security identifiers with their check digits: ISIN (ISO 6166), CUSIP, LEI (ISO 17442) and
//! FIGI. Each is a fixed-length ASCII code; `is_valid` checks the alphabet and check digit, so
//! a typo in an identifier is refused on chain rather than published.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// 0-9 → 0-9, A-Z → 10-35; anything else is not alphanumeric.
fn alnum_value(c: u8) -> Option<u32> {
	match c {
		b'0'..=b'9' => Some((c - b'0') as u32),
		b'A'..=b'Z' => Some((c - b'A') as u32 + 10),
		_ => None,
	}
}

/// The sum of the decimal digits of `v` (v < 100).
fn digit_sum(v: u32) -> u32 {
	v / 10 + v % 10
}

macro_rules! identifier {
	($(#[$doc:meta])* $name:ident, $len:literal) => {
		$(#[$doc])*
		#[derive(
			Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
			MaxEncodedLen, TypeInfo, Debug,
		)]
		pub struct $name(pub [u8; $len]);

		impl TryFrom<&str> for $name {
			type Error = ();
			fn try_from(s: &str) -> Result<Self, ()> {
				let code: [u8; $len] = s.as_bytes().try_into().map_err(|_| ())?;
				let id = $name(code);
				id.is_valid().then_some(id).ok_or(())
			}
		}
	};
}

identifier!(
	/// An International Securities Identification Number: two-letter country prefix, nine
	/// alphanumeric characters, one Luhn check digit (e.g. `US0378331005`).
	Isin,
	12
);

identifier!(
	/// A CUSIP: eight alphanumeric characters (or `*`, `@`, `#`) and a check digit
	/// (e.g. `037833100`).
	Cusip,
	9
);

identifier!(
	/// A Legal Entity Identifier: 18 alphanumeric characters and two check digits, the whole
	/// being 1 modulo 97 (e.g. `HWUPKR0MPOU8FGXBT394`).
	Lei,
	20
);

identifier!(
	/// A Financial Instrument Global Identifier: `BBG`-style prefix, eight consonants or
	/// digits, one check digit (e.g. `BBG000B9XRY4`).
	Figi,
	12
);

impl Isin {
	/// The ISIN `country` + `serial` (nine digits, zero-padded) + check digit: a valid code for
	/// test and benchmark securities.
	pub fn numbered(country: [u8; 2], serial: u32) -> Option<Isin> {
		let mut body = [b'0'; 11];
		body[..2].copy_from_slice(&country);
		for (i, b) in body[2..].iter_mut().rev().enumerate() {
			*b = b'0' + ((serial as u64 / 10u64.pow(i as u32)) % 10) as u8;
		}
		Self::with_check_digit(body)
	}

	/// The ISIN made of `body` (country prefix and nine characters) and its check digit, if
	/// `body` is well formed.
	pub fn with_check_digit(body: [u8; 11]) -> Option<Isin> {
		(b'0'..=b'9')
			.map(|d| {
				let mut code = [0u8; 12];
				code[..11].copy_from_slice(&body);
				code[11] = d;
				Isin(code)
			})
			.find(Isin::is_valid)
	}

	/// Upper-case country letters, alphanumeric body, valid Luhn check digit.
	pub fn is_valid(&self) -> bool {
		let c = &self.0;
		if !c[0].is_ascii_uppercase() || !c[1].is_ascii_uppercase() || !c[11].is_ascii_digit() {
			return false;
		}
		// Letters become two digits (A = 10); Luhn runs over the resulting digit string,
		// doubling every second digit from the right (the check digit is not doubled).
		let mut digits = [0u8; 24];
		let mut n = 0;
		for &ch in c {
			let Some(v) = alnum_value(ch) else { return false };
			if v >= 10 {
				digits[n] = (v / 10) as u8;
				n += 1;
			}
			digits[n] = (v % 10) as u8;
			n += 1;
		}
		let sum: u32 = digits[..n]
			.iter()
			.rev()
			.enumerate()
			.map(|(i, &d)| if i % 2 == 1 { digit_sum(d as u32 * 2) } else { d as u32 })
			.sum();
		sum % 10 == 0
	}
}

impl Cusip {
	/// Alphanumeric (or `*@#`) base, valid "double-add-double" check digit.
	pub fn is_valid(&self) -> bool {
		let mut sum = 0;
		for (i, &ch) in self.0[..8].iter().enumerate() {
			let v = match ch {
				b'*' => 36,
				b'@' => 37,
				b'#' => 38,
				_ => match alnum_value(ch) {
					Some(v) => v,
					None => return false,
				},
			};
			let v = if i % 2 == 1 { v * 2 } else { v };
			sum += v / 10 + v % 10;
		}
		self.0[8].is_ascii_digit() && (10 - sum % 10) % 10 == (self.0[8] - b'0') as u32
	}
}

impl Lei {
	/// Alphanumeric, two numeric check digits, the number formed with A = 10 ... being
	/// 1 modulo 97 (ISO 7064 MOD 97-10).
	pub fn is_valid(&self) -> bool {
		if !self.0[18].is_ascii_digit() || !self.0[19].is_ascii_digit() {
			return false;
		}
		let mut rem = 0u32;
		for &ch in &self.0 {
			let Some(v) = alnum_value(ch) else { return false };
			rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
		}
		rem == 1
	}
}

impl Figi {
	/// Upper-case prefix of two letters then `G`, no vowels, valid check digit.
	pub fn is_valid(&self) -> bool {
		let c = &self.0;
		if !c[0].is_ascii_uppercase() || !c[1].is_ascii_uppercase() || c[2] != b'G' {
			return false;
		}
		if c.iter().any(|ch| b"AEIOU".contains(ch)) || !c[11].is_ascii_digit() {
			return false;
		}
		let mut sum = 0;
		for (i, &ch) in c[..11].iter().enumerate() {
			let Some(v) = alnum_value(ch) else { return false };
			let v = if i % 2 == 1 { v * 2 } else { v };
			sum += v / 10 + v % 10;
		}
		(10 - sum % 10) % 10 == (c[11] - b'0') as u32
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn isin_check_digits() {
		for ok in ["US0378331005", "DE000BAY0017", "GB0002634946", "CH0012032048", "XS2021462440"] {
			assert!(Isin::try_from(ok).is_ok(), "{ok}");
		}
		for bad in [
			"US0378331006",
			"us0378331005",
			"0S0378331005",
			"US037833100X",
			"US03783310",
			"US03783-1005",
		] {
			assert!(Isin::try_from(bad).is_err(), "{bad}");
		}
	}

	#[test]
	fn isin_check_digit_is_computed() {
		assert_eq!(Isin::with_check_digit(*b"US037833100"), Some(Isin(*b"US0378331005")));
		assert_eq!(Isin::with_check_digit(*b"us037833100"), None);
		assert_eq!(Isin::numbered(*b"US", 37_833_100), Some(Isin(*b"US0378331005")));
	}

	#[test]
	fn cusip_check_digits() {
		assert!(Cusip::try_from("037833100").is_ok());
		assert!(Cusip::try_from("38259P508").is_ok());
		assert!(Cusip::try_from("037833101").is_err());
		assert!(Cusip::try_from("03783310").is_err());
	}

	#[test]
	fn lei_check_digits() {
		assert!(Lei::try_from("HWUPKR0MPOU8FGXBT394").is_ok());
		assert!(Lei::try_from("5493001KJTIIGC8Y1R12").is_ok());
		assert!(Lei::try_from("HWUPKR0MPOU8FGXBT395").is_err());
		assert!(Lei::try_from("HWUPKR0MPOU8FGXBT3A4").is_err());
	}

	#[test]
	fn figi_check_digits() {
		assert!(Figi::try_from("BBG000B9XRY4").is_ok());
		assert!(Figi::try_from("BBG000B9XRY5").is_err());
		assert!(Figi::try_from("BBA000B9XRY4").is_err());
		assert!(Figi::try_from("BBG000B9XRA4").is_err());
	}
}
