//! The store's vector index: every embedding as one contiguous f32 row, owned by an item (an
//! "owner": one namespace + key) and one indexed field. Like the host, rows are never dropped when
//! an item is deleted or re-put; a row counts only while its owner is live.

use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use super::kernel::{cosine, dot, norm_f32, norm_f64, to_f32_with_norm};
use super::quant::{approx_dot_kernel, error_bound, quantize};
use super::rows::{RowBlocks, BLOCK_ROWS};

/// Below this many floats a scan stays on one thread: splitting costs more than it saves.
const PARALLEL_FLOATS: usize = 1 << 20;
/// Rows per parallel work item: one block of rows.
const CHUNK_ROWS: usize = BLOCK_ROWS;
/// From this many floats a scan reads the int8 copy first and rescores only the rows that can
/// still make the top k (exact either way; below it the plain exact scan is cheaper).
const TWO_PHASE_FLOATS: usize = 1 << 20;

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
    data: RowBlocks<f32>,
    norms: Vec<f64>,
    /// The rows again as int8 (`scales[row] * quant[..]`), for the first pass of large scans.
    /// Built lazily by `prepare` (only searches read it): covers rows `0..scales.len()`, except
    /// the `stale` ones, rewritten since they were quantised.
    quant: RowBlocks<i8>,
    scales: Vec<f32>,
    stale: Vec<u32>,
    row_owner: Vec<u32>,
    row_of: HashMap<(u32, u32), u32>,
    owners: Vec<Owner>,
    next_seq: u64,
    max_rows_per_owner: usize,
    last_scan_bytes: AtomicU64,
    /// No int8 copy: every scan reads the f32 rows (a quarter less memory, slower large scans).
    exact_only: bool,
    /// Reused buffer for a row handed over as f64.
    row_scratch: Vec<f32>,
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

