//! `cchc serve`: the host without a window answers on its port, refuses a port that is taken
//! with a Vietnamese message, and stops cleanly when asked to.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use super::{cchc, stderr};

#[test]
fn a_taken_port_is_refused_in_vietnamese() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    let holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = holder.local_addr().unwrap().to_string();
    let out = cchc(tmp.path(), &["serve", "--listen", &taken]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("đang được một chương trình khác dùng"),
        "{text}"
    );
    assert!(text.contains("Hãy chọn cổng khác"), "{text}");
}

#[cfg(unix)]
#[test]
fn it_serves_then_stops_cleanly_on_sigterm() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--data-dir")
        .arg(tmp.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env_remove("CCHC_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(
        first.starts_with("Máy chủ CCHC Xã đang chạy tại 127.0.0.1:"),
        "{first}"
    );
    let addr = first
        .trim_start_matches("Máy chủ CCHC Xã đang chạy tại ")
        .trim_end_matches('.')
        .to_string();
    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "POST /api/app_status HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"initialised\":true"), "{answer}");
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l == "Đã dừng máy chủ."), "{rest:?}");
}
