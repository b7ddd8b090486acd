//! Tests of the vector index: ordering, ties, liveness, bad input, and both scan strategies
//! against a plain exact scan.

use super::*;

fn index_with(vectors: &[[f32; 3]]) -> Index {
    let mut index = Index::default();
    let owners: Vec<u32> = (0..vectors.len() as u32).collect();
    let flat: Vec<f32> = vectors.iter().flatten().copied().collect();
    index
        .upsert(&owners, &vec![0; owners.len()], &flat, 3)
        .unwrap();
    index
        .set_live(&owners, &vec![0; owners.len()], &vec![1; owners.len()])
        .unwrap();
    index
}

/// Seeded xorshift values in [-1, 1), three decimals: the same sequence for a seed on every run.
fn unit_values(seed: u64) -> impl FnMut() -> f32 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 2000) as f32 / 1000.0 - 1.0
    }
}

#[test]
fn returns_best_first_and_ties_in_insertion_order() {
    let mut index = index_with(&[
        [1.0, 0.0, 0.0],
        [0.0, 1.0, 0.0],
        [1.0, 0.0, 0.0],
        [0.5, 0.5, 0.0],
    ]);
    let hits = index
        .search(&[1.0, 0.0, 0.0], Candidates::Namespaces(None), 3)
        .unwrap();
    let owners: Vec<u32> = hits.iter().map(|h| h.owner).collect();
    assert_eq!(owners, vec![0, 2, 3]);
    assert!((hits[2].score - 0.5f64.sqrt()).abs() < 1e-7);
}

#[test]
fn an_item_with_several_rows_appears_once_with_its_best_score() {
    let mut index = index_with(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]);
    index.upsert(&[1], &[7], &[1.0, 0.1, 0.0], 3).unwrap();
    let hits = index
        .search(&[1.0, 0.0, 0.0], Candidates::Namespaces(None), 5)
        .unwrap();
    assert_eq!(hits.iter().map(|h| h.owner).collect::<Vec<_>>(), vec![0, 1]);
}

#[test]
fn deleted_items_and_other_namespaces_are_skipped() {
    let mut index = index_with(&[[1.0, 0.0, 0.0], [0.9, 0.1, 0.0], [0.8, 0.2, 0.0]]);
    index.set_live(&[0, 2], &[0, 1], &[0, 1]).unwrap();
    let hits = index
        .search(&[1.0, 0.0, 0.0], Candidates::Namespaces(Some(&[1, 0])), 5)
        .unwrap();
    assert_eq!(hits.iter().map(|h| h.owner).collect::<Vec<_>>(), vec![1]);
    let hits = index
        .search(&[1.0, 0.0, 0.0], Candidates::Owners(&[2, 0]), 5)
        .unwrap();
    assert_eq!(hits.iter().map(|h| h.owner).collect::<Vec<_>>(), vec![2]);
}

#[test]
fn bad_vectors_are_errors_and_change_nothing() {
    let mut index = index_with(&[[1.0, 0.0, 0.0]]);
    assert!(index.upsert(&[1], &[0], &[1.0, 2.0], 2).is_err());
    assert!(index
        .upsert(&[1], &[0], &[1.0, f32::INFINITY, 0.0], 3)
        .is_err());
    assert!(index
        .search(&[1.0, 0.0], Candidates::Namespaces(None), 1)
        .is_err());
    assert!(index
        .search(
            &[f64::NEG_INFINITY, 0.0, 0.0],
            Candidates::Namespaces(None),
            1
        )
        .is_err());
    assert_eq!(index.rows(), 1);
}

