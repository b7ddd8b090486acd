//! The JSON text of message records read before, by their bytes. A thread's checkpoints repeat
//! the messages of the one before (each step appends), and an ext 33 record's bytes read the same
//! wherever they stand, so a read of the next checkpoint copies their text instead of decoding
//! them again. Two generations: entries are added to the current one, and a hit in the previous
//! one moves there; when the current one holds `GENERATION_BYTES`, it becomes the previous one and
//! the old previous one is dropped. So memory stays under ~2 x 8 MB, and what the last reads used
//! stays.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use super::value::JsonPiece;

/// Bytes (record and text) a generation holds before it is retired.
pub const GENERATION_BYTES: usize = 8 << 20;
/// Larger records are decoded each time: one would take a good share of a generation.
pub const MAX_PIECE_BYTES: usize = 128 << 10;

struct Entry {
    /// Nesting at which the record was read: deeper, its own nesting may pass the reader's limit.
    depth: u32,
    bytes: Box<[u8]>,
    piece: Arc<JsonPiece>,
}

impl Entry {
    fn size(&self) -> usize {
        self.bytes.len() + self.piece.text.len()
    }
}

/// Keys are already XXH3 hashes of the bytes.
#[derive(Default)]
struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Generation = HashMap<u64, Entry, BuildHasherDefault<HashIsKey>>;

pub struct PieceTexts {
    /// Random per process, so that data cannot choose colliding records (a collision is a miss).
    seed: u64,
    current: Generation,
    previous: Generation,
    current_bytes: usize,
}

/// The process's pieces, for the serializer's reads (one at a time: the main thread's).
pub static PIECE_TEXTS: Mutex<Option<PieceTexts>> = Mutex::new(None);

impl Default for PieceTexts {
    fn default() -> Self {
        use std::collections::hash_map::RandomState;
        use std::hash::BuildHasher;
        PieceTexts {
            seed: RandomState::new().hash_one(0u8),
            current: Generation::default(),
            previous: Generation::default(),
            current_bytes: 0,
        }
    }
}

impl PieceTexts {
    fn key(&self, bytes: &[u8], depth: u32) -> u64 {
        xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.seed ^ u64::from(depth))
    }

    /// The text of `bytes` read at `depth` before, if kept.
    pub fn get(&mut self, bytes: &[u8], depth: u32) -> Option<Arc<JsonPiece>> {
        if bytes.len() > MAX_PIECE_BYTES {
            return None;
        }
        let key = self.key(bytes, depth);
        let same = |entry: &Entry| entry.depth == depth && *entry.bytes == *bytes;
        if let Some(entry) = self.current.get(&key) {
            return same(entry).then(|| entry.piece.clone());
        }
        let entry = self.previous.remove(&key).filter(same)?;
        let piece = entry.piece.clone();
        self.keep(key, entry);
        Some(piece)
    }

    /// Keeps the text of `bytes`, just read at `depth`.
    pub fn insert(&mut self, bytes: &[u8], depth: u32, piece: Arc<JsonPiece>) {
        if bytes.len() > MAX_PIECE_BYTES {
            return;
        }
        let key = self.key(bytes, depth);
        let entry = Entry {
            depth,
            bytes: bytes.into(),
            piece,
        };
        self.keep(key, entry);
    }

    fn keep(&mut self, key: u64, entry: Entry) {
        if self.current_bytes + entry.size() > GENERATION_BYTES {
            self.previous = std::mem::take(&mut self.current);
            self.current_bytes = 0;
        }
        self.current_bytes += entry.size();
        if let Some(replaced) = self.current.insert(key, entry) {
            self.current_bytes -= replaced.size();
        }
    }

    /// Bytes held by both generations.
    #[cfg(test)]
    pub fn held_bytes(&self) -> usize {
        self.current_bytes + self.previous.values().map(Entry::size).sum::<usize>()
    }
}
