//! The one error type of cchc-core. Every message is a Vietnamese sentence a user can act on;
//! `kind()` gives a stable code the UI and scripts can branch on.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the user reads when the program failed in a way only a support person can act on (a
/// panic); the details are in the log.
pub const UNEXPECTED: &str =
    "Đã có lỗi ngoài dự kiến; thông tin đã được ghi lại để hỗ trợ. Hãy thử lại.";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value a user typed or a file held is not acceptable; the message says which and why.
    #[error("{0}")]
    Invalid(String),

    /// Deliberately says nothing about which of the two was wrong.
    #[error("Tên đăng nhập hoặc mật khẩu không đúng.")]
    BadCredentials,

    #[error("Bạn cần đăng nhập để làm việc này.")]
    NotLoggedIn,

    #[error("{0}")]
    Forbidden(String),

    #[error("{0}")]
    NotFound(String),

    /// The change collides with what is already there (a second set-up, a taken user name).
    #[error("{0}")]
    Conflict(String),

    /// The record changed since the form showed it; the message says who changed it and when.
    #[error("{0}")]
    Stale(String),

    /// Too many tries in a short time (password guessing); the message says how long to wait.
    #[error("{0}")]
    Throttled(String),

    #[error(
        "Dữ liệu của xã chưa được thiết lập. Hãy chạy `cchc init` hoặc mở ứng dụng để thiết lập."
    )]
    NotInitialised,

    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("Không nâng cấp được cơ sở dữ liệu: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("Không đọc/ghi được “{}”: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// The disk or folder refused in a way the user can fix: full, read-only or without
    /// permission, gone (a USB stick pulled, a share disconnected), or a file locked by another
    /// program. The message says which, where, and what to do.
    #[error("{message}")]
    Disk {
        fault: DiskFault,
        path: PathBuf,
        message: String,
    },

    #[error("Lỗi nội bộ: {0}")]
    Internal(String),
}

/// Why the disk refused, for `Error::Disk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskFault {
    Full,
    /// A read-only drive (a write-protected stick, a read-only mount).
    ReadOnly,
    /// No permission for the file or folder (a read-only folder, another account's files).
    Denied,
    /// The drive, stick or share is no longer there.
    Gone,
    /// Another program holds the file open (Windows sharing violation).
    Locked,
}

impl DiskFault {
    pub fn code(self) -> &'static str {
        match self {
            DiskFault::Full => "disk_full",
            DiskFault::ReadOnly => "read_only",
            DiskFault::Denied => "denied",
            DiskFault::Gone => "gone",
            DiskFault::Locked => "locked",
        }
    }

    /// The fault an OS error stands for, when it is one a user can fix.
    pub fn of(e: &std::io::Error) -> Option<DiskFault> {
        use std::io::ErrorKind as K;
        #[cfg(windows)]
        {
            // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION; ERROR_NOT_READY, ERROR_BAD_NETPATH,
            // ERROR_DEV_NOT_EXIST, ERROR_NETNAME_DELETED, ERROR_DEVICE_NOT_CONNECTED,
            // ERROR_NETWORK_UNREACHABLE; ERROR_WRITE_PROTECT; ERROR_DISK_FULL,
            // ERROR_HANDLE_DISK_FULL.
            match e.raw_os_error() {
                Some(32 | 33) => return Some(DiskFault::Locked),
                Some(21 | 53 | 55 | 64 | 1167 | 1231) => return Some(DiskFault::Gone),
                Some(19) => return Some(DiskFault::ReadOnly),
                Some(39 | 112) => return Some(DiskFault::Full),
                _ => {}
            }
        }
        #[cfg(unix)]
        {
            // EIO, ENXIO, ENODEV, ENOTCONN, EHOSTDOWN: the device or the share went away (or
            // failed, which the message also names).
            if let Some(5 | 6 | 19 | 107 | 112) = e.raw_os_error() {
                return Some(DiskFault::Gone);
            }
        }
        match e.kind() {
            K::StorageFull | K::QuotaExceeded => Some(DiskFault::Full),
            K::ReadOnlyFilesystem => Some(DiskFault::ReadOnly),
            K::PermissionDenied => Some(DiskFault::Denied),
            _ => None,
        }
    }

    /// The Vietnamese sentence for this fault at `path`.
    pub fn message(self, path: &std::path::Path) -> String {
        let p = path.display();
        match self {
            DiskFault::Full => format!(
                "Ổ đĩa chứa “{p}” đã đầy: hãy xóa bớt tệp hoặc chọn ổ khác rồi thử lại."
            ),
            DiskFault::ReadOnly => format!(
                "Không ghi được vào “{p}”: ổ đĩa này chỉ cho đọc (ổ USB bị gạt khóa ghi hoặc ổ chỉ \
                 đọc). Hãy mở khóa ghi hoặc chọn ổ khác rồi thử lại."
            ),
            DiskFault::Denied => format!(
                "Không có quyền đọc/ghi “{p}”: thư mục chỉ cho đọc hoặc tài khoản này không được \
                 phép. Hãy chọn thư mục khác hoặc nhờ người quản trị máy cấp quyền."
            ),
            DiskFault::Gone => format!(
                "Không còn truy cập được “{p}”: ổ USB đã bị rút ra, ổ mạng bị ngắt hoặc thiết bị bị \
                 lỗi. Hãy cắm hoặc kết nối lại rồi thử lại."
            ),
            DiskFault::Locked => format!(
                "Tệp “{p}” đang được một chương trình khác mở: hãy đóng chương trình đó (ví dụ \
                 trình xem PDF, Word, Excel, phần mềm giải nén) rồi thử lại."
            ),
        }
    }
}

