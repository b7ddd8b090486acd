use super::*;
use crate::store::kernel::dot_portable;

#[test]
fn quantized_dots_stay_within_the_bound() {
    let mut state = 99u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 20001) as f32 / 10000.0 - 1.0
    };
    for len in [3usize, 16, 100, 768] {
        for _ in 0..200 {
            let row: Vec<f32> = (0..len).map(|_| next() * 3.0).collect();
            let query: Vec<f64> = (0..len).map(|_| f64::from(next())).collect();
            let mut q = vec![0i8; len];
            let scale = quantize(&row, &mut q);
            let q32: Vec<f32> = query.iter().map(|&x| x as f32).collect();
            let approx = f64::from(scale) * f64::from(approx_dot(&q32, &q));
            let exact = dot_portable(&query, &row);
            let l1: f64 = query.iter().map(|x| x.abs()).sum();
            assert!(
                (approx - exact).abs() <= error_bound(scale, l1, len),
                "len {len}: {approx} vs {exact}"
            );
        }
    }
}

#[test]
fn simd_and_portable_agree() {
    let query: Vec<f32> = (0..777).map(|i| (i as f32 * 0.37).sin()).collect();
    let q: Vec<i8> = (0..777)
        .map(|i| ((i * 31) % 255) - 127)
        .map(|x| x as i8)
        .collect();
    assert!((approx_dot(&query, &q) - approx_dot_portable(&query, &q)).abs() < 1e-2);
}

#[test]
fn simd_and_portable_quantize_alike() {
    for len in [1usize, 7, 8, 9, 768, 1001] {
        let mut row: Vec<f32> = (0..len)
            .map(|i| ((i * 7919) % 2001) as f32 / 1000.0 - 1.0)
            .collect();
        if len > 3 {
            row[2] = f32::NAN;
        }
        let (mut a, mut b) = (vec![0i8; len], vec![0i8; len]);
        assert_eq!(
            quantize(&row, &mut a),
            quantize_portable(&row, &mut b),
            "len {len}"
        );
        assert_eq!(a, b, "len {len}");
    }
}

#[test]
fn zero_and_nan_rows_quantize_to_zero() {
    let mut q = vec![1i8; 3];
    assert_eq!(quantize(&[0.0, 0.0, 0.0], &mut q), 0.0);
    assert_eq!(q, vec![0, 0, 0]);
    let scale = quantize(&[f32::NAN, 1.0, -1.0], &mut q);
    assert_eq!((scale, q[0]), (1.0 / 127.0, 0));
}
