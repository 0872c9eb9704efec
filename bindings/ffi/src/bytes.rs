//! The bytes of a registry document as they cross the boundary, without a loop over every byte.
//!
//! uniffi 0.32 lifts a `Vec<u8>` argument with its generic sequence code: a bounds check and a push per element,
//! about 2 ns a byte here, so 190–215 ms for the 87 MB of a national school year, half again the time of
//! loading and validating it. [`DocumentBytes`] is what `Registry::from_bytes` takes instead: to the bindings it
//! *is* a `Vec<u8>` (it reports `Vec<u8>`'s type id, so Kotlin passes a `ByteArray`, Swift `Data`, Python
//! `bytes`, through the code generated for that type, and the API checksums are those of `Vec<u8>`), and it
//! reads the same serialised form (a big-endian `i32` count, then the bytes), but it keeps the buffer the
//! foreign code filled and hands out the bytes after the count: no copy, no loop.
//!
//! This is the only hand-written implementation of a uniffi trait in the crate. `Lift` is an `unsafe` trait
//! because a lift that disagreed with the foreign side's lowering would misread memory the foreign code owns;
//! this one has no `unsafe` block, takes the buffer by value through uniffi's safe `destroy_into_vec`, and
//! agrees with `Vec<u8>` by construction (same `FfiType`, same form, tested against uniffi's own lowering).

use uniffi::{Lift, MetadataBuffer, RustBuffer, TypeId};

use crate::errors::LoadError;

/// The bytes of a document from the foreign side, as `Vec<u8>`'s wire form: `buf[start..]` are the bytes.
#[derive(Debug)]
pub struct DocumentBytes {
    buf: Vec<u8>,
    start: usize,
}

impl DocumentBytes {
    /// The bytes, after the count.
    pub fn as_slice(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or_default()
    }
}

/// Bytes from Rust code that uses this crate directly.
impl From<Vec<u8>> for DocumentBytes {
    fn from(buf: Vec<u8>) -> DocumentBytes {
        DocumentBytes { buf, start: 0 }
    }
}

/// A buffer that is not `Vec<u8>`'s wire form. Generated code never sends one; the error is a [`LoadError`]
/// so that `Registry.fromBytes` throws its declared error even then.
fn malformed(detail: &str) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::Error::new(LoadError::Syntax {
        line: 1,
        column: 1,
        detail: format!("the bytes did not cross the boundary whole: {detail}"),
    })
}

/// The count at the front of `buf`.
fn count(buf: &[u8]) -> uniffi::Result<usize> {
    let prefix: [u8; 4] = buf.get(..4).and_then(|b| b.try_into().ok()).ok_or_else(|| malformed("no byte count"))?;
    usize::try_from(i32::from_be_bytes(prefix)).map_err(|_| malformed("a negative byte count"))
}

// SAFETY: the `FfiType` and the serialised form are those of uniffi's `Lift for Vec<u8>` (a `RustBuffer` holding
// a big-endian `i32` count and then the bytes), and `TypeId` reports `Vec<u8>`, so the foreign code lowers
// exactly what this lifts. The buffer is taken by value with the safe `RustBuffer::destroy_into_vec` (the same
// call uniffi's own lift makes) and read with checked slicing only.
#[allow(unsafe_code)]
unsafe impl Lift<crate::UniFfiTag> for DocumentBytes {
    type FfiType = RustBuffer;

    fn try_lift(v: RustBuffer) -> uniffi::Result<DocumentBytes> {
        let buf = v.destroy_into_vec();
        let n = count(&buf)?;
        if buf.len() - 4 != n {
            return Err(malformed(&format!("{} bytes announced, {} sent", n, buf.len() - 4)));
        }
        Ok(DocumentBytes { buf, start: 4 })
    }

    fn try_read(buf: &mut &[u8]) -> uniffi::Result<DocumentBytes> {
        let n = count(buf)?;
        let bytes = buf.get(4..4 + n).ok_or_else(|| malformed("fewer bytes than announced"))?;
        let out = DocumentBytes { buf: bytes.to_vec(), start: 0 };
        *buf = buf.get(4 + n..).unwrap_or_default();
        Ok(out)
    }
}

impl TypeId<crate::UniFfiTag> for DocumentBytes {
    const TYPE_ID_META: MetadataBuffer = <Vec<u8> as TypeId<crate::UniFfiTag>>::TYPE_ID_META;
}

#[cfg(test)]
mod tests {
    use super::*;
    use uniffi::Lower;

    /// What the foreign side sends for `bytes`: uniffi's own lowering of a `Vec<u8>`.
    fn lowered(bytes: &[u8]) -> RustBuffer {
        <Vec<u8> as Lower<crate::UniFfiTag>>::lower(bytes.to_vec())
    }

    #[test]
    fn lifts_what_vec_u8_lowers() {
        for bytes in [&b""[..], b"{}", "{\"name\": \"Trường\"}".as_bytes(), &[0xff, 0xfe, 0, 1]] {
            let lifted = DocumentBytes::try_lift(lowered(bytes)).unwrap();
            assert_eq!(lifted.as_slice(), bytes);
            let wire = lowered(bytes).destroy_into_vec();
            let mut rest = &wire[..];
            assert_eq!(DocumentBytes::try_read(&mut rest).unwrap().as_slice(), bytes);
            assert!(rest.is_empty());
        }
        let big: Vec<u8> = (0..1_000_003u32).map(|i| (i % 251) as u8).collect();
        assert_eq!(DocumentBytes::try_lift(lowered(&big)).unwrap().as_slice(), &big[..]);
        assert_eq!(DocumentBytes::from(big.clone()).as_slice(), &big[..]);
    }

    #[test]
    fn reports_the_type_id_of_vec_u8() {
        let ours = <DocumentBytes as TypeId<crate::UniFfiTag>>::TYPE_ID_META;
        let theirs = <Vec<u8> as TypeId<crate::UniFfiTag>>::TYPE_ID_META;
        assert_eq!(ours.as_ref(), theirs.as_ref());
    }

    #[test]
    fn refuses_a_malformed_buffer_with_a_load_error() {
        for wire in [vec![], vec![0, 0], vec![0, 0, 0, 5, b'a'], vec![0xff, 0xff, 0xff, 0xff], vec![0, 0, 0, 0, 1]] {
            let err = DocumentBytes::try_lift(RustBuffer::from_vec(wire.clone())).unwrap_err();
            assert!(matches!(err.downcast_ref::<LoadError>(), Some(LoadError::Syntax { .. })), "{wire:?}: {err}");
        }
    }
}
