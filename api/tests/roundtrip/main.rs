//! Every command of the one list (`cchc_api::COMMANDS`), called with the JSON the screens send,
//! on both transports: `dispatch` with the desktop window's `Ctx`, and `POST /api/<name>` with a
//! browser's session. The table below has a row for each command, with arguments taken from the
//! demo commune (ids read from earlier answers), the account that calls it and what it must
//! answer. A command missing from the table, or a row naming no command, fails the test, so a
//! new command cannot skip its round trip.
//!
//! The two transports run on two fresh hosts of the same demo commune, row by row in the same
//! order, so both see the same data; each learns its ids from its own answers. Files go each
//! transport's way: a path on the desktop, an upload (`upload:<id>`) or a download
//! (`download:<token>/<name>`) over the network; an output must arrive non-empty, and so must
//! an answer of bytes or a file to open.
//!
//! Both outcomes must be the same: success, or the same refusal, and never a malformed request,
//! an internal failure or a panic. A read must answer the same JSON on both (clock stamps and
//! the few fields each row names aside); the audit trail and the screens read again after all
//! the writes prove that every write did the same on both. No answer to a network client may
//! name the host's data folder.

#[path = "../common/mod.rs"]
mod common;
mod sides;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{json, Map, Value};
use sides::{judge, Desktop, Network, Run};

const YEAR: i32 = 2026;

/// Who calls: nobody (the start screen) or one of the demo commune's accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Nobody,
    Officer,
    Chairman,
    Admin,
}

impl Who {
    const ACCOUNTS: [Who; 3] = [Who::Officer, Who::Chairman, Who::Admin];

    fn username(self) -> &'static str {
        match self {
            Who::Nobody => "",
            Who::Officer => "congchuc",
            Who::Chairman => "chutich",
            Who::Admin => "quantri",
        }
    }
}

/// What a row must answer.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Success,
    /// Success is impossible here; both transports refuse with this kind.
    Refused(&'static str),
    /// A desktop-only command: it works in the window; a network client, which has no host
    /// path to give, is refused with this kind.
    DesktopOnly(&'static str),
}

/// How the two answers of a successful read are compared.
#[derive(Debug, Clone, Copy)]
enum Compare {
    /// The same JSON.
    Equal,
    /// The same JSON once these fields (at any depth) are left out; the row says why.
    Except(&'static [&'static str]),
    /// Only the outcome: the answer is each host's own (a write, or the network's sessions).
    Outcome,
}

/// Ids and values read from earlier answers, for the arguments of later rows.
type Facts = Map<String, Value>;

struct Row {
    name: &'static str,
    who: Who,
    args: fn(&Facts) -> Value,
    expect: Expect,
    compare: Compare,
    learn: fn(&Value, &mut Facts),
}

fn row(name: &'static str, who: Who, args: fn(&Facts) -> Value) -> Row {
    Row {
        name,
        who,
        args,
        expect: Expect::Success,
        compare: if cchc_api::area_of(name).is_none() {
            Compare::Equal
        } else {
            Compare::Outcome
        },
        learn: |_, _| {},
    }
}

impl Row {
    fn refused(mut self, kind: &'static str) -> Row {
        self.expect = Expect::Refused(kind);
        self
    }
    fn desktop_only(mut self, kind: &'static str) -> Row {
        self.expect = Expect::DesktopOnly(kind);
        self
    }
    fn except(mut self, fields: &'static [&'static str]) -> Row {
        self.compare = Compare::Except(fields);
        self
    }
    fn outcome(mut self) -> Row {
        self.compare = Compare::Outcome;
        self
    }
    fn learn(mut self, learn: fn(&Value, &mut Facts)) -> Row {
        self.learn = learn;
        self
    }
}

/// A fact learned earlier; a row that needs a missing one is a bug of the table.
fn fact(f: &Facts, key: &str) -> Value {
    f.get(key)
        .cloned()
        .unwrap_or_else(|| panic!("no “{key}” learned before this row"))
}