impl Error {
    /// A stable code for the kind of failure (the message may be reworded, this may not).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::BadCredentials => "bad_credentials",
            Error::NotLoggedIn => "not_logged_in",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Throttled(_) => "throttled",
            Error::Stale(_) => "stale",
            Error::NotInitialised => "not_initialised",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Io { .. } => "io",
            Error::Disk { fault, .. } => fault.code(),
            Error::Internal(_) => "internal",
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// A failed read or write of `path`. Faults a user can fix (a full disk, a read-only
    /// folder, a pulled USB stick, a file locked by another program) become `Disk` with a
    /// sentence saying what to do.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match DiskFault::of(&source) {
            Some(fault) => Error::disk(fault, path),
            None => Error::Io { path, source },
        }
    }

    pub fn disk(fault: DiskFault, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Error::Disk {
            message: fault.message(&path),
            fault,
            path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn faults_a_user_can_fix_say_what_to_do() {
        let full = Error::io(
            "/media/usb/a.cchcbak",
            io::Error::from(io::ErrorKind::StorageFull),
        );
        assert_eq!(full.kind(), "disk_full");
        assert!(full
            .to_string()
            .starts_with("Ổ đĩa chứa “/media/usb/a.cchcbak” đã đầy"));
        let ro = Error::io(
            "/media/usb",
            io::Error::from(io::ErrorKind::ReadOnlyFilesystem),
        );
        assert_eq!(ro.kind(), "read_only");
        assert!(ro.to_string().contains("chỉ cho đọc"));
        let denied = Error::io("/x", io::Error::from(io::ErrorKind::PermissionDenied));
        assert_eq!(denied.kind(), "denied");
        let other = Error::io("/x", io::Error::other("boom"));
        assert_eq!(other.kind(), "io");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_error_numbers_are_classified() {
        let of = |n| DiskFault::of(&io::Error::from_raw_os_error(n));
        assert_eq!(of(28), Some(DiskFault::Full)); // ENOSPC
        assert_eq!(of(30), Some(DiskFault::ReadOnly)); // EROFS
        assert_eq!(of(13), Some(DiskFault::Denied)); // EACCES
        assert_eq!(of(19), Some(DiskFault::Gone)); // ENODEV
        assert_eq!(of(5), Some(DiskFault::Gone)); // EIO: a stick pulled mid-write
        assert_eq!(of(2), None); // ENOENT: a wrong path, not a fault of the disk
    }

    #[cfg(windows)]
    #[test]
    fn windows_error_numbers_are_classified() {
        let of = |n| DiskFault::of(&io::Error::from_raw_os_error(n));
        assert_eq!(of(32), Some(DiskFault::Locked));
        assert_eq!(of(33), Some(DiskFault::Locked));
        assert_eq!(of(112), Some(DiskFault::Full));
        assert_eq!(of(21), Some(DiskFault::Gone));
        assert_eq!(of(5), Some(DiskFault::Denied));
    }
}
