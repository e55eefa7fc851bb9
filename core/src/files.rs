//! Replacing files the way Windows allows. On Linux a file open in another program
//! can be renamed over or deleted; on Windows a program that opened it without sharing (Excel,
//! Word, many PDF readers) makes both fail with a sharing violation, and an antivirus scanner or
//! the search indexer may hold a freshly written file for a moment. Every file the app writes for
//! the user goes through `replace`: written beside the target first, renamed over it here, and
//! when the target stays held the temporary file is removed and the old file is left as it was,
//! with a Vietnamese message that says which file to close.

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use crate::error::{DiskFault, Error, Result};

/// How long a held file is waited for before giving up: long enough for a scanner, short
/// enough that an officer with the file open in Excel hears about it at once.
const PATIENCE: Duration = Duration::from_millis(1500);
const STEP: Duration = Duration::from_millis(100);

/// Windows answers "access denied" when the file being replaced is open.
const ERROR_ACCESS_DENIED: i32 = 5;

/// Whether `e` says another program holds the file open (a Windows sharing or lock
/// violation); the error classification (`DiskFault::of`) decides.
pub fn held_open(e: &io::Error) -> bool {
    DiskFault::of(e) == Some(DiskFault::Locked)
}

/// Whether a failed rename onto `target` was refused because the target is held: Windows
/// answers "access denied" rather than "sharing violation" when the file being replaced is
/// open, so that case counts too unless the target is a read-only file or a folder.
fn target_held(e: &io::Error, target: &Path) -> bool {
    if held_open(e) {
        return true;
    }
    cfg!(windows)
        && e.raw_os_error() == Some(ERROR_ACCESS_DENIED)
        && fs::metadata(target).is_ok_and(|m| m.is_file() && !m.permissions().readonly())
}

/// Moves the finished file `from` over `target` (same folder). A held target is waited for a
/// moment; if it stays held, or the rename fails for another reason, `from` is removed and
/// `target` is left untouched.
pub(crate) fn replace(from: &Path, target: &Path) -> Result<()> {
    let mut waited = Duration::ZERO;
    loop {
        match fs::rename(from, target) {
            Ok(()) => return Ok(()),
            Err(e) if target_held(&e, target) && waited < PATIENCE => {
                std::thread::sleep(STEP);
                waited += STEP;
            }
            Err(e) => {
                // Best effort: the temporary file is ours and nobody else knows its name.
                let _ = fs::remove_file(from);
                return Err(if target_held(&e, target) {
                    Error::disk(DiskFault::Locked, target)
                } else {
                    Error::io(target, e)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_puts_the_new_bytes_in_place_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("báo cáo.pdf");
        fs::write(&target, b"old").unwrap();
        let tmp = dir.path().join(".bao-cao.tmp");
        fs::write(&tmp, b"new").unwrap();
        replace(&tmp, &target).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert!(!tmp.exists());
    }

    #[test]
    fn a_failed_replace_removes_the_temporary_file_and_keeps_the_target() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the way: no system renames a file over it.
        let target = dir.path().join("bao-cao.pdf");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), b"x").unwrap();
        let tmp = dir.path().join(".bao-cao.tmp");
        fs::write(&tmp, b"new").unwrap();
        let err = replace(&tmp, &target).unwrap_err();
        // Windows answers a folder in the way with "access denied".
        let expected = if cfg!(windows) { "denied" } else { "io" };
        assert_eq!(err.kind(), expected, "{err}");
        assert!(!tmp.exists());
        assert!(target.join("inside").is_file());
    }

    #[test]
    fn sharing_violations_count_only_on_windows() {
        let e = io::Error::from_raw_os_error(32);
        assert_eq!(held_open(&e), cfg!(windows));
    }
}
