//! `cchc network [--on|--off] [--port N]`: whether the desktop app on this data folder serves the
//! other PCs of the office, and on which port (it applies when the app starts). `cchc serve` is
//! the same host without a window.

use cchc_core::network::{self, NetworkSettings};
use cchc_core::people::Actor;
use cchc_core::{Error, Store};

pub struct Args {
    pub on: bool,
    pub off: bool,
    pub port: Option<u16>,
    pub json: bool,
}

pub fn run(store: &mut Store, a: Args) -> Result<(), Error> {
    let mut settings = network::get(&store.conn)?;
    if a.on || a.off || a.port.is_some() {
        settings = NetworkSettings {
            enabled: if a.on {
                true
            } else if a.off {
                false
            } else {
                settings.enabled
            },
            port: a.port.unwrap_or(settings.port),
        };
        settings = network::save(&mut store.conn, &Actor::command_line(), settings)?;
    }
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&settings).map_err(|e| Error::Internal(e.to_string()))?
        );
    } else if settings.enabled {
        println!(
            "Máy chủ trong mạng nội bộ: bật, cổng {} (áp dụng khi mở ứng dụng CCHC Xã).",
            settings.port
        );
    } else {
        println!(
            "Máy chủ trong mạng nội bộ: tắt (ứng dụng chỉ phục vụ máy này, cổng {}).",
            settings.port
        );
    }
    Ok(())
}
