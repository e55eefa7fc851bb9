//! Writing a backup: a snapshot of the database by SQLite's online backup API (one step, so it
//! is one consistent read while other connections go on writing), then a zip streamed through
//! a hasher into a temporary file beside the destination: the database, every evidence file,
//! the manifest, and the seal. The file is read back and verified, fsynced, and only then
//! renamed over the destination, so a full disk, a pulled USB stick or a crash leaves the
//! previous backup of that name as it was.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::manifest::{self, Counts, Manifest, ManifestEntry, MissingFile};
use super::{reader, seal, Phase, Progress};
use crate::error::{DiskFault, Error, Result};
use crate::evidence::blobs::{self, HashingWriter, TempFile};
use crate::store::{DB_FILE, EVIDENCE_DIR};

/// Temporary files in a data folder older than this are leftovers of a write that died (a live
/// one writes continuously, so its file is always fresh).
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(10 * 60);
/// The same for a backup being written: longer, as reading a big backup back to verify it on a
/// slow stick leaves the file untouched for minutes.
const BACKUP_TEMP_STALE_AFTER: Duration = Duration::from_secs(2 * 60 * 60);
/// The name prefix of a backup being written (`.cchcbak-….tmp`).
const TEMP_PREFIX: &str = "cchcbak";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupOptions {
    /// Read the finished file back and check every hash before it replaces anything.
    pub verify: bool,
}

impl Default for BackupOptions {
    fn default() -> Self {
        BackupOptions { verify: true }
    }
}

/// An evidence file the database refers to that could not go into the backup.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SkippedFile {
    pub sha256: String,
    /// "Tệp của tài liệu “…” (bản 1, tệp “…”) không còn trong kho …": which document lost it.
    pub message: String,
}

/// A backup that was written.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupMade {
    pub path: PathBuf,
    /// Bytes of the backup file.
    pub size: u64,
    pub verified: bool,
    pub started_at: String,
    pub finished_at: String,
    /// "Xã Nông Thượng".
    pub commune: String,
    pub years: Vec<i32>,
    pub counts: Counts,
    /// Evidence files the database refers to that were missing from the store.
    pub skipped: Vec<SkippedFile>,
    /// Evidence files that were already damaged in the store (copied as they are).
    pub damaged: Vec<SkippedFile>,
    pub change_mark: i64,
}

/// Backs up the data folder `data_dir` into the file `out` (replaced only once the new backup is
/// complete and verified). Opens its own connection, so the caller's connections may go on
/// reading and writing meanwhile.
pub fn create(
    data_dir: &Path,
    out: &Path,
    options: &BackupOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupMade> {
    let started_at = crate::clock::now_text();
    // Recorded and shown as a full path: "./a.cchcbak" means nothing in the history later.
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let out = absolute.as_path();
    let out_dir = check_destination(out)?;
    remove_stale_temps(&out_dir);

    let snap = snapshot(data_dir, progress)?;
    let dest = Dest { out, dir: &out_dir };
    let (temp, file) = TempFile::create(&out_dir, TEMP_PREFIX).map_err(|e| dest.error(e))?;
    let (file, manifest, size) = write_zip(data_dir, &snap, file, &dest, progress)?;
    file.sync_all().map_err(|e| dest.io(e))?;
    drop(file);

    if options.verify {
        reader::verify_written(temp.path(), progress).map_err(|e| {
            // The folder, or the file in it, vanished: a stick pulled, a share dropped.
            if !out_dir.is_dir() || !temp.path().is_file() {
                return Error::disk(DiskFault::Gone, &out_dir);
            }
            match e {
                e @ Error::Disk { .. } => e,
                other => Error::invalid(format!(
                    "Bản sao lưu vừa ghi vào “{}” đọc lại không khớp ({other}): ổ đĩa có thể bị lỗi, \
                     hãy thử ổ khác. Bản sao lưu cũ cùng tên (nếu có) vẫn được giữ nguyên.",
                    out.display()
                )),
            }
        })?;
    }
    temp.persist_durably(out)
        .map_err(|e| dest.rename_error(e))?;

    Ok(BackupMade {
        path: out.to_path_buf(),
        size,
        verified: options.verify,
        started_at,
        finished_at: crate::clock::now_text(),
        commune: manifest.commune.display_name.clone(),
        years: manifest.years.clone(),
        counts: manifest.counts.clone(),
        skipped: manifest
            .missing
            .iter()
            .map(|m| SkippedFile {
                sha256: m.sha256.clone(),
                message: m.message.clone(),
            })
            .collect(),
        damaged: snap.damaged_messages(&manifest),
        change_mark: manifest.change_mark,
    })
}

/// The destination's folder, after refusing a destination that cannot be a backup file.
fn check_destination(out: &Path) -> Result<PathBuf> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if out.file_name().is_none() {
        return Err(Error::invalid(format!(
            "“{}” không phải tên tệp: hãy ghi tên tệp sao lưu, ví dụ {}.",
            out.display(),
            super::default_file_name("Xã", super::now())
        )));
    }
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::invalid(format!(
                "“{}” không phải là thư mục: hãy chọn thư mục để lưu bản sao lưu.",
                dir.display()
            )))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::NotFound(format!(
                "Không tìm thấy thư mục “{}” để lưu bản sao lưu: ổ USB hoặc ổ mạng chưa được cắm, \
                 kết nối, hoặc thư mục đã bị xóa.",
                dir.display()
            )))
        }
        Err(e) => return Err(Error::io(&dir, e)),
    }
    if out.is_dir() {
        return Err(Error::invalid(format!(
            "“{}” là một thư mục: hãy ghi tên tệp sao lưu trong thư mục đó.",
            out.display()
        )));
    }
    Ok(dir)
}

