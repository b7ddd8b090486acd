//! The store's vector index: every embedding as one contiguous f32 row, owned by an item (an
//! "owner": one namespace + key) and one indexed field. Like the host, rows are never dropped when
//! an item is deleted or re-put; a row counts only while its owner is live.

use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::kernel::{cosine, dot, norm_f32, norm_f64};

/// Below this many floats a scan stays on one thread: splitting costs more than it saves.
const PARALLEL_FLOATS: usize = 1 << 20;
/// Rows per parallel work item.
const CHUNK_ROWS: usize = 512;

#[derive(Clone, Default)]
struct Owner {
    namespace: u32,
    /// Position of the item in its namespace, as the host's Map insertion order.
    seq: u64,
    live: bool,
    rows: Vec<u32>,
}

#[derive(Default)]
pub struct Index {
    dims: usize,
    data: Vec<f32>,
    norms: Vec<f64>,
    row_owner: Vec<u32>,
    row_of: HashMap<(u32, u32), u32>,
    owners: Vec<Owner>,
    next_seq: u64,
    max_rows_per_owner: usize,
}

/// One scored row, ordered as the host's stable sort leaves it: score descending, then the item's
/// position among the candidates (namespace creation order, then insertion order).
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub score: f64,
    pub owner: u32,
    namespace: u32,
    seq: u64,
}

impl Hit {
    /// `Less` means "ranks first".
    fn rank(&self, other: &Hit) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.namespace.cmp(&other.namespace))
            .then(self.seq.cmp(&other.seq))
    }
}

impl PartialEq for Hit {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}
impl Eq for Hit {}
impl PartialOrd for Hit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
/// Max-heap order = worst-ranked on top, so a bounded heap evicts the worst.
impl Ord for Hit {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank(other)
    }
}

