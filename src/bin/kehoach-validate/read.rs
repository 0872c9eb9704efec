//! Reading the registry file, its two halves at once on two cores.
//!
//! Reading a large file is mostly the kernel copying pages into memory that is new to the process, one page
//! fault at a time (about 40 ms for a 37 MB national year on the machine of docs/PERFORMANCE.md). Two threads
//! each fault and fill one half; the loader then reads the document on two threads as well.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::FileExt;

/// Files shorter than this are read on one thread.
const MIN_BYTES: u64 = 8 << 20;

/// The bytes of the file at `path`.
pub(crate) fn read(path: &str) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    let Some(len) = usize::try_from(len).ok().filter(|_| len >= MIN_BYTES && two_cores) else {
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        return Ok(bytes);
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
    // Whatever went wrong (no second thread, a file that shrank while it was read), reading it again the
    // simple way gives the bytes or the error to report.
    if halves.is_err() {
        return std::fs::read(path);
    }
    // A file that grew while it was read is read again whole, on one thread.
    let mut more = [0u8; 1];
    if file.read_at(&mut more, len as u64)? > 0 {
        return std::fs::read(path);
    }
    Ok(bytes)
}
