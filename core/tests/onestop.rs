//! One-stop statistics in core: rates, overlapping periods, bad input, targets and gaps.

use cchc_core::commune::CommuneInput;
use cchc_core::onestop::batches::{self, BatchInput, CountRow};
use cchc_core::onestop::yearly::{self, Indicators, Targets};
use cchc_core::onestop::{self, Counts};
use cchc_core::people::Actor;
use cchc_core::{db, setup, summary};
use chrono::NaiveDate;
use rusqlite::Connection;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn setup_2026() -> (Connection, Actor) {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    (conn, Actor::command_line())
}

fn counts(received: i64, online: i64, early: i64, late: i64) -> Counts {
    Counts {
        received_direct: received - online,
        received_online: online,
        received_bcci: 0,
        resolved_early: early,
        resolved_on_time: received - early - late,
        resolved_late: late,
        in_progress: 0,
        returned: 0,
        ..Counts::default()
    }
}

fn overall(from: NaiveDate, to: NaiveDate, c: Counts) -> BatchInput {
    BatchInput {
        from,
        to,
        rows: vec![CountRow {
            procedure_code: String::new(),
            procedure_name: String::new(),
            field: String::new(),
            counts: c,
        }],
    }
}

fn received(conn: &Connection) -> i64 {
    summary::for_year(conn, 2026, d(2026, 12, 31))
        .unwrap()
        .tthc
        .received
}

#[test]
fn overlapping_periods_and_reimports_are_not_counted_twice() {
    let (mut conn, actor) = setup_2026();
    for m in 1..=3 {
        let to = cchc_core::plan::deadline::last_day_of_month(2026, m).unwrap();
        batches::save(
            &mut conn,
            &actor,
            &overall(d(2026, m, 1), to, counts(100, 40, 30, 0)),
        )
        .unwrap();
    }
    assert_eq!(received(&conn), 300);
    // The same month again replaces it.
    batches::save(
        &mut conn,
        &actor,
        &overall(d(2026, 1, 1), d(2026, 1, 31), counts(110, 40, 30, 0)),
    )
    .unwrap();
    assert_eq!(received(&conn), 310);
    // A quarter covering the months: the quarter counts, the months are left out, and say why.
    batches::save(
        &mut conn,
        &actor,
        &overall(d(2026, 1, 1), d(2026, 3, 31), counts(351, 150, 100, 0)),
    )
    .unwrap();
    assert_eq!(received(&conn), 351);
    let year = batches::of_year(&conn, 2026).unwrap();
    assert_eq!(year.len(), 4);
    let skipped: Vec<_> = year
        .iter()
        .filter(|b| !b.counted)
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(
        skipped,
        vec!["Tháng 1/2026", "Tháng 2/2026", "Tháng 3/2026"]
    );
    assert!(year[0]
        .skipped_because
        .as_deref()
        .unwrap()
        .contains("01/01/2026 – 31/03/2026"));
    let s = summary::for_year(&conn, 2026, d(2026, 12, 31)).unwrap();
    assert_eq!(s.tthc.on_time_rate_pct, Some(100.0));
    assert_eq!(s.tthc.online_rate_pct, Some(42.7));
}

#[test]
fn nothing_to_divide_by_gives_no_rate() {
    let (conn, _) = setup_2026();
    let s = summary::for_year(&conn, 2026, d(2026, 12, 31)).unwrap();
    assert_eq!(s.tthc.received, 0);
    assert_eq!(s.tthc.on_time_rate_pct, None);
    assert_eq!(s.tthc.online_rate_pct, None);
    let json = serde_json::to_value(&s).unwrap();
    assert!(json["tthc"]["on_time_rate_pct"].is_null());
    let v = onestop::year_view(&conn, 2026).unwrap();
    assert_eq!(v.on_time_gap, None);
}

