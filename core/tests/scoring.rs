//! The PAR-index sheet in core: codes, exact rollups with decimals, flags, the approval
//! workflow and who may do what, locks, appraisal, rating and points at risk.

use cchc_core::commune::CommuneInput;
use cchc_core::people::{self, Actor, NewAccount, Role};
use cchc_core::scoring::approval;
use cchc_core::scoring::criteria::{self, Kind, Level, NodeInput, SetInput};
use cchc_core::scoring::sheet::{self, Node};
use cchc_core::scoring::workflow::{self, Appraisal, SelfScore, State};
use cchc_core::scoring::Points;
use cchc_core::{db, setup, summary};
use chrono::NaiveDate;
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

fn node(code: &str, title: &str, max: &str, children: Vec<NodeInput>) -> NodeInput {
    NodeInput {
        code: code.into(),
        title: title.into(),
        max_points: p(max),
        kind: Kind::Normal,
        evidence_required: String::new(),
        levels: vec![],
        children,
    }
}

fn leaf(code: &str, max: &str, levels: &[(&str, &str)]) -> NodeInput {
    NodeInput {
        levels: levels
            .iter()
            .map(|(l, v)| Level {
                label: l.to_string(),
                points: p(v),
            })
            .collect(),
        ..node(code, &format!("Tiêu chí {code}"), max, vec![])
    }
}

struct World {
    conn: Connection,
    admin: Actor,
    officer: Actor,
    officer_id: i64,
    chairman: Actor,
}

fn world() -> World {
    let mut conn = db::open_in_memory().unwrap();
    let commune = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    let account = |u: &str, role: Role| NewAccount {
        full_name: format!("Người {u}"),
        position: String::new(),
        department: String::new(),
        username: u.into(),
        password: "matkhau1".into(),
        role,
    };
    let (_, admin) =
        setup::initialise(&mut conn, &commune, Some(&account("quantri", Role::Admin))).unwrap();
    let admin = admin.unwrap().actor();
    let officer =
        people::create_account(&mut conn, &admin, &account("congchuc", Role::Officer)).unwrap();
    let chairman =
        people::create_account(&mut conn, &admin, &account("chutich", Role::Chairman)).unwrap();
    World {
        conn,
        admin,
        officer_id: officer.officer_id,
        officer: officer.actor(),
        chairman: chairman.actor(),
    }
}

/// I (printed 2,75) → 1 (printed 2,75) → 1.1 (1) + 1.2 (0,5) + 1.3 (0,25) = 1,75: flagged;
/// III (2) → 2. (2) → a) (1,5) + b) (0,5); bonus IV (1); penalty V (2).
fn set() -> SetInput {
    SetInput {
        title: "Bộ tiêu chí Chỉ số CCHC cấp xã năm 2026".into(),
        decision: "Quyết định số 123/QĐ-UBND".into(),
        nodes: vec![
            node(
                "I",
                "Công tác chỉ đạo, điều hành CCHC",
                "2,75",
                vec![node(
                    "1",
                    "Kế hoạch CCHC",
                    "2,75",
                    vec![
                        leaf(
                            "1.1",
                            "1",
                            &[
                                ("Ban hành đúng thời hạn", "1"),
                                ("Ban hành chậm", "0,5"),
                                ("Không ban hành", "0"),
                            ],
                        ),
                        leaf("1.2", "0,5", &[]),
                        leaf("1.3", "0,25", &[]),
                    ],
                )],
            ),
            node(
                "III",
                "Cải cách thủ tục hành chính",
                "2",
                vec![node(
                    "2.",
                    "Công khai TTHC",
                    "2",
                    vec![leaf("a)", "1,5", &[]), leaf("b)", "0,5", &[])],
                )],
            ),
            NodeInput {
                kind: Kind::Bonus,
                ..node("IV", "Điểm thưởng", "1", vec![leaf("1", "1", &[])])
            },
            NodeInput {
                kind: Kind::Penalty,
                ..node("V", "Điểm trừ", "2", vec![leaf("1", "2", &[])])
            },
        ],
    }
}

