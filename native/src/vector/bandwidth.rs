//! A rough in-process memory bandwidth probe, so the bench can say how close a scan is to it.

use rayon::prelude::*;
use std::time::Instant;

/// Reads `bytes` of f32 several times and returns (single-thread, all-threads) GB/s, best of runs.
pub fn measure(bytes: usize, runs: usize) -> (f64, f64) {
    let len = (bytes / 4).max(1024);
    let data: Vec<f32> = (0..len).map(|i| (i % 251) as f32).collect();
    let mut single = 0f64;
    let mut parallel = 0f64;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let sum: f32 = data.chunks(16).map(|c| c.iter().sum::<f32>()).sum();
        single = single.max(gb_per_s(len * 4, start.elapsed().as_secs_f64()));
        std::hint::black_box(sum);
        let start = Instant::now();
        let sum: f32 = data.par_chunks(1 << 16).map(|c| c.chunks(16).map(|c| c.iter().sum::<f32>()).sum::<f32>()).sum();
        parallel = parallel.max(gb_per_s(len * 4, start.elapsed().as_secs_f64()));
        std::hint::black_box(sum);
    }
    (single, parallel)
}

fn gb_per_s(bytes: usize, seconds: f64) -> f64 {
    if seconds <= 0.0 {
        0.0
    } else {
        bytes as f64 / seconds / 1e9
    }
}