/// Removes backup temp files in `dir` that no live backup is writing any more. Best effort: a
/// file that cannot be removed now is tried again next time.
pub(crate) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(blobs::is_temp_name(&name) && name.starts_with(&format!(".{TEMP_PREFIX}-"))) {
            continue;
        }
        if older_than(&entry.path(), BACKUP_TEMP_STALE_AFTER) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

pub(crate) fn older_than(path: &Path, age: Duration) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|d| d >= age)
}

/// Where a backup is being written, to name it (not the hidden temp file) in messages.
struct Dest<'a> {
    out: &'a Path,
    dir: &'a Path,
}

impl Dest<'_> {
    /// A failure while writing: the folder vanished (a stick pulled), or the disk said why.
    fn io(&self, e: io::Error) -> Error {
        if !self.dir.is_dir() {
            return Error::disk(DiskFault::Gone, self.dir);
        }
        Error::io(self.out, e)
    }

    fn error(&self, e: Error) -> Error {
        if !self.dir.is_dir() {
            return Error::disk(DiskFault::Gone, self.dir);
        }
        match e {
            Error::Disk { fault, .. } => Error::disk(fault, self.out),
            Error::Io { source, .. } => Error::io(self.out, source),
            other => other,
        }
    }

    fn zip(&self, e: zip::result::ZipError) -> Error {
        match e {
            zip::result::ZipError::Io(e) => self.io(e),
            other => Error::Internal(format!("không ghi được tệp nén: {other}")),
        }
    }

    /// Renaming over an existing backup fails on Windows while another program has it open.
    fn rename_error(&self, e: Error) -> Error {
        if cfg!(windows) && self.out.is_file() {
            if let Error::Disk {
                fault: DiskFault::Denied | DiskFault::Locked,
                ..
            } = e
            {
                return Error::disk(DiskFault::Locked, self.out);
            }
        }
        self.error(e)
    }
}

/// The database copied to a temporary file, and what the manifest needs from it.
struct Snapshot {
    file: TempFile,
    manifest: Manifest,
    /// Evidence files the snapshot refers to: (sha256, size), by name.
    blobs: Vec<(String, u64)>,
    /// The documents using each file, to name them when it is missing or damaged.
    users: std::collections::HashMap<String, Vec<String>>,
}

impl Snapshot {
    fn describe_loss(&self, sha256: &str, what: &str) -> String {
        let docs = self
            .users
            .get(sha256)
            .map(|d| d.join(", "))
            .unwrap_or_default();
        format!(
            "Tệp {} của tài liệu {docs} {what}; hãy thay tệp khác cho tài liệu đó.",
            blobs::short_name(sha256)
        )
    }

    fn damaged_messages(&self, manifest: &Manifest) -> Vec<SkippedFile> {
        manifest
            .entries
            .iter()
            .filter(|e| e.damaged)
            .filter_map(|e| {
                let name = e.path.rsplit('/').next()?.to_string();
                Some(SkippedFile {
                    message: self.describe_loss(
                        &name,
                        "đã bị hỏng trong kho từ trước khi sao lưu (được chép nguyên trạng)",
                    ),
                    sha256: name,
                })
            })
            .collect()
    }
}