/// Which items a search may return.
pub enum Candidates<'a> {
    /// Live items in namespaces whose flag is non-zero (`None`: every namespace).
    Namespaces(Option<&'a [u8]>),
    /// Exactly these items (already filtered by the caller).
    Owners(&'a [u32]),
}

impl Index {
    pub fn dims(&self) -> usize {
        self.dims
    }

    pub fn rows(&self) -> usize {
        self.row_owner.len()
    }

    /// Bytes held off the JS heap (approximate: the vectors, norms and bookkeeping).
    pub fn byte_size(&self) -> usize {
        self.data.capacity() * 4
            + self.norms.capacity() * 8
            + self.row_owner.capacity() * 4
            + self.row_of.capacity() * 16
            + self.owners.capacity() * std::mem::size_of::<Owner>()
            + self.owners.iter().map(|o| o.rows.capacity() * 4).sum::<usize>()
    }

    /// Inserts or replaces one row per (owner, field). All-or-nothing: checks everything first.
    pub fn upsert(&mut self, owners: &[u32], fields: &[u32], vectors: &[f32], dims: usize) -> Result<(), String> {
        if owners.len() != fields.len() {
            return Err(format!("{} owners but {} fields", owners.len(), fields.len()));
        }
        if dims == 0 {
            return Err("an embedding has 0 dimensions".into());
        }
        if self.dims != 0 && dims != self.dims {
            return Err(format!(
                "an embedding has {dims} dimensions but the index already holds {}-dimension vectors",
                self.dims
            ));
        }
        if vectors.len() != owners.len() * dims {
            return Err(format!("{} floats for {} embeddings of {dims} dimensions", vectors.len(), owners.len()));
        }
        // Norms first: a row holding an infinity has an infinite norm (f32 squares cannot overflow
        // f64), so this also validates. NaN is kept: the host scores such a vector 0.
        let norms: Vec<f64> = vectors.chunks_exact(dims).map(norm_f32).collect();
        if let Some(at) = norms.iter().position(|n| n.is_infinite()) {
            let row = &vectors[at * dims..(at + 1) * dims];
            let pos = row.iter().position(|x| x.is_infinite()).unwrap_or(0);
            return Err(format!("embedding {at} has an infinite value ({}) at position {pos}", row[pos]));
        }
        self.dims = dims;
        for (i, (&owner, &field)) in owners.iter().zip(fields).enumerate() {
            let vector = &vectors[i * dims..(i + 1) * dims];
            let norm = norms[i];
            self.ensure_owner(owner);
            match self.row_of.get(&(owner, field)) {
                Some(&row) => {
                    let row = row as usize;
                    self.data[row * dims..(row + 1) * dims].copy_from_slice(vector);
                    self.norms[row] = norm;
                }
                None => {
                    let row = self.row_owner.len() as u32;
                    self.data.extend_from_slice(vector);
                    self.norms.push(norm);
                    self.row_owner.push(owner);
                    self.row_of.insert((owner, field), row);
                    let rows = &mut self.owners[owner as usize].rows;
                    rows.push(row);
                    self.max_rows_per_owner = self.max_rows_per_owner.max(rows.len());
                }
            }
        }
        Ok(())
    }

    /// Applies item changes in order: `live` 1 = inserted (moves to the end of its namespace),
    /// 0 = deleted. Updates of an existing item do not move it and need no call.
    pub fn set_live(&mut self, owners: &[u32], namespaces: &[u32], live: &[u8]) -> Result<(), String> {
        if owners.len() != namespaces.len() || owners.len() != live.len() {
            return Err("owners, namespaces and live flags differ in length".into());
        }
        for ((&owner, &namespace), &flag) in owners.iter().zip(namespaces).zip(live) {
            self.ensure_owner(owner);
            let entry = &mut self.owners[owner as usize];
            entry.namespace = namespace;
            entry.live = flag != 0;
            if entry.live {
                entry.seq = self.next_seq;
                self.next_seq += 1;
            }
        }
        Ok(())
    }

    pub fn has_rows(&self, owner: u32) -> bool {
        self.owners.get(owner as usize).is_some_and(|o| !o.rows.is_empty())
    }

    /// The vectors of one item, in insertion order of its fields.
    pub fn vectors_of(&self, owner: u32) -> Vec<Vec<f32>> {
        let Some(entry) = self.owners.get(owner as usize) else { return Vec::new() };
        entry.rows.iter().map(|&row| self.row(row as usize).to_vec()).collect()
    }

    /// The best `k` distinct live items by cosine with `query`, in the host's order.
    pub fn search(&self, query: &[f64], candidates: Candidates<'_>, k: usize) -> Result<Vec<Hit>, String> {
        // More items than rows cannot be found; this also bounds the heaps below.
        let k = k.min(self.rows());
        if self.dims == 0 || k == 0 {
            return Ok(Vec::new());
        }
        if query.len() != self.dims {
            return Err(format!(
                "the query embedding has {} dimensions but the index holds {}-dimension vectors",
                query.len(),
                self.dims
            ));
        }
        if let Some(at) = query.iter().position(|x| x.is_infinite()) {
            return Err(format!("the query embedding has an infinite value ({}) at position {at}", query[at]));
        }
        let query_norm = norm_f64(query);
        // Keeping k·m + m rows per chunk guarantees k distinct items survive when an item has up to m rows.
        let m = self.max_rows_per_owner.max(1);
        let keep = k.saturating_mul(m).saturating_add(m);
        let partials: Vec<BinaryHeap<Hit>> = match candidates {
            Candidates::Namespaces(flags) => {
                let total = self.rows();
                let score_range = |start: usize, end: usize| {
                    let mut heap = BinaryHeap::with_capacity(keep + 1);
                    for row in start..end {
                        let owner = &self.owners[self.row_owner[row] as usize];
                        if !owner.live || !namespace_allowed(flags, owner.namespace) {
                            continue;
                        }
                        self.push_scored(&mut heap, keep, query, query_norm, row);
                    }
                    heap
                };
                if total * self.dims < PARALLEL_FLOATS {
                    vec![score_range(0, total)]
                } else {
                    let chunks = total.div_ceil(CHUNK_ROWS);
                    (0..chunks)
                        .into_par_iter()
                        .map(|c| score_range(c * CHUNK_ROWS, ((c + 1) * CHUNK_ROWS).min(total)))
                        .collect()
                }
            }
            Candidates::Owners(owners) => {
                let rows: Vec<u32> = owners
                    .iter()
                    .filter_map(|&o| self.owners.get(o as usize))
                    .filter(|o| o.live)
                    .flat_map(|o| o.rows.iter().copied())
                    .collect();
                let score_rows = |slice: &[u32]| {
                    let mut heap = BinaryHeap::with_capacity(keep + 1);
                    for &row in slice {
                        self.push_scored(&mut heap, keep, query, query_norm, row as usize);
                    }
                    heap
                };
                if rows.len() * self.dims < PARALLEL_FLOATS {
                    vec![score_rows(&rows)]
                } else {
                    rows.par_chunks(CHUNK_ROWS).map(score_rows).collect()
                }
            }
        };
        let mut hits: Vec<Hit> = partials.into_iter().flat_map(BinaryHeap::into_vec).collect();
        hits.sort_unstable();
        let mut seen = std::collections::HashSet::with_capacity(k);
        hits.retain(|hit| seen.len() < k && seen.insert(hit.owner));
        Ok(hits)
    }

    fn push_scored(&self, heap: &mut BinaryHeap<Hit>, keep: usize, query: &[f64], query_norm: f64, row: usize) {
        let owner_id = self.row_owner[row];
        let owner = &self.owners[owner_id as usize];
        let score = cosine(dot(query, self.row(row)), query_norm, self.norms[row]);
        let hit = Hit { score, owner: owner_id, namespace: owner.namespace, seq: owner.seq };
        if heap.len() < keep {
            heap.push(hit);
        } else if let Some(mut worst) = heap.peek_mut() {
            if hit < *worst {
                *worst = hit;
            }
        }
    }

    fn row(&self, row: usize) -> &[f32] {
        &self.data[row * self.dims..(row + 1) * self.dims]
    }

    fn ensure_owner(&mut self, owner: u32) {
        if self.owners.len() <= owner as usize {
            self.owners.resize(owner as usize + 1, Owner::default());
        }
    }
}

fn namespace_allowed(flags: Option<&[u8]>, namespace: u32) -> bool {
    flags.is_none_or(|f| f.get(namespace as usize).is_some_and(|&b| b != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_with(vectors: &[[f32; 3]]) -> Index {
        let mut index = Index::default();
        let owners: Vec<u32> = (0..vectors.len() as u32).collect();
        let flat: Vec<f32> = vectors.iter().flatten().copied().collect();
        index.upsert(&owners, &vec![0; owners.len()], &flat, 3).unwrap();
        index.set_live(&owners, &vec![0; owners.len()], &vec![1; owners.len()]).unwrap();
        index
    }

    #[test]
    fn returns_best_first_and_ties_in_insertion_order() {
        let index = index_with(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0]]);
        let hits = index.search(&[1.0, 0.0, 0.0], Candidates::Namespaces(None), 3).unwrap();
        let owners: Vec<u32> = hits.iter().map(|h| h.owner).collect();
        assert_eq!(owners, vec![0, 2, 3]);
        assert!((hits[2].score - 0.5f64.sqrt()).abs() < 1e-7);
    }

    #[test]
    fn an_item_with_several_rows_appears_once_with_its_best_score() {
        let mut index = index_with(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]);
        index.upsert(&[1], &[7], &[1.0, 0.1, 0.0], 3).unwrap();
        let hits = index.search(&[1.0, 0.0, 0.0], Candidates::Namespaces(None), 5).unwrap();
        assert_eq!(hits.iter().map(|h| h.owner).collect::<Vec<_>>(), vec![0, 1]);
    }

    #[test]
    fn deleted_items_and_other_namespaces_are_skipped() {
        let mut index = index_with(&[[1.0, 0.0, 0.0], [0.9, 0.1, 0.0], [0.8, 0.2, 0.0]]);
        index.set_live(&[0, 2], &[0, 1], &[0, 1]).unwrap();
        let hits = index.search(&[1.0, 0.0, 0.0], Candidates::Namespaces(Some(&[1, 0])), 5).unwrap();
        assert_eq!(hits.iter().map(|h| h.owner).collect::<Vec<_>>(), vec![1]);
        let hits = index.search(&[1.0, 0.0, 0.0], Candidates::Owners(&[2, 0]), 5).unwrap();
        assert_eq!(hits.iter().map(|h| h.owner).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn bad_vectors_are_errors_and_change_nothing() {
        let mut index = index_with(&[[1.0, 0.0, 0.0]]);
        assert!(index.upsert(&[1], &[0], &[1.0, 2.0], 2).is_err());
        assert!(index.upsert(&[1], &[0], &[1.0, f32::INFINITY, 0.0], 3).is_err());
        assert!(index.search(&[1.0, 0.0], Candidates::Namespaces(None), 1).is_err());
        assert!(index.search(&[f64::NEG_INFINITY, 0.0, 0.0], Candidates::Namespaces(None), 1).is_err());
        assert_eq!(index.rows(), 1);
    }

    #[test]
    fn nan_vectors_score_zero_like_the_host() {
        let mut index = index_with(&[[0.0, -1.0, 0.0], [f32::NAN, 1.0, 0.0]]);
        let hits = index.search(&[0.0, 1.0, 0.0], Candidates::Namespaces(None), 2).unwrap();
        assert_eq!(hits.iter().map(|h| (h.owner, h.score)).collect::<Vec<_>>(), vec![(1, 0.0), (0, -1.0)]);
        index.set_live(&[1], &[0], &[0]).unwrap();
        let hits = index.search(&[f64::NAN, 1.0, 0.0], Candidates::Namespaces(None), 2).unwrap();
        assert_eq!(hits.iter().map(|h| h.score).collect::<Vec<_>>(), vec![0.0]);
    }

    #[test]
    fn parallel_scan_agrees_with_a_sequential_one() {
        let dims = 64;
        let n = PARALLEL_FLOATS / dims + 1000;
        let mut state = 7u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2000) as f32 / 1000.0 - 1.0
        };
        let flat: Vec<f32> = (0..n * dims).map(|_| next()).collect();
        let owners: Vec<u32> = (0..n as u32).collect();
        let mut index = Index::default();
        index.upsert(&owners, &vec![0; n], &flat, dims).unwrap();
        index.set_live(&owners, &vec![0; n], &vec![1; n]).unwrap();
        let query: Vec<f64> = (0..dims).map(|_| f64::from(next())).collect();
        let fast = index.search(&query, Candidates::Namespaces(None), 10).unwrap();
        let mut all: Vec<(f64, u32)> = (0..n)
            .map(|r| (cosine(dot(&query, index.row(r)), norm_f64(&query), index.norms[r]), r as u32))
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        assert_eq!(fast.iter().map(|h| h.owner).collect::<Vec<_>>(), all[..10].iter().map(|a| a.1).collect::<Vec<_>>());
    }
}
