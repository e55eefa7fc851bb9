//! `cchc serve --listen ADDR:PORT`: the office-network host without a window, for a server PC
//! and for tests. Browsers of the office open `http://<this PC>:PORT` and get the same screens;
//! it stops cleanly on Ctrl+C or SIGTERM, finishing the calls under way.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cchc_api::commands::network::NetworkControl;
use cchc_api::http::{self, Assets, Options};
use cchc_api::Host;
use cchc_core::diagnostics::logging::{self, Program};
use cchc_core::Error;

/// The built screens (ui/dist), embedded in a release build; read from the folder in a debug
/// build, so that the CLI builds before the UI does.
#[derive(rust_embed::RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../ui/dist"]
#[allow_missing = true]
struct Ui;

struct EmbeddedUi;

impl Assets for EmbeddedUi {
    fn get(&self, path: &str) -> Option<(Cow<'static, [u8]>, String)> {
        let file = Ui::get(path)?;
        Some((file.data, http::mime_of(Path::new(path)).to_string()))
    }
}

/// Under `cchc serve` the host always serves the address it was started on.
struct Fixed(std::net::SocketAddr);

impl NetworkControl for Fixed {
    fn apply(&self, _: cchc_core::network::NetworkSettings) -> cchc_core::Result<()> {
        Err(Error::Forbidden(
            "Máy chủ đang chạy bằng lệnh cchc serve; hãy dừng lệnh đó để đổi cài đặt.".into(),
        ))
    }
    fn listening(&self) -> Option<std::net::SocketAddr> {
        Some(self.0)
    }
    fn adjustable(&self) -> bool {
        false
    }
    fn last_error(&self) -> Option<String> {
        None
    }
}

async fn stopped() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

pub fn run(dir: PathBuf, listen: &str) -> Result<(), Error> {
    logging::init(&dir, Program::Host);
    let listener = http::bind(listen)?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Internal(format!("không mở được cổng: {e}")))?;
    let address = local.to_string();
    let host = Arc::new(Host::open(Ok(dir)));
    host.set_network(Arc::new(Fixed(local)));
    // The cheap check of the data folder, for Tổng quan, without delaying the first answers.
    let checking = host.clone();
    std::thread::spawn(move || checking.check_at_start());
    let has_ui = Ui::get("index.html").is_some();
    let options = Options {
        assets: has_ui.then(|| Arc::new(EmbeddedUi) as Arc<dyn Assets>),
        ..Options::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("không khởi động được máy chủ: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Internal(format!("không mở được cổng: {e}")))?;
        let port = address.rsplit(':').next().unwrap_or_default().to_string();
        println!("Máy chủ CCHC Xã đang chạy tại {address}.");
        for name in http::local_names() {
            if !name.contains(':') {
                println!("  Máy khác trong mạng nội bộ mở: http://{name}:{port}");
            }
        }
        if !has_ui {
            println!(
                "  (Bản dựng này chưa có giao diện: hãy dựng ui/ trước để trình duyệt dùng được.)"
            );
        }
        println!("Nhấn Ctrl+C để dừng.");
        tracing::info!(address, "máy chủ bắt đầu phục vụ");
        http::serve(listener, http::router(host, options), stopped())
            .await
            .map_err(|e| Error::Internal(format!("máy chủ dừng vì lỗi: {e}")))?;
        tracing::info!("máy chủ đã dừng");
        println!("Đã dừng máy chủ.");
        Ok(())
    })
}
