//! The error a command answers with: `{ kind, message }`, the kind a stable code and the message
//! a Vietnamese sentence. Which HTTP status each kind gets is decided here and nowhere else, and
//! so is what a client on the office network may read of a failure on the host.

use serde::Serialize;

use crate::ctx::Transport;

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub kind: String,
    pub message: String,
}

pub use cchc_core::error::UNEXPECTED;

impl ApiError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        ApiError {
            kind: kind.into(),
            message: message.into(),
        }
    }

    /// A command panicked; the details are in the log, not in front of the user.
    pub fn unexpected() -> Self {
        ApiError::new("internal", UNEXPECTED)
    }

    pub fn unknown_command(name: &str) -> Self {
        ApiError::new(
            "unknown_command",
            format!("Phần mềm không có lệnh “{name}”. Hãy cập nhật phần mềm ở máy này."),
        )
    }

    pub fn bad_arguments(name: &str, why: &serde_json::Error) -> Self {
        ApiError::new(
            "invalid_request",
            format!("Dữ liệu gửi cho lệnh “{name}” không đúng dạng ({why})."),
        )
    }

    pub fn store_unavailable(why: &str) -> Self {
        ApiError::new(
            "store_unavailable",
            format!("Không mở được dữ liệu của xã. {why}"),
        )
    }

    /// The HTTP status of this kind of failure.
    pub fn status(&self) -> u16 {
        match self.kind.as_str() {
            "invalid" | "invalid_request" => 400,
            "bad_credentials" | "not_logged_in" => 401,
            "forbidden" => 403,
            "not_found" | "unknown_command" => 404,
            "conflict" | "not_initialised" | "stale" => 409,
            "too_large" => 413,
            "locked" => 423,
            "throttled" => 429,
            "disk_full" => 507,
            "busy" | "store_unavailable" => 503,
            _ => 500,
        }
    }

    /// Whether the failure is the host's own (a bug, a disk, the database), not the request's.
    pub fn is_host_failure(&self) -> bool {
        self.status() >= 500 && self.kind != "busy"
    }

    /// The error as a client over `transport` may see it. A client on the office network never
    /// reads the host's paths or database details; the desktop app shows them to its own user.
    pub fn for_transport(self, transport: Transport) -> Self {
        if transport == Transport::Desktop {
            return self;
        }
        let said = match self.kind.as_str() {
            "disk_full" => "Ổ đĩa của máy chủ đã đầy: hãy báo người quản trị giải phóng dung lượng trên máy chủ rồi thử lại.",
            "read_only" | "denied" => "Máy chủ không ghi được vào thư mục của nó (chỉ cho đọc hoặc không có quyền): hãy báo người quản trị máy chủ.",
            "gone" => "Máy chủ không còn truy cập được ổ lưu trữ (ổ USB bị rút hoặc ổ mạng bị ngắt): hãy báo người quản trị máy chủ.",
            "locked" => "Một tệp trên máy chủ đang được chương trình khác mở: hãy đóng tệp đó trên máy chủ rồi thử lại.",
            _ if self.is_host_failure() => UNEXPECTED,
            _ => return self,
        };
        ApiError::new(&self.kind, said)
    }
}

impl From<cchc_core::Error> for ApiError {
    fn from(e: cchc_core::Error) -> Self {
        if let cchc_core::Error::Database(rusqlite_error) = &e {
            if is_busy(rusqlite_error) {
                return ApiError::new(
                    "busy",
                    "Dữ liệu đang bận vì người khác đang ghi; hãy thử lại sau giây lát.",
                );
            }
        }
        ApiError::new(e.kind(), e.to_string())
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_one_status() {
        let status = |k: &str| ApiError::new(k, "").status();
        assert_eq!(status("invalid"), 400);
        assert_eq!(status("not_logged_in"), 401);
        assert_eq!(status("forbidden"), 403);
        assert_eq!(status("not_found"), 404);
        assert_eq!(status("conflict"), 409);
        assert_eq!(status("throttled"), 429);
        assert_eq!(status("busy"), 503);
        assert_eq!(status("database"), 500);
    }

    #[test]
    fn host_details_stay_on_the_host() {
        let io = ApiError::from(cchc_core::Error::io(
            "/home/vp/du-lieu/cchc.sqlite",
            std::io::Error::other("disk"),
        ));
        assert!(io.message.contains("/home/vp"));
        let lan = io.clone().for_transport(Transport::Http);
        assert_eq!(lan.kind, "io");
        assert!(!lan.message.contains("/home/vp"), "{}", lan.message);
        assert_eq!(io.clone().for_transport(Transport::Desktop), io);
        let full = ApiError::from(cchc_core::Error::disk(
            cchc_core::error::DiskFault::Full,
            "/home/vp/du-lieu/evidence/ab",
        ));
        assert_eq!(full.status(), 507);
        assert!(full.message.contains("/home/vp"));
        let told = full.for_transport(Transport::Http);
        assert!(
            told.message.contains("Ổ đĩa của máy chủ đã đầy"),
            "{}",
            told.message
        );
        assert!(!told.message.contains("/home/vp"));
        let invalid = ApiError::new("invalid", "Thiếu nội dung.");
        assert_eq!(invalid.clone().for_transport(Transport::Http), invalid);
    }
}