#[test]
fn bad_batches_get_a_clear_message_and_save_nothing() {
    let (mut conn, actor) = setup_2026();
    let mut negative = counts(10, 2, 1, 0);
    negative.resolved_late = -1;
    let err = batches::save(
        &mut conn,
        &actor,
        &overall(d(2026, 1, 1), d(2026, 1, 31), negative),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Giải quyết quá hạn của toàn bộ một cửa không được âm (đang là -1)."
    );
    let err = batches::save(
        &mut conn,
        &actor,
        &overall(d(2026, 2, 1), d(2026, 1, 31), counts(1, 0, 0, 0)),
    )
    .unwrap_err();
    assert!(err.to_string().contains("ngày kết thúc trước ngày bắt đầu"));
    let err = batches::save(
        &mut conn,
        &actor,
        &overall(d(2019, 1, 1), d(2019, 1, 31), counts(1, 0, 0, 0)),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "not_found");
    let row = |name: &str| CountRow {
        procedure_code: String::new(),
        procedure_name: name.into(),
        field: "Hộ tịch".into(),
        counts: counts(5, 1, 1, 0),
    };
    let mixed = BatchInput {
        from: d(2026, 1, 1),
        to: d(2026, 1, 31),
        rows: vec![row(""), row("Đăng ký khai sinh")],
    };
    assert_eq!(
        batches::save(&mut conn, &actor, &mixed).unwrap_err().kind(),
        "invalid"
    );
    let twice = BatchInput {
        from: d(2026, 1, 1),
        to: d(2026, 1, 31),
        rows: vec![row("Đăng ký khai sinh"), row("Đăng ký  khai sinh ")],
    };
    assert!(batches::save(&mut conn, &actor, &twice)
        .unwrap_err()
        .to_string()
        .contains("có hai dòng"));
    assert_eq!(received(&conn), 0);
    let n: i64 = conn
        .query_row("SELECT count(*) FROM tthc_batch", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn per_procedure_rows_add_up() {
    let (mut conn, actor) = setup_2026();
    let row = |name: &str, c: Counts| CountRow {
        procedure_code: String::new(),
        procedure_name: name.into(),
        field: "Hộ tịch".into(),
        counts: c,
    };
    let input = BatchInput {
        from: d(2026, 4, 1),
        to: d(2026, 4, 30),
        rows: vec![
            row("Đăng ký khai sinh", counts(60, 30, 20, 0)),
            row("Chứng thực bản sao", counts(40, 10, 10, 1)),
        ],
    };
    let b = batches::save(&mut conn, &actor, &input).unwrap();
    assert_eq!(b.total.received(), 100);
    assert_eq!(b.total.resolved_late, 1);
    assert_eq!(b.total.on_time_rate_pct(), Some(99.0));
    assert_eq!(b.label, "Tháng 4/2026");
}

#[test]
fn targets_give_the_gap_and_indicators_are_checked() {
    let (mut conn, actor) = setup_2026();
    assert_eq!(
        yearly::targets(&conn, 2026).unwrap(),
        yearly::DEFAULT_TARGETS
    );
    batches::save(
        &mut conn,
        &actor,
        &overall(d(2026, 1, 1), d(2026, 1, 31), counts(1296, 583, 412, 1)),
    )
    .unwrap();
    let v = onestop::year_view(&conn, 2026).unwrap();
    assert_eq!(v.online_rate_pct, Some(45.0));
    assert_eq!(v.online_gap, Some(-15.0));
    assert_eq!(v.on_time_gap, Some(-0.1));
    yearly::save_targets(
        &mut conn,
        &actor,
        2026,
        &Targets {
            online_rate_pct: 40.0,
            on_time_rate_pct: 99.5,
        },
    )
    .unwrap();
    let v = onestop::year_view(&conn, 2026).unwrap();
    assert_eq!((v.online_gap, v.on_time_gap), (Some(5.0), Some(0.4)));
    let bad = Targets {
        online_rate_pct: 120.0,
        on_time_rate_pct: 100.0,
    };
    assert_eq!(
        yearly::save_targets(&mut conn, &actor, 2026, &bad)
            .unwrap_err()
            .kind(),
        "invalid"
    );
    let wrong = Indicators {
        survey_respondents: 10,
        survey_satisfied: 11,
        ..Indicators::default()
    };
    assert!(yearly::save_indicators(&mut conn, &actor, 2026, &wrong)
        .unwrap_err()
        .to_string()
        .contains("không thể nhiều hơn"));
}

#[test]
fn a_saved_batch_is_what_reading_it_back_gives_and_folded_duplicates_are_refused() {
    let (mut conn, actor) = setup_2026();
    let row = |code: &str, name: &str, n: i64| CountRow {
        procedure_code: code.into(),
        procedure_name: name.into(),
        field: "Hộ tịch".into(),
        counts: counts(n, n, 0, 0),
    };
    let input = BatchInput {
        from: d(2026, 2, 1),
        to: d(2026, 2, 28),
        rows: vec![
            row("2.000", "Đăng ký khai sinh", 5),
            row("1.000", "Đăng ký kết hôn", 3),
            row("1.000", "Chứng thực bản sao", 7),
        ],
    };
    let saved = batches::save(&mut conn, &actor, &input).unwrap();
    assert_eq!(saved, batches::get(&conn, saved.id).unwrap());
    assert_eq!(saved.rows[0].procedure_name, "Chứng thực bản sao");

    // The same procedure written with other case, spacing and no diacritics is a duplicate.
    let mut twice = input.clone();
    twice.rows.push(row("2.000", "dang  ky KHAI SINH", 1));
    let err = batches::save(&mut conn, &actor, &twice).unwrap_err();
    assert!(err.to_string().contains("có hai dòng"), "{err}");
    assert_eq!(batches::get(&conn, saved.id).unwrap(), saved);
}