/// Every leaf criterion of a scoring sheet's tree, in order.
fn leaves(nodes: &Value, out: &mut Vec<Value>) {
    for n in nodes.as_array().into_iter().flatten() {
        if n["leaf"].is_object() {
            out.push(n.clone());
        }
        leaves(&n["children"], out);
    }
}

/// The demo's tasks, a recurring one and the officers: what the plan rows need.
fn learn_tasks(v: &Value, f: &mut Facts) {
    let tasks = v.as_array().expect("a list of tasks");
    f.insert("task".into(), tasks[0].clone());
    if let Some(recurring) = tasks
        .iter()
        .find(|t| t["occurrences"].as_array().is_some_and(|o| !o.is_empty()))
    {
        f.insert("recurring".into(), recurring.clone());
    }
}

/// Leaves of the sheet for the scoring rows: one the officer may still score, one the officer
/// has submitted, one assigned to nobody; and a group to add a criterion to.
fn learn_sheet(v: &Value, f: &mut Facts) {
    let mut all = Vec::new();
    leaves(&v["sheet"]["nodes"], &mut all);
    let scorable: Vec<&Value> = v["scorable"].as_array().into_iter().flatten().collect();
    let find = |mine: bool, states: &[&str]| {
        all.iter()
            .find(|n| {
                scorable.contains(&&n["id"]) == mine
                    && n["leaf"]["state"]
                        .as_str()
                        .is_some_and(|s| states.contains(&s))
            })
            .map(|n| n["id"].clone())
            .expect("the demo sheet has leaves in every state")
    };
    f.insert("leaf_a".into(), find(true, &["draft", "returned"]));
    f.insert("leaf_b".into(), find(true, &["submitted"]));
    f.insert("leaf_c".into(), find(false, &["draft"]));
    f.insert("group".into(), v["sheet"]["nodes"][0]["id"].clone());
    f.insert("thresholds".into(), v["thresholds"].clone());
}

fn task_input(t: &Value, result: &str) -> Value {
    json!({
        "number": t["number"], "content": t["content"], "area_id": t["area_id"],
        "lead_officer_id": t["lead_officer_id"], "coordinators": t["coordinators"],
        "deadline": t["deadline_text"], "product": t["product"], "status": t["status"],
        "completed_on": t["completed_on"], "result": result, "reason": t["reason"],
        "solution": t["solution"],
    })
}

fn new_task(f: &Facts) -> Value {
    json!({
        "number": "", "area_id": fact(f, "task")["area_id"],
        "content": "Niêm yết công khai thủ tục hành chính mới tại Bộ phận Một cửa",
        "lead_officer_id": fact(f, "task")["lead_officer_id"],
        "coordinators": "Công chức Tư pháp - Hộ tịch", "deadline": "Trước ngày 20/12/2026",
        "product": "Bảng niêm yết", "status": "in_progress", "completed_on": null,
        "result": "", "reason": "", "solution": "",
    })
}

fn session_input(f: &Facts) -> Value {
    json!({
        "kind": "pbgdpl", "held_on": "2026-11-20", "place": "Nhà văn hóa thôn Nà Lẹng",
        "village": "Thôn Nà Lẹng", "form": "village_meeting", "form_other": "",
        "content": "Tuyên truyền Luật Đất đai năm 2024 và thủ tục đăng ký biến động đất đai",
        "laws": ["Luật Đất đai 2024"], "audience": "Nhân dân thôn Nà Lẹng", "attendees": 64,
        "presenter_officer_id": fact(f, "officer"), "presenter": "",
        "materials": [{"kind": "Tờ gấp", "count": 80}], "task_id": null,
        "notes": "Người dân hỏi về cấp đổi giấy chứng nhận.",
    })
}

fn criterion_fields() -> Value {
    json!({
        "code": "9", "title": "Ứng dụng chữ ký số trong xử lý văn bản", "max_points": 2.0,
        "kind": "bonus", "evidence_required": "Báo cáo của Văn phòng UBND xã", "levels": [],
    })
}

