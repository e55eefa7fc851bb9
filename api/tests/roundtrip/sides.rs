//! The two transports of the round-trip test: the desktop window (`dispatch` with its own
//! `Ctx`, files as paths) and a browser on the office network (`POST /api/<name>` with a session
//! cookie, files uploaded and downloaded), a run of the table on each, and the judgement of a
//! row's two outcomes.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cchc_api::commands::network::NetworkControl;
use cchc_core::network::NetworkSettings;

use cchc_api::{ApiError, Client, Ctx, Host, NoEvents, Reply, Sessions, Transport};
use cchc_core::people::{Account, Actor};
use serde_json::{json, Value};

use super::common::{self, Browser, Server};
use super::{Compare, Expect, Facts, Row, Who};

/// What one transport answered.
#[derive(Debug)]
pub enum Outcome {
    Json(Value),
    Bytes(Vec<u8>),
    Failed(ApiError),
}

/// Files a row read or wrote, as this transport names them.
pub trait Side {
    fn call(&mut self, who: Who, name: &str, args: Value) -> Outcome;
    /// What to give a command for the file `name` it reads.
    fn input(&mut self, who: Who, name: &str, data: &[u8]) -> String;
    /// What to give a command for the file `name` it writes, and a handle to fetch it.
    fn output(&mut self, name: &str) -> (String, String);
    fn fetch(&mut self, who: Who, handle: &str) -> Vec<u8>;
    /// What this transport must never answer with, seen in the last answer.
    fn leaks(&self, _: &Outcome) -> Option<String> {
        None
    }
}

#[derive(Default)]
struct WindowSession(Mutex<Option<Actor>>);

impl Sessions for WindowSession {
    fn begin(&self, _: &Host, account: &Account) -> Result<Option<String>, ApiError> {
        *self.0.lock().unwrap() = Some(account.actor());
        Ok(None)
    }
    fn end(&self, _: &Host) {
        *self.0.lock().unwrap() = None;
    }
}

/// The desktop app: its window calls `dispatch`, files are paths on this PC.
pub struct Desktop {
    pub host: Arc<Host>,
    files: PathBuf,
    windows: BTreeMap<Who, Arc<WindowSession>>,
    _tmp: tempfile::TempDir,
}

impl Desktop {
    pub fn start() -> Desktop {
        let (tmp, dir) = common::demo_folder();
        let files = tmp.path().join("Tài liệu");
        std::fs::create_dir_all(&files).unwrap();
        let host = Arc::new(Host::open(Ok(dir)));
        host.set_network(Arc::new(WindowNetwork::new(host.clone())));
        let mut d = Desktop {
            host,
            files,
            windows: BTreeMap::new(),
            _tmp: tmp,
        };
        d.windows.insert(Who::Nobody, Arc::default());
        for who in Who::ACCOUNTS {
            d.windows.insert(who, Arc::default());
            let login = json!({"username": who.username(), "password": "demo1234"});
            let answer = d.call(who, "login", login);
            assert!(matches!(answer, Outcome::Json(_)), "{answer:?}");
        }
        d
    }
}

impl Side for Desktop {
    fn call(&mut self, who: Who, name: &str, args: Value) -> Outcome {
        let session = self.windows[&who].clone();
        let actor = session.0.lock().unwrap().clone();
        let ctx = Ctx::new(
            actor,
            Client::default(),
            Transport::Desktop,
            Arc::new(NoEvents),
            session,
        );
        match cchc_api::dispatch(&self.host, &ctx, name, args) {
            Ok(Reply::Json(v)) => Outcome::Json(v),
            Ok(Reply::Bytes { data, .. }) => Outcome::Bytes(data),
            Ok(Reply::Open(path)) => Outcome::Bytes(std::fs::read(path).unwrap_or_default()),
            Err(e) => Outcome::Failed(e),
        }
    }

    fn input(&mut self, _: Who, name: &str, data: &[u8]) -> String {
        let path = self.files.join(name);
        if !path.exists() {
            std::fs::write(&path, data).unwrap();
        }
        path.to_string_lossy().into_owned()
    }

    fn output(&mut self, name: &str) -> (String, String) {
        let path = self.files.join(name).to_string_lossy().into_owned();
        (path.clone(), path)
    }

    fn fetch(&mut self, _: Who, handle: &str) -> Vec<u8> {
        std::fs::read(handle).unwrap_or_default()
    }
}

/// The desktop app's switch of the office network (Cài đặt › Mạng nội bộ), as the app's own
/// does it: a real listener serving this host, replaced when the settings change. A test never
/// opens the PC to the network: it listens on loopback at a free port, whatever the settings.
struct WindowNetwork {
    host: Arc<Host>,
    runtime: tokio::runtime::Runtime,
    running: Mutex<Option<(SocketAddr, tokio::sync::oneshot::Sender<()>)>>,
}

