//! The store's vector index for JavaScript: vectors cross once as typed arrays and stay here;
//! a search returns the top items as two typed arrays.

mod bandwidth;
mod index;
mod kernel;

use napi::bindgen_prelude::{Float32Array, Float64Array, Uint32Array, Uint8Array};
use napi_derive::napi;

use crate::error::invalid_input;
use index::{Candidates, Index};

#[napi(object)]
pub struct SearchHits {
    /// Item (owner) ids, best first.
    pub owners: Uint32Array,
    /// Cosine scores, computed as the host does (f64 over the stored f32 values).
    pub scores: Float64Array,
}

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
        VectorIndex { inner: Index::default() }
    }

    /// Inserts or replaces the vector of each (owner, field); `vectors` holds them back to back.
    #[napi]
    pub fn upsert(&mut self, owners: Uint32Array, fields: Uint32Array, vectors: Float32Array, dims: u32) -> napi::Result<()> {
        self.inner.upsert(&owners, &fields, &vectors, dims as usize).map_err(invalid_input)
    }

    /// Records items inserted (live 1, moved to the end of their namespace) or deleted (live 0).
    #[napi]
    pub fn set_live(&mut self, owners: Uint32Array, namespaces: Uint32Array, live: Uint8Array) -> napi::Result<()> {
        self.inner.set_live(&owners, &namespaces, &live).map_err(invalid_input)
    }

    /// Top `k` live items by cosine. `owners` (already filtered) wins over `namespaces` (flags by
    /// namespace id); with neither, every live item is a candidate.
    #[napi]
    pub fn search(
        &self,
        query: Float64Array,
        k: u32,
        namespaces: Option<Uint8Array>,
        owners: Option<Uint32Array>,
    ) -> napi::Result<SearchHits> {
        let candidates = match (&owners, &namespaces) {
            (Some(owners), _) => Candidates::Owners(owners),
            (None, Some(flags)) => Candidates::Namespaces(Some(flags)),
            (None, None) => Candidates::Namespaces(None),
        };
        let hits = self.inner.search(&query, candidates, k as usize).map_err(invalid_input)?;
        Ok(SearchHits {
            owners: Uint32Array::new(hits.iter().map(|h| h.owner).collect()),
            scores: Float64Array::new(hits.iter().map(|h| h.score).collect()),
        })
    }

    #[napi]
    pub fn has_vectors(&self, owner: u32) -> bool {
        self.inner.has_rows(owner)
    }

    /// One item's vectors (for `getVectors` compatibility; not on any hot path).
    #[napi]
    pub fn vectors_of(&self, owner: u32) -> Vec<Float32Array> {
        self.inner.vectors_of(owner).into_iter().map(Float32Array::new).collect()
    }

    #[napi(getter)]
    pub fn dims(&self) -> u32 {
        self.inner.dims() as u32
    }

    #[napi(getter)]
    pub fn rows(&self) -> u32 {
        self.inner.rows() as u32
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
    MemoryBandwidth { single_thread_gb_per_s: single, all_threads_gb_per_s: all }
}
