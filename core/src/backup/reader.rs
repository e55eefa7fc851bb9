//! Reading a backup: opening it (refusing what is not a CCHC Xã backup, or one from a newer
//! version), the preview a user confirms before restoring, and the full verification: the seal
//! over every byte, then every entry against the SHA-256 in the manifest. Restore unpacks through
//! the same loop, so nothing is written that was not checked.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::manifest::{self, Counts, Manifest, ManifestEntry};
use super::seal::{self, SealState};
use super::{Phase, Progress};
use crate::error::{Error, Result};

/// What a backup holds, shown before restoring it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "BackupPreview")]
pub struct Preview {
    pub path: PathBuf,
    pub file_size: u64,
    /// "Xã Nông Thượng".
    pub commune: String,
    pub province: String,
    pub is_demo: bool,
    /// Local time `YYYY-MM-DD HH:MM:SS`, and as "30/11/2026 10:15".
    pub created_at: String,
    pub created_at_text: String,
    pub app_version: String,
    pub schema_version: i64,
    /// The backup is from an older version; its database is brought up to date on restore.
    pub needs_migration: bool,
    pub years: Vec<i32>,
    pub current_year: i32,
    pub counts: Counts,
    /// Evidence files that were already missing or damaged when the backup was made.
    pub missing_files: usize,
    pub damaged_files: usize,
    /// Vietnamese sentences about those files.
    pub notes: Vec<String>,
}

pub(crate) struct Opened {
    pub(crate) archive: ZipArchive<BufReader<File>>,
    pub(crate) manifest: Manifest,
    pub(crate) size: u64,
}

fn not_a_backup(path: &Path) -> Error {
    Error::invalid(format!(
        "Tệp “{}” không phải bản sao lưu của CCHC Xã (tệp .cchcbak) hoặc đã bị hỏng: không đọc \
         được như một tệp sao lưu. Hãy chọn đúng tệp sao lưu.",
        path.display()
    ))
}

fn broken_seal(path: &Path) -> Error {
    Error::invalid(format!(
        "Tệp sao lưu “{}” đã bị hỏng hoặc bị sửa sau khi tạo (mã kiểm tra SHA-256 của cả tệp không \
         còn khớp): không dùng được để khôi phục. Chưa thay đổi gì; hãy dùng một bản sao lưu khác.",
        path.display()
    ))
}

fn missing_seal(path: &Path) -> Error {
    Error::invalid(format!(
        "Tệp “{}” không có dấu kiểm tra của CCHC Xã ở cuối tệp: không phải bản sao lưu do CCHC Xã \
         tạo ra, hoặc tệp bị cắt cụt (chép chưa hết). Chưa thay đổi gì.",
        path.display()
    ))
}

/// A read of the backup failed: its own bytes are bad (`InvalidData`, a short file), or the
/// disk failed.
fn read_error(path: &Path, entry: &str, e: io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => Error::invalid(format!(
            "Tệp “{entry}” trong bản sao lưu “{}” bị hỏng ({e}): không dùng được để khôi phục. \
             Chưa thay đổi gì; hãy dùng một bản sao lưu khác.",
            path.display()
        )),
        _ => Error::io(path, e),
    }
}

/// Picks the message for a file that does not open as a backup: a broken seal says damaged,
/// no seal says not ours.
fn explain_unreadable(path: &Path) -> Error {
    match File::open(path).and_then(|mut f| seal::check(&mut f, &mut |_, _| {})) {
        Ok(SealState::Broken) => broken_seal(path),
        _ => not_a_backup(path),
    }
}