fn find<'a>(nodes: &'a [Node], code: &str) -> &'a Node {
    fn go<'a>(nodes: &'a [Node], code: &str) -> Option<&'a Node> {
        nodes.iter().find_map(|n| {
            if n.full_code == code {
                Some(n)
            } else {
                go(&n.children, code)
            }
        })
    }
    go(nodes, code).unwrap_or_else(|| panic!("no {code}"))
}

fn id(w: &World, code: &str) -> i64 {
    criteria::id_by_code(&w.conn, 2026, code).unwrap()
}

fn score(w: &mut World, code: &str, points: &str) {
    let i = id(w, code);
    let officer = w.officer.clone();
    workflow::score(
        &mut w.conn,
        &officer,
        i,
        &SelfScore {
            level: None,
            score: Some(p(points)),
            explanation: "Đã thực hiện".into(),
        },
    )
    .unwrap();
}

#[test]
fn codes_totals_and_flags() {
    let mut w = world();
    let admin = w.admin.clone();
    assert_eq!(
        criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap(),
        13
    );
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    let codes: Vec<_> = s.nodes.iter().map(|n| n.full_code.as_str()).collect();
    assert_eq!(codes, vec!["I", "III", "IV", "V"]);
    assert_eq!(find(&s.nodes, "I.1.1").title, "Tiêu chí 1.1");
    assert_eq!(find(&s.nodes, "III.2.a").max_points, p("1,5"));
    assert_eq!(find(&s.nodes, "IV.1").kind, Kind::Bonus);
    // 1 + 0,5 + 0,25 = 1,75, printed 2,75: flagged, kept as printed.
    assert!(find(&s.nodes, "I.1").max_mismatch);
    assert_eq!(find(&s.nodes, "I.1").max_points, p("2,75"));
    assert_eq!(
        s.mismatches,
        vec!["Tiêu chí I.1 ghi điểm tối đa 2,75 nhưng các tiêu chí con cộng lại 1,75."]
    );
    assert!(!find(&s.nodes, "III.2").max_mismatch);
    assert_eq!(
        s.max_total,
        p("3,75"),
        "normal fields only, by what their leaves can earn"
    );
    assert_eq!(s.status, "not_started");
    assert_eq!(
        summary::for_year(&w.conn, 2026, today())
            .unwrap()
            .scoring
            .status,
        "not_started"
    );
}

#[test]
fn decimals_roll_up_exactly_and_bonus_penalty_apply() {
    let mut w = world();
    let admin = w.admin.clone();
    criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap();
    score(&mut w, "I.1.1", "0,5");
    score(&mut w, "I.1.2", "0,25");
    score(&mut w, "I.1.3", "0,25");
    score(&mut w, "III.2.a", "1,25");
    score(&mut w, "III.2.b", "0,5");
    score(&mut w, "IV.1", "0,75");
    score(&mut w, "V.1", "0,5");
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(find(&s.nodes, "I").self_points, p("1"));
    assert_eq!(find(&s.nodes, "III").self_points, p("1,75"));
    assert_eq!(s.self_total, p("3"), "1 + 1,75 + 0,75 − 0,5");
    let sum = summary::for_year(&w.conn, 2026, today()).unwrap().scoring;
    assert_eq!(
        (sum.max_total, sum.self_total, sum.status.as_str()),
        (3.75, 3.0, "draft")
    );
}

