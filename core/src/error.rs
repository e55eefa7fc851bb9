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

    #[error("Lỗi nội bộ: {0}")]
    Internal(String),
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
            Error::NotInitialised => "not_initialised",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Io { .. } => "io",
            Error::Internal(_) => "internal",
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
