//! Reading the registry file: mapped into memory where the system allows it, else read on two cores.
//!
//! Reading a large file is mostly the kernel copying pages into memory that is new to the process, one page
//! fault at a time (about 40 ms for a 37 MB national year on the machine of docs/PERFORMANCE.md). Mapping the
//! file instead lets the loader read the system's cached pages where they lie: no copy, no fresh memory, and
//! the faults that remain are spread over the loader's two threads. On the short-string national year that
//! took the whole run from 0.67x to 0.62x of the bare parse with two cores, and from 1.09x to 0.99x on one.
//!
//! A mapped file must hold still while it is read: a file truncated meanwhile stops the program with `SIGBUS`,
//! and one rewritten meanwhile may be read half old, half new (SECURITY.md). `KEHOACH_NO_MMAP=1` reads the file
//! instead, for a file that may change under the program, or a file system where mapping is slow. Where
//! mapping is not available (not Unix, not a regular file, an empty file, a refusal), the file is read: its two
//! halves at once on two cores (positioned reads, `pread`, are a Unix API in `std`), else the simple way.

use std::io;
use std::ops::Deref;

/// The bytes of a file: mapped, or read into memory.
pub(crate) enum Bytes {
    #[cfg(unix)]
    Mapped(map::Map),
    Read(Vec<u8>),
}

/// Files from this size on are left to the end of the process once loaded (`Bytes::kept_to_exit`).
const KEPT_FROM: usize = 4 << 20;

impl Bytes {
    /// `self` when it is worth leaving for the exit to reclaim, else `None`, having let it go.
    ///
    /// A loaded registry holds none of the file's bytes. A small file is a large share of a small run's memory
    /// (356 of 3,700 KB at 1/100 of a national year, where the report and the rules' code come in after the load)
    /// and letting it go costs microseconds. A large one is left to the exit, which reclaims a process's memory
    /// at once: unmapping the 271 MB of ten national years in the process cost 0.2 s more CPU time.
    pub(crate) fn kept_to_exit(self) -> Option<Bytes> {
        (self.len() >= KEPT_FROM).then_some(self)
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            #[cfg(unix)]
            Bytes::Mapped(m) => m,
            Bytes::Read(v) => v,
        }
    }
}

/// The bytes of the file at `path`: the file is opened and its length read once, whichever way it is then
/// taken in.
pub(crate) fn read(path: &str) -> io::Result<Bytes> {
    let mut file = std::fs::File::open(path)?;
    #[cfg(unix)]
    {
        let meta = file.metadata()?;
        if let Ok(len) = usize::try_from(meta.len()) {
            let mapping = std::env::var_os("KEHOACH_NO_MMAP").is_none_or(|v| v.is_empty());
            if mapping && meta.is_file() && len > 0 {
                if let Some(mapped) = map::Map::file(&file, len) {
                    return Ok(Bytes::Mapped(mapped));
                }
            }
            if let Some(bytes) = halves::read(&file, len) {
                return Ok(Bytes::Read(bytes));
            }
        }
    }
    // `File::read_to_end` reserves the file's length itself, refusing with an error what memory cannot hold.
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(Bytes::Read(bytes))
}

#[cfg(unix)]
mod map {
    use std::fs::File;
    use std::os::fd::AsRawFd;
    use std::ptr::NonNull;

    /// A regular file mapped read-only into memory, unmapped when dropped.
    pub(crate) struct Map {
        start: NonNull<u8>,
        len: usize,
    }

    impl Map {
        /// The first `len` bytes of `file` (a regular file of that length), mapped; `None` when the system
        /// refuses to map it (the caller then reads it, which gives the bytes or the error to report).
        pub(crate) fn file(file: &File, len: usize) -> Option<Map> {
            // SAFETY: a new private read-only mapping of `len` bytes of an open file, at an address the system
            // chooses; nothing else in the process refers to that memory. The descriptor may close afterwards.
            #[allow(unsafe_code)]
            let at = unsafe {
                libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, file.as_raw_fd(), 0)
            };
            if at == libc::MAP_FAILED {
                return None;
            }
            NonNull::new(at.cast::<u8>()).map(|start| Map { start, len })
        }
    }

    impl std::ops::Deref for Map {
        type Target = [u8];
        fn deref(&self) -> &[u8] {
            // SAFETY: `start..start + len` is mapped readable for as long as `self` lives (it is unmapped only
            // in `drop`), and the process never writes to it. That the file holds still while it is mapped is
            // the contract this module's documentation and SECURITY.md state.
            #[allow(unsafe_code)]
            unsafe {
                std::slice::from_raw_parts(self.start.as_ptr(), self.len)
            }
        }
    }

    impl Drop for Map {
        fn drop(&mut self) {
            // SAFETY: unmaps exactly the mapping `file` made; no slice of it outlives `self`.
            #[allow(unsafe_code)]
            unsafe {
                libc::munmap(self.start.as_ptr().cast(), self.len);
            }
        }
    }
}

#[cfg(unix)]
mod halves {
    use std::fs::File;
    use std::io;
    use std::os::unix::fs::FileExt;

    /// Files shorter than this are read on one thread.
    const MIN_BYTES: u64 = 8 << 20;

    /// The `len` bytes of `file`, read in two halves at once; `None` when the file is small, the process may run
    /// one thread only, or anything went wrong (no second thread, a file that shrank or grew while it was read):
    /// the caller then reads it the simple way, which gives the bytes or the error to report.
    pub(super) fn read(file: &File, len: usize) -> Option<Vec<u8>> {
        let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
        if (len as u64) < MIN_BYTES || !two_cores {
            return None;
        }
        let mut bytes = vec![0u8; len];
        let (first, second) = bytes.split_at_mut(len / 2);
        let halves = std::thread::scope(|s| -> io::Result<()> {
            let half = (len / 2) as u64;
            let second = std::thread::Builder::new().spawn_scoped(s, move || file.read_exact_at(second, half))?;
            let first = file.read_exact_at(first, 0);
            second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            first
        });
        let mut more = [0u8; 1];
        let grew = file.read_at(&mut more, len as u64).map_or(true, |n| n > 0);
        (halves.is_ok() && !grew).then_some(bytes)
    }
}