fn report_request(f: &Facts, out: &str) -> Value {
    json!({
        "out": out, "kind": "annual", "year": YEAR, "period": fact(f, "period"),
        "date": "2026-11-30", "settings": fact(f, "report_settings"), "format": "pdf",
    })
}

/// A file's answer: where each transport asked for it, and its size (the file carries the
/// moment and the name it was made with).
const OUTPUT: &[&str] = &["path", "size", "bytes"];

/// The table: every command, in an order where writes do not break later reads.
fn rows() -> Vec<Row> {
    use Who::*;
    vec![
        // The start screen, before anyone logs in: the commune is already set up.
        row("app_status", Nobody, |_| json!({}))
            // The desktop shows its data folder; a network client is told "on the host".
            .except(&["data_dir"]),
        row("suggest_superior", Nobody, |_| json!({"province": "Lạng Sơn"})),
        row("role_options", Nobody, |_| Value::Null),
        row("setup_commune", Nobody, |_| {
            json!({
                "commune": {"name": "Xã Nông Thượng", "province": "Thái Nguyên",
                            "superior": "UBND tỉnh Thái Nguyên", "current_year": YEAR},
                "account": {"full_name": "Nông Văn Khánh", "position": "Công chức",
                            "department": "Văn phòng", "username": "khanh",
                            "password": "Khanh-2026-vp", "role": "admin"},
            })
        })
        .refused("conflict"),
        row("create_first_account", Nobody, |_| {
            json!({"account": {"full_name": "Nông Văn Khánh", "position": "Công chức",
                "department": "Văn phòng", "username": "khanh", "password": "Khanh-2026-vp",
                "role": "admin"}})
        })
        .refused("conflict"),
        row("load_demo", Nobody, |_| json!({})).refused("conflict"),
        // The first-start restore is for a folder never set up, on the host only: refused
        // before the file is even looked for (nobody may upload before logging in).
        row("restore_first_start", Nobody, |_| json!({"path": "sao lưu xã.cchcbak"}))
            .refused("forbidden"),
        row("login", Nobody, |_| {
            json!({"username": "congchuc", "password": "demo1234"})
        })
        // Over the network the answer carries the anti-forgery value too.
        .except(&["csrf"]),
        row("current_session", Officer, |_| Value::Null),
        // Reads of each screen.
        row("dashboard", Officer, |_| json!({"year": YEAR})),
        row("summary", Chairman, |_| json!({"year": YEAR})),
        row("plan_screen", Officer, |_| json!({"year": YEAR})).learn(|v, f| {
            f.insert("area".into(), v["areas"][0]["id"].clone());
            f.insert("officer".into(), v["officers"][0]["id"].clone());
        }),
        row("search_tasks", Officer, |_| {
            json!({"year": YEAR, "filter": {"area_id": null, "officer_id": null,
                "status": null, "query": "", "overdue_only": false}})
        })
        .learn(learn_tasks),
        row("deadline_preview", Officer, |_| {
            json!({"year": YEAR, "text": "Trước ngày 15 hằng tháng"})
        }),
        row("list_areas", Officer, |_| Value::Null),
        row("sessions_screen", Officer, |_| json!({"year": YEAR}))
            .learn(|v, f| {
                f.insert("session_period".into(), v["periods"][0]["code"].clone());
            }),
        row("search_sessions", Officer, |f| {
            json!({"year": YEAR, "period": fact(f, "session_period"), "filter": {
                "kind": null, "form": null, "village": "", "law": "", "query": ""}})
        }),
        row("pbgdpl_counters", Officer, |_| json!({"year": YEAR}))
            .learn(|v, f| {
                f.insert("counters".into(), v.clone());
            }),
        row("onestop_year", Officer, |_| json!({"year": YEAR})).learn(|v, f| {
            f.insert("onestop".into(), v.clone());
        }),
        row("scoring_screen", Officer, |_| json!({"year": YEAR})).learn(learn_sheet),
        row("criterion_history", Officer, |f| json!({"id": fact(f, "leaf_a")})),
        row("evidence_list", Officer, |_| json!({"year": YEAR, "query": ""}))
            .learn(|v, f| {
                f.insert("document".into(), v[0]["id"].clone());
            }),
        row("evidence_for", Officer, |f| {
            json!({"target": {"kind": "criterion", "id": fact(f, "leaf_a")}})
        }),
        row("report_options", Chairman, |_| json!({"year": YEAR})).learn(|v, f| {
            f.insert("period".into(), v["periods"][0]["code"].clone());
        }),
        row("report_settings", Chairman, |_| json!({"kind": "annual"})).learn(|v, f| {
            f.insert("report_settings".into(), v.clone());
        }),
        row("report_assessment", Chairman, |f| {
            json!({"year": YEAR, "period": fact(f, "period")})
        })
        .learn(|v, f| {
            f.insert("assessment".into(), v.clone());
        }),
        row("report_file_name", Chairman, |f| {
            json!({"kind": "annual", "year": YEAR, "period": fact(f, "period"), "format": "pdf"})
        }),
        row("commune_settings", Admin, |_| Value::Null)
            // The host's data folder is the desktop's own; a client is told "on the host".
            .except(&["data_dir"])
            .learn(|v, f| {
                f.insert("commune".into(), v["commune"].clone());
            }),
        row("list_accounts", Admin, |_| Value::Null),
        row("list_officers", Admin, |_| Value::Null),
        row("diagnostics_info", Admin, |_| Value::Null)
            // The log folder is the host's path; a client is not shown it.
            // The log folder is the host's path; the data folder of the network's host also
            // holds the files in transit.
            .except(&["logs_dir", "data_dir_bytes"]),
        // Each host listens its own way: the window's switch, or `cchc serve`'s fixed address.
        row("network_status", Admin, |_| Value::Null).outcome(),
        row("client_sessions", Admin, |_| Value::Null)
            // The network's sessions are each host's own (the browsers of this test).
            .outcome()
            .learn(|v, f| {
                // The chairman's latest session: the one left open on another PC.
                let chairman = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|s| s["username"] == "chutich")
                    .max_by_key(|s| s["id"].as_i64())
                    .map(|s| s["id"].clone());
                f.insert("client_session".into(), chairman.unwrap_or(Value::Null));
            }),
        // The plan.
        row("save_task", Officer, |f| {
            json!({"year": YEAR, "id": null, "input": new_task(f)})
        })
        .learn(|v, f| {
            f.insert("new_task".into(), v.clone());
        }),
        row("save_task", Officer, |f| {
            let t = fact(f, "task");
            json!({"year": YEAR, "id": t["id"], "version": t["version"],
                "input": task_input(&t, "Đã ban hành kế hoạch số 12/KH-UBND")})
        }),
        row("mark_task_done", Officer, |f| {
            let t = fact(f, "new_task");
            json!({"id": t["id"], "completedOn": "2026-11-28", "version": t["version"]})
        }),
        row("set_task_occurrence", Officer, |f| {
            let t = fact(f, "recurring");
            json!({"id": t["id"], "seq": t["occurrences"][0]["seq"], "completedOn": "2026-01-14"})
        }),
        row("delete_task", Officer, |f| json!({"id": fact(f, "new_task")["id"]})),
        row("save_plan_reference", Chairman, |_| {
            json!({"year": YEAR, "docNumber": "05/KH-UBND", "issuedOn": "2026-01-15"})
        }),
        row("save_area", Chairman, |_| {
            json!({"id": null, "name": "Chuyển đổi số", "active": true})
        }),
        // Outreach sessions.
        row("save_session", Officer, |f| {
            json!({"id": null, "input": session_input(f)})
        })
        .learn(|v, f| {
            f.insert("session".into(), v["id"].clone());
        }),
        row("delete_session", Officer, |f| json!({"id": fact(f, "session")})),
        row("save_pbgdpl_counters", Officer, |f| {
            json!({"year": YEAR, "counters": fact(f, "counters")})
        }),
        // The one-stop shop.
        row("save_tthc_batch", Officer, |f| {
            let rows = fact(f, "onestop")["batches"][0]["rows"].clone();
            json!({"input": {"from": "2026-12-01", "to": "2026-12-31", "rows": rows}})
        })
        .learn(|v, f| {
            f.insert("batch".into(), v["id"].clone());
        }),
        row("delete_tthc_batch", Officer, |f| json!({"id": fact(f, "batch")})),
        row("save_tthc_catalogue", Officer, |f| {
            json!({"year": YEAR, "catalogue": fact(f, "onestop")["catalogue"]})
        }),
        row("save_tthc_targets", Officer, |f| {
            json!({"year": YEAR, "targets": fact(f, "onestop")["targets"]})
        }),
        row("save_indicators", Officer, |f| {
            json!({"year": YEAR, "indicators": fact(f, "onestop")["indicators"]})
        }),
        // Evidence, with a real file of the demo.
        row("add_evidence", Officer, |f| {
            json!({"input": {"year": YEAR, "title": "Biên bản kiểm tra công vụ năm 2026",
                    "doc_number": "15/BB-UBND", "doc_date": "2026-11-25",
                    "issuer": "UBND xã", "location": "Trang 2"},
                "path": "@in:bien-ban.pdf",
                "target": {"kind": "criterion", "id": fact(f, "leaf_a")}})
        })
        .learn(|v, f| {
            f.insert("new_document".into(), v["id"].clone());
        }),
        row("replace_evidence_file", Officer, |f| {
            json!({"id": fact(f, "new_document"), "path": "@in:bien-ban-ky-lai.pdf"})
        }),
        row("link_evidence", Officer, |f| {
            json!({"id": fact(f, "document"), "target": {"kind": "criterion",
                "id": fact(f, "leaf_b")}, "linked": true})
        }),
        row("open_evidence", Officer, |f| json!({"id": fact(f, "new_document")})),
        row("pack_evidence", Officer, |_| {
            json!({"year": YEAR, "path": "@out:ho-so-minh-chung.zip"})
        })
        .except(OUTPUT),
        // Scoring: the officer scores and submits, the chairman decides.
        row("assign_criterion", Chairman, |f| {
            json!({"id": fact(f, "leaf_c"), "officerId": fact(f, "officer")})
        }),
        row("score_criterion", Officer, |f| {
            json!({"id": fact(f, "leaf_a"), "input": {"level": 0,
                "explanation": "Đã ban hành kế hoạch CCHC năm 2026 đúng hạn."}})
        }),
        row("submit_criterion", Officer, |f| json!({"id": fact(f, "leaf_a")})),
        row("approval_preview", Chairman, |_| json!({"id": null, "year": YEAR})),
        row("approve_criterion", Chairman, |f| {
            json!({"id": fact(f, "leaf_a"), "shown": null})
        }),
        row("appraise_criterion", Chairman, |f| {
            json!({"id": fact(f, "leaf_a"), "appraisal": {"round": 1, "score": 0.5,
                "note": "Kế hoạch chưa nêu rõ kinh phí."}})
        }),
        row("explain_criterion", Officer, |f| {
            json!({"id": fact(f, "leaf_a"),
                "explanation": "Kinh phí nằm trong dự toán chi thường xuyên của UBND xã."})
        }),
        row("reopen_criterion", Chairman, |f| {
            json!({"id": fact(f, "leaf_a"), "reason": "Bổ sung minh chứng kinh phí."})
        }),
        row("return_criterion", Chairman, |f| {
            json!({"id": fact(f, "leaf_b"), "reason": "Thiếu biên bản hội nghị."})
        }),
        row("set_criterion_not_applicable", Chairman, |f| {
            json!({"id": fact(f, "leaf_c"), "notApplicable": true,
                "reason": "Xã không có đơn vị sự nghiệp trực thuộc."})
        }),
        // Late November the demo officer still has criteria to score; the refusal names them.
        row("submit_sheet", Officer, |_| json!({"year": YEAR})).refused("invalid"),
        row("approval_preview", Chairman, |_| json!({"id": null, "year": YEAR}))
            .learn(|v, f| {
                let shown: Vec<Value> = v["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|i| i["criterion_id"].clone())
                    .collect();
                f.insert("shown".into(), Value::Array(shown));
            }),
        row("approve_sheet", Chairman, |f| {
            json!({"year": YEAR, "shown": fact(f, "shown")})
        }),
        row("set_thresholds", Chairman, |f| {
            json!({"year": YEAR, "thresholds": fact(f, "thresholds")})
        }),
        row("set_approval_rule", Chairman, |_| json!({"allowWithoutEvidence": false})),
        // The criteria themselves, for the next year.
        row("add_year", Admin, |_| json!({"year": 2027})),
        row("start_next_year_plan", Chairman, |_| json!({"year": YEAR})),
        row("copy_criteria", Chairman, |_| json!({"from": YEAR, "to": 2027})),
        // This year's set is scored and locked; next year's copy is edited.
        row("scoring_screen", Chairman, |_| json!({"year": 2027})).learn(|v, f| {
            f.insert("group_2027".into(), v["sheet"]["nodes"][0]["id"].clone());
        }),
        row("add_criterion", Chairman, |f| {
            json!({"year": 2027, "parentId": fact(f, "group_2027"), "fields": criterion_fields()})
        })
        .learn(|v, f| {
            f.insert("criterion".into(), v.clone());
        }),
        row("update_criterion", Chairman, |f| {
            let mut fields = criterion_fields();
            fields["max_points"] = json!(1.5);
            json!({"id": fact(f, "criterion"), "fields": fields})
        }),
        row("delete_criterion", Chairman, |f| json!({"id": fact(f, "criterion")})),
        // Imports and exports: the template downloaded is the file imported.
        row("save_template", Officer, |_| {
            json!({"kind": "tasks", "year": YEAR, "path": "@out:mẫu nhiệm vụ.xlsx"})
        }),
        row("import_file", Officer, |_| {
            json!({"kind": "tasks", "path": "@in:mẫu nhiệm vụ.xlsx", "year": YEAR,
                "dryRun": true, "from": null, "to": null})
        }),
        row("import_years", Officer, |_| Value::Null),
        row("annotate_import", Officer, |_| {
            json!({"kind": "tasks", "path": "@in:mẫu nhiệm vụ.xlsx", "year": YEAR,
                "from": null, "to": null, "out": "@out:mẫu nhiệm vụ - đánh dấu lỗi.xlsx"})
        }),
        row("export_table", Officer, |_| {
            json!({"table": "plan", "year": YEAR, "period": null,
                "path": "@out:nhiệm vụ 2026.xlsx"})
        }),
        // Reports.
        row("save_report_assessment", Chairman, |f| {
            json!({"year": YEAR, "period": fact(f, "period"), "assessment": fact(f, "assessment")})
        }),
        row("make_report", Chairman, |f| {
            json!({"request": report_request(f, "@out:báo cáo CCHC 2026.pdf")})
        })
        .except(OUTPUT)
        .learn(|v, f| {
            f.insert("report".into(), v["path"].clone());
        }),
        // The preview and "open" read a report the desktop wrote on its own disk; a network
        // client downloads its report instead and has no host path to name.
        row("read_report", Chairman, |f| json!({"path": fact(f, "report")}))
            .desktop_only("not_found"),
        row("open_report", Chairman, |f| json!({"path": fact(f, "report")}))
            .desktop_only("not_found"),
        // The documents the commune issues: the plan's texts, and the appraisal dossier of
        // 2025, which the demo's chairman approved.
        row("plan_texts", Officer, |_| json!({"year": YEAR})).learn(|v, f| {
            f.insert("plan_texts".into(), v.clone());
        }),
        row("save_plan_texts", Officer, |f| {
            let mut texts = fact(f, "plan_texts");
            texts["purpose"] = json!("Nâng cao chất lượng phục vụ người dân.\nCông khai, minh bạch.");
            json!({"year": YEAR, "texts": texts})
        }),
        row("dossier_preflight", Chairman, |_| json!({"year": 2025})).learn(|v, f| {
            f.insert("dossier_settings".into(), v["to_trinh"].clone());
        }),
        // It remembers the letter's settings and seals what it wrote: each host's own seal.
        row("make_dossier", Chairman, |f| {
            json!({"request": {"year": 2025, "letter": "to_trinh", "date": "2026-01-12",
                "settings": fact(f, "dossier_settings")},
                "out": "@out:hồ sơ đề nghị thẩm định 2025.zip"})
        })
        .outcome(),
        // Each host's dossier carries its own seal (made a moment apart): outcomes compared.
        row("verify_dossier", Chairman, |_| {
            json!({"path": "@in:hồ sơ đề nghị thẩm định 2025.zip"})
        })
        .outcome(),
        row("open_received_dossier", Chairman, |_| {
            json!({"path": "@in:hồ sơ đề nghị thẩm định 2025.zip"})
        })
        .outcome()
        .learn(|v, f| {
            f.insert("dossier_document".into(), v["documents"][0].clone());
        }),
        row("open_dossier_file", Chairman, |f| {
            json!({"path": "@in:hồ sơ đề nghị thẩm định 2025.zip",
                "entry": fact(f, "dossier_document")})
        }),
        // Backups and the data check.
        row("backup_panel", Admin, |_| Value::Null)
            // The window is on the host; a network client is told it is not.
            .except(&["on_host"]),
        row("data_health", Admin, |_| Value::Null),
        row("check_data", Admin, |_| json!({"full": true})),
        // The demo stores no unused file: pruning nothing shown is refused.
        row("prune_orphans", Admin, |_| json!({"shown": []})).refused("invalid"),
        row("make_backup", Admin, |_| json!({"path": "@out:sao lưu xã.cchcbak"})).outcome(),
        // The automatic folder is chosen on the host PC only.
        row("set_backup_folder", Admin, |_| json!({"folder": null})).desktop_only("forbidden"),
        // No automatic folder chosen (a client cannot choose one): refused, saying where to.
        row("backup_to_folder", Admin, |_| Value::Null).refused("invalid"),
        row("preview_backup", Admin, |_| json!({"path": "@in:sao lưu xã.cchcbak"}))
            .desktop_only("forbidden"),
        // Settings, accounts, diagnostics, the network.
        row("update_commune", Admin, |f| {
            let c = fact(f, "commune");
            json!({"input": {"name": c["name"], "province": c["province"],
                "superior": c["superior"], "current_year": c["current_year"]},
                "version": c["version"]})
        }),
        row("create_account", Admin, |_| {
            json!({"account": {"full_name": "Lò Thị Hoa", "position": "Công chức Văn hóa - Xã hội",
                "department": "Văn hóa - Xã hội", "username": "lothihoa",
                "password": "Hoa-vhxh-2026", "role": "officer"}})
        })
        .learn(|v, f| {
            f.insert("account".into(), v["id"].clone());
        }),
        row("update_account", Admin, |f| {
            json!({"id": fact(f, "account"), "update": {"full_name": "Lò Thị Hoa",
                "position": "Công chức Văn hóa - Xã hội", "department": "Văn hóa - Xã hội",
                "role": "officer", "active": true}})
        }),
        row("reset_password", Admin, |f| {
            json!({"id": fact(f, "account"), "password": "Hoa-moi-2026"})
        }),
        row("save_officer", Admin, |_| {
            json!({"id": null, "input": {"full_name": "Hoàng Văn Dũng",
                "position": "Chỉ huy trưởng Quân sự", "department": "Ban Chỉ huy Quân sự",
                "active": true}})
        }),
        // The trail names the PC each change came from: none in the window, the browser's
        // address over the network. Everything else in it is the same.
        row("audit_log", Admin, |_| json!({"limit": 200, "offset": 0})).except(&["client_address"]),
        row("make_diagnostics", Admin, |_| json!({"path": "@out:chan-doan.zip"})).except(OUTPUT),
        row("set_log_level", Admin, |_| json!({"verbose": false})),
        // Only the window on the host PC switches the network: a client would cut itself off.
        row("set_network", Admin, |_| {
            json!({"settings": {"enabled": true, "port": 8765}})
        })
        .desktop_only("forbidden"),
        // Each host checks its own listener's addresses.
        row("test_network", Admin, |_| Value::Null).outcome(),
        row("end_client_session", Admin, |f| json!({"id": fact(f, "client_session")})),
        // After every write: both hosts hold the same data.
        row("scoring_screen", Chairman, |_| json!({"year": YEAR})),
        row("search_tasks", Chairman, |_| {
            json!({"year": YEAR, "filter": {"area_id": null, "officer_id": null,
                "status": null, "query": "", "overdue_only": false}})
        }),
        row("onestop_year", Chairman, |_| json!({"year": YEAR})),
        row("evidence_list", Chairman, |_| json!({"year": YEAR, "query": ""})),
        row("list_accounts", Admin, |_| Value::Null),
        row("list_officers", Admin, |_| Value::Null),
        row("change_own_password", Officer, |_| {
            json!({"current": "demo1234", "replacement": "Lan-Anh-2026"})
        }),
        row("logout", Officer, |_| Value::Null),
        // Last: a restore (on the host only) ends every session.
        row("restore_backup", Admin, |_| json!({"path": "@in:sao lưu xã.cchcbak"}))
            .desktop_only("forbidden"),
    ]
}

