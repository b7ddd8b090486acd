use super::*;

#[test]
fn rows_cross_block_boundaries_intact() {
    let dims = 3;
    let mut rows = RowBlocks::<f32>::new(dims);
    let n = BLOCK_ROWS * 2 + 7;
    for r in 0..n {
        rows.push(&[r as f32, r as f32 + 0.5, -(r as f32)]);
    }
    assert_eq!(rows.rows(), n);
    assert_eq!(rows.blocks().len(), 3);
    for r in 0..n {
        assert_eq!(rows.row(r), &[r as f32, r as f32 + 0.5, -(r as f32)]);
    }
    rows.row_mut(BLOCK_ROWS).copy_from_slice(&[9.0, 9.0, 9.0]);
    assert_eq!(rows.row(BLOCK_ROWS), &[9.0, 9.0, 9.0]);
    assert_eq!(rows.row(BLOCK_ROWS - 1)[0], (BLOCK_ROWS - 1) as f32);
    // Full blocks are allocated at their final size: no slack beyond the last block.
    for block in &rows.blocks()[..2] {
        assert_eq!(block.capacity(), BLOCK_ROWS * dims);
    }
}

#[test]
fn grow_to_fills_with_default_and_keeps_rows() {
    let mut rows = RowBlocks::<i8>::new(2);
    rows.push(&[1, 2]);
    rows.grow_to(BLOCK_ROWS + 3);
    assert_eq!(rows.rows(), BLOCK_ROWS + 3);
    assert_eq!(rows.row(0), &[1, 2]);
    assert_eq!(rows.row(BLOCK_ROWS + 2), &[0, 0]);
    rows.grow_to(2);
    assert_eq!(rows.rows(), BLOCK_ROWS + 3);
    rows.clear();
    assert_eq!(rows.rows(), 0);
    rows.push(&[5, 6]);
    assert_eq!(rows.row(0), &[5, 6]);
}

#[test]
fn a_small_index_allocates_little() {
    let mut rows = RowBlocks::<f32>::new(768);
    rows.push(&[0.0; 768]);
    assert!(
        rows.byte_size() < 768 * 4 * 32,
        "{} bytes for one row",
        rows.byte_size()
    );
}
