//! A host on a loopback port with the demo commune, and a raw HTTP client that writes every
//! header itself (Host, Cookie, X-CSRF-Token), for the tests of the office-network transport.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use cchc_api::http::{self, Options};
use cchc_api::Host;
use serde_json::{json, Value};

pub struct Server {
    pub addr: SocketAddr,
    pub dir: PathBuf,
    _tmp: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

pub fn start() -> Server {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("xa");
    {
        let mut store = cchc_core::Store::open(&dir).unwrap();
        let evidence = store.evidence_dir();
        cchc_core::demo::load(
            &mut store.conn,
            &evidence,
            2026,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap();
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = http::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let host = Arc::new(Host::open(Ok(dir.clone())));
    let options = Options {
        names: vec!["may-chu".into()],
        ..Options::default()
    };
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        http::serve(
            listener,
            http::router(host, options),
            std::future::pending(),
        )
        .await
        .unwrap();
    });
    Server {
        addr,
        dir,
        _tmp: tmp,
        _runtime: runtime,
    }
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&rest[..end]).unwrap().trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 2 + size + 2..];
    }
    out
}

/// One request; `headers` as written, `Host` defaulting to the server's own address.
pub fn request(
    s: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {}\r\n", s.addr));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

/// A browser's session: its cookie and its anti-forgery value.
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

pub fn call(s: &Server, b: Option<&Browser>, name: &str, args: Value) -> Answer {
    let body = serde_json::to_vec(&args).unwrap();
    let mut headers = vec![("Content-Type", "application/json")];
    let cookie;
    if let Some(b) = b {
        cookie = format!("cchc_session={}", b.cookie);
        headers.push(("Cookie", cookie.as_str()));
        headers.push(("X-CSRF-Token", b.csrf.as_str()));
    }
    request(s, "POST", &format!("/api/{name}"), &headers, &body)
}

pub fn login(s: &Server, username: &str) -> Browser {
    let a = call(
        s,
        None,
        "login",
        json!({"username": username, "password": "demo1234"}),
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let set = a.header("set-cookie").expect("a session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(
        a.json().get("token").is_none(),
        "a browser never reads its token"
    );
    let token = set
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("cchc_session=")
        .to_string();
    Browser {
        cookie: token,
        csrf: a.json()["csrf"].as_str().unwrap().to_string(),
    }
}