#[test]
fn nan_vectors_score_zero_like_the_host() {
    let mut index = index_with(&[[0.0, -1.0, 0.0], [f32::NAN, 1.0, 0.0]]);
    let hits = index
        .search(&[0.0, 1.0, 0.0], Candidates::Namespaces(None), 2)
        .unwrap();
    assert_eq!(
        hits.iter().map(|h| (h.owner, h.score)).collect::<Vec<_>>(),
        vec![(1, 0.0), (0, -1.0)]
    );
    index.set_live(&[1], &[0], &[0]).unwrap();
    let hits = index
        .search(&[f64::NAN, 1.0, 0.0], Candidates::Namespaces(None), 2)
        .unwrap();
    assert_eq!(hits.iter().map(|h| h.score).collect::<Vec<_>>(), vec![0.0]);
}

#[test]
fn two_phase_scan_equals_the_exact_one_on_clustered_data_with_ties() {
    let dims = 96;
    let n = TWO_PHASE_FLOATS / dims + 500;
    let mut next = unit_values(11);
    let centre: Vec<f32> = (0..dims).map(|_| next()).collect();
    // Near-duplicates of one centre (scores within the int8 error), exact copies (ties),
    // zero rows, and a second field per item for a third of them.
    let mut flat = Vec::with_capacity(n * dims);
    for i in 0..n {
        for &c in &centre {
            flat.push(match i % 7 {
                0 => c,
                1 => 0.0,
                _ => c + next() * 0.01,
            });
        }
    }
    let owners: Vec<u32> = (0..n as u32).collect();
    let mut index = Index::default();
    index.upsert(&owners, &vec![0; n], &flat, dims).unwrap();
    let extra: Vec<u32> = (0..n as u32).step_by(3).collect();
    let mut extra_rows = Vec::with_capacity(extra.len() * dims);
    for _ in 0..extra.len() * dims {
        extra_rows.push(next());
    }
    index
        .upsert(&extra, &vec![1; extra.len()], &extra_rows, dims)
        .unwrap();
    index
        .set_live(
            &owners,
            &owners.iter().map(|o| o % 3).collect::<Vec<_>>(),
            &vec![1; n],
        )
        .unwrap();
    let query: Vec<f64> = centre
        .iter()
        .map(|&c| f64::from(c) + f64::from(next()) * 0.001)
        .collect();
    for (k, flags) in [
        (10, None),
        (37, Some(&[1u8, 0, 1][..])),
        (1, Some(&[0u8, 1, 0][..])),
    ] {
        let fast = index
            .search(&query, Candidates::Namespaces(flags), k)
            .unwrap();
        let rows: Vec<u32> = (0..index.rows() as u32)
            .filter(|&r| {
                namespace_allowed(
                    flags,
                    index.owners[index.row_owner[r as usize] as usize].namespace,
                )
            })
            .collect();
        let mut exact: Vec<Hit> = index
            .score_rows(&rows, usize::MAX, &query, norm_f64(&query))
            .into_iter()
            .flatten()
            .collect();
        exact.sort_unstable();
        let mut seen = std::collections::HashSet::new();
        exact.retain(|h| seen.len() < k && seen.insert(h.owner));
        assert_eq!(
            fast.iter().map(|h| (h.owner, h.score)).collect::<Vec<_>>(),
            exact.iter().map(|h| (h.owner, h.score)).collect::<Vec<_>>()
        );
    }
    // A large filtered candidate list goes through the same first pass.
    let chosen: Vec<u32> = owners.iter().copied().filter(|o| o % 5 != 2).collect();
    let fast = index
        .search(&query, Candidates::Owners(&chosen), 25)
        .unwrap();
    let rows: Vec<u32> = chosen
        .iter()
        .flat_map(|&o| index.owners[o as usize].rows.clone())
        .collect();
    let mut exact: Vec<Hit> = index
        .score_rows(&rows, usize::MAX, &query, norm_f64(&query))
        .into_iter()
        .flatten()
        .collect();
    exact.sort_unstable();
    let mut seen = std::collections::HashSet::new();
    exact.retain(|h| seen.len() < 25 && seen.insert(h.owner));
    assert_eq!(
        fast.iter().map(|h| h.owner).collect::<Vec<_>>(),
        exact.iter().map(|h| h.owner).collect::<Vec<_>>()
    );
}

