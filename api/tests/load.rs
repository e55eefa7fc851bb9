//! The office at work on one host, on loopback: simulated users log in and, for a while, do
//! what an office does — look at Tổng quan, search the plan, record a session, score a
//! criterion, upload a 1 MB evidence file, print a report and download it. It must end with no
//! error and no lost write: every session, score and document a user was told was saved is in
//! the database. It prints the requests per second and the median and 95th-percentile latency
//! (measured, not asserted: timings belong to the benchmark, scripts/bench.sh, which runs it
//! in release with 30 users for 2 minutes; the normal test run uses 20 users for 30 seconds).
//! `CCHC_LOAD_USERS` and `CCHC_LOAD_SECONDS` set the size.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{call, login, request, start, Browser, Server};
use serde_json::{json, Value};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[derive(Default)]
struct Tally {
    latencies: Mutex<Vec<Duration>>,
    errors: Mutex<Vec<String>>,
    sessions: AtomicUsize,
    scores: AtomicUsize,
    documents: AtomicUsize,
}

impl Tally {
    fn check(&self, what: &str, a: &common::Answer, took: Duration) -> bool {
        self.latencies.lock().unwrap().push(took);
        if a.status == 200 {
            return true;
        }
        self.errors.lock().unwrap().push(format!(
            "{what}: {} {}",
            a.status,
            String::from_utf8_lossy(&a.body)
        ));
        false
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed())
}

