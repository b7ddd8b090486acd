//! Serialized values as the stores keep them: the serializer's type tag plus bytes, LZ4-compressed
//! when large enough to gain (checkpoint JSON repeats keys and message envelopes heavily).

/// Values shorter than this stay raw: compressing them saves little and costs a call.
const COMPRESS_FROM: usize = 512;

/// Bytes as stored: compressed only if that made them smaller.
#[derive(Clone, Debug)]
pub struct Packed {
    data: Box<[u8]>,
    compressed: bool,
    raw_len: usize,
}

impl Packed {
    pub fn pack(bytes: &[u8]) -> Packed {
        if bytes.len() >= COMPRESS_FROM {
            let compressed = lz4_flex::compress_prepend_size(bytes);
            if compressed.len() < bytes.len() {
                return Packed { data: compressed.into_boxed_slice(), compressed: true, raw_len: bytes.len() };
            }
        }
        Packed { data: bytes.into(), compressed: false, raw_len: bytes.len() }
    }

    /// Bytes kept as they are: what the in-memory store holds, so a read is one copy.
    pub fn raw(bytes: &[u8]) -> Packed {
        Packed { data: bytes.into(), compressed: false, raw_len: bytes.len() }
    }

    /// The bytes as stored when they are not compressed (no copy).
    pub fn as_raw(&self) -> Option<&[u8]> {
        (!self.compressed).then_some(&self.data[..])
    }

    pub fn unpack(&self) -> Vec<u8> {
        if self.compressed {
            // Only this module writes compressed data, so a failure here is memory corruption.
            lz4_flex::decompress_size_prepended(&self.data).expect("packed checkpoint bytes are intact")
        } else {
            self.data.to_vec()
        }
    }

    /// The bytes, borrowed when stored raw.
    pub fn unpack_cow(&self) -> std::borrow::Cow<'_, [u8]> {
        match self.as_raw() {
            Some(bytes) => std::borrow::Cow::Borrowed(bytes),
            None => std::borrow::Cow::Owned(self.unpack()),
        }
    }

    /// Length of the bytes before packing.
    pub fn raw_len(&self) -> usize {
        self.raw_len
    }

    /// Bytes held, for memory accounting.
    pub fn stored_len(&self) -> usize {
        self.data.len()
    }
}

/// A serializer's output: `[type, bytes]` from `serde.dumpsTyped`.
#[derive(Clone, Debug)]
pub struct Typed {
    pub kind: String,
    pub bytes: Packed,
}

impl Typed {
    /// Kept as the serializer wrote them: reads stay a copy, not a decompression.
    pub fn new(kind: String, bytes: &[u8]) -> Typed {
        Typed { kind, bytes: Packed::raw(bytes) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_stay_raw_and_round_trip() {
        let packed = Packed::pack(b"{\"a\":1}");
        assert!(!packed.compressed);
        assert_eq!(packed.unpack(), b"{\"a\":1}");
    }

    #[test]
    fn repetitive_values_compress_and_round_trip() {
        let text = "{\"lc\":1,\"type\":\"constructor\",\"id\":[\"langchain_core\",\"messages\"]}".repeat(100);
        let packed = Packed::pack(text.as_bytes());
        assert!(packed.compressed);
        assert!(packed.stored_len() < text.len() / 4);
        assert_eq!(packed.unpack(), text.as_bytes());
    }
}
