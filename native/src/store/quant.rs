//! An int8 copy of every row, scanned first: 4x fewer bytes than the f32 rows. Each approximate
//! dot product comes with a proven error bound, so the exact f32 pass only rescores rows that
//! could still reach the top k, and results stay exactly those of a full exact scan.

pub const QUANT_MAX: f32 = 127.0;

/// Quantizes one row as `scale * q` with |v - scale * q| <= scale / 2 per element; returns scale.
pub fn quantize(row: &[f32], out: &mut [i8]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2.
            return unsafe { quantize_avx2(row, out) };
        }
    }
    quantize_portable(row, out)
}

/// AVX2: max |x| and the rounding 8 lanes at a time (the compiler keeps both loops scalar: a
/// float max reduction and a saturating float-to-i8 cast do not vectorise on their own).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn quantize_avx2(row: &[f32], out: &mut [i8]) -> f32 {
    use std::arch::x86_64::*;
    let n = row.len().min(out.len());
    let whole = n / 8 * 8;
    let p = row.as_ptr();
    let sign = _mm256_set1_ps(-0.0);
    // max_ps(a, m) returns m when a is NaN: NaN is skipped, as in the portable fold.
    let mut m = _mm256_setzero_ps();
    for i in (0..whole).step_by(8) {
        m = _mm256_max_ps(_mm256_andnot_ps(sign, _mm256_loadu_ps(p.add(i))), m);
    }
    let mut lanes = [0f32; 8];
    _mm256_storeu_ps(lanes.as_mut_ptr(), m);
    let mut max = lanes.iter().fold(0f32, |m, &x| if x > m { x } else { m });
    for &x in &row[whole..n] {
        if x.abs() > max {
            max = x.abs();
        }
    }
    if max == 0.0 || max.is_infinite() {
        out.iter_mut().for_each(|q| *q = 0);
        return 0.0;
    }
    let inverse = _mm256_set1_ps(QUANT_MAX / max);
    let (low, high) = (_mm256_set1_ps(-QUANT_MAX), _mm256_set1_ps(QUANT_MAX));
    let mut ints = [0i32; 8];
    for i in (0..whole).step_by(8) {
        let y = _mm256_round_ps::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(
            _mm256_mul_ps(_mm256_loadu_ps(p.add(i)), inverse),
        );
        // NaN lanes (y != y) become 0; the others are clamped to the grid.
        let ordered = _mm256_cmp_ps::<_CMP_ORD_Q>(y, y);
        let y = _mm256_and_ps(_mm256_min_ps(_mm256_max_ps(y, low), high), ordered);
        _mm256_storeu_si256(ints.as_mut_ptr() as *mut __m256i, _mm256_cvtps_epi32(y));
        for (q, &v) in out[i..i + 8].iter_mut().zip(&ints) {
            *q = v as i8;
        }
    }
    let inverse = QUANT_MAX / max;
    for (q, &x) in out[whole..n].iter_mut().zip(&row[whole..n]) {
        *q = (x * inverse).round_ties_even().clamp(-QUANT_MAX, QUANT_MAX) as i8;
    }
    max / QUANT_MAX
}

fn quantize_portable(row: &[f32], out: &mut [i8]) -> f32 {
    // `a > m` is false for NaN, so NaN is skipped (and the comparison maps onto maxps).
    let max = row
        .iter()
        .fold(0f32, |m, &x| if x.abs() > m { x.abs() } else { m });
    // Zero or infinite rows get no grid (they score exactly 0 or are rejected before this).
    if max == 0.0 || max.is_infinite() {
        out.iter_mut().for_each(|q| *q = 0);
        return 0.0;
    }
    let scale = max / QUANT_MAX;
    let inverse = QUANT_MAX / max;
    for (q, &x) in out.iter_mut().zip(row) {
        // Ties to even keeps the error <= 0.5 and is one instruction; `as` saturates and turns
        // NaN into 0 (such rows score 0 exactly and skip the bound).
        *q = (x * inverse).round_ties_even().clamp(-QUANT_MAX, QUANT_MAX) as i8;
    }
    scale
}

/// Bound on |exact dot - scale * approx_dot| for a `dims`-long query with L1 norm `query_l1`.
/// 0.5: rounding to the grid; 0.01: the x/scale division and clamp plus f32 query rounding; then
/// f32 accumulation, at most dims/16 + 16 additions per lane (relative error 2^-24 each) of
/// terms up to 127 * |x|; then 1e-9 for the f64 side.
pub fn error_bound(scale: f32, query_l1: f64, dims: usize) -> f64 {
    let accumulation = (dims as f64 / 16.0 + 16.0) * f64::from(f32::EPSILON) * f64::from(QUANT_MAX);
    f64::from(scale) * query_l1 * (0.51 + accumulation + f64::from(QUANT_MAX) * 1e-9)
}

/// Sum of query[i] * q[i] in f32; the best kernel for this CPU, chosen once per scan.
pub type ApproxDot = fn(&[f32], &[i8]) -> f32;

pub fn approx_dot_kernel() -> ApproxDot {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return approx_dot_avx2_checked;
        }
    }
    approx_dot_portable
}

#[cfg(test)]
pub fn approx_dot(query: &[f32], q: &[i8]) -> f32 {
    approx_dot_kernel()(query, q)
}

#[cfg(target_arch = "x86_64")]
fn approx_dot_avx2_checked(query: &[f32], q: &[i8]) -> f32 {
    // SAFETY: only handed out by `approx_dot_kernel` after detecting AVX2 and FMA.
    unsafe { approx_dot_avx2(query, q) }
}

pub fn approx_dot_portable(query: &[f32], q: &[i8]) -> f32 {
    let mut acc = [0f32; 16];
    let whole = q.len().min(query.len()) / 16 * 16;
    for (x, v) in query[..whole]
        .chunks_exact(16)
        .zip(q[..whole].chunks_exact(16))
    {
        for lane in 0..16 {
            acc[lane] += x[lane] * f32::from(v[lane]);
        }
    }
    let tail: f32 = query[whole..]
        .iter()
        .zip(&q[whole..])
        .map(|(x, v)| x * f32::from(*v))
        .sum();
    acc.iter().sum::<f32>() + tail
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn approx_dot_avx2(query: &[f32], q: &[i8]) -> f32 {
    use std::arch::x86_64::*;
    let n = q.len().min(query.len());
    let (x, v) = (query.as_ptr(), q.as_ptr());
    let mut acc0 = _mm256_setzero_ps();
    let mut acc1 = _mm256_setzero_ps();
    let mut i = 0;
    while i + 16 <= n {
        let bytes = _mm_loadu_si128(v.add(i) as *const __m128i);
        let low = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(bytes));
        let high = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128::<8>(bytes)));
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(x.add(i)), low, acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(x.add(i + 8)), high, acc1);
        i += 16;
    }
    let mut lanes = [0f32; 8];
    _mm256_storeu_ps(lanes.as_mut_ptr(), _mm256_add_ps(acc0, acc1));
    let mut total: f32 = lanes.iter().sum();
    while i < n {
        total += *x.add(i) * f32::from(*v.add(i));
        i += 1;
    }
    total
}

#[cfg(test)]
#[path = "quant_tests.rs"]
mod tests;
