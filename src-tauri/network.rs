//! The desktop app as the office-network host: when an admin turns it on (Cài đặt › Mạng nội
//! bộ), the app serves the other PCs on every network card; otherwise only this PC (loopback).
//! The same screens go to browsers from the files the app already carries. Changes made by the
//! other PCs reach this window as `data-changed` events, so its screens reload.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use cchc_api::commands::network::NetworkControl;
use cchc_api::http::{self, Assets, Options};
use cchc_api::Host;
use cchc_core::network::NetworkSettings;
use tauri::{AppHandle, Emitter, Manager};

struct AppAssets(AppHandle);

impl Assets for AppAssets {
    fn get(&self, path: &str) -> Option<(Cow<'static, [u8]>, String)> {
        let asset = self.0.asset_resolver().get(path.to_string())?;
        Some((Cow::Owned(asset.bytes), asset.mime_type))
    }
}

struct Running {
    addr: SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
}

pub struct AppNetwork {
    app: AppHandle,
    host: Arc<Host>,
    running: Mutex<Option<Running>>,
    error: Mutex<Option<String>>,
}

impl AppNetwork {
    pub fn new(app: AppHandle, host: Arc<Host>) -> AppNetwork {
        AppNetwork {
            app,
            host,
            running: Mutex::default(),
            error: Mutex::default(),
        }
    }
}

impl NetworkControl for AppNetwork {
    fn apply(&self, settings: NetworkSettings) -> cchc_core::Result<()> {
        let ip = if settings.enabled {
            "0.0.0.0"
        } else {
            "127.0.0.1"
        };
        let wanted = format!("{ip}:{}", settings.port);
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if running
            .as_ref()
            .is_some_and(|r| r.addr.to_string() == wanted)
        {
            return Ok(());
        }
        // The old listener closes first, so that the same port can be taken again.
        if let Some(old) = running.take() {
            let _ = old.stop.send(());
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        let listener = match http::bind(&wanted) {
            Ok(l) => l,
            Err(e) => {
                *self.error.lock().unwrap_or_else(PoisonError::into_inner) = Some(e.to_string());
                return Err(e);
            }
        };
        let addr = listener
            .local_addr()
            .map_err(|e| cchc_core::Error::Internal(e.to_string()))?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = http::router(
            self.host.clone(),
            Options {
                assets: Some(Arc::new(AppAssets(self.app.clone()))),
                ..Options::default()
            },
        );
        tauri::async_runtime::spawn(async move {
            let listener = match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => l,
                Err(e) => {
                    tracing::error!("không mở được cổng: {e}");
                    return;
                }
            };
            let until = async {
                let _ = stopped.await;
            };
            if let Err(e) = http::serve(listener, router, until).await {
                tracing::error!("máy chủ trong mạng nội bộ dừng vì lỗi: {e}");
            }
        });
        tracing::info!(%addr, network = settings.enabled, "máy chủ lắng nghe");
        *self.error.lock().unwrap_or_else(PoisonError::into_inner) = None;
        *running = Some(Running { addr, stop });
        Ok(())
    }

    fn listening(&self) -> Option<SocketAddr> {
        self.running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|r| r.addr)
    }

    fn adjustable(&self) -> bool {
        true
    }

    fn last_error(&self) -> Option<String> {
        self.error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Starts serving as the saved settings say, and forwards other PCs' changes to the window.
pub fn start(app: &AppHandle, host: Arc<Host>) {
    let control = Arc::new(AppNetwork::new(app.clone(), host.clone()));
    host.set_network(control.clone());
    let settings = host.read(cchc_core::network::get).unwrap_or_default();
    if let Err(e) = control.apply(settings) {
        // A taken port is shown on Cài đặt › Mạng nội bộ; the app works on without it.
        tracing::warn!("không mở được máy chủ: {e}");
    }
    app.manage(control);
    let mut changes = host.subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match changes.recv().await {
                Ok(change) => {
                    let _ = app.emit("data-changed", change);
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    let _ = app.emit("data-changed", serde_json::json!({ "area": "all" }));
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    });
}
