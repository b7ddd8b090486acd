//! The scoring kernel: cosine of an f64 query against f32 rows, as the host computes it
//! (`dot / (|q| * |v|)`, and 0 when either magnitude is 0).

/// Accumulators run independently so the compiler can keep several products in flight.
const LANES: usize = 8;

/// Dot product of the f64 query with one f32 row; every f32*f64 product is exact in f64.
#[inline]
pub fn dot(query: &[f64], row: &[f32]) -> f64 {
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
    row.iter().map(|&x| f64::from(x) * f64::from(x)).sum::<f64>().sqrt()
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
mod tests {
    use super::*;

    #[test]
    fn dot_matches_a_plain_loop_for_odd_lengths() {
        let query: Vec<f64> = (0..13).map(|i| i as f64 * 0.5 - 2.0).collect();
        let row: Vec<f32> = (0..13).map(|i| (i as f32).sin()).collect();
        let plain: f64 = query.iter().zip(&row).map(|(q, r)| q * f64::from(*r)).sum();
        assert!((dot(&query, &row) - plain).abs() < 1e-12);
    }

    #[test]
    fn zero_vectors_score_zero_like_the_host() {
        assert_eq!(cosine(0.0, 0.0, 1.0), 0.0);
        assert_eq!(cosine(1.0, 1.0, 0.0), 0.0);
        assert_eq!(cosine(2.0, 2.0, 1.0), 1.0);
        assert_eq!(cosine(f64::NAN, f64::NAN, 1.0), 0.0);
        assert_eq!(cosine(f64::NAN, 1.0, f64::NAN), 0.0);
    }
}