/// Opens a backup and reads its manifest; refuses anything that is not a backup this version
/// can restore. Cheap: the entries are not read.
pub(crate) fn open(path: &Path) -> Result<Opened> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::NotFound(format!(
                "Không tìm thấy tệp sao lưu “{}”: hãy kiểm tra đường dẫn, hoặc cắm ổ USB chứa tệp.",
                path.display()
            )))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "“{}” là một thư mục: hãy chọn tệp sao lưu (.cchcbak) trong đó.",
            path.display()
        )));
    }
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut archive = match ZipArchive::new(BufReader::new(file)) {
        Ok(a) => a,
        Err(zip::result::ZipError::Io(e))
            if !matches!(
                e.kind(),
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
            ) =>
        {
            return Err(Error::io(path, e))
        }
        Err(_) => return Err(explain_unreadable(path)),
    };
    let bytes = {
        let mut entry = match archive.by_name(manifest::MANIFEST_NAME) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(Error::invalid(format!(
                    "Tệp “{}” là tệp nén nhưng không phải bản sao lưu của CCHC Xã (không có {}).",
                    path.display(),
                    manifest::MANIFEST_NAME
                )))
            }
            Err(_) => return Err(explain_unreadable(path)),
        };
        let mut bytes = Vec::new();
        // A manifest lists one line per file; 64 MB is far beyond any real one.
        (&mut entry)
            .take(64 << 20)
            .read_to_end(&mut bytes)
            .map_err(|e| match e.kind() {
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
                    explain_unreadable(path)
                }
                _ => read_error(path, manifest::MANIFEST_NAME, e),
            })?;
        bytes
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        Error::invalid(format!(
            "Tệp “{}” có {} không đọc được ({e}): không phải bản sao lưu của CCHC Xã hoặc đã bị sửa.",
            path.display(),
            manifest::MANIFEST_NAME
        ))
    })?;
    manifest::check_compatible(&manifest, path)?;
    Ok(Opened {
        archive,
        manifest,
        size: meta.len(),
    })
}

pub(crate) fn preview_of(path: &Path, opened: &Opened) -> Preview {
    let m = &opened.manifest;
    let mut notes: Vec<String> = m.missing.iter().map(|x| x.message.clone()).collect();
    let damaged = m.entries.iter().filter(|e| e.damaged).count();
    if damaged > 0 {
        notes.push(format!(
            "{damaged} tệp tài liệu kiểm chứng đã bị hỏng trong kho từ trước khi sao lưu; sau khi \
             khôi phục, “Kiểm tra dữ liệu” sẽ chỉ ra các tài liệu cần thay tệp."
        ));
    }
    Preview {
        path: path.to_path_buf(),
        file_size: opened.size,
        commune: m.commune.display_name.clone(),
        province: m.commune.province.clone(),
        is_demo: m.commune.is_demo,
        created_at: m.created_at.clone(),
        created_at_text: super::time_text(&m.created_at),
        app_version: m.app_version.clone(),
        schema_version: m.schema_version,
        needs_migration: m.schema_version < crate::db::MIGRATION_FILES.len() as i64,
        years: m.years.clone(),
        current_year: m.current_year,
        counts: m.counts.clone(),
        missing_files: m.missing.len(),
        damaged_files: damaged,
        notes,
    }
}

/// What a backup holds (commune, date, version, years, counts), read from its manifest without
/// checking every byte: for the confirmation before a restore. A file that is not a backup, or
/// one from a newer version, is refused here already.
pub fn preview(path: &Path) -> Result<Preview> {
    let opened = open(path)?;
    Ok(preview_of(path, &opened))
}

/// Checks a backup completely: the seal over every byte, then every entry against its SHA-256.
pub fn verify(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Preview> {
    let mut opened = open(path)?;
    check_seal(path, progress)?;
    check_entries(path, &mut opened, Phase::Verifying, progress, |_| Ok(None))?;
    Ok(preview_of(path, &opened))
}

/// `verify` for a file just written (which has a hidden temporary name).
pub(crate) fn verify_written(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<()> {
    verify(path, progress).map(|_| ())
}

pub(crate) fn check_seal(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<()> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let state = seal::check(&mut file, &mut |done, total| {
        progress(Progress {
            phase: Phase::Verifying,
            done_bytes: done,
            total_bytes: total,
        })
    })
    .map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => broken_seal(path),
        _ => Error::io(path, e),
    })?;
    match state {
        SealState::Intact => Ok(()),
        SealState::Missing => Err(missing_seal(path)),
        SealState::Broken => Err(broken_seal(path)),
    }
}

