//! Hashes any `Serialize` value by feeding its structure straight into BLAKE3: every value writes
//! a type tag and its raw bytes, strings and sequences their length first, so two different
//! values cannot write the same stream. Several times faster than hashing JSON (no escaping, no
//! number formatting), which matters because `serve` keys thousands of pages per rebuild.

use serde::ser::{self, Serialize};

/// Hash of `value` (`None` if its `Serialize` implementation fails).
pub fn hash(prefix: &[u8], value: &impl Serialize) -> Option<blake3::Hash> {
    let mut k = KeyHasher {
        hasher: blake3::Hasher::new(),
        buf: Vec::with_capacity(BUF),
    };
    k.put(prefix);
    value.serialize(&mut k).ok()?;
    k.hasher.update(&k.buf);
    Some(k.hasher.finalize())
}

const BUF: usize = 16 * 1024;

struct KeyHasher {
    hasher: blake3::Hasher,
    buf: Vec<u8>,
}

impl KeyHasher {
    fn put(&mut self, bytes: &[u8]) {
        if self.buf.len() + bytes.len() > BUF {
            self.hasher.update(&self.buf);
            self.buf.clear();
        }
        if bytes.len() > BUF {
            self.hasher.update(bytes);
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    fn tag(&mut self, t: u8) {
        self.put(&[t]);
    }

    fn len(&mut self, t: u8, n: usize) {
        self.tag(t);
        self.put(&(n as u64).to_le_bytes());
    }

    fn bytes(&mut self, t: u8, b: &[u8]) {
        self.len(t, b.len());
        self.put(b);
    }
}

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type R = Result<(), Error>;

impl ser::Serializer for &mut KeyHasher {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> R {
        self.put(&[1, u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> R {
        self.tag(2);
        self.put(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> R {
        self.tag(3);
        self.put(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> R {
        self.tag(4);
        self.put(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> R {
        self.bytes(5, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        self.bytes(6, v);
        Ok(())
    }
    fn serialize_none(self) -> R {
        self.tag(7);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> R {
        self.tag(8);
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.tag(9);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, variant: &'static str) -> R {
        self.bytes(10, variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _n: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        self.bytes(11, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(12);
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _n: &'static str, _len: usize) -> Result<Self, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.bytes(11, variant.as_bytes());
        self.serialize_seq(None)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(13);
        Ok(self)
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Result<Self, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.bytes(11, variant.as_bytes());
        self.serialize_map(None)
    }
}

/// Elements and fields are each preceded by a marker; every compound ends with one, so where an
/// element ends is never ambiguous.
macro_rules! compound {
    ($trait:ident, $method:ident) => {
        impl ser::$trait for &mut KeyHasher {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
                self.tag(14);
                value.serialize(&mut **self)
            }
            fn end(self) -> R {
                self.tag(15);
                Ok(())
            }
        }
    };
}
compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);

impl ser::SerializeMap for &mut KeyHasher {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> R {
        self.tag(14);
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        self.tag(15);
        Ok(())
    }
}

macro_rules! fields {
    ($trait:ident) => {
        impl ser::$trait for &mut KeyHasher {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> R {
                self.bytes(16, key.as_bytes());
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, key: &'static str) -> R {
                self.bytes(17, key.as_bytes());
                Ok(())
            }
            fn end(self) -> R {
                self.tag(15);
                Ok(())
            }
        }
    };
}
fields!(SerializeStruct);
fields!(SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct S<'a> {
        a: &'a str,
        b: Option<Vec<u32>>,
        c: f64,
    }

    #[test]
    fn equal_values_equal_hashes_and_any_change_shows() {
        let base = || S {
            a: "ab",
            b: Some(vec![1, 2]),
            c: 0.5,
        };
        let h = |s: &S| hash(b"", s).unwrap();
        assert_eq!(h(&base()), h(&base()));
        for other in [
            S { a: "abc", ..base() },
            S { b: None, ..base() },
            S {
                b: Some(vec![1, 2, 0]),
                ..base()
            },
            S { c: 0.25, ..base() },
        ] {
            assert_ne!(h(&base()), h(&other));
        }
    }

    #[test]
    fn boundaries_are_unambiguous() {
        let h = |v: &(Vec<&str>, &str)| hash(b"", v).unwrap();
        assert_ne!(h(&(vec!["ab"], "c")), h(&(vec!["a"], "bc")));
        assert_ne!(h(&(vec!["a", "b"], "")), h(&(vec!["a"], "b")));
        assert_ne!(hash(b"x", &1u8), hash(b"y", &1u8));
    }
}
