//! The store's vector index for JavaScript: vectors cross once as typed arrays and stay here;
//! a search returns the top items as two typed arrays.

mod bandwidth;
mod index;
mod kernel;
mod quant;
mod rows;

use napi::bindgen_prelude::{Float32Array, Float64Array};
use napi_derive::napi;

use crate::error::invalid_input;
use index::{Candidates, Index};

#[napi(object)]
pub struct MemoryBandwidth {
    pub single_thread_gb_per_s: f64,
    pub all_threads_gb_per_s: f64,
}

#[napi]
pub struct VectorIndex {
    inner: Index,
}

#[napi]
impl VectorIndex {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        VectorIndex {
            inner: Index::default(),
        }
    }

    /// Inserts or replaces the vector of the first `count` (owner, field) pairs; `vectors` holds
    /// them back to back. The arrays may be longer (reused scratch buffers): only `count` are read.
    /// Typed arrays are borrowed as slices for the call (no reference is created or kept).
    #[napi]
    pub fn upsert(
        &mut self,
        owners: &[u32],
        fields: &[u32],
        vectors: &[f32],
        dims: u32,
        count: u32,
    ) -> napi::Result<()> {
        let (count, dims) = (count as usize, dims as usize);
        if owners.len() < count || fields.len() < count || vectors.len() < count * dims {
            return Err(invalid_input(format!(
                "fewer than {count} owners, fields or {dims}-dimension vectors"
            )));
        }
        self.inner
            .upsert(
                &owners[..count],
                &fields[..count],
                &vectors[..count * dims],
                dims,
            )
            .map_err(invalid_input)
    }

    /// Inserts or replaces the vector of one (owner, field): the one-row form of `upsert` that a
    /// put of one field uses. The row comes as f64: V8 fills a Float64Array from a number[] with a
    /// plain copy (a Float32Array needs a conversion per element, ~2x slower); it is rounded here.
    #[napi]
    pub fn upsert_row(&mut self, owner: u32, field: u32, vector: &[f64]) -> napi::Result<()> {
        self.inner
            .upsert_row_f64(owner, field, vector)
            .map_err(invalid_input)
    }

    /// Records the first `count` items inserted (live 1, moved to the end of their namespace) or
    /// deleted (live 0); the arrays may be longer (reused scratch buffers).
    #[napi]
    pub fn set_live(
        &mut self,
        owners: &[u32],
        namespaces: &[u32],
        live: &[u8],
        count: u32,
    ) -> napi::Result<()> {
        let count = count as usize;
        if owners.len() < count || namespaces.len() < count || live.len() < count {
            return Err(invalid_input(format!(
                "fewer than {count} owners, namespaces or live flags"
            )));
        }
        self.inner
            .set_live(&owners[..count], &namespaces[..count], &live[..count])
            .map_err(invalid_input)
    }

    /// Top `k` live items by cosine, as one Float64Array of (owner id, score) pairs, best first.
    /// `owners` (already filtered) wins over `namespaces` (flags by namespace id); with neither,
    /// every live item is a candidate. `query` must have the index's dimensions.
    #[napi]
    pub fn search(
        &mut self,
        query: &[f64],
        k: u32,
        namespaces: Option<&[u8]>,
        owners: Option<&[u32]>,
    ) -> napi::Result<Float64Array> {
        let candidates = match (owners, namespaces) {
            (Some(owners), _) => Candidates::Owners(owners),
            (None, Some(flags)) => Candidates::Namespaces(Some(flags)),
            (None, None) => Candidates::Namespaces(None),
        };
        let hits = self
            .inner
            .search(query, candidates, k as usize)
            .map_err(invalid_input)?;
        // One allocation crosses back: owner ids are exact in f64.
        Ok(Float64Array::new(
            hits.iter()
                .flat_map(|h| [f64::from(h.owner), h.score])
                .collect(),
        ))
    }

    #[napi]
    pub fn has_vectors(&self, owner: u32) -> bool {
        self.inner.has_rows(owner)
    }

    /// One item's vectors (for `getVectors` compatibility; not on any hot path).
    #[napi]
    pub fn vectors_of(&self, owner: u32) -> Vec<Float32Array> {
        self.inner
            .vectors_of(owner)
            .into_iter()
            .map(Float32Array::new)
            .collect()
    }

    #[napi(getter)]
    pub fn dims(&self) -> u32 {
        self.inner.dims() as u32
    }

    #[napi(getter)]
    pub fn rows(&self) -> u32 {
        self.inner.rows() as u32
    }

    /// Bytes of vector data the last search read (int8 first pass plus rows rescored in f32).
    #[napi(getter)]
    pub fn last_scan_bytes(&self) -> f64 {
        self.inner.last_scan_bytes() as f64
    }

    /// Exact-only scans: no int8 copy is kept (less memory; large scans read every f32 row).
    #[napi(setter)]
    pub fn set_exact_only(&mut self, exact: bool) {
        self.inner.set_exact_only(exact);
    }

    /// Bytes held outside the V8 heap.
    #[napi(getter)]
    pub fn byte_size(&self) -> f64 {
        self.inner.byte_size() as f64
    }
}

/// Reads a buffer of `megabytes` a few times and reports the best read bandwidth.
#[napi]
pub fn measure_memory_bandwidth(megabytes: u32) -> MemoryBandwidth {
    let (single, all) = bandwidth::measure(megabytes as usize * 1024 * 1024, 3);
    MemoryBandwidth {
        single_thread_gb_per_s: single,
        all_threads_gb_per_s: all,
    }
}
