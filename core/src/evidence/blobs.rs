//! The file store under `evidence/`: every file is kept once, named by the SHA-256 of its bytes
//! (`ab/abcdef…`, sharded by the first two hex digits so no folder grows to thousands of
//! entries). Files arrive through a temporary file and a rename, so a crash or a full disk never
//! leaves a half-written file under a hash name.
//!
//! Crash safety, in the order that makes it hold: a file is written to a temporary name,
//! fsynced, renamed under its hash and its folder fsynced *before* the database row that refers
//! to it commits (the callers in `evidence` store first, insert second); a stored file is
//! deleted only after the rows that referred to it are gone (`backup::check::prune_orphans`).
//! A crash in between leaves at worst a file nothing refers to, which the check lists.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A file as it now sits in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub sha256: String,
    pub size: u64,
}

/// Whether `s` is a SHA-256 as the store writes it (64 lower-case hex digits). Anything else
/// read from the database is refused before it becomes part of a path.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where the blob with this hash lives; None for a string that is not a hash.
pub fn blob_path(dir: &Path, sha256: &str) -> Option<PathBuf> {
    is_sha256(sha256).then(|| dir.join(&sha256[..2]).join(sha256))
}

/// The blob's name relative to the store ("ab/abcdef…"), for messages.
pub fn short_name(sha256: &str) -> String {
    match sha256.get(..2) {
        Some(shard) if is_sha256(sha256) => format!("{shard}/{}…", &sha256[..12]),
        _ => sha256.to_string(),
    }
}

/// A writer that hashes and counts what passes through it.
pub(crate) struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    written: u64,
}

impl<W: Write> HashingWriter<W> {
    pub(crate) fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
            written: 0,
        }
    }

    /// The lower-case hex SHA-256 and the byte count of everything written.
    pub(crate) fn finish(self) -> (W, String, u64) {
        let hash = format!("{:x}", self.hasher.finalize());
        (self.inner, hash, self.written)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The SHA-256 and size of a file on disk.
pub fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    let mut file = File::open(path)?;
    let mut sink = HashingWriter::new(io::sink());
    io::copy(&mut file, &mut sink)?;
    let (_, hash, size) = sink.finish();
    Ok((hash, size))
}

/// A file being written under a temporary name; removed when dropped unless kept, so an error
/// half-way leaves nothing behind.
pub(crate) struct TempFile {
    path: PathBuf,
    kept: bool,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Whether a file name is one `TempFile` makes (`.<prefix>-….tmp`): what a crash leaves behind.
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.len() > 5
}

/// Makes a rename or a new file in `dir` durable (the file's own fsync does not cover its name).
/// Windows has no such call for folders (NTFS journals names itself), so there it does nothing.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Copies `from` (read from `from_path`) into `to` (written to `to_path`), naming the right file
/// when one of them fails: a full disk is the target's fault, not the source's.
pub(crate) fn copy_between<R: Read, W: Write>(
    from: &mut R,
    from_path: &Path,
    to: &mut W,
    to_path: &Path,
) -> Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(from_path, e)),
        };
        to.write_all(&buf[..n]).map_err(|e| Error::io(to_path, e))?;
        total += n as u64;
    }
}

