//! The scoring kernel: cosine of an f64 query against f32 rows, as the host computes it
//! (`dot / (|q| * |v|)`, and 0 when either magnitude is 0).

/// Accumulators run independently so the compiler can keep several products in flight.
const LANES: usize = 8;

/// Dot product of the f64 query with one f32 row, accumulated in f64.
#[inline]
pub fn dot(query: &[f64], row: &[f32]) -> f64 {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2_fma() {
            // SAFETY: the CPU supports AVX2 and FMA (checked once, cached by std).
            return unsafe { dot_avx2(query, row) };
        }
    }
    dot_portable(query, row)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn has_avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// 16 floats per step: widened to f64 and fused into four independent accumulators.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn dot_avx2(query: &[f64], row: &[f32]) -> f64 {
    use std::arch::x86_64::*;
    let n = row.len().min(query.len());
    let (q, r) = (query.as_ptr(), row.as_ptr());
    let mut acc = [_mm256_setzero_pd(); 4];
    let mut i = 0;
    while i + 16 <= n {
        for (k, a) in acc.iter_mut().enumerate() {
            let wide = _mm256_cvtps_pd(_mm_loadu_ps(r.add(i + 4 * k)));
            *a = _mm256_fmadd_pd(_mm256_loadu_pd(q.add(i + 4 * k)), wide, *a);
        }
        i += 16;
    }
    let sum = _mm256_add_pd(_mm256_add_pd(acc[0], acc[1]), _mm256_add_pd(acc[2], acc[3]));
    let mut lanes = [0f64; 4];
    _mm256_storeu_pd(lanes.as_mut_ptr(), sum);
    let mut total = lanes.iter().sum::<f64>();
    while i < n {
        total += *q.add(i) * f64::from(*r.add(i));
        i += 1;
    }
    total
}

/// The same sum without SIMD intrinsics (other CPUs, and the reference in tests).
pub fn dot_portable(query: &[f64], row: &[f32]) -> f64 {
    let mut acc = [0f64; LANES];
    let whole = row.len() / LANES * LANES;
    let (q_head, q_tail) = query.split_at(whole);
    let (r_head, r_tail) = row.split_at(whole);
    for (q, r) in q_head.chunks_exact(LANES).zip(r_head.chunks_exact(LANES)) {
        for lane in 0..LANES {
            acc[lane] += q[lane] * f64::from(r[lane]);
        }
    }
    let mut sum: f64 = acc.iter().sum();
    for (q, r) in q_tail.iter().zip(r_tail) {
        sum += q * f64::from(*r);
    }
    sum
}

/// Euclidean norm in f64, as the host's `Math.sqrt(v.reduce((a, x) => a + x * x, 0))`.
pub fn norm_f32(row: &[f32]) -> f64 {
    // Independent partial sums keep the adds pipelined (a single chain waits on each add).
    let mut acc = [0f64; LANES];
    let whole = row.len() / LANES * LANES;
    for chunk in row[..whole].chunks_exact(LANES) {
        for lane in 0..LANES {
            acc[lane] += f64::from(chunk[lane]) * f64::from(chunk[lane]);
        }
    }
    let tail: f64 = row[whole..]
        .iter()
        .map(|&x| f64::from(x) * f64::from(x))
        .sum();
    (acc.iter().sum::<f64>() + tail).sqrt()
}

/// Rounds `row` to f32 into `out` (replacing its contents) and returns the norm of the rounded
/// values: one pass, the same sums in the same order as `norm_f32(out)`.
pub fn to_f32_with_norm(row: &[f64], out: &mut Vec<f32>) -> f64 {
    out.clear();
    out.resize(row.len(), 0.0);
    let mut acc = [0f64; LANES];
    let whole = row.len() / LANES * LANES;
    for (src, dst) in row[..whole]
        .chunks_exact(LANES)
        .zip(out[..whole].chunks_exact_mut(LANES))
    {
        for lane in 0..LANES {
            let y = src[lane] as f32;
            dst[lane] = y;
            acc[lane] += f64::from(y) * f64::from(y);
        }
    }
    let mut tail = 0f64;
    for (src, dst) in row[whole..].iter().zip(&mut out[whole..]) {
        let y = *src as f32;
        *dst = y;
        tail += f64::from(y) * f64::from(y);
    }
    (acc.iter().sum::<f64>() + tail).sqrt()
}

pub fn norm_f64(query: &[f64]) -> f64 {
    query.iter().map(|&x| x * x).sum::<f64>().sqrt()
}

/// The host's formula, including its rule `magnitude1 && magnitude2 ? ... : 0`: a zero or NaN
/// magnitude (a vector holding NaN) is falsy in JavaScript, so the score is 0.
#[inline]
pub fn cosine(dot: f64, query_norm: f64, row_norm: f64) -> f64 {
    let truthy = |x: f64| x != 0.0 && !x.is_nan();
    if truthy(query_norm) && truthy(row_norm) {
        dot / (query_norm * row_norm)
    } else {
        0.0
    }
}

#[cfg(test)]
#[path = "kernel_tests.rs"]
mod tests;
