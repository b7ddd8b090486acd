//! Serialized values as the stores keep them: the serializer's type tag plus its bytes, held as
//! written (a read is one copy; repeated message lists are shared by `channel_delta` instead).

/// Bytes as the serializer wrote them.
#[derive(Clone, Debug)]
pub struct Packed {
    data: Box<[u8]>,
}

impl Packed {
    pub fn raw(bytes: &[u8]) -> Packed {
        Packed { data: bytes.into() }
    }

    /// The bytes (no copy).
    pub fn as_raw(&self) -> Option<&[u8]> {
        Some(&self.data[..])
    }

    pub fn unpack(&self) -> Vec<u8> {
        self.data.to_vec()
    }

    /// The bytes, borrowed.
    pub fn unpack_cow(&self) -> std::borrow::Cow<'_, [u8]> {
        std::borrow::Cow::Borrowed(&self.data[..])
    }

    pub fn raw_len(&self) -> usize {
        self.data.len()
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
    pub fn new(kind: String, bytes: &[u8]) -> Typed {
        Typed { kind, bytes: Packed::raw(bytes) }
    }
}
