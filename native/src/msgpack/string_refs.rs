//! Repeated strings written once. Message records repeat the same keys ("additional_kwargs",
//! "response_metadata", "tool_calls", ...) and values (tool names, model names) in every
//! message; each string of at least `MIN_LEN` bytes is numbered in the order it first appears in
//! the stream, and a later copy is written as ext type `EXT_STRING_REF` holding that number
//! (3 or 4 bytes). Writer and reader number the same strings, so nothing else is stored. The
//! table is per blob: every blob reads on its own. A message record (ext 33) has a table of its
//! own, numbered after the fixed `message_strings`, so that its bytes read the same anywhere.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

/// Outside Python LangGraph's 0-7 (and well apart from them).
pub const EXT_STRING_REF: i8 = 32;
/// Shorter strings cost no more written out than a reference.
pub const MIN_LEN: usize = 4;
/// References are written in at most two bytes.
pub const MAX_STRINGS: usize = 1 << 16;

/// The writer's side: which strings are numbered.
pub struct StringTable<'v> {
    numbers: HashMap<&'v str, u32, SeededXxh3>,
    /// The number of the first string numbered here (the fixed strings come before, in a message).
    first: u32,
}

impl Default for StringTable<'_> {
    fn default() -> Self {
        StringTable::numbered_from(0)
    }
}

/// One-shot XXH3 of each key (SipHash and its table lookups were ~12% of the encoder's profile; a
/// streaming XXH3 with a seed derives its secret per key), seeded at random per table so that
/// data cannot pick colliding strings.
#[derive(Clone, Copy)]
struct SeededXxh3(u64);

impl BuildHasher for SeededXxh3 {
    type Hasher = KeyHash;
    fn build_hasher(&self) -> KeyHash {
        KeyHash(self.0)
    }
}

struct KeyHash(u64);

impl Hasher for KeyHash {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    /// `str` keys end with a 0xff byte: their bytes alone are hashed.
    fn write_u8(&mut self, _: u8) {}
    fn finish(&self) -> u64 {
        self.0
    }
}

impl<'v> StringTable<'v> {
    /// A table whose first string gets number `first`.
    pub fn numbered_from(first: u32) -> Self {
        StringTable {
            numbers: HashMap::with_hasher(SeededXxh3(RandomState::new().hash_one(0u8))),
            first,
        }
    }

    /// The number of `text` when it was written before; otherwise numbers it (when the reader
    /// would too) and returns None, so that it is written out this time.
    pub fn reference(&mut self, text: &'v str) -> Option<u32> {
        if text.len() < MIN_LEN {
            return None;
        }
        if let Some(number) = self.numbers.get(text) {
            return Some(*number);
        }
        let count = self.first as usize + self.numbers.len();
        if count < MAX_STRINGS {
            self.numbers.insert(text, count as u32);
        }
        None
    }
}

/// Whether the reader numbers a string it reads (the writer's rule, seen from the bytes), with
/// `table_len` numbers given so far (fixed strings included).
pub fn numbered(text: &str, table_len: usize) -> bool {
    text.len() >= MIN_LEN && table_len < MAX_STRINGS
}