#[test]
fn parallel_scan_agrees_with_a_sequential_one() {
    let dims = 64;
    let n = PARALLEL_FLOATS / dims + 1000;
    let mut next = unit_values(7);
    let flat: Vec<f32> = (0..n * dims).map(|_| next()).collect();
    let owners: Vec<u32> = (0..n as u32).collect();
    let mut index = Index::default();
    index.upsert(&owners, &vec![0; n], &flat, dims).unwrap();
    index.set_live(&owners, &vec![0; n], &vec![1; n]).unwrap();
    let query: Vec<f64> = (0..dims).map(|_| f64::from(next())).collect();
    let fast = index
        .search(&query, Candidates::Namespaces(None), 10)
        .unwrap();
    let mut all: Vec<(f64, u32)> = (0..n)
        .map(|r| {
            (
                cosine(dot(&query, index.row(r)), norm_f64(&query), index.norms[r]),
                r as u32,
            )
        })
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(
        fast.iter().map(|h| h.owner).collect::<Vec<_>>(),
        all[..10].iter().map(|a| a.1).collect::<Vec<_>>()
    );
}

#[test]
#[ignore = "timing probe: cargo test --release -- --ignored --nocapture"]
fn upsert_timing_probe() {
    let dims = 768;
    let row: Vec<f32> = (0..dims).map(|i| (i as f32 * 0.01).sin()).collect();
    let mut index = Index::default();
    index.upsert(&[0], &[0], &row, dims).unwrap();
    let start = std::time::Instant::now();
    for _ in 0..100_000 {
        index.upsert(&[0], &[0], &row, dims).unwrap();
    }
    eprintln!("upsert: {:?} per call", start.elapsed() / 100_000);
    let mut q = vec![0i8; dims];
    let start = std::time::Instant::now();
    for _ in 0..100_000 {
        std::hint::black_box(quantize(std::hint::black_box(&row), &mut q));
    }
    eprintln!("quantize: {:?} per call", start.elapsed() / 100_000);
    let start = std::time::Instant::now();
    for _ in 0..100_000 {
        std::hint::black_box(norm_f32(std::hint::black_box(&row)));
    }
    eprintln!("norm: {:?} per call", start.elapsed() / 100_000);
}

#[test]
fn the_int8_copy_follows_rows_rewritten_and_added_after_a_search() {
    let dims = 64;
    let n = TWO_PHASE_FLOATS / dims + 300;
    let mut next = unit_values(5);
    let flat: Vec<f32> = (0..n * dims).map(|_| next()).collect();
    let owners: Vec<u32> = (0..n as u32).collect();
    let mut index = Index::default();
    index.upsert(&owners, &vec![0; n], &flat, dims).unwrap();
    index.set_live(&owners, &vec![0; n], &vec![1; n]).unwrap();
    let query: Vec<f64> = (0..dims).map(|_| f64::from(next())).collect();
    let exact_top = |index: &Index, k: usize| {
        let mut all: Vec<(f64, u32)> = (0..index.rows())
            .filter(|&r| index.owners[index.row_owner[r] as usize].live)
            .map(|r| {
                (
                    cosine(dot(&query, index.row(r)), norm_f64(&query), index.norms[r]),
                    index.row_owner[r],
                )
            })
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        all.truncate(k);
        all.into_iter().map(|(_, owner)| owner).collect::<Vec<_>>()
    };
    let top = |index: &mut Index| {
        index
            .search(&query, Candidates::Namespaces(None), 10)
            .unwrap()
            .iter()
            .map(|h| h.owner)
            .collect::<Vec<_>>()
    };
    assert_eq!(top(&mut index), exact_top(&index, 10));
    // Rewrite a few rows to the query itself (they must now win), and add a few new ones.
    let as_query: Vec<f32> = query.iter().map(|&x| x as f32).collect();
    let rewritten = [3u32, 999, (n - 1) as u32];
    index
        .upsert(&rewritten, &[0, 0, 0], &as_query.repeat(3), dims)
        .unwrap();
    let added: Vec<u32> = (n as u32..n as u32 + 50).collect();
    let added_rows: Vec<f32> = (0..50 * dims).map(|_| next()).collect();
    index.upsert(&added, &[0; 50], &added_rows, dims).unwrap();
    index.set_live(&added, &[0; 50], &[1; 50]).unwrap();
    let found = top(&mut index);
    assert_eq!(&found[..3], &rewritten[..]);
    assert_eq!(found, exact_top(&index, 10));
    // More rewrites than quantised rows start the copy over; results stay exact.
    for round in 0..3 {
        let rows: Vec<f32> = (0..n * dims).map(|_| next()).collect();
        index.upsert(&owners, &vec![0; n], &rows, dims).unwrap();
        assert!(round == 0 || index.stale.len() <= index.scales.len());
    }
    assert_eq!(top(&mut index), exact_top(&index, 10));
}

