//! The one error type of cchc-core. Every message is a Vietnamese sentence a user can act on;
//! `kind()` gives a stable code the UI and scripts can branch on.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

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

    /// Another program holds the file open (Windows: a sharing violation), so it could not be
    /// read, replaced or removed; nothing was changed.
    #[error(
        "Tệp “{}” đang được một chương trình khác mở và khóa lại (Excel, Word, trình đọc PDF…) nên chưa đọc, ghi đè hay xóa được; chưa có gì bị thay đổi. Hãy đóng tệp đó rồi thử lại.",
        .0.display()
    )]
    InUse(PathBuf),

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
            Error::NotInitialised => "not_initialised",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Io { .. } => "io",
            Error::InUse(_) => "in_use",
            Error::Internal(_) => "internal",
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// A failed read or write of `path`; a file another program holds becomes `InUse`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if crate::files::held_open(&source) {
            return Error::InUse(path.into());
        }
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
