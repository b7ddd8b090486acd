//! Serialized values as the stores keep them: the serializer's type tag plus its bytes, held as
//! written (a read is one copy; repeated message lists are shared by `element_pool` instead).

/// A serializer's output, `[type, bytes]` from `serde.dumpsTyped`, as stored.
#[derive(Clone, Debug)]
pub struct Typed {
    pub kind: String,
    pub bytes: Box<[u8]>,
}

/// A stored value read back: its type tag and a copy of its bytes.
pub type TypedCopy = (String, Vec<u8>);

impl Typed {
    pub fn new(kind: String, bytes: &[u8]) -> Typed {
        Typed {
            kind,
            bytes: bytes.into(),
        }
    }

    pub fn copy_out(&self) -> TypedCopy {
        (self.kind.clone(), self.bytes.to_vec())
    }
}