#[test]
fn exact_only_scans_give_the_two_phase_results_and_drop_the_int8_copy() {
    let dims = 64;
    let n = TWO_PHASE_FLOATS / dims + 700;
    let mut next = unit_values(5);
    let flat: Vec<f32> = (0..n * dims).map(|_| next()).collect();
    let owners: Vec<u32> = (0..n as u32).collect();
    let mut index = Index::default();
    index.upsert(&owners, &vec![0; n], &flat, dims).unwrap();
    index
        .set_live(
            &owners,
            &owners.iter().map(|o| o % 2).collect::<Vec<_>>(),
            &vec![1; n],
        )
        .unwrap();
    let query: Vec<f64> = (0..dims).map(|_| f64::from(next())).collect();
    let ranked = |hits: Vec<Hit>| hits.iter().map(|h| (h.owner, h.score)).collect::<Vec<_>>();
    let two_phase = ranked(
        index
            .search(&query, Candidates::Namespaces(Some(&[0, 1])), 20)
            .unwrap(),
    );
    assert!(index.quant.rows() == n && index.last_scan_bytes() < (n * dims * 4) as u64);
    index.set_exact_only(true);
    assert_eq!(index.quant.rows(), 0);
    let exact = ranked(
        index
            .search(&query, Candidates::Namespaces(Some(&[0, 1])), 20)
            .unwrap(),
    );
    assert_eq!(exact, two_phase);
    assert_eq!(
        index.quant.rows(),
        0,
        "an exact-only search builds no int8 copy"
    );
    index.set_exact_only(false);
    assert_eq!(
        ranked(
            index
                .search(&query, Candidates::Namespaces(Some(&[0, 1])), 20)
                .unwrap()
        ),
        two_phase
    );
    assert_eq!(index.quant.rows(), n);
}

#[test]
fn a_row_given_as_f64_is_stored_as_its_f32_rounding() {
    let mut index = Index::default();
    let row = [0.1f64, -1e-40, 3.5, 1e39];
    assert!(
        index
            .upsert_row_f64(0, 0, &row)
            .unwrap_err()
            .contains("infinite"),
        "beyond f32 range is an infinity"
    );
    let row = [0.1f64, -1e-40, 3.5, 2.0];
    index.upsert_row_f64(0, 0, &row).unwrap();
    index.upsert_row_f64(1, 0, &[1.0, 0.0, 0.0, 0.0]).unwrap();
    assert_eq!(
        index.vectors_of(0),
        vec![row.iter().map(|&x| x as f32).collect::<Vec<_>>()]
    );
    assert!(index.upsert_row_f64(2, 0, &[1.0, 0.0]).is_err());
    assert_eq!(index.rows(), 2);
}
