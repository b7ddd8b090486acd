//! Repeated strings written once. Message records repeat the same keys ("additional_kwargs",
//! "response_metadata", "tool_calls", ...) and values (tool names, model names) in every
//! message; each string of at least `MIN_LEN` bytes is numbered in the order it first appears in
//! the stream, and a later copy is written as ext type `EXT_STRING_REF` holding that number
//! (3 or 4 bytes). Writer and reader number the same strings, so nothing else is stored. The
//! table is per blob: every blob reads on its own.

use std::collections::HashMap;

/// Outside Python LangGraph's 0-7 (and well apart from them).
pub const EXT_STRING_REF: i8 = 32;
/// Shorter strings cost no more written out than a reference.
pub const MIN_LEN: usize = 4;
/// References are written in at most two bytes.
pub const MAX_STRINGS: usize = 1 << 16;

/// The writer's side: which strings are numbered.
#[derive(Default)]
pub struct StringTable<'v> {
    numbers: HashMap<&'v str, u32>,
}

impl<'v> StringTable<'v> {
    /// The number of `text` when it was written before; otherwise numbers it (when the reader
    /// would too) and returns None, so that it is written out this time.
    pub fn reference(&mut self, text: &'v str) -> Option<u32> {
        if text.len() < MIN_LEN {
            return None;
        }
        if let Some(number) = self.numbers.get(text) {
            return Some(*number);
        }
        if self.numbers.len() < MAX_STRINGS {
            self.numbers.insert(text, self.numbers.len() as u32);
        }
        None
    }
}

/// Whether the reader numbers a string it reads (the writer's rule, seen from the bytes).
pub fn numbered(text: &str, table_len: usize) -> bool {
    text.len() >= MIN_LEN && table_len < MAX_STRINGS
}