/// Copies the database with the backup API in one step: one read transaction, so the copy is
/// of one moment even while another connection writes (in WAL mode writers do not wait for it).
fn snapshot(data_dir: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Snapshot> {
    let db_path = data_dir.join(DB_FILE);
    if !db_path.is_file() {
        return Err(Error::NotInitialised);
    }
    let src = Connection::open(&db_path)?;
    src.busy_timeout(Duration::from_secs(5))?;
    let db_size = fs::metadata(&db_path).map(|m| m.len()).unwrap_or(0);
    progress(Progress {
        phase: Phase::Snapshot,
        done_bytes: 0,
        total_bytes: db_size,
    });
    let (temp, file) = TempFile::create(data_dir, "snapshot")?;
    drop(file);
    let mut dst = Connection::open(temp.path())?;
    {
        let backup = Backup::new(&src, &mut dst)?;
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Another connection holds a lock the copy needs; it is brief.
                _ => {
                    waits += 1;
                    if waits > 200 {
                        return Err(Error::Conflict(
                            "Cơ sở dữ liệu đang bận quá lâu, chưa sao lưu được: hãy thử lại sau ít phút."
                                .into(),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }
    drop(src);
    // A self-contained file: no WAL beside it, whatever mode the original is in.
    dst.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    let mut manifest = manifest::describe(&dst, crate::clock::now_text())?;
    let files = crate::evidence::stored_files(&dst)?;
    drop(dst);
    let blob_list: Vec<(String, u64)> = files
        .iter()
        .map(|f| (f.sha256.clone(), u64::try_from(f.size).unwrap_or(0)))
        .collect();
    let users = files
        .into_iter()
        .map(|f| (f.sha256, f.uses.iter().map(|u| u.describe()).collect()))
        .collect();
    let snap_size = fs::metadata(temp.path()).map(|m| m.len()).unwrap_or(0);
    progress(Progress {
        phase: Phase::Snapshot,
        done_bytes: snap_size,
        total_bytes: snap_size,
    });
    manifest.entries.clear();
    Ok(Snapshot {
        file: temp,
        manifest,
        blobs: blob_list,
        users,
    })
}

/// Formats whose bytes are already compressed: deflating them again costs time for nothing.
fn compression_for(first_bytes: &[u8]) -> CompressionMethod {
    const PACKED: [&[u8]; 7] = [
        b"\xFF\xD8\xFF", // JPEG
        b"\x89PNG",      // PNG
        b"PK\x03\x04",   // DOCX, XLSX, ODT, ZIP
        b"GIF8",         // GIF
        b"Rar!",         // RAR
        b"7z\xBC\xAF",   // 7-Zip
        b"\x1F\x8B",     // gzip
    ];
    if PACKED.iter().any(|m| first_bytes.starts_with(m)) || first_bytes.get(4..8) == Some(b"ftyp") {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    }
}

type Sink = seal::TailHasher<BufWriter<File>>;

/// Reads `from` into the open zip entry, hashing; `on_bytes` after each chunk.
fn copy_entry(
    first: &[u8],
    from: &mut dyn Read,
    from_path: &Path,
    zip: &mut ZipWriter<zip::write::StreamWriter<Sink>>,
    dest: &Dest,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<(String, u64)> {
    let mut hashing = HashingWriter::new(zip);
    hashing.write_all(first).map_err(|e| dest.io(e))?;
    on_bytes(first.len() as u64);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(from_path, e)),
        };
        hashing.write_all(&buf[..n]).map_err(|e| dest.io(e))?;
        on_bytes(n as u64);
    }
    let (_, sha256, size) = hashing.finish();
    Ok((sha256, size))
}

/// Reads up to 64 KiB: the start of a file, to choose its compression.
fn read_start(file: &mut File, path: &Path) -> Result<Vec<u8>> {
    let mut first = vec![0u8; 64 * 1024];
    let mut n = 0;
    while n < first.len() {
        match file.read(&mut first[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    first.truncate(n);
    Ok(first)
}

/// Writes the zip into `file`; returns the file, the manifest written, and the file's size.
fn write_zip(
    data_dir: &Path,
    snap: &Snapshot,
    file: File,
    dest: &Dest,
    progress: &mut dyn FnMut(Progress),
) -> Result<(File, Manifest, u64)> {
    let evidence_dir = data_dir.join(EVIDENCE_DIR);
    let snap_path = snap.file.path();
    let db_size = fs::metadata(snap_path).map(|m| m.len()).unwrap_or(0);
    let total = db_size + snap.blobs.iter().map(|(_, s)| s).sum::<u64>();
    let mut done = 0u64;
    let mut report = |n: u64| {
        done += n;
        progress(Progress {
            phase: Phase::Writing,
            done_bytes: done.min(total),
            total_bytes: total,
        });
    };

    let mut zip = ZipWriter::new_stream(seal::TailHasher::new(BufWriter::with_capacity(
        256 * 1024,
        file,
    )));
    zip.set_comment(seal::placeholder())
        .map_err(|e| dest.zip(e))?;
    let modified = crate::clock::zip_now();
    let options = |method, size: u64| {
        SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(modified)
            .large_file(size >= u64::from(u32::MAX))
    };

    let mut manifest = snap.manifest.clone();
    let mut db = File::open(snap_path).map_err(|e| Error::io(snap_path, e))?;
    zip.start_file(
        manifest::DATABASE_ENTRY,
        options(CompressionMethod::Deflated, db_size),
    )
    .map_err(|e| dest.zip(e))?;
    let (sha256, size) = copy_entry(&[], &mut db, snap_path, &mut zip, dest, &mut report)?;
    manifest.entries.push(ManifestEntry {
        path: manifest::DATABASE_ENTRY.into(),
        size,
        sha256,
        damaged: false,
    });

    for (sha, expected_size) in &snap.blobs {
        let Some(path) = blobs::blob_path(&evidence_dir, sha) else {
            continue;
        };
        let mut f = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                manifest.missing.push(MissingFile {
                    sha256: sha.clone(),
                    message: snap.describe_loss(sha, "không còn trong kho nên không sao lưu được"),
                });
                report(*expected_size);
                continue;
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let first = read_start(&mut f, &path)?;
        let len = f.metadata().map(|m| m.len()).unwrap_or(*expected_size);
        let name = format!("{}{}/{sha}", manifest::EVIDENCE_PREFIX, &sha[..2]);
        zip.start_file(name.as_str(), options(compression_for(&first), len))
            .map_err(|e| dest.zip(e))?;
        let (actual, size) = copy_entry(&first, &mut f, &path, &mut zip, dest, &mut report)?;
        if size < *expected_size {
            report(*expected_size - size);
        }
        manifest.entries.push(ManifestEntry {
            damaged: &actual != sha,
            path: name,
            size,
            sha256: actual,
        });
    }
    manifest.counts.evidence_files = manifest.entries.len() as i64 - 1;

    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| Error::Internal(format!("không ghi được manifest.json: {e}")))?;
    zip.start_file(
        manifest::MANIFEST_NAME,
        options(CompressionMethod::Deflated, json.len() as u64),
    )
    .map_err(|e| dest.zip(e))?;
    zip.write_all(&json).map_err(|e| dest.io(e))?;

    let sink = zip.finish().map_err(|e| dest.zip(e))?.into_inner();
    let (buffered, hash, tail) = sink.finish();
    if tail != seal::placeholder().as_bytes() {
        return Err(Error::Internal(
            "tệp nén không kết thúc bằng dấu niêm phong như dự kiến".into(),
        ));
    }
    let mut file = buffered.into_inner().map_err(|e| dest.io(e.into_error()))?;
    let size = file.metadata().map_err(|e| dest.io(e))?.len();
    seal::stamp(&mut file, size, &hash).map_err(|e| dest.io(e))?;
    Ok((file, manifest, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_formats_are_stored_as_they_are() {
        assert_eq!(compression_for(b"%PDF-1.4"), CompressionMethod::Deflated);
        assert_eq!(
            compression_for(b"\xFF\xD8\xFF\xE0"),
            CompressionMethod::Stored
        );
        assert_eq!(
            compression_for(b"PK\x03\x04...."),
            CompressionMethod::Stored
        );
        assert_eq!(
            compression_for(b"\0\0\0\x18ftypmp42"),
            CompressionMethod::Stored
        );
        assert_eq!(compression_for(b""), CompressionMethod::Deflated);
    }
}
