//! Giving freed memory back between the stages of a large check.
//!
//! jemalloc keeps the pages of freed allocations for reuse and returns them
//! to the system only some seconds later, and only as it allocates again.
//! A stage of a large check frees big buffers (the per-file question lists
//! once the bank is assembled, the masked answer sets once templates are
//! found, the probe tuples once the index is cut from them) just before
//! the next stage allocates big buffers of other sizes, which cannot reuse
//! them: both would stay resident at once (300-500 MiB above what was in
//! use at the peak of a million questions). [`release`] hands them back at
//! those points; with the system allocator (MSVC builds) it does nothing.

/// Return the freed pages of every jemalloc arena to the system now. Costs
/// what unmapping those pages costs (nothing when there are none); call it
/// after a stage frees large buffers, not in a loop.
pub fn release() {
    #[cfg(not(target_env = "msvc"))]
    // SAFETY: `arena.<i>.purge` with `i` = MALLCTL_ARENAS_ALL (4096) takes
    // and returns no value, so every pointer is null and the length is 0;
    // the name is a NUL-terminated string that outlives the call. A failure
    // (jemalloc not initialised) leaves nothing to purge and is ignored.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arena.4096.purge".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}