impl WindowNetwork {
    fn new(host: Arc<Host>) -> WindowNetwork {
        WindowNetwork {
            host,
            runtime: tokio::runtime::Runtime::new().unwrap(),
            running: Mutex::default(),
        }
    }
}

impl NetworkControl for WindowNetwork {
    fn apply(&self, _: NetworkSettings) -> cchc_core::Result<()> {
        let mut running = self.running.lock().unwrap();
        if let Some((_, stop)) = running.take() {
            let _ = stop.send(());
        }
        let listener = cchc_api::http::bind("127.0.0.1:0")?;
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = cchc_api::http::router(self.host.clone(), Default::default());
        self.runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let until = async {
                let _ = stopped.await;
            };
            cchc_api::http::serve(listener, router, until)
                .await
                .unwrap();
        });
        *running = Some((addr, stop));
        Ok(())
    }
    fn listening(&self) -> Option<SocketAddr> {
        self.running.lock().unwrap().as_ref().map(|(a, _)| *a)
    }
    fn adjustable(&self) -> bool {
        true
    }
    fn last_error(&self) -> Option<String> {
        None
    }
}

/// `cchc serve --listen ADDR` hands its host this: the address it was started on, fixed.
struct Served(SocketAddr);

impl NetworkControl for Served {
    fn apply(&self, _: NetworkSettings) -> cchc_core::Result<()> {
        Err(cchc_core::Error::Forbidden(
            "Máy chủ đang chạy bằng lệnh cchc serve.".into(),
        ))
    }
    fn listening(&self) -> Option<SocketAddr> {
        Some(self.0)
    }
    fn adjustable(&self) -> bool {
        false
    }
    fn last_error(&self) -> Option<String> {
        None
    }
}

/// A browser on another PC: `POST /api/<name>` with its session, files uploaded and downloaded.
pub struct Network {
    server: Server,
    browsers: BTreeMap<Who, Browser>,
    downloads: usize,
}

impl Network {
    pub fn start() -> Network {
        let (tmp, dir) = common::demo_folder();
        let server = common::serve(tmp, dir);
        server.host.set_network(Arc::new(Served(server.addr)));
        let browsers = Who::ACCOUNTS
            .into_iter()
            .map(|who| (who, common::login(&server, who.username())))
            .collect();
        // The chairman also left a browser logged in on another PC, for the admin to end.
        common::login(&server, Who::Chairman.username());
        Network {
            server,
            browsers,
            downloads: 0,
        }
    }
}

impl Side for Network {
    fn call(&mut self, who: Who, name: &str, args: Value) -> Outcome {
        let a = common::call(&self.server, self.browsers.get(&who), name, args);
        let is_json = a
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json"));
        match (a.status, is_json) {
            (200, true) => Outcome::Json(serde_json::from_slice(&a.body).unwrap_or(Value::Null)),
            (200, false) => Outcome::Bytes(a.body),
            (status, _) => {
                let e: Value = a.json();
                Outcome::Failed(ApiError::new(
                    e["kind"].as_str().unwrap_or("no kind"),
                    format!(
                        "HTTP {status}: {}",
                        e["message"]
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| String::from_utf8_lossy(&a.body).into_owned())
                    ),
                ))
            }
        }
    }

    /// A client on the office network never reads a path of the host.
    fn leaks(&self, outcome: &Outcome) -> Option<String> {
        let dir = self.server.dir.to_string_lossy();
        let text = match outcome {
            Outcome::Json(v) => v.to_string().replace("\\\\", "\\"),
            Outcome::Failed(e) => e.message.clone(),
            Outcome::Bytes(_) => return None,
        };
        text.contains(dir.as_ref())
            .then(|| format!("the host's data folder reached the client: {text}"))
    }

    fn input(&mut self, who: Who, name: &str, data: &[u8]) -> String {
        common::upload(&self.server, &self.browsers[&who], name, data)
    }

    fn output(&mut self, name: &str) -> (String, String) {
        self.downloads += 1;
        let token = format!("roundtrip{:011}", self.downloads);
        (format!("download:{token}/{name}"), token)
    }

    fn fetch(&mut self, who: Who, handle: &str) -> Vec<u8> {
        let a = common::download(&self.server, &self.browsers[&who], handle);
        if a.status == 200 {
            a.body
        } else {
            Vec::new()
        }
    }
}

