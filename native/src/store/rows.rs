//! Fixed-width rows kept in blocks of `BLOCK_ROWS` rows that never move once allocated.
//!
//! One growing `Vec` of every row doubles by reallocation: each put past a power of two copies
//! all rows, and the allocator keeps the freed huge blocks for reuse, so at 10k rows of 768
//! floats the process grew ~86 MB for 30 MB of rows (and a put averaged 7-14 us). Blocks are
//! allocated at their final size (only the first one grows, so a small index stays small), from
//! the system allocator: blocks of this size are mmap'd pages there (resident only once written,
//! returned to the OS when freed), where mimalloc's arena held 7-12% more resident memory.

use std::alloc::{handle_alloc_error, GlobalAlloc, Layout, System};
use std::ptr::NonNull;

/// Rows per block: also the parallel work item of a scan, so a work item never spans two blocks.
pub const BLOCK_ROWS: usize = 512;

/// A fixed-capacity buffer of `Copy` values from the system allocator (grown only by `reserve`).
pub struct Block<T: Copy> {
    ptr: NonNull<T>,
    len: usize,
    capacity: usize,
}

// SAFETY: a Block owns its buffer exclusively, like a Vec<T>.
unsafe impl<T: Copy + Send> Send for Block<T> {}
unsafe impl<T: Copy + Sync> Sync for Block<T> {}

impl<T: Copy> Block<T> {
    fn layout(capacity: usize) -> Layout {
        Layout::array::<T>(capacity).expect("block size overflows")
    }

    fn with_capacity(capacity: usize) -> Self {
        assert!(capacity > 0 && std::mem::size_of::<T>() > 0);
        let layout = Self::layout(capacity);
        // SAFETY: the layout has a non-zero size (checked above).
        let ptr = unsafe { System.alloc(layout) } as *mut T;
        let ptr = NonNull::new(ptr).unwrap_or_else(|| handle_alloc_error(layout));
        Block {
            ptr,
            len: 0,
            capacity,
        }
    }

    /// Grows the capacity to `capacity` (the system's realloc remaps large blocks without a copy).
    fn reserve_total(&mut self, capacity: usize) {
        if capacity <= self.capacity {
            return;
        }
        let new_size = Self::layout(capacity).size();
        // SAFETY: ptr was allocated by System with layout(self.capacity); new_size is non-zero.
        let ptr = unsafe {
            System.realloc(
                self.ptr.as_ptr() as *mut u8,
                Self::layout(self.capacity),
                new_size,
            )
        } as *mut T;
        self.ptr = NonNull::new(ptr).unwrap_or_else(|| handle_alloc_error(Self::layout(capacity)));
        self.capacity = capacity;
    }

    fn extend_from_slice(&mut self, values: &[T]) {
        assert!(self.len + values.len() <= self.capacity);
        // SAFETY: in bounds (checked above); `values` cannot overlap a buffer we own exclusively.
        unsafe {
            std::ptr::copy_nonoverlapping(
                values.as_ptr(),
                self.ptr.as_ptr().add(self.len),
                values.len(),
            )
        };
        self.len += values.len();
    }

    fn extend_with(&mut self, count: usize, value: T) {
        assert!(self.len + count <= self.capacity);
        for i in 0..count {
            // SAFETY: in bounds (checked above).
            unsafe { self.ptr.as_ptr().add(self.len + i).write(value) };
        }
        self.len += count;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn as_slice(&self) -> &[T] {
        // SAFETY: the first `len` values are initialised.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: the first `len` values are initialised, and `&mut self` makes this borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> Drop for Block<T> {
    fn drop(&mut self) {
        // SAFETY: allocated by System with this layout.
        unsafe { System.dealloc(self.ptr.as_ptr() as *mut u8, Self::layout(self.capacity)) };
    }
}

#[derive(Default)]
pub struct RowBlocks<T: Copy> {
    dims: usize,
    rows: usize,
    blocks: Vec<Block<T>>,
}

impl<T: Copy + Default> RowBlocks<T> {
    pub fn new(dims: usize) -> Self {
        RowBlocks {
            dims,
            rows: 0,
            blocks: Vec::new(),
        }
    }

    #[cfg(test)]
    pub fn rows(&self) -> usize {
        self.rows
    }

    #[inline]
    pub fn row(&self, row: usize) -> &[T] {
        let at = (row % BLOCK_ROWS) * self.dims;
        &self.blocks[row / BLOCK_ROWS].as_slice()[at..at + self.dims]
    }

    #[inline]
    pub fn row_mut(&mut self, row: usize) -> &mut [T] {
        let at = (row % BLOCK_ROWS) * self.dims;
        &mut self.blocks[row / BLOCK_ROWS].as_mut_slice()[at..at + self.dims]
    }

    /// Appends one row (`values.len()` must be `dims`).
    pub fn push(&mut self, values: &[T]) {
        debug_assert_eq!(values.len(), self.dims);
        self.make_room();
        self.blocks
            .last_mut()
            .expect("make_room leaves a block")
            .extend_from_slice(values);
        self.rows += 1;
    }

    /// Grows to `rows` rows, the new ones filled with `T::default()`.
    pub fn grow_to(&mut self, rows: usize) {
        while self.rows < rows {
            self.make_room();
            let block = self.blocks.last_mut().expect("make_room leaves a block");
            let take = (BLOCK_ROWS - block.len() / self.dims).min(rows - self.rows);
            block.reserve_total(block.len() + take * self.dims);
            block.extend_with(take * self.dims, T::default());
            self.rows += take;
        }
    }

    /// Drops every row and block.
    pub fn clear(&mut self) {
        self.blocks = Vec::new();
        self.rows = 0;
    }

    #[cfg(test)]
    /// The blocks, each holding `BLOCK_ROWS` rows (the last one possibly fewer), in row order.
    pub fn blocks(&self) -> &[Block<T>] {
        &self.blocks
    }

    pub fn blocks_mut(&mut self) -> &mut [Block<T>] {
        &mut self.blocks
    }

    /// Bytes allocated for rows (capacity, not length).
    pub fn byte_size(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.capacity() * std::mem::size_of::<T>())
            .sum::<usize>()
            + self.blocks.capacity() * std::mem::size_of::<Block<T>>()
    }

    /// Ensures the last block can take one more row: a full block is followed by a new one of
    /// the final size; the first block alone doubles, up to that size.
    fn make_room(&mut self) {
        let full = BLOCK_ROWS * self.dims;
        match self.blocks.last_mut() {
            Some(block) if block.len() < full => {
                if block.len() == block.capacity() {
                    let target = (block.capacity() * 2).clamp(self.dims, full);
                    block.reserve_total(target);
                }
            }
            _ => {
                let capacity = if self.blocks.is_empty() {
                    self.dims * 16
                } else {
                    full
                };
                self.blocks.push(Block::with_capacity(capacity.min(full)));
            }
        }
    }
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
