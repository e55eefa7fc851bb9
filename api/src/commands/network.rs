//! Cài đặt › Mạng nội bộ: whether this PC serves the others of the office, the address to give
//! colleagues (with a QR code), a check that the port answers, and the sessions of the other
//! PCs, which an admin may end.

use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::Duration;

use cchc_core::network::{self, NetworkSettings};
use cchc_core::people::sessions::{self, SessionInfo};
use cchc_core::Error;
use serde::{Deserialize, Serialize};

use super::IdArg;
use crate::{Ctx, Host, NoArgs, Result, Transport};

/// What runs the host's network side: the desktop app (which an admin turns on and off from
/// the screen) or `cchc serve` (always on).
pub trait NetworkControl: Send + Sync {
    /// Listens as `settings` say: every network card when enabled, only this PC otherwise.
    fn apply(&self, settings: NetworkSettings) -> cchc_core::Result<()>;
    fn listening(&self) -> Option<SocketAddr>;
    /// Whether the screen may turn it on and off.
    fn adjustable(&self) -> bool;
    fn last_error(&self) -> Option<String>;
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NetworkStatus {
    pub settings: NetworkSettings,
    pub adjustable: bool,
    /// "0.0.0.0:8765" while serving the network, "127.0.0.1:8765" while serving this PC only.
    pub listening: Option<String>,
    pub on_network: bool,
    /// The addresses colleagues open, the most reliable (an IPv4 address) first.
    pub urls: Vec<String>,
    /// A QR code of the first address, as SVG.
    pub qr_svg: Option<String>,
    pub error: Option<String>,
    pub advice: Vec<String>,
}

fn require_admin(h: &Host, ctx: &Ctx) -> Result<cchc_core::people::Actor> {
    let actor = ctx.actor(h)?;
    actor.require(
        |c| c.manage_accounts,
        "Chỉ quản trị viên được xem và đổi cài đặt mạng nội bộ.",
    )?;
    Ok(actor)
}

fn urls(port: u16) -> Vec<String> {
    let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
        .map(|list| list.into_iter().map(|i| i.ip()).collect())
        .unwrap_or_default();
    ips.retain(|ip| !ip.is_loopback() && ip.is_ipv4());
    ips.sort();
    let mut out: Vec<String> = ips.iter().map(|ip| format!("http://{ip}:{port}")).collect();
    let name = gethostname::gethostname().to_string_lossy().to_lowercase();
    if !name.is_empty() {
        out.push(format!("http://{name}:{port}"));
    }
    out
}

fn qr(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .build(),
    )
}

const ADVICE: &[&str] = &[
    "Máy khác mở địa chỉ trên bằng Edge hoặc Chrome, hoặc chọn “Kết nối máy chủ trong mạng nội bộ” khi mở ứng dụng CCHC Xã.",
    "Nếu máy khác không mở được: trên máy này, vào Cài đặt Windows › Mạng và Internet, đặt mạng đang dùng là “Riêng tư” (Private), không phải “Công cộng” (Public).",
    "Nếu vẫn không được: mở Tường lửa Windows Defender › Cho phép ứng dụng qua tường lửa, đánh dấu CCHC Xã ở cột “Riêng tư”; phần mềm diệt virus có tường lửa riêng cũng cần cho phép cổng này.",
];

fn status(h: &Host, settings: NetworkSettings) -> NetworkStatus {
    let control = h.network();
    let listening = control.and_then(|c| c.listening());
    let on_network = listening.is_some_and(|a| a.ip().is_unspecified());
    let port = listening.map(|a| a.port()).unwrap_or(settings.port);
    let urls = if on_network { urls(port) } else { Vec::new() };
    NetworkStatus {
        qr_svg: urls.first().and_then(|u| qr(u)),
        urls,
        settings,
        adjustable: control.is_some_and(|c| c.adjustable()),
        listening: listening.map(|a| a.to_string()),
        on_network,
        error: control.and_then(|c| c.last_error()),
        advice: ADVICE.iter().map(|a| a.to_string()).collect(),
    }
}

pub fn network_status(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<NetworkStatus> {
    require_admin(h, ctx)?;
    let settings = h.read(network::get)?;
    Ok(status(h, settings))
}

#[derive(Deserialize)]
pub struct SetArgs {
    settings: NetworkSettings,
}

/// Turns the host on or off (from the desktop app on the host PC only: a client turning the
/// host off would cut itself off).
pub fn set_network(h: &Host, ctx: &Ctx, a: SetArgs) -> Result<NetworkStatus> {
    let actor = require_admin(h, ctx)?;
    let control = h
        .network()
        .filter(|c| c.adjustable() && ctx.transport == Transport::Desktop)
        .ok_or_else(|| {
            Error::Forbidden(
                "Chỉ bật, tắt máy chủ được trên chính máy chủ, trong ứng dụng CCHC Xã.".into(),
            )
        })?;
    // Listen first: a port that is taken is refused before anything is saved.
    control.apply(a.settings)?;
    let saved = h.write(|c| network::save(c, &actor, a.settings))?;
    Ok(status(h, saved))
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Reachability {
    pub url: String,
    pub reachable: bool,
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NetworkCheck {
    pub results: Vec<Reachability>,
    /// The Windows network profile when it is "Public", which blocks the other PCs.
    pub public_network: bool,
    pub advice: Vec<String>,
}

/// Connects to each address the way a colleague's PC would (from this PC, which a firewall
/// does not stop: the test on another PC is the last word, and the advice says so).
pub fn test_network(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<NetworkCheck> {
    require_admin(h, ctx)?;
    let Some(addr) = h.network().and_then(|c| c.listening()) else {
        return Err(Error::invalid("Máy chủ chưa chạy; hãy bật máy chủ trước.").into());
    };
    let results = urls(addr.port())
        .into_iter()
        .map(|url| {
            let target = url.trim_start_matches("http://").to_string();
            let reachable = std::net::ToSocketAddrs::to_socket_addrs(&target)
                .ok()
                .and_then(|mut a| a.next())
                .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok());
            Reachability { url, reachable }
        })
        .collect();
    let public_network = windows_profile_is_public();
    let mut advice = Vec::new();
    if public_network {
        advice.push("Windows đang coi mạng này là mạng Công cộng (Public): máy khác sẽ không kết nối được. Hãy đổi sang Riêng tư (Private) trong Cài đặt Windows › Mạng và Internet.".to_string());
    }
    advice.push("Kiểm tra cuối cùng: trên một máy khác, mở địa chỉ bằng trình duyệt. Nếu không mở được, hãy làm theo hướng dẫn về tường lửa ở trên.".to_string());
    Ok(NetworkCheck {
        results,
        public_network,
        advice,
    })
}

#[cfg(windows)]
fn windows_profile_is_public() -> bool {
    use std::os::windows::process::CommandExt;
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    std::process::Command::new("powershell")
        .args([
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            "(Get-NetConnectionProfile).NetworkCategory",
        ])
        .creation_flags(CREATE_NO_WINDOW)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("Public"))
        .unwrap_or(false)
}

#[cfg(not(windows))]
fn windows_profile_is_public() -> bool {
    false
}

pub fn client_sessions(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<Vec<SessionInfo>> {
    let actor = ctx.actor(h)?;
    let now = chrono::Local::now().naive_local();
    h.read(|c| sessions::list(c, &actor, now))
}

pub fn end_client_session(h: &Host, ctx: &Ctx, a: IdArg) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| sessions::end_by_id(c, &actor, a.id))
}