/// One transport's run of the table: its own facts and the files it wrote.
pub struct Run<S: Side> {
    pub side: S,
    pub facts: Facts,
    /// The files rows wrote, by name, to be read by later rows (a template then imported).
    pub made: BTreeMap<String, Vec<u8>>,
}

impl<S: Side> Run<S> {
    /// Calls one row; answers the outcome, or what went wrong with a file.
    pub fn call(&mut self, r: &Row) -> (Outcome, Vec<String>) {
        // A row whose ids an earlier failing row should have given is reported, not run.
        let built =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (r.args)(&self.facts)));
        let Ok(mut args) = built else {
            let e = ApiError::new("untested", "an earlier row did not give its ids");
            return (Outcome::Failed(e), Vec::new());
        };
        let mut outputs = Vec::new();
        self.resolve(r.who, &mut args, &mut outputs);
        let outcome = self.side.call(r.who, r.name, args);
        let mut problems: Vec<String> = self.side.leaks(&outcome).into_iter().collect();
        if !matches!(outcome, Outcome::Failed(_)) {
            for (name, handle) in outputs {
                let data = self.side.fetch(r.who, &handle);
                if data.is_empty() {
                    problems.push(format!("wrote no “{name}”"));
                }
                self.made.insert(name, data);
            }
            if let Outcome::Json(v) = &outcome {
                (r.learn)(v, &mut self.facts);
            }
        }
        (outcome, problems)
    }

    /// Turns `@in:<name>` and `@out:<name>` into this transport's way of naming a file.
    fn resolve(&mut self, who: Who, v: &mut Value, outputs: &mut Vec<(String, String)>) {
        match v {
            Value::String(s) => {
                if let Some(name) = s.strip_prefix("@in:") {
                    let data = self
                        .made
                        .get(name)
                        .cloned()
                        .unwrap_or_else(|| panic!("no file “{name}” to read"));
                    *s = self.side.input(who, name, &data);
                } else if let Some(name) = s.strip_prefix("@out:") {
                    let name = name.to_string();
                    let (given, handle) = self.side.output(&name);
                    outputs.push((name, handle));
                    *s = given;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.resolve(who, i, outputs)),
            Value::Object(map) => map.values_mut().for_each(|i| self.resolve(who, i, outputs)),
            _ => {}
        }
    }
}

/// `v` without the fields named, at any depth, and with its clock times blanked.
pub fn without(v: &Value, fields: &[&str]) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !fields.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without(v, fields)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|i| without(i, fields)).collect()),
        // The two hosts were made a moment apart: their clocks' stamps differ by a second.
        Value::String(s) if is_clock_time(s) => Value::String("<giờ>".into()),
        other => other.clone(),
    }
}

/// "2026-11-30 15:52:54" (or with a T): a moment of a host's clock, not a date of the data.
pub fn is_clock_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b' ' | b'T')
        && b[13] == b':'
        && b[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// What is wrong with one row's two outcomes; empty when it round-trips.
pub fn judge(r: &Row, desktop: &Outcome, network: &Outcome) -> Vec<String> {
    let mut wrong = Vec::new();
    for (side, outcome) in [("desktop", desktop), ("network", network)] {
        let expected = match (r.expect, side) {
            (Expect::Success, _) | (Expect::DesktopOnly(_), "desktop") => None,
            (Expect::Refused(kind), _) | (Expect::DesktopOnly(kind), _) => Some(kind),
        };
        match (outcome, expected) {
            (Outcome::Failed(e), None) => {
                wrong.push(format!("{side}: failed with {}: {}", e.kind, e.message))
            }
            (Outcome::Failed(e), Some(kind)) if e.kind != kind => wrong.push(format!(
                "{side}: expected {kind}, got {}: {}",
                e.kind, e.message
            )),
            (Outcome::Failed(_), Some(_)) => {}
            (ok, Some(kind)) => wrong.push(format!("{side}: expected {kind}, got {ok:?}")),
            (Outcome::Bytes(b), None) if b.is_empty() => {
                wrong.push(format!("{side}: an empty file"))
            }
            _ => {}
        }
        if let Outcome::Failed(e) = outcome {
            if matches!(
                e.kind.as_str(),
                "invalid_request" | "internal" | "unknown_command"
            ) {
                wrong.push(format!("{side}: {} is never a right answer", e.kind));
            }
        }
    }
    if let (Outcome::Json(d), Outcome::Json(n)) = (desktop, network) {
        let (d, n) = match r.compare {
            Compare::Equal => (without(d, &[]), without(n, &[])),
            Compare::Except(fields) => (without(d, fields), without(n, fields)),
            Compare::Outcome => return wrong,
        };
        if d != n {
            wrong.push(format!("the answers differ:\n  desktop {d}\n  network {n}"));
        }
    }
    wrong
}
