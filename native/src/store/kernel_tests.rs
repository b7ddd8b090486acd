use super::*;

#[test]
fn dot_matches_a_plain_loop_for_odd_lengths() {
    let query: Vec<f64> = (0..13).map(|i| i as f64 * 0.5 - 2.0).collect();
    let row: Vec<f32> = (0..13).map(|i| (i as f32).sin()).collect();
    let plain: f64 = query.iter().zip(&row).map(|(q, r)| q * f64::from(*r)).sum();
    assert!((dot(&query, &row) - plain).abs() < 1e-12);
}

#[test]
fn simd_and_portable_dots_agree() {
    for len in [0usize, 1, 15, 16, 17, 768, 1000] {
        let query: Vec<f64> = (0..len)
            .map(|i| ((i * 7919) % 1000) as f64 / 500.0 - 1.0)
            .collect();
        let row: Vec<f32> = (0..len)
            .map(|i| ((i * 104729) % 1000) as f32 / 500.0 - 1.0)
            .collect();
        assert!(
            (dot(&query, &row) - dot_portable(&query, &row)).abs() < 1e-9,
            "len {len}"
        );
    }
}

#[test]
fn rounding_with_the_norm_equals_rounding_then_norm() {
    for len in [0usize, 1, 7, 8, 9, 768, 1001] {
        let row: Vec<f64> = (0..len)
            .map(|i| ((i * 7919) % 1000) as f64 / 333.0 - 1.5 + 1e-9)
            .collect();
        let mut out = vec![9.0; 3];
        let norm = to_f32_with_norm(&row, &mut out);
        let rounded: Vec<f32> = row.iter().map(|&x| x as f32).collect();
        assert_eq!(out, rounded);
        assert_eq!(norm.to_bits(), norm_f32(&rounded).to_bits(), "len {len}");
    }
}

#[test]
fn zero_vectors_score_zero_like_the_host() {
    assert_eq!(cosine(0.0, 0.0, 1.0), 0.0);
    assert_eq!(cosine(1.0, 1.0, 0.0), 0.0);
    assert_eq!(cosine(2.0, 2.0, 1.0), 1.0);
    assert_eq!(cosine(f64::NAN, f64::NAN, 1.0), 0.0);
    assert_eq!(cosine(f64::NAN, 1.0, f64::NAN), 0.0);
}
