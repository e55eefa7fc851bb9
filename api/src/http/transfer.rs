//! Files between a client and the host. An upload streams into the host's transfers folder
//! (within a size limit, its SHA-256 computed on the way and checked against the one the client
//! sent, if any) and is then named `upload:<id>` in the command that uses it. A download is a
//! file a command wrote for this client (`download:<token>/<name>`), streamed with its name.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{auth, error_response, Server};
use crate::files::{self, plain_name};
use crate::ApiError;

#[derive(Deserialize)]
pub struct UploadQuery {
    name: String,
}

#[derive(Serialize)]
struct Uploaded {
    /// What to give the command in place of a path.
    upload: String,
    name: String,
    size: u64,
    sha256: String,
}

fn too_large(limit: u64) -> ApiError {
    ApiError::new(
        "too_large",
        format!(
            "Tệp lớn hơn {} MB, quá mức máy chủ nhận. Hãy chia nhỏ hoặc nén tệp.",
            limit / (1024 * 1024)
        ),
    )
}

pub async fn upload(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let caller = match auth::caller(&server.host, &headers, peer, true) {
        Ok(c) => c,
        Err(e) => return error_response(e),
    };
    if caller.actor().is_none() {
        return error_response(cchc_core::Error::NotLoggedIn.into());
    }
    let Some(name) = plain_name(&query.name) else {
        return error_response(ApiError::new("invalid", "Tên tệp tải lên không hợp lệ."));
    };
    let limit = server.options.max_upload;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return error_response(too_large(limit));
    }
    let id = cchc_core::people::sessions::random_hex(16);
    let dir = match files::transfers(&server.host) {
        Ok(t) => t.join(files::UPLOADS).join(&id),
        Err(e) => return error_response(e),
    };
    let result = receive(body, &dir, &name, limit).await;
    let (size, sha256) = match result {
        Ok(done) => done,
        Err(e) => {
            let _ = tokio::fs::remove_dir_all(&dir).await;
            return error_response(e);
        }
    };
    let expected = headers
        .get("x-content-sha256")
        .and_then(|v| v.to_str().ok())
        .map(str::to_lowercase);
    if expected.as_deref().is_some_and(|e| e != sha256) {
        let _ = tokio::fs::remove_dir_all(&dir).await;
        return error_response(ApiError::new(
            "invalid",
            "Tệp nhận được khác tệp đã gửi (sai mã SHA-256); đường truyền có lỗi, hãy tải lên lại.",
        ));
    }
    server
        .host
        .register_transfer(&id, caller.client_id(), dir.clone());
    tracing::info!(bytes = size, client = %peer.ip(), "đã nhận tệp tải lên");
    axum::Json(Uploaded {
        upload: format!("upload:{id}"),
        name,
        size,
        sha256,
    })
    .into_response()
}

async fn receive(
    body: Body,
    dir: &Path,
    name: &str,
    limit: u64,
) -> Result<(u64, String), ApiError> {
    let io = |e: std::io::Error| ApiError::from(cchc_core::Error::io(dir, e));
    tokio::fs::create_dir_all(dir).await.map_err(io)?;
    let mut file = tokio::fs::File::create(dir.join(name)).await.map_err(io)?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            ApiError::new(
                "invalid",
                "Đường truyền bị ngắt khi đang tải tệp lên; hãy tải lên lại.",
            )
        })?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(too_large(limit));
        }
        hasher.update(&chunk);
        file.write_all(&chunk).await.map_err(io)?;
    }
    file.sync_all().await.map_err(io)?;
    let sha = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((size, sha))
}

pub async fn download(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    UrlPath(token): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let caller = match auth::caller(&server.host, &headers, peer, false) {
        Ok(c) => c,
        Err(e) => return error_response(e),
    };
    if caller.actor().is_none() {
        return error_response(cchc_core::Error::NotLoggedIn.into());
    }
    if !files::is_token(&token) {
        return error_response(cchc_core::Error::NotFound("Không tìm thấy tệp.".into()).into());
    }
    match server.host.transfer(&token, caller.client_id()) {
        Ok(path) => file_response(&path).await,
        Err(e) => error_response(e),
    }
}

/// `Content-Disposition` with the file's own name, readable by every browser (RFC 6266).
fn disposition(name: &str, inline: bool) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    let kind = if inline { "inline" } else { "attachment" };
    HeaderValue::from_str(&format!(
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

pub fn attachment(body: Body, name: &str, mime: &str, inline: bool) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CONTENT_DISPOSITION, disposition(name, inline));
    response
}

/// Streams a file on the host to the client, under its own name.
pub async fn file_response(path: &Path) -> Response {
    let file = match tokio::fs::File::open(path).await {
        Ok(f) => f,
        Err(e) => return error_response(cchc_core::Error::io(path, e).into()),
    };
    let stream = futures_util::stream::unfold(file, |mut file| async move {
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(axum::body::Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    attachment(
        Body::from_stream(stream),
        &name,
        super::mime_of(path),
        false,
    )
}
