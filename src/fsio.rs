//! Reading and writing files that somebody else may have put there.
//!
//! - Files are opened with `O_NONBLOCK` and checked on the open descriptor
//!   (`fstat`), so a FIFO, a device or a socket is refused without a read
//!   that could block, and a file swapped between a check and the open
//!   cannot slip through.
//! - Reads stop at a hard byte limit. The size a file reports is not
//!   trusted (`/dev/zero` and a FIFO say 0, a file may grow while read).
//! - Temporary files get names no other process uses (`create_new`, which
//!   also refuses a planted symlink or FIFO) and are removed when a write
//!   fails; [`clean_stale_temporaries`] removes those a killed process left.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a file could not be read. The message does not name the file: the
/// caller does.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(std::io::Error),
    #[error("not a regular file ({0})")]
    NotAFile(&'static str),
    /// `size` in bytes when the file said it up front; `None` when the
    /// limit was reached while reading.
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge { size: Option<u64>, limit: u64 },
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    let mb = |b: u64| b / 1024 / 1024;
    match size {
        Some(size) => format!("too large ({} MB; the limit is {} MB)", mb(size), mb(limit)),
        None => format!("too large (more than {} MB, the limit)", mb(limit)),
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl ReadError {
    /// Whether the file is simply not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// What a file that is not a regular file is, in words.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// Open `path` without blocking and without taking it as a controlling
/// terminal; the caller checks what it is on the descriptor.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
}

/// Open `path` for reading if it is a regular file (after symlinks).
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let file = open_nonblocking(path).map_err(|e| match std::fs::metadata(path) {
        // A socket cannot be opened at all (ENXIO): say what it is.
        Ok(meta) if !meta.is_file() => ReadError::NotAFile(kind_of(meta.file_type())),
        _ => ReadError::Io(e),
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta.file_type())));
    }
    // O_NONBLOCK has no effect on a regular file's reads.
    Ok(file)
}

/// Read at most `limit` bytes from `reader`; more is an error.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_limited_sized(reader, limit, 0)
}

/// [`read_limited`], into room for `expected` bytes made up front: a file
/// read with the size it says is read in one go instead of in growing
/// pieces (each a system call, each growth a copy).
fn read_limited_sized(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, ReadError> {
    // One byte more than expected, so the end is seen without growing.
    let room = match expected {
        0 => 0,
        n => n.min(limit).saturating_add(1),
    };
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Read the regular file at `path`, at most `limit` bytes. A file that says
/// it is larger is refused before a byte is read.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ReadError::TooLarge {
            size: Some(size),
            limit,
        });
    }
    read_limited_sized(file, limit, size)
}

/// Read a file named on the command line, at most `limit` bytes: a regular
/// file, or a FIFO the user named (read to its end, as `cat` would).
/// Devices, sockets and folders are refused.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // A look before the open: opening a device may act on it, and a FIFO
    // is opened blocking (waiting for its writer, as `cat` does).
    let file_type = std::fs::metadata(path)?.file_type();
    if file_type.is_file() {
        return read_regular(path, limit);
    }
    if !file_type.is_fifo() {
        return Err(ReadError::NotAFile(kind_of(file_type)));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)?;
    // Checked again on the descriptor, in case the name was swapped.
    let file_type = file.metadata()?.file_type();
    if !file_type.is_fifo() {
        return Err(ReadError::NotAFile(kind_of(file_type)));
    }
    read_limited(file, limit)
}

/// Read standard input, at most `limit` bytes. A terminal, a pipe or a
/// regular file is read; another device (`< /dev/zero`) is refused.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    // A borrowed descriptor, so that its metadata can be read: File takes
    // ownership, so the duplicate is closed when it goes out of scope.
    let file = File::from(stdin.as_fd().try_clone_to_owned()?);
    let file_type = file.metadata()?.file_type();
    if (file_type.is_char_device() && !stdin.is_terminal())
        || file_type.is_block_device()
        || file_type.is_dir()
    {
        return Err(ReadError::NotAFile(kind_of(file_type)));
    }
    read_limited(stdin.lock(), limit)
}

/// The marker in the names of our temporary files: `.NAME.tmp-PID-N`.
const TMP_MARK: &str = ".tmp-";

/// A temporary name beside `path` that no other process (nor another
/// write of this one) uses: `.NAME.tmp-PID-N`.
pub fn temporary_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(
        ".{name}{TMP_MARK}{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Create a new file for writing at `path`: fails if anything is there
/// (a planted symlink or FIFO included).
pub fn create_new(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
        .open(path)
}

/// Open (creating it) the lock file at `path`. It must be a regular file:
/// a FIFO planted there would block a plain open for writing.
pub fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "{}: not a regular file ({})",
            path.display(),
            kind_of(meta.file_type())
        )));
    }
    Ok(file)
}

/// The process that wrote a temporary file named by [`temporary_beside`].
fn temporary_owner(name: &str) -> Option<u32> {
    let (_, tail) = name.rsplit_once(TMP_MARK)?;
    tail.split('-').next()?.parse().ok()
}

/// Whether process `pid` is running (it may be another program that got
/// the same number: then the file is kept, which is harmless).
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Remove the temporary files in `dir` whose name starts with `.PREFIX`
/// and whose writer is no longer running (killed during a write). Returns
/// how many were removed.
pub fn clean_stale_temporaries(dir: &Path, prefix: &str) -> usize {
    let Ok(read) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for item in read.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&format!(".{prefix}")) {
            continue;
        }
        let Some(pid) = temporary_owner(&name) else {
            continue;
        };
        if pid != std::process::id()
            && !alive(pid)
            && item.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(item.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo touches only the file system.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = read_regular(&fifo, 10).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a FIFO)");
        let e = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a character device)");
        let e = read_regular(dir.path(), 10).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a folder)");
        // An input named on the command line may be a device: it is refused;
        // a FIFO is read to its end, up to the limit.
        assert!(matches!(
            read_input(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile(_))
        ));
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, b"0123456789ABC"))
        };
        assert!(matches!(
            read_input(&fifo, 10),
            Err(ReadError::TooLarge { size: None, .. })
        ));
        let _ = writer.join();
    }

    #[test]
    fn the_limit_holds_whatever_the_file_says() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&path, 4),
            Err(ReadError::TooLarge { size: Some(5), .. })
        ));
        assert!(matches!(
            read_limited(std::io::repeat(0), 1000),
            Err(ReadError::TooLarge { size: None, .. })
        ));
    }

    #[test]
    fn temporaries_are_unique_and_stale_ones_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let (a, b) = (temporary_beside(&target), temporary_beside(&target));
        assert_ne!(a, b);
        create_new(&a).unwrap();
        assert!(create_new(&a).is_err(), "never opens what is there");
        // One left by a process that is gone (pid 0x7ffffffe is never used).
        let dead = dir.path().join(".state.json.tmp-2147483646-0");
        std::fs::write(&dead, b"x").unwrap();
        let other = dir.path().join(".other.tmp-2147483646-0");
        std::fs::write(&other, b"x").unwrap();
        assert_eq!(clean_stale_temporaries(dir.path(), "state.json"), 1);
        assert!(!dead.exists() && a.exists() && other.exists());
    }
}
