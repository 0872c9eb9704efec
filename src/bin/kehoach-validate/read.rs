//! Reading the registry file, its two halves at once on two cores.
//!
//! Reading a large file is mostly the kernel copying pages into memory that is new to the process, one page
//! fault at a time (about 40 ms for a 37 MB national year on the machine of docs/PERFORMANCE.md). Two threads
//! each fault and fill one half; the loader then reads the document on two threads as well. Positioned reads
//! (`pread`) are a Unix API in `std`; elsewhere the file is read on one thread.

use std::io;

/// The bytes of the file at `path`.
pub(crate) fn read(path: &str) -> io::Result<Vec<u8>> {
    #[cfg(unix)]
    if let Some(bytes) = halves::read(path)? {
        return Ok(bytes);
    }
    std::fs::read(path)
}

#[cfg(unix)]
mod halves {
    use std::fs::File;
    use std::io;
    use std::os::unix::fs::FileExt;

    /// Files shorter than this are read on one thread.
    const MIN_BYTES: u64 = 8 << 20;

    /// The bytes of the file at `path`, read in two halves at once; `None` when the file is small, the process
    /// may run one thread only, or anything went wrong (no second thread, a file that shrank or grew while it
    /// was read): the caller then reads it the simple way, which gives the bytes or the error to report.
    pub(super) fn read(path: &str) -> io::Result<Option<Vec<u8>>> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
        let Some(len) = usize::try_from(len).ok().filter(|_| len >= MIN_BYTES && two_cores) else {
            return Ok(None);
        };
        let mut bytes = vec![0u8; len];
        let (first, second) = bytes.split_at_mut(len / 2);
        let file = &file;
        let halves = std::thread::scope(|s| -> io::Result<()> {
            let half = (len / 2) as u64;
            let second = std::thread::Builder::new().spawn_scoped(s, move || file.read_exact_at(second, half))?;
            let first = file.read_exact_at(first, 0);
            second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            first
        });
        let mut more = [0u8; 1];
        let grew = file.read_at(&mut more, len as u64).map_or(true, |n| n > 0);
        Ok((halves.is_ok() && !grew).then_some(bytes))
    }
}