#[test]
fn scores_outside_the_range_are_refused() {
    let mut w = world();
    let admin = w.admin.clone();
    criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap();
    let i = id(&w, "I.1.2");
    let officer = w.officer.clone();
    let err = workflow::score(
        &mut w.conn,
        &officer,
        i,
        &SelfScore {
            level: None,
            score: Some(p("0,75")),
            explanation: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Điểm tự chấm của tiêu chí I.1.2 là 0,75, phải từ 0 đến 0,5 (điểm tối đa)."
    );
    let err = workflow::score(
        &mut w.conn,
        &officer,
        i,
        &SelfScore {
            level: None,
            score: Some(Points(-25)),
            explanation: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid");
    let parent = id(&w, "I.1");
    let err = workflow::score(
        &mut w.conn,
        &officer,
        parent,
        &SelfScore {
            level: None,
            score: Some(p("1")),
            explanation: String::new(),
        },
    )
    .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("Chỉ chấm điểm ở tiêu chí cuối cùng"));
    // A level gives its points.
    let leaf11 = id(&w, "I.1.1");
    workflow::score(
        &mut w.conn,
        &officer,
        leaf11,
        &SelfScore {
            level: Some(1),
            score: None,
            explanation: String::new(),
        },
    )
    .unwrap();
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(
        find(&s.nodes, "I.1.1").leaf.as_ref().unwrap().self_score,
        Some(p("0,5"))
    );
    assert_eq!(
        find(&s.nodes, "I.1.2").leaf.as_ref().unwrap().self_score,
        None,
        "nothing saved by the refusals"
    );
}

#[test]
fn the_approval_workflow_and_who_may_do_what() {
    let mut w = world();
    let admin = w.admin.clone();
    let (officer, chairman) = (w.officer.clone(), w.chairman.clone());
    criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap();
    let field_i = id(&w, "I");
    // Only the chairman or admin assigns; the officer then scores.
    assert_eq!(
        workflow::assign(&mut w.conn, &officer, field_i, Some(w.officer_id))
            .unwrap_err()
            .kind(),
        "forbidden"
    );
    assert_eq!(
        workflow::assign(&mut w.conn, &chairman, field_i, Some(w.officer_id)).unwrap(),
        3
    );
    let leaf = id(&w, "I.1.1");
    assert!(workflow::scorable_leaves(&w.conn, &officer, 2026)
        .unwrap()
        .contains(&leaf));
    assert!(!workflow::scorable_leaves(&w.conn, &chairman, 2026)
        .unwrap()
        .contains(&leaf));
    // The chairman is not the assignee, so cannot score it.
    let err = workflow::score(
        &mut w.conn,
        &chairman,
        leaf,
        &SelfScore {
            level: Some(0),
            score: None,
            explanation: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(err.kind(), "forbidden");
    // Submitting with unscored leaves names them and sends nothing.
    score(&mut w, "I.1.1", "1");
    let err = workflow::submit(&mut w.conn, &officer, field_i).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Còn 2 tiêu chí chưa chấm điểm: I.1.2, I.1.3. Hãy chấm xong rồi gửi duyệt."
    );
    assert_eq!(workflow::submit(&mut w.conn, &officer, leaf).unwrap(), 1);
    // Submitted: the officer cannot change it, nor approve it.
    let err = workflow::score(
        &mut w.conn,
        &officer,
        leaf,
        &SelfScore {
            level: Some(1),
            score: None,
            explanation: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert_eq!(
        workflow::approve(&mut w.conn, &officer, leaf)
            .unwrap_err()
            .to_string(),
        "Chỉ Chủ tịch UBND xã được duyệt điểm tự chấm."
    );
    assert_eq!(
        workflow::approve(&mut w.conn, &admin, leaf)
            .unwrap_err()
            .kind(),
        "forbidden"
    );
    // Returned without a reason: refused; with a reason: back to the officer.
    assert_eq!(
        workflow::return_score(&mut w.conn, &chairman, leaf, "  ")
            .unwrap_err()
            .to_string(),
        "Hãy ghi lý do trả lại."
    );
    workflow::return_score(
        &mut w.conn,
        &chairman,
        leaf,
        "Thiếu quyết định ban hành kế hoạch",
    )
    .unwrap();
    workflow::score(
        &mut w.conn,
        &officer,
        leaf,
        &SelfScore {
            level: Some(1),
            score: None,
            explanation: "Ban hành chậm".into(),
        },
    )
    .unwrap();
    workflow::submit(&mut w.conn, &officer, leaf).unwrap();
    // Scored without evidence: the commune's default rule holds it back, naming it.
    assert_eq!(
        workflow::approve(&mut w.conn, &chairman, field_i)
            .unwrap_err()
            .to_string(),
        "Chưa duyệt được: tiêu chí I.1.1 chưa có tài liệu kiểm chứng. Hãy bổ sung tài liệu kiểm chứng hoặc trả lại để công chức bổ sung (xã đang đặt không duyệt điểm chưa có tài liệu kiểm chứng; đổi ở Cài đặt → Thông tin xã)."
    );
    approval::set_rule(&mut w.conn, &chairman, true).unwrap();
    assert_eq!(
        workflow::approve(&mut w.conn, &chairman, field_i)
            .unwrap()
            .approved,
        1
    );
    // Approved is locked until the chairman reopens it with a reason.
    let err = workflow::score(
        &mut w.conn,
        &officer,
        leaf,
        &SelfScore {
            level: Some(0),
            score: None,
            explanation: String::new(),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("đã được Chủ tịch duyệt"));
    assert_eq!(
        workflow::reopen(&mut w.conn, &officer, leaf, "sửa")
            .unwrap_err()
            .kind(),
        "forbidden"
    );
    let history: Vec<_> = workflow::history(&w.conn, leaf)
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.reason))
        .collect();
    let actions: Vec<&str> = history.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        vec!["assign", "score", "submit", "return", "score", "submit", "approve"]
    );
    assert_eq!(history[3].1, "Thiếu quyết định ban hành kế hoạch");
    workflow::reopen(&mut w.conn, &chairman, leaf, "Bổ sung tài liệu").unwrap();
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(
        find(&s.nodes, "I.1.1").leaf.as_ref().unwrap().state,
        State::Draft
    );
}

#[test]
fn structure_locks_once_scoring_starts_and_not_applicable_drops_the_maximum() {
    let mut w = world();
    let admin = w.admin.clone();
    criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap();
    let b = id(&w, "III.2.b");
    assert_eq!(
        criteria::set_not_applicable(&mut w.conn, &admin, b, true, "")
            .unwrap_err()
            .kind(),
        "invalid"
    );
    criteria::set_not_applicable(&mut w.conn, &admin, b, true, "Xã không có đơn vị sự nghiệp")
        .unwrap();
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(find(&s.nodes, "III").effective_max, p("1,5"));
    assert_eq!(s.max_total, p("3,25"));
    score(&mut w, "I.1.1", "1");
    let err = criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap_err();
    assert_eq!(err.kind(), "conflict");
}

#[test]
fn appraisal_rating_and_points_at_risk() {
    let mut w = world();
    let admin = w.admin.clone();
    let (officer, chairman) = (w.officer.clone(), w.chairman.clone());
    criteria::replace_set(&mut w.conn, &admin, 2026, &set()).unwrap();
    for (code, pts) in [
        ("I.1.1", "1"),
        ("I.1.2", "0,25"),
        ("I.1.3", "0,25"),
        ("III.2.a", "1,5"),
        ("III.2.b", "0"),
        ("IV.1", "0"),
        ("V.1", "0"),
    ] {
        score(&mut w, code, pts);
    }
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    // I.1.1 and III.2.a scored but without evidence: they stand to lose everything.
    let first: Vec<_> = s
        .at_risk
        .iter()
        .take(2)
        .map(|r| (r.full_code.as_str(), r.stand_to_lose))
        .collect();
    assert_eq!(first, vec![("III.2.a", p("1,5")), ("I.1.1", p("1"))]);
    assert!(s.at_risk[0]
        .reasons
        .contains(&"chưa có tài liệu kiểm chứng".to_string()));
    // 3 of 3,75 is 80%: Tốt, on the self-score until there is an appraisal.
    assert_eq!(
        (s.rating.as_deref(), s.rating_of.as_str()),
        (Some("Tốt"), "điểm tự chấm")
    );

    // Appraisal is recorded only once the chairman has approved.
    let a = id(&w, "III.2.a");
    let round1 = Appraisal {
        round: 1,
        score: Some(p("0,5")),
        note: "Thiếu tài liệu kiểm chứng".into(),
    };
    assert_eq!(
        workflow::appraise(&mut w.conn, &officer, a, &round1)
            .unwrap_err()
            .kind(),
        "invalid"
    );
    // This commune keeps its evidence on paper: scores without evidence may be approved.
    approval::set_rule(&mut w.conn, &chairman, true).unwrap();
    for code in ["I", "III", "IV", "V"] {
        let i = id(&w, code);
        workflow::submit(&mut w.conn, &officer, i).unwrap();
        workflow::approve(&mut w.conn, &chairman, i).unwrap();
    }
    assert_eq!(
        sheet::sheet(&w.conn, 2026, today()).unwrap().status,
        "approved"
    );
    let too_much = Appraisal {
        round: 1,
        score: Some(p("2")),
        note: String::new(),
    };
    assert_eq!(
        workflow::appraise(&mut w.conn, &officer, a, &too_much)
            .unwrap_err()
            .kind(),
        "invalid"
    );
    for code in ["I.1.1", "I.1.2", "I.1.3", "III.2.b", "IV.1", "V.1"] {
        let i = id(&w, code);
        let same = sheet::sheet(&w.conn, 2026, today()).unwrap();
        let round = Appraisal {
            round: 1,
            score: find(&same.nodes, code).leaf.as_ref().unwrap().self_score,
            note: String::new(),
        };
        workflow::appraise(&mut w.conn, &officer, i, &round).unwrap();
    }
    workflow::appraise(&mut w.conn, &officer, a, &round1).unwrap();
    workflow::explain(
        &mut w.conn,
        &officer,
        a,
        "Bổ sung Quyết định công khai TTHC",
    )
    .unwrap();
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(
        (s.status.as_str(), s.final_total),
        ("appraised", Some(p("2")))
    );
    assert_eq!(
        (s.rating.as_deref(), s.rating_of.as_str()),
        (Some("Yếu"), "điểm thẩm định")
    );
    workflow::appraise(
        &mut w.conn,
        &officer,
        a,
        &Appraisal {
            round: 2,
            score: Some(p("1,25")),
            note: String::new(),
        },
    )
    .unwrap();
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(
        s.round2_total,
        Some(p("1,25")),
        "only the leaf with a round-2 score"
    );
    assert_eq!(
        s.final_total,
        Some(p("2,75")),
        "round 1 everywhere else, round 2 where given"
    );
    assert_eq!(find(&s.nodes, "III").final_points, Some(p("1,25")));
}

fn fields(
    code: &str,
    title: &str,
    max: &str,
    levels: &[(&str, &str)],
) -> cchc_core::scoring::editor::NodeFields {
    cchc_core::scoring::editor::NodeFields {
        code: code.into(),
        title: title.into(),
        max_points: p(max),
        kind: Kind::Normal,
        evidence_required: String::new(),
        levels: levels
            .iter()
            .map(|(l, v)| Level {
                label: l.to_string(),
                points: p(v),
            })
            .collect(),
    }
}

#[test]
fn a_set_is_entered_node_by_node_and_codes_follow_edits() {
    use cchc_core::scoring::editor;
    let mut w = world();
    let (admin, officer) = (w.admin.clone(), w.officer.clone());
    assert_eq!(
        editor::add_node(
            &mut w.conn,
            &officer,
            2026,
            None,
            &fields("I", "Chỉ đạo", "3", &[])
        )
        .unwrap_err()
        .kind(),
        "forbidden"
    );
    let field = editor::add_node(
        &mut w.conn,
        &admin,
        2026,
        None,
        &fields("I", "Công tác chỉ đạo", "3", &[]),
    )
    .unwrap();
    let c1 = editor::add_node(
        &mut w.conn,
        &admin,
        2026,
        Some(field),
        &fields("1", "Kế hoạch", "3", &[]),
    )
    .unwrap();
    editor::add_node(
        &mut w.conn,
        &admin,
        2026,
        Some(c1),
        &fields(
            "1.1",
            "Ban hành kế hoạch",
            "1",
            &[("Đúng hạn", "1"), ("Chậm", "0,5")],
        ),
    )
    .unwrap();
    let leaf2 = editor::add_node(
        &mut w.conn,
        &admin,
        2026,
        Some(c1),
        &fields("1.2", "Hoàn thành kế hoạch", "2", &[]),
    )
    .unwrap();
    let s = sheet::sheet(&w.conn, 2026, today()).unwrap();
    assert_eq!(find(&s.nodes, "I.1.2").max_points, p("2"));
    assert_eq!(s.max_total, p("3"));
    // A level above the maximum, a duplicate code, children under a node with levels: refused.
    assert_eq!(
        editor::update_node(
            &mut w.conn,
            &admin,
            leaf2,
            &fields("1.2", "Hoàn thành", "2", &[("Đạt", "3")])
        )
        .unwrap_err()
        .kind(),
        "invalid"
    );
    let dup = editor::add_node(
        &mut w.conn,
        &admin,
        2026,
        Some(c1),
        &fields("1.1", "Trùng", "1", &[]),
    )
    .unwrap_err();
    assert!(dup.to_string().contains("I.1.1 bị trùng"), "{dup}");
    let leaf1 = criteria::id_by_code(&w.conn, 2026, "I.1.1").unwrap();
    assert_eq!(
        editor::add_node(
            &mut w.conn,
            &admin,
            2026,
            Some(leaf1),
            &fields("a)", "Con", "1", &[])
        )
        .unwrap_err()
        .kind(),
        "invalid"
    );
    // Renumbering a parent renumbers its children's full codes.
    editor::update_node(&mut w.conn, &admin, c1, &fields("2.", "Kế hoạch", "3", &[])).unwrap();
    assert!(
        criteria::id_by_code(&w.conn, 2026, "I.2.1.1").is_ok(),
        "1.1 under 2 is kept whole"
    );
    editor::update_node(
        &mut w.conn,
        &admin,
        leaf2,
        &fields("b)", "Hoàn thành kế hoạch", "2", &[]),
    )
    .unwrap();
    assert_eq!(criteria::id_by_code(&w.conn, 2026, "I.2.b").unwrap(), leaf2);
    // Locked once scoring starts; deleting is refused too.
    score(&mut w, "I.2.b", "2");
    assert_eq!(
        editor::delete_node(&mut w.conn, &admin, leaf1)
            .unwrap_err()
            .kind(),
        "conflict"
    );

    // Ratings follow the commune's thresholds.
    let t = criteria::Thresholds {
        good_pct: 90.0,
        fair_pct: 75.0,
        average_pct: 50.0,
    };
    assert_eq!(
        criteria::set_thresholds(&mut w.conn, &officer, 2026, &t)
            .unwrap_err()
            .kind(),
        "forbidden"
    );
    let bad = criteria::Thresholds {
        good_pct: 60.0,
        fair_pct: 75.0,
        average_pct: 50.0,
    };
    assert_eq!(
        criteria::set_thresholds(&mut w.conn, &admin, 2026, &bad)
            .unwrap_err()
            .kind(),
        "invalid"
    );
    criteria::set_thresholds(&mut w.conn, &admin, 2026, &t).unwrap();
    assert_eq!(
        sheet::sheet(&w.conn, 2026, today())
            .unwrap()
            .rating
            .as_deref(),
        Some("Trung bình"),
        "2 of 3 = 66,7%"
    );
    // The whole sheet goes for approval at once (what this officer may send).
    assert_eq!(
        workflow::submit_scope(&mut w.conn, &officer, workflow::Scope::Sheet(2026))
            .unwrap_err()
            .kind(),
        "invalid",
        "I.2.1.1 is not scored"
    );

    // Next year starts from this year's set.
    cchc_core::commune::add_year(&mut w.conn, &admin, 2027).unwrap();
    assert_eq!(
        editor::copy_from_year(&mut w.conn, &admin, 2026, 2027).unwrap(),
        4
    );
    let next = sheet::sheet(&w.conn, 2027, today()).unwrap();
    assert_eq!(next.max_total, p("3"));
    assert_eq!(next.status, "not_started");
}
