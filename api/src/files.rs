//! The files a command reads or writes, as each transport gives them. On the desktop they are
//! paths the user picked in the PC's own dialogs. Over the office network a path on the host
//! means nothing to the client and must never be trusted: a client uploads a file first and
//! names it `upload:<id>`, and asks for an output as `download:<token>/<name>`, which the host
//! writes inside its data folder and hands back through `/api/download/<token>`. So no request
//! can reach outside the data folder.

use std::path::{Component, Path, PathBuf};

use cchc_core::store::TRANSFERS_DIR;
use cchc_core::Error;

use crate::ctx::{Ctx, Transport};
use crate::error::Result;
use crate::host::Host;

const UPLOAD: &str = "upload:";
const DOWNLOAD: &str = "download:";
pub(crate) const UPLOADS: &str = "up";
const DOWNLOADS: &str = "down";

/// Whether a client-chosen token or id is plain enough to be a folder name on every system.
pub fn is_token(s: &str) -> bool {
    (16..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn refused() -> crate::ApiError {
    Error::Forbidden(
        "Máy khách trong mạng nội bộ không được chỉ đường dẫn trên máy chủ; hãy tải tệp lên."
            .into(),
    )
    .into()
}

pub(crate) fn transfers(h: &Host) -> Result<PathBuf> {
    Ok(h.data_dir()
        .ok_or_else(|| Error::Internal("chưa mở được thư mục dữ liệu".into()))?
        .join(TRANSFERS_DIR))
}

/// A file name as the client gave it, reduced to one plain component.
pub fn plain_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next()?.trim();
    let ok = !last.is_empty()
        && last != "."
        && last != ".."
        && Path::new(last).components().count() == 1
        && matches!(
            Path::new(last).components().next(),
            Some(Component::Normal(_))
        );
    ok.then(|| last.to_string())
}

/// The file a command reads.
pub fn input(h: &Host, ctx: &Ctx, given: &Path) -> Result<PathBuf> {
    let text = given.to_string_lossy();
    match ctx.transport {
        Transport::Desktop => Ok(given.to_path_buf()),
        Transport::Http => {
            let id = text.strip_prefix(UPLOAD).ok_or_else(refused)?;
            if !is_token(id) {
                return Err(refused());
            }
            let dir = h.transfer(id, &ctx.client.id)?;
            // The upload's one file, with the name the client's user gave it.
            let file = std::fs::read_dir(&dir)
                .ok()
                .and_then(|mut entries| entries.find_map(|e| e.ok().map(|e| e.path())))
                .filter(|p| p.is_file())
                .ok_or_else(|| {
                    Error::NotFound("Không tìm thấy tệp đã tải lên; hãy chọn lại tệp.".into())
                })?;
            Ok(file)
        }
    }
}

/// The file a command writes.
pub fn output(h: &Host, ctx: &Ctx, given: &Path) -> Result<PathBuf> {
    let text = given.to_string_lossy();
    match ctx.transport {
        Transport::Desktop => Ok(given.to_path_buf()),
        Transport::Http => {
            let rest = text.strip_prefix(DOWNLOAD).ok_or_else(refused)?;
            let (token, name) = rest.split_once('/').ok_or_else(refused)?;
            let name = plain_name(name).ok_or_else(refused)?;
            if !is_token(token) {
                return Err(refused());
            }
            let dir = transfers(h)?.join(DOWNLOADS).join(token);
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            let path = dir.join(name);
            h.register_transfer(token, &ctx.client.id, path.clone());
            Ok(path)
        }
    }
}

/// Empties the transfers folder: what a client did not fetch before a restart is stale.
pub fn clear_transfers(h: &Host) {
    if let Ok(dir) = transfers(h) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_and_tokens_pass() {
        assert_eq!(
            plain_name("bao cao 9 tháng.pdf").as_deref(),
            Some("bao cao 9 tháng.pdf")
        );
        assert_eq!(
            plain_name("C:\\Users\\vp\\mau.xlsx").as_deref(),
            Some("mau.xlsx")
        );
        assert_eq!(plain_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(plain_name(".."), None);
        assert_eq!(plain_name(""), None);
        assert!(is_token("a1b2c3d4e5f6a7b8"));
        assert!(!is_token("../../../../../../"));
        assert!(!is_token("short"));
    }
}