/// The officer's criteria she may score, drafts only.
fn draft_leaves(s: &Server, b: &Browser) -> Vec<i64> {
    let screen = call(s, Some(b), "scoring_screen", json!({"year": 2026})).json();
    let mine: Vec<i64> = screen["scorable"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    let mut out = Vec::new();
    fn walk(nodes: &Value, mine: &[i64], out: &mut Vec<i64>) {
        for n in nodes.as_array().into_iter().flatten() {
            let id = n["id"].as_i64().unwrap_or_default();
            if mine.contains(&id)
                && matches!(n["leaf"]["state"].as_str(), Some("draft" | "returned"))
            {
                out.push(id);
            }
            walk(&n["children"], mine, out);
        }
    }
    walk(&screen["sheet"]["nodes"], &mine, &mut out);
    out
}

fn count(s: &Server, sql: &str) -> usize {
    let db = rusqlite::Connection::open(s.dir.join("cchc.sqlite")).unwrap();
    db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

fn user(s: &Server, n: usize, until: Instant, tally: &Tally, leaves: &[i64]) {
    let who = ["congchuc", "chutich", "quantri"][n % 3];
    let b = login(s, who);
    let cookie = format!("cchc_session={}", b.cookie);
    let file: Vec<u8> = (0..1024 * 1024).map(|i| (i * 7 + n) as u8).collect();
    let mut round = 0usize;
    while Instant::now() < until {
        round += 1;
        let (a, t) = timed(|| call(s, Some(&b), "dashboard", json!({"year": 2026})));
        tally.check("dashboard", &a, t);
        let (a, t) = timed(|| {
            call(
                s,
                Some(&b),
                "search_tasks",
                json!({"year": 2026, "filter": {"query": "ke hoach"}}),
            )
        });
        tally.check("search_tasks", &a, t);
        let input = json!({
            "kind": "pbgdpl", "held_on": "2026-11-20", "place": format!("Nhà văn hóa thôn {n}"),
            "village": "", "form": "conference", "form_other": "",
            "content": format!("Phổ biến Luật Hộ tịch, người dùng {n}, lượt {round}"),
            "laws": ["Luật Hộ tịch"], "audience": "Nhân dân", "attendees": 40,
            "presenter_officer_id": null, "presenter": "Nguyễn Thị Lan Anh",
            "materials": [], "task_id": null, "notes": "",
        });
        let (a, t) = timed(|| {
            call(
                s,
                Some(&b),
                "save_session",
                json!({"id": null, "input": input}),
            )
        });
        if tally.check("save_session", &a, t) {
            tally.sessions.fetch_add(1, Ordering::Relaxed);
        }
        if who == "congchuc" && !leaves.is_empty() {
            let id = leaves[(n + round) % leaves.len()];
            let (a, t) = timed(|| {
                call(
                    s,
                    Some(&b),
                    "score_criterion",
                    json!({"id": id, "input": {"level": 0, "explanation": format!("Lượt {round}")}}),
                )
            });
            if tally.check("score_criterion", &a, t) {
                tally.scores.fetch_add(1, Ordering::Relaxed);
            }
        }
        if round.is_multiple_of(3) {
            let (a, t) = timed(|| {
                request(
                    s,
                    "POST",
                    &format!("/api/upload?name=bien-ban-{n}-{round}.pdf"),
                    &[("Cookie", &cookie), ("X-CSRF-Token", &b.csrf)],
                    &file,
                )
            });
            if tally.check("upload", &a, t) {
                let path = a.json()["upload"].as_str().unwrap().to_string();
                let doc = json!({
                    "year": 2026, "title": format!("Biên bản {n}-{round}"), "doc_number": "",
                    "doc_date": null, "issuer": "UBND xã", "location": "",
                });
                let (a, t) = timed(|| {
                    call(
                        s,
                        Some(&b),
                        "add_evidence",
                        json!({"input": doc, "path": path, "target": null}),
                    )
                });
                if tally.check("add_evidence", &a, t) {
                    tally.documents.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        if round.is_multiple_of(4) {
            let token = format!("{:016x}{:08x}", n, round);
            let out = format!("download:{token}/tien-do.pdf");
            let settings = call(s, Some(&b), "report_settings", json!({"kind": "plan"})).json();
            let req = json!({"request": {
                "kind": "plan", "year": 2026, "period": "year", "date": "2026-11-30",
                "settings": settings, "format": "pdf", "out": out,
            }});
            let (a, t) = timed(|| call(s, Some(&b), "make_report", req));
            if tally.check("make_report", &a, t) {
                let (a, t) = timed(|| {
                    request(
                        s,
                        "GET",
                        &format!("/api/download/{token}"),
                        &[("Cookie", &cookie)],
                        b"",
                    )
                });
                if tally.check("download", &a, t) && !a.body.starts_with(b"%PDF") {
                    tally
                        .errors
                        .lock()
                        .unwrap()
                        .push("download: not a PDF".into());
                }
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn an_office_at_work_loses_nothing() {
    let users = env("CCHC_LOAD_USERS", 20) as usize;
    let seconds = env("CCHC_LOAD_SECONDS", 30);
    let s = Arc::new(start());
    let leaves = {
        let officer = login(&s, "congchuc");
        draft_leaves(&s, &officer)
    };
    assert!(!leaves.is_empty(), "the demo officer has criteria to score");
    let sessions_before = count(&s, "SELECT count(*) FROM outreach_session");
    let documents_before = count(&s, "SELECT count(*) FROM evidence_document");
    let scores_before = count(
        &s,
        "SELECT count(*) FROM score_event WHERE action = 'score'",
    );
    let tally = Arc::new(Tally::default());
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let workers: Vec<_> = (0..users)
        .map(|n| {
            let (s, tally, leaves) = (s.clone(), tally.clone(), leaves.clone());
            std::thread::spawn(move || user(&s, n, until, &tally, &leaves))
        })
        .collect();
    for w in workers {
        w.join().expect("a user's thread ends");
    }
    let elapsed = started.elapsed();
    let mut latencies = tally.latencies.lock().unwrap().clone();
    latencies.sort();
    let requests = latencies.len();
    println!(
        "Tải: {users} người dùng trong {seconds} s: {requests} yêu cầu, {:.1} yêu cầu/giây; trung vị {} ms, p95 {} ms; {} buổi, {} lần chấm, {} tài liệu 1 MB",
        requests as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.5).as_millis(),
        percentile(&latencies, 0.95).as_millis(),
        tally.sessions.load(Ordering::Relaxed),
        tally.scores.load(Ordering::Relaxed),
        tally.documents.load(Ordering::Relaxed),
    );
    let errors = tally.errors.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    assert!(
        requests > users * 5,
        "every user worked: {requests} requests"
    );
    // No lost write: what each user was told was saved is all there.
    assert_eq!(
        count(&s, "SELECT count(*) FROM outreach_session") - sessions_before,
        tally.sessions.load(Ordering::Relaxed)
    );
    assert_eq!(
        count(&s, "SELECT count(*) FROM evidence_document") - documents_before,
        tally.documents.load(Ordering::Relaxed)
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM score_event WHERE action = 'score'"
        ) - scores_before,
        tally.scores.load(Ordering::Relaxed)
    );
}