impl TempFile {
    /// Creates a new, empty file in `dir` whose name starts with `.` and `prefix` and ends in
    /// `.tmp`, never reusing an existing name.
    pub(crate) fn create(dir: &Path, prefix: &str) -> Result<(TempFile, File)> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let mut last_error = None;
        for _ in 0..16 {
            let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{prefix}-{}-{stamp}-{n}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => return Ok((TempFile { path, kept: false }, file)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::io(
            dir,
            last_error.unwrap_or_else(|| io::Error::other("không tạo được tệp tạm")),
        ))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the finished file to `target` (replacing what is there) and keeps it. A target
    /// another program holds open is left as it was (see `files::replace`).
    pub(crate) fn persist(mut self, target: &Path) -> Result<()> {
        // `replace` removes the temporary file itself when it fails.
        self.kept = true;
        crate::files::replace(&self.path, target)
    }

    /// `persist`, then makes the new name durable too: for files that a database row will
    /// point at once this returns.
    pub(crate) fn persist_durably(self, target: &Path) -> Result<()> {
        self.persist(target)?;
        if let Some(dir) = target.parent() {
            sync_dir(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            // Best effort: the file may never have been written, and there is nobody to tell.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Copies `source` into the store and returns its hash. The same bytes stored twice end up in
/// one file; a stored copy that was damaged on disk is replaced by the good bytes. When this
/// returns, the file is on disk under its hash name for good (fsynced, its folder too), so the
/// caller may commit a row that points at it.
pub(crate) fn store(dir: &Path, source: &Path) -> Result<StoredBlob> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut src = File::open(source).map_err(|e| Error::io(source, e))?;
    let (temp, file) = TempFile::create(dir, "incoming")?;
    let mut writer = HashingWriter::new(file);
    copy_between(&mut src, source, &mut writer, temp.path())?;
    let (file, sha256, size) = writer.finish();
    file.sync_all().map_err(|e| Error::io(temp.path(), e))?;
    drop(file);

    let target = blob_path(dir, &sha256)
        .ok_or_else(|| Error::Internal(format!("mã băm “{sha256}” không hợp lệ")))?;
    if let Ok((existing, _)) = hash_file(&target) {
        if existing == sha256 {
            // The file may have been an orphan; a fresh time keeps the orphan pruning (which
            // spares recent files) from deleting it before the caller's row commits.
            touch(&target);
            return Ok(StoredBlob { sha256, size });
        }
    }
    if let Some(shard) = target.parent() {
        fs::create_dir_all(shard).map_err(|e| Error::io(shard, e))?;
        sync_dir(dir).map_err(|e| Error::io(dir, e))?;
    }
    temp.persist_durably(&target)?;
    Ok(StoredBlob { sha256, size })
}

/// Sets a stored file's modification time to now; best effort (the file is read-only for this
/// account, or open in another program on Windows), as it only narrows a race.
fn touch(path: &Path) {
    if let Ok(file) = OpenOptions::new().write(true).open(path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

/// What is on disk for a blob the database knows.
#[derive(Debug)]
pub(crate) enum BlobState {
    Present,
    Missing,
    /// The file is there but its bytes no longer hash to its name.
    Corrupt {
        actual_size: u64,
    },
    Unreadable(io::Error),
}

/// Reads the whole blob and checks its hash.
pub(crate) fn check(dir: &Path, sha256: &str) -> BlobState {
    let Some(path) = blob_path(dir, sha256) else {
        return BlobState::Missing;
    };
    match fs::metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return BlobState::Missing,
        Err(e) => return BlobState::Unreadable(e),
        Ok(m) if !m.is_file() => return BlobState::Missing,
        Ok(_) => {}
    }
    match hash_file(&path) {
        Ok((actual, _)) if actual == sha256 => BlobState::Present,
        Ok((_, actual_size)) => BlobState::Corrupt { actual_size },
        Err(e) => BlobState::Unreadable(e),
    }
}

/// The cheap check: the blob is there as a file of the recorded size (nothing is read).
pub(crate) fn check_size(dir: &Path, sha256: &str, size: u64) -> BlobState {
    let Some(path) = blob_path(dir, sha256) else {
        return BlobState::Missing;
    };
    match fs::metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => BlobState::Missing,
        Err(e) => BlobState::Unreadable(e),
        Ok(m) if !m.is_file() => BlobState::Missing,
        Ok(m) if m.len() != size => BlobState::Corrupt {
            actual_size: m.len(),
        },
        Ok(_) => BlobState::Present,
    }
}

/// Copies a blob into `out`, checking on the way that the bytes still hash to its name.
/// Returns the state when the blob is not intact (missing, unreadable, damaged); whatever was
/// written to `out` by then is the caller's to discard. An error is a failure to write `out`.
pub(crate) fn copy_checked<W: Write>(
    dir: &Path,
    sha256: &str,
    out: W,
) -> io::Result<(W, Option<BlobState>)> {
    let Some(path) = blob_path(dir, sha256) else {
        return Ok((out, Some(BlobState::Missing)));
    };
    let mut file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok((out, Some(BlobState::Missing)))
        }
        Err(e) => return Ok((out, Some(BlobState::Unreadable(e)))),
    };
    let mut writer = HashingWriter::new(out);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let (out, _, _) = writer.finish();
                return Ok((out, Some(BlobState::Unreadable(e))));
            }
        };
        writer.write_all(&buf[..n])?;
    }
    let (out, actual_sha256, actual_size) = writer.finish();
    if actual_sha256 == sha256 {
        Ok((out, None))
    } else {
        Ok((out, Some(BlobState::Corrupt { actual_size })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_are_stored_once_under_their_hash() {
        let tmp = tempfile::tempdir().unwrap();
        let store_dir = tmp.path().join("evidence");
        let a = tmp.path().join("a.txt");
        let b = tmp.path().join("b.txt");
        fs::write(&a, b"abc").unwrap();
        fs::write(&b, b"abc").unwrap();
        let one = store(&store_dir, &a).unwrap();
        let two = store(&store_dir, &b).unwrap();
        assert_eq!(one, two);
        assert_eq!(
            one.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(one.size, 3);
        let path = blob_path(&store_dir, &one.sha256).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"abc");
        // Only the shard folder: no temporary files left behind.
        let entries: Vec<_> = fs::read_dir(&store_dir).unwrap().collect();
        assert_eq!(entries.len(), 1);
    }

    #[test]
    fn a_damaged_blob_is_repaired_by_storing_the_bytes_again() {
        let tmp = tempfile::tempdir().unwrap();
        let store_dir = tmp.path().join("evidence");
        let a = tmp.path().join("a.txt");
        fs::write(&a, b"abc").unwrap();
        let blob = store(&store_dir, &a).unwrap();
        let path = blob_path(&store_dir, &blob.sha256).unwrap();
        fs::write(&path, b"abd").unwrap();
        assert!(matches!(
            check(&store_dir, &blob.sha256),
            BlobState::Corrupt { .. }
        ));
        store(&store_dir, &a).unwrap();
        assert!(matches!(
            check(&store_dir, &blob.sha256),
            BlobState::Present
        ));
    }

    #[test]
    fn storing_bytes_already_there_makes_the_file_fresh() {
        // An orphan about to be used again must not look old to the orphan pruning, which
        // spares recent files, before the new row commits.
        let tmp = tempfile::tempdir().unwrap();
        let store_dir = tmp.path().join("evidence");
        let a = tmp.path().join("a.txt");
        fs::write(&a, b"abc").unwrap();
        let blob = store(&store_dir, &a).unwrap();
        let path = blob_path(&store_dir, &blob.sha256).unwrap();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        store(&store_dir, &a).unwrap();
        let age = fs::metadata(&path)
            .unwrap()
            .modified()
            .unwrap()
            .elapsed()
            .unwrap_or_default();
        assert!(age < std::time::Duration::from_secs(60), "{age:?}");
    }

    #[test]
    fn a_full_disk_is_blamed_on_the_store_not_the_source() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = copy_between(
            &mut &b"abc"[..],
            Path::new("/may-quet/a.pdf"),
            &mut Full,
            Path::new("/du-lieu/evidence/.incoming.tmp"),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "disk_full");
        assert!(err.to_string().contains("/du-lieu/evidence"), "{err}");
    }

    #[test]
    fn only_hashes_become_paths() {
        let dir = Path::new("/x");
        assert!(blob_path(dir, "../../etc/passwd").is_none());
        assert!(blob_path(dir, &"A".repeat(64)).is_none());
        assert!(blob_path(dir, &"a".repeat(64)).is_some());
    }
}
