//! A rough in-process memory bandwidth probe, so the bench can say how close a scan is to it.

use rayon::prelude::*;
use std::time::Instant;

/// Reads `bytes` several times and returns (single-thread, all-threads) GB/s, best of runs.
/// Integer sums vectorise freely, so the probe is limited by memory, not by arithmetic.
pub fn measure(bytes: usize, runs: usize) -> (f64, f64) {
    let len = (bytes / 8).max(1024);
    let data: Vec<u64> = (0..len as u64).collect();
    let sum = |slice: &[u64]| slice.iter().fold(0u64, |a, &x| a.wrapping_add(x));
    let mut single = 0f64;
    let mut parallel = 0f64;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        std::hint::black_box(sum(&data));
        single = single.max(gb_per_s(len * 8, start.elapsed().as_secs_f64()));
        let start = Instant::now();
        let total = data
            .par_chunks(1 << 16)
            .map(sum)
            .reduce(|| 0, u64::wrapping_add);
        std::hint::black_box(total);
        parallel = parallel.max(gb_per_s(len * 8, start.elapsed().as_secs_f64()));
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