/// The PDFs under `dir`, at any depth, in name order.
fn pdfs_under(dir: &std::path::Path, out: &mut Vec<Vec<u8>>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs_under(&p, out);
        } else if let Some(data) = std::fs::read(&p).ok().filter(|d| d.starts_with(b"%PDF")) {
            out.push(data);
        }
    }
}

#[test]
fn the_table_has_every_command_and_only_commands() {
    let named: BTreeSet<&str> = rows().iter().map(|r| r.name).collect();
    let missing: Vec<&&str> = cchc_api::COMMANDS
        .iter()
        .filter(|c| !named.contains(**c))
        .collect();
    let unknown: Vec<&&str> = named.iter().filter(|n| !cchc_api::is_command(n)).collect();
    assert!(
        missing.is_empty(),
        "commands without a round-trip row: {missing:?}"
    );
    assert!(unknown.is_empty(), "rows naming no command: {unknown:?}");
}

#[test]
fn every_command_round_trips_on_both_transports() {
    let mut desktop = Run {
        side: Desktop::start(),
        facts: Facts::new(),
        made: BTreeMap::new(),
    };
    let mut network = Run {
        side: Network::start(),
        facts: Facts::new(),
        made: BTreeMap::new(),
    };
    // Two real documents of the demo: one to add as evidence, one to replace its file with.
    let mut pdfs = Vec::new();
    pdfs_under(&desktop.side.host.evidence_dir().unwrap(), &mut pdfs);
    assert!(pdfs.len() >= 2, "the demo has PDFs of evidence");
    for run_made in [&mut desktop.made, &mut network.made] {
        run_made.insert("bien-ban.pdf".into(), pdfs[0].clone());
        run_made.insert("bien-ban-ky-lai.pdf".into(), pdfs[1].clone());
    }
    // The chairman left a browser logged in on another PC of the office, which this desktop
    // serves: the admin ends that session.
    desktop
        .side
        .host
        .write(|c| {
            let chairman: i64 = c.query_row(
                "SELECT id FROM account WHERE username = 'chutich'",
                [],
                |r| r.get(0),
            )?;
            cchc_core::people::sessions::begin(
                c,
                chairman,
                "192.168.1.23",
                "Edge trên máy Tư pháp",
                chrono::Local::now().naive_local(),
            )
        })
        .unwrap();

    let mut failures = Vec::new();
    for r in rows() {
        let (d, mut d_files) = desktop.call(&r);
        let (n, n_files) = network.call(&r);
        let mut wrong = judge(&r, &d, &n);
        wrong.extend(d_files.drain(..).map(|p| format!("desktop: {p}")));
        wrong.extend(n_files.into_iter().map(|p| format!("network: {p}")));
        if !wrong.is_empty() {
            failures.push(format!("{} ({:?}): {}", r.name, r.who, wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows do not round-trip:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
