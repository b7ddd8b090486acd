//! The latest array value a saver sent for each (thread, namespace, channel), as its elements,
//! for a saver whose rows hold whole values (SQLite): the next put sends only the elements after
//! the ones it shares with that array, and the row's bytes are assembled here. A chat's
//! checkpoint then crosses from JavaScript with its new messages instead of all of them.
//!
//! Bounded: the least recently sent lines are dropped beyond `MAX_LINES` or `MAX_BYTES`; a put
//! building on a dropped line is refused and the saver sends it whole.

use std::sync::Arc;

use indexmap::IndexMap;

use crate::memory::element_pool::array_element_ranges;

const MAX_LINES: usize = 1024;
const MAX_BYTES: usize = 64 << 20;

struct Latest {
    /// The checkpoint whose put sent it.
    source: String,
    elements: Vec<Arc<[u8]>>,
    bytes: usize,
}

/// One array of a put: the first `prefix` elements of the line's latest array (`prefix_len` bytes
/// joined by commas, sent by checkpoint `source`), then the elements of the JSON array `tail`.
pub struct ArrayPart<'a> {
    pub thread_id: &'a str,
    pub checkpoint_ns: &'a str,
    pub channel: &'a str,
    pub prefix: usize,
    pub prefix_len: usize,
    pub source: &'a str,
    pub tail: &'a [u8],
}

#[derive(Default)]
pub struct SentElements {
    lines: IndexMap<(String, String, String), Latest>,
    bytes: usize,
}

impl SentElements {
    /// `pieces[0]` + array 0 + `pieces[1]` + … + `pieces[n]`, each array rebuilt from its prefix
    /// and tail; remembered as the latest arrays of their lines, sent by `checkpoint_id`. `None`
    /// (and nothing remembered) when a prefix is not what this cache holds or a tail is not a
    /// compact JSON array.
    pub fn assemble(
        &mut self,
        pieces: &[&[u8]],
        arrays: &[ArrayPart],
        checkpoint_id: &str,
    ) -> Option<Vec<u8>> {
        if pieces.len() != arrays.len() + 1 {
            return None;
        }
        let mut rebuilt: Vec<Vec<Arc<[u8]>>> = Vec::with_capacity(arrays.len());
        for part in arrays {
            let mut elements = Vec::new();
            if part.prefix > 0 {
                let latest = self.lines.get(&line_key(part))?;
                let prefix = latest.elements.get(..part.prefix)?;
                let len =
                    prefix.iter().map(|element| element.len()).sum::<usize>() + part.prefix - 1;
                if latest.source != part.source || len != part.prefix_len {
                    return None;
                }
                elements.extend(prefix.iter().cloned());
            }
            let tail = part.tail;
            if tail.len() < 2 || tail[0] != b'[' || tail[tail.len() - 1] != b']' {
                return None;
            }
            if tail.len() > 2 {
                elements.extend(
                    array_element_ranges(tail)?
                        .into_iter()
                        .map(|(from, to)| Arc::from(&tail[from..to])),
                );
            }
            rebuilt.push(elements);
        }
        let mut out = Vec::with_capacity(pieces.iter().map(|piece| piece.len()).sum::<usize>());
        for (at, piece) in pieces.iter().enumerate() {
            out.extend_from_slice(piece);
            let Some(elements) = rebuilt.get(at) else {
                break;
            };
            out.push(b'[');
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(element);
            }
            out.push(b']');
        }
        for (part, elements) in arrays.iter().zip(rebuilt) {
            self.remember(
                line_key(part),
                Latest {
                    source: checkpoint_id.to_string(),
                    bytes: elements.iter().map(|e| e.len()).sum(),
                    elements,
                },
            );
        }
        Some(out)
    }

    fn remember(&mut self, key: (String, String, String), latest: Latest) {
        self.bytes += latest.bytes;
        if let Some(old) = self.lines.shift_remove(&key) {
            self.bytes -= old.bytes;
        }
        self.lines.insert(key, latest);
        while self.lines.len() > MAX_LINES || (self.bytes > MAX_BYTES && self.lines.len() > 1) {
            if let Some((_, dropped)) = self.lines.shift_remove_index(0) {
                self.bytes -= dropped.bytes;
            }
        }
    }

    /// Forgets a thread (deleted).
    pub fn forget_thread(&mut self, thread_id: &str) {
        let before = self.lines.len();
        self.lines.retain(|(thread, ..), _| thread != thread_id);
        if self.lines.len() != before {
            self.bytes = self.lines.values().map(|latest| latest.bytes).sum();
        }
    }
}

fn line_key(part: &ArrayPart) -> (String, String, String) {
    (
        part.thread_id.to_string(),
        part.checkpoint_ns.to_string(),
        part.channel.to_string(),
    )
}

#[cfg(test)]
#[path = "sent_elements_tests.rs"]
mod tests;