/// Reads every entry the manifest lists, checks its size and SHA-256, and writes it to the file
/// `out` opens for it (none when only verifying). Refuses names the format does not allow,
/// entries missing from the zip, and files in the zip the manifest does not list.
pub(crate) fn check_entries(
    path: &Path,
    opened: &mut Opened,
    phase: Phase,
    progress: &mut dyn FnMut(Progress),
    mut out: impl FnMut(&ManifestEntry) -> Result<Option<(File, PathBuf)>>,
) -> Result<()> {
    let shown = path.display();
    let entries = opened.manifest.entries.clone();
    let mut listed: HashSet<&str> = HashSet::new();
    for e in &entries {
        if !manifest::is_allowed_entry(&e.path) || !listed.insert(e.path.as_str()) {
            return Err(Error::invalid(format!(
                "Bản sao lưu “{shown}” liệt kê tệp “{}” không hợp lệ: tệp đã bị sửa hoặc không phải do CCHC Xã tạo ra. Chưa thay đổi gì.",
                e.path
            )));
        }
        if e.path != manifest::DATABASE_ENTRY && !(crate::evidence::blobs::is_sha256(&e.sha256)) {
            return Err(Error::invalid(format!(
                "Bản sao lưu “{shown}” ghi mã SHA-256 không hợp lệ cho “{}”.",
                e.path
            )));
        }
    }
    if !listed.contains(manifest::DATABASE_ENTRY) {
        return Err(Error::invalid(format!(
            "Bản sao lưu “{shown}” không có cơ sở dữ liệu ({}): không dùng được để khôi phục.",
            manifest::DATABASE_ENTRY
        )));
    }
    let names: Vec<String> = opened
        .archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::invalid(format!(
                "Bản sao lưu “{shown}” chứa tên tệp không đọc được: tệp đã bị sửa hoặc không phải do CCHC Xã tạo ra. Chưa thay đổi gì."
            ))
        })?;
    for name in &names {
        if name != manifest::MANIFEST_NAME && !listed.contains(name.as_str()) {
            return Err(Error::invalid(format!(
                "Bản sao lưu “{shown}” chứa tệp lạ “{name}” không có trong danh mục: tệp đã bị sửa. Chưa thay đổi gì."
            )));
        }
    }

    let total: u64 = entries.iter().map(|e| e.size).sum();
    let mut done = 0u64;
    let mut buf = vec![0u8; 256 * 1024];
    for e in &entries {
        let mut target = out(e)?;
        let mut entry = match opened.archive.by_name(&e.path) {
            Ok(x) => x,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(Error::invalid(format!(
                "Bản sao lưu “{shown}” thiếu tệp “{}”: tệp sao lưu không đầy đủ. Chưa thay đổi gì.",
                e.path
            )))
            }
            Err(zip::result::ZipError::Io(err)) => return Err(read_error(path, &e.path, err)),
            Err(err) => {
                return Err(read_error(
                    path,
                    &e.path,
                    io::Error::new(io::ErrorKind::InvalidData, err.to_string()),
                ))
            }
        };
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        // One byte more than the manifest says is enough to know the entry is wrong.
        let mut limited = (&mut entry).take(e.size.saturating_add(1));
        loop {
            let n = match limited.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(read_error(path, &e.path, err)),
            };
            hasher.update(&buf[..n]);
            size += n as u64;
            if let Some((file, fpath)) = target.as_mut() {
                file.write_all(&buf[..n])
                    .map_err(|err| Error::io(fpath.as_path(), err))?;
            }
            done += n as u64;
            progress(Progress {
                phase,
                done_bytes: done.min(total),
                total_bytes: total,
            });
        }
        let actual = format!("{:x}", hasher.finalize());
        if size != e.size || actual != e.sha256 {
            return Err(Error::invalid(format!(
                "Tệp “{}” trong bản sao lưu “{shown}” bị hỏng (mã SHA-256 không khớp với danh mục): \
                 không dùng được để khôi phục. Chưa thay đổi gì; hãy dùng một bản sao lưu khác.",
                e.path
            )));
        }
        if let Some((file, fpath)) = target {
            file.sync_all().map_err(|err| Error::io(&fpath, err))?;
        }
    }
    Ok(())
}