/// Which rows a first pass bounds: live rows of flagged namespaces, or exactly the masked rows.
#[derive(Clone, Copy)]
enum RowFilter<'a> {
    Namespaces(Option<&'a [u8]>),
    Rows(&'a [u8]),
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
        self.data.byte_size()
            + self.norms.capacity() * 8
            + self.quant.byte_size()
            + self.scales.capacity() * 4
            + self.row_owner.capacity() * 4
            + self.row_of.capacity() * 16
            + self.owners.capacity() * std::mem::size_of::<Owner>()
            + self
                .owners
                .iter()
                .map(|o| o.rows.capacity() * 4)
                .sum::<usize>()
    }

    /// Inserts or replaces one row per (owner, field). All-or-nothing: checks everything first.
    pub fn upsert(
        &mut self,
        owners: &[u32],
        fields: &[u32],
        vectors: &[f32],
        dims: usize,
    ) -> Result<(), String> {
        if owners.len() != fields.len() {
            return Err(format!(
                "{} owners but {} fields",
                owners.len(),
                fields.len()
            ));
        }
        self.check_dims(dims)?;
        if vectors.len() != owners.len() * dims {
            return Err(format!(
                "{} floats for {} embeddings of {dims} dimensions",
                vectors.len(),
                owners.len()
            ));
        }
        // Norms first: a row holding an infinity has an infinite norm (f32 squares cannot overflow
        // f64), so this also validates. NaN is kept: the host scores such a vector 0.
        let norms: Vec<f64> = vectors.chunks_exact(dims).map(norm_f32).collect();
        if let Some(at) = norms.iter().position(|n| n.is_infinite()) {
            let row = &vectors[at * dims..(at + 1) * dims];
            let pos = row.iter().position(|x| x.is_infinite()).unwrap_or(0);
            return Err(format!(
                "embedding {at} has an infinite value ({}) at position {pos}",
                row[pos]
            ));
        }
        self.set_dims(dims);
        for (i, (&owner, &field)) in owners.iter().zip(fields).enumerate() {
            self.store_row(owner, field, &vectors[i * dims..(i + 1) * dims], norms[i]);
        }
        self.drop_int8_if_mostly_stale();
        Ok(())
    }

    fn check_dims(&self, dims: usize) -> Result<(), String> {
        if dims == 0 {
            return Err("an embedding has 0 dimensions".into());
        }
        if self.dims != 0 && dims != self.dims {
            return Err(format!(
                "an embedding has {dims} dimensions but the index already holds {}-dimension vectors",
                self.dims
            ));
        }
        Ok(())
    }

    fn set_dims(&mut self, dims: usize) {
        if self.dims == 0 {
            self.dims = dims;
            self.data = RowBlocks::new(dims);
            self.quant = RowBlocks::new(dims);
        }
    }

    /// Writes one checked row: over the (owner, field)'s row if it has one, else as a new row.
    fn store_row(&mut self, owner: u32, field: u32, vector: &[f32], norm: f64) {
        self.ensure_owner(owner);
        match self.row_of.get(&(owner, field)) {
            Some(&row) => {
                let row = row as usize;
                self.data.row_mut(row).copy_from_slice(vector);
                self.norms[row] = norm;
                if row < self.scales.len() {
                    self.stale.push(row as u32);
                }
            }
            None => {
                let row = self.row_owner.len() as u32;
                self.data.push(vector);
                self.norms.push(norm);
                self.row_owner.push(owner);
                self.row_of.insert((owner, field), row);
                let rows = &mut self.owners[owner as usize].rows;
                rows.push(row);
                self.max_rows_per_owner = self.max_rows_per_owner.max(rows.len());
            }
        }
    }

    fn drop_int8_if_mostly_stale(&mut self) {
        if self.stale.len() > self.scales.len() {
            // Rewritten more often than there are quantised rows: start the int8 copy over.
            self.stale.clear();
            self.scales.clear();
            self.quant.clear();
        }
    }

    /// `upsert` of one row given as f64 (rounded to f32, as a Float32Array would round it): the
    /// rounding and the norm in one pass, then one copy into place.
    pub fn upsert_row_f64(&mut self, owner: u32, field: u32, vector: &[f64]) -> Result<(), String> {
        self.check_dims(vector.len())?;
        let mut row = std::mem::take(&mut self.row_scratch);
        let norm = to_f32_with_norm(vector, &mut row);
        let result = if norm.is_infinite() {
            let pos = row.iter().position(|x| x.is_infinite()).unwrap_or(0);
            Err(format!(
                "embedding 0 has an infinite value ({}) at position {pos}",
                row[pos]
            ))
        } else {
            self.set_dims(row.len());
            self.store_row(owner, field, &row, norm);
            self.drop_int8_if_mostly_stale();
            Ok(())
        };
        self.row_scratch = row;
        result
    }

    /// Brings the int8 copy up to date with the rows (new and rewritten), if a search can use it.
    /// Puts leave this to the next search: below the two-phase threshold it is never built.
    pub fn prepare(&mut self) {
        let (dims, total) = (self.dims, self.rows());
        if !self.two_phase(total) || (self.scales.len() == total && self.stale.is_empty()) {
            return;
        }
        let quantised = self.scales.len();
        self.quant.grow_to(total);
        self.scales.resize(total, 0.0);
        let data = &self.data;
        let todo = self.stale.len() + (total - quantised);
        if todo * dims < PARALLEL_FLOATS {
            let rows = self
                .stale
                .iter()
                .map(|&row| row as usize)
                .chain(quantised..total);
            for row in rows {
                self.scales[row] = quantize(data.row(row), self.quant.row_mut(row));
            }
        } else {
            let mut needed = vec![false; total];
            self.stale
                .iter()
                .for_each(|&row| needed[row as usize] = true);
            needed[quantised..].iter_mut().for_each(|flag| *flag = true);
            self.quant
                .blocks_mut()
                .par_iter_mut()
                .zip(self.scales.par_chunks_mut(BLOCK_ROWS))
                .enumerate()
                .for_each(|(block, (quant, scales))| {
                    let first = block * BLOCK_ROWS;
                    for (i, (quant, scale)) in quant
                        .as_mut_slice()
                        .chunks_exact_mut(dims)
                        .zip(scales)
                        .enumerate()
                    {
                        if needed[first + i] {
                            *scale = quantize(data.row(first + i), quant);
                        }
                    }
                });
        }
        self.stale.clear();
    }

    /// Applies item changes in order: `live` 1 = inserted (moves to the end of its namespace),
    /// 0 = deleted. Updates of an existing item do not move it and need no call.
    pub fn set_live(
        &mut self,
        owners: &[u32],
        namespaces: &[u32],
        live: &[u8],
    ) -> Result<(), String> {
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
        self.owners
            .get(owner as usize)
            .is_some_and(|o| !o.rows.is_empty())
    }

    /// The vectors of one item, in insertion order of its fields.
    pub fn vectors_of(&self, owner: u32) -> Vec<Vec<f32>> {
        let Some(entry) = self.owners.get(owner as usize) else {
            return Vec::new();
        };
        entry
            .rows
            .iter()
            .map(|&row| self.row(row as usize).to_vec())
            .collect()
    }

    /// `prepare`, then `search_prepared`.
    pub fn search(
        &mut self,
        query: &[f64],
        candidates: Candidates<'_>,
        k: usize,
    ) -> Result<Vec<Hit>, String> {
        self.prepare();
        self.search_prepared(query, candidates, k)
    }

    /// The best `k` distinct live items by cosine with `query`, in the host's order (the int8 copy
    /// must be up to date: see `prepare`).
    pub fn search_prepared(
        &self,
        query: &[f64],
        candidates: Candidates<'_>,
        k: usize,
    ) -> Result<Vec<Hit>, String> {
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
            return Err(format!(
                "the query embedding has an infinite value ({}) at position {at}",
                query[at]
            ));
        }
        let query_norm = norm_f64(query);
        // Keeping k·m + m rows per chunk guarantees k distinct items survive when an item has up to m rows.
        let m = self.max_rows_per_owner.max(1);
        let keep = k.saturating_mul(m).saturating_add(m);
        let total_rows = self.rows();
        let partials: Vec<BinaryHeap<Hit>> = match candidates {
            Candidates::Namespaces(flags) if self.two_phase(self.rows()) => {
                let rows = self.prefilter(query, query_norm, RowFilter::Namespaces(flags), k);
                self.note_scan(total_rows * (self.dims + 4 + 8) + rows.len() * self.dims * 4);
                self.score_rows(&rows, keep, query, query_norm)
            }
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
                self.note_scan(total * (self.dims * 4 + 8));
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
                if self.two_phase(rows.len()) {
                    let mut mask = vec![0u8; total_rows];
                    rows.iter().for_each(|&row| mask[row as usize] = 1);
                    let rescored = self.prefilter(query, query_norm, RowFilter::Rows(&mask), k);
                    self.note_scan(
                        rows.len() * (self.dims + 4 + 8) + rescored.len() * self.dims * 4,
                    );
                    self.score_rows(&rescored, keep, query, query_norm)
                } else {
                    self.note_scan(rows.len() * (self.dims * 4 + 8));
                    self.score_rows(&rows, keep, query, query_norm)
                }
            }
        };
        let mut hits: Vec<Hit> = partials
            .into_iter()
            .flat_map(BinaryHeap::into_vec)
            .collect();
        hits.sort_unstable();
        let mut seen = std::collections::HashSet::with_capacity(k);
        hits.retain(|hit| seen.len() < k && seen.insert(hit.owner));
        Ok(hits)
    }

    /// Exact scores of these rows, as bounded heaps (one per parallel chunk).
    fn score_rows(
        &self,
        rows: &[u32],
        keep: usize,
        query: &[f64],
        query_norm: f64,
    ) -> Vec<BinaryHeap<Hit>> {
        let score = |slice: &[u32]| {
            let mut heap = BinaryHeap::with_capacity(keep.min(slice.len()) + 1);
            for &row in slice {
                self.push_scored(&mut heap, keep, query, query_norm, row as usize);
            }
            heap
        };
        if rows.len() * self.dims < PARALLEL_FLOATS {
            vec![score(rows)]
        } else {
            rows.par_chunks(CHUNK_ROWS).map(score).collect()
        }
    }

    /// First pass over the int8 rows: each candidate row gets bounds [lower, upper] on its exact
    /// cosine. An item whose best upper bound is below the k-th best lower bound (over distinct
    /// items) cannot be in the top k; the rows returned are all the others.
    fn prefilter(
        &self,
        query: &[f64],
        query_norm: f64,
        filter: RowFilter<'_>,
        k: usize,
    ) -> Vec<u32> {
        let dims = self.dims;
        let total = self.rows();
        let query32: Vec<f32> = query.iter().map(|&x| x as f32).collect();
        let query_l1: f64 = query.iter().map(|x| x.abs()).sum();
        let truthy = |x: f64| x != 0.0 && !x.is_nan();
        let approx_dot = approx_dot_kernel();
        let mut lower = vec![f64::NEG_INFINITY; total];
        let mut upper = vec![f64::NEG_INFINITY; total];
        let bound_chunk = |chunk: usize, lower: &mut [f64], upper: &mut [f64]| {
            for (i, (lo, up)) in lower.iter_mut().zip(upper.iter_mut()).enumerate() {
                let row = chunk * CHUNK_ROWS + i;
                let candidate = match filter {
                    RowFilter::Namespaces(flags) => {
                        let owner = &self.owners[self.row_owner[row] as usize];
                        owner.live && namespace_allowed(flags, owner.namespace)
                    }
                    RowFilter::Rows(mask) => mask[row] != 0,
                };
                if !candidate {
                    continue;
                }
                let norm = self.norms[row];
                if !truthy(query_norm) || !truthy(norm) {
                    // The host's rule makes these exactly 0.
                    (*lo, *up) = (0.0, 0.0);
                    continue;
                }
                let scale = self.scales[row];
                let approx =
                    f64::from(scale) * f64::from(approx_dot(&query32, self.quant.row(row)));
                let error = error_bound(scale, query_l1, dims);
                let denominator = query_norm * norm;
                (*lo, *up) = (
                    (approx - error) / denominator,
                    (approx + error) / denominator,
                );
            }
        };
        lower
            .par_chunks_mut(CHUNK_ROWS)
            .zip(upper.par_chunks_mut(CHUNK_ROWS))
            .enumerate()
            .for_each(|(chunk, (lo, up))| bound_chunk(chunk, lo, up));
        let mut best: Vec<f64> = if self.max_rows_per_owner <= 1 {
            lower
                .iter()
                .copied()
                .filter(|x| *x > f64::NEG_INFINITY)
                .collect()
        } else {
            let mut per_owner = vec![f64::NEG_INFINITY; self.owners.len()];
            for (row, &lo) in lower.iter().enumerate() {
                let owner = self.row_owner[row] as usize;
                per_owner[owner] = per_owner[owner].max(lo);
            }
            per_owner
                .into_iter()
                .filter(|x| *x > f64::NEG_INFINITY)
                .collect()
        };
        let threshold = if best.len() < k {
            f64::NEG_INFINITY
        } else {
            *best.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a)).1
        };
        (0..total as u32)
            .filter(|&row| {
                upper[row as usize] > f64::NEG_INFINITY && upper[row as usize] >= threshold
            })
            .collect()
    }

    fn push_scored(
        &self,
        heap: &mut BinaryHeap<Hit>,
        keep: usize,
        query: &[f64],
        query_norm: f64,
        row: usize,
    ) {
        let owner_id = self.row_owner[row];
        let owner = &self.owners[owner_id as usize];
        let score = cosine(dot(query, self.row(row)), query_norm, self.norms[row]);
        let hit = Hit {
            score,
            owner: owner_id,
            namespace: owner.namespace,
            seq: owner.seq,
        };
        if heap.len() < keep {
            heap.push(hit);
        } else if let Some(mut worst) = heap.peek_mut() {
            if hit < *worst {
                *worst = hit;
            }
        }
    }

    /// Whether a scan of `rows` rows reads the int8 copy first.
    fn two_phase(&self, rows: usize) -> bool {
        !self.exact_only && rows * self.dims >= TWO_PHASE_FLOATS
    }

    /// Turns the int8 copy off (dropping it) or back on (rebuilt by the next large search).
    pub fn set_exact_only(&mut self, exact: bool) {
        self.exact_only = exact;
        if exact {
            self.quant.clear();
            self.scales = Vec::new();
            self.stale = Vec::new();
        }
    }

    /// Bytes of vector data the last search read (for the bench's bandwidth figure).
    pub fn last_scan_bytes(&self) -> u64 {
        self.last_scan_bytes.load(AtomicOrdering::Relaxed)
    }

    fn note_scan(&self, bytes: usize) {
        self.last_scan_bytes
            .store(bytes as u64, AtomicOrdering::Relaxed);
    }

    fn row(&self, row: usize) -> &[f32] {
        self.data.row(row)
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
#[path = "index_tests.rs"]
mod tests;
