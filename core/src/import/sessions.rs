//! Importing dissemination sessions (PBGDPL and CCHC communication) as communes log them in
//! Excel: a date as a date cell or typed ("5/3/2026"), the form in words ("Lồng ghép sinh hoạt
//! thôn"), the laws covered in one cell separated by ";" or line breaks, the presenter by name,
//! the attendees as counted ("1.296"). Group rows ("I. Tuyên truyền CCHC") set the kind of what
//! follows. A session is the one already recorded with the same date, content and place (or
//! the one its hidden key names); columns the file does not have keep what was recorded.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::identity::{same_text, Claims};
use super::workbook::Cell;
use super::{diff, is_empty_row, is_roman, is_total, values, Action, Change, Ctx, Severity};
use crate::commune;
use crate::error::Result;
use crate::officers::{self, Officer};
use crate::period::Period;
use crate::sessions::{self, Material, SessionForm, SessionInput, SessionKind, SessionView};
use crate::text;

/// The kind code of sessions in the hidden key column.
pub(crate) const KEY_KIND: &str = "tt";

/// "cải cách hành chính", "CCHC" → CCHC communication; anything else is legal dissemination.
fn kind_of(raw: &str) -> SessionKind {
    let t = text::fold(raw);
    if t.contains("cai cach") || t.contains("cchc") {
        SessionKind::Cchc
    } else {
        SessionKind::Pbgdpl
    }
}

/// The form written in words; what fits none is "Hình thức khác" with the words kept.
fn form_of(raw: &str) -> (SessionForm, String) {
    let t = text::fold(raw);
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |s: &str| t.contains(s);
    let word = |w: &str| words.contains(&w);
    let form = if has("hoi nghi") || has("tap huan") || has("toa dam") || has("hoi thao") {
        SessionForm::Conference
    } else if has("long ghep")
        || has("sinh hoat")
        || has("to dan pho")
        || has("hop thon")
        || has("hop to")
        || has("hop dan")
        || has("hop xom")
    {
        SessionForm::VillageMeeting
    } else if word("loa") || has("truyen thanh") || has("phat thanh") {
        SessionForm::Loudspeaker
    } else if has("trang thong tin")
        || has("trang tin")
        || has("cong thong tin")
        || has("cong dien tu")
        || has("cong tt")
        || word("website")
        || has("trang web")
        || has("mang xa hoi")
        || word("zalo")
        || word("facebook")
        || word("fanpage")
    {
        SessionForm::Website
    } else if word("thi") {
        SessionForm::LawQuiz
    } else if has("phat tai lieu")
        || has("to gap")
        || has("to roi")
        || has("cap phat")
        || has("tai lieu")
    {
        SessionForm::Leaflets
    } else {
        SessionForm::Other
    };
    // "Hình thức khác" itself (our export's label of an unnamed other form) names no form.
    let other = if form == SessionForm::Other && t != "hinh thuc khac" {
        text::clean_line(raw)
    } else {
        String::new()
    };
    (form, other)
}

/// Words that, before "Luật", "Nghị định" …, mean the name goes on ("… của Luật Đất đai").
const CONNECTORS: &[&str] = &[
    "cua", "va", "theo", "cac", "huong", "dan", "tiet", "thi", "hanh", "voi", "ve", "tai", "so",
    "nhu", "sua", "doi", "bo", "sung", "mot", "trong", "ban", "quy", "dinh", "thuc", "hien", "kem",
    "tai", "la", "chi",
];

/// Kinds of legal documents whose name starts a new entry when written with a capital.
const DOCUMENT_KINDS: &[&[&str]] = &[
    &["luat"],
    &["bo", "luat"],
    &["nghi", "dinh"],
    &["nghi", "quyet"],
    &["thong", "tu"],
    &["phap", "lenh"],
    &["hien", "phap"],
    &["chi", "thi"],
    &["quyet", "dinh"],
];

/// "1.", "12)": the number of an item in a list (not a year such as "2024.").
fn is_item_number(w: &str) -> bool {
    let t = w.trim_end_matches(['.', ')']);
    w.ends_with(['.', ')']) && (1..=2).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

fn bare(word: &str) -> String {
    text::fold(word.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// The laws of a cell: separated by ";" or by line breaks. A workbook's line breaks are read
/// as spaces, so a new entry is also recognised where a document name ("Luật …", "Nghị định
/// …") starts with a capital after a word that does not carry the previous name on.
fn split_laws(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split([';', '\n']) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut pieces: Vec<Vec<&str>> = vec![Vec::new()];
        for (i, w) in words.iter().enumerate() {
            let starts_entry = i > 0 && w.chars().next().is_some_and(char::is_uppercase) && {
                DOCUMENT_KINDS.iter().any(|kind| {
                    kind.iter()
                        .enumerate()
                        .all(|(k, name)| words.get(i + k).is_some_and(|x| bare(x) == *name))
                }) && !CONNECTORS.contains(&bare(words[i - 1]).as_str())
            };
            let numbered = i > 0
                && is_item_number(w)
                && words
                    .get(i + 1)
                    .and_then(|n| n.chars().next())
                    .is_some_and(char::is_uppercase);
            if starts_entry || numbered {
                pieces.push(Vec::new());
            }
            if let Some(last) = pieces.last_mut() {
                last.push(w);
            }
        }
        for p in pieces {
            let mut words = p;
            // A leading bullet or number: "-", "+", "•", "1.", "2)", "a)".
            while words.first().is_some_and(|w| {
                let t = w.trim_end_matches(['.', ')']);
                t.chars().all(|c| !c.is_alphanumeric())
                    || is_item_number(w)
                    || (w.ends_with(['.', ')'])
                        && t.chars().count() == 1
                        && t.chars().all(|c| c.is_ascii_lowercase()))
            }) {
                words.remove(0);
            }
            let law = text::clean_line(&words.join(" "));
            let law = law
                .trim_end_matches([',', '.', '-', '+', ';', ' '])
                .trim()
                .to_string();
            if !law.is_empty() && !out.contains(&law) {
                out.push(law);
            }
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Materials handed out: "Tờ gấp: 200; Đề cương: 50", "200 tờ gấp", or a bare number.
fn materials_of(cell: &Cell) -> std::result::Result<Vec<Material>, String> {
    match cell {
        Cell::Empty => Ok(Vec::new()),
        Cell::Number(_) => match values::int(cell) {
            Some(n) if n >= 0 => Ok(vec![Material {
                kind: "Tài liệu".into(),
                count: n,
            }]),
            _ => Err(format!(
                "Số tài liệu phát “{}” phải là số nguyên không âm.",
                cell.text()
            )),
        },
        Cell::Date(_) => Err(format!(
            "Không hiểu tài liệu phát “{}”: ghi loại và số lượng, ví dụ “Tờ gấp: 200”.",
            cell.text()
        )),
        Cell::Text(t) => {
            let mut out = Vec::new();
            for piece in t.split([';', '\n']) {
                let words: Vec<&str> = piece.split_whitespace().collect();
                if words.is_empty() {
                    continue;
                }
                let number_at = words.iter().position(|w| {
                    let w = w.trim_matches([':', ',', '(', ')', '=']);
                    w.chars().any(|c| c.is_ascii_digit())
                        && values::int(&Cell::Text(w.to_string())).is_some()
                });
                let count = number_at
                    .and_then(|at| {
                        values::int(&Cell::Text(
                            words[at]
                                .trim_matches([':', ',', '(', ')', '='])
                                .to_string(),
                        ))
                    })
                    .unwrap_or(0);
                let kind: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != number_at)
                    .map(|(_, w)| *w)
                    .collect();
                let kind = text::clean_line(&kind.join(" "));
                let kind = kind
                    .trim_matches(|c: char| c == ':' || c == '-' || c == '=' || c.is_whitespace())
                    .to_string();
                let kind = if kind.is_empty() {
                    "Tài liệu".to_string()
                } else {
                    capitalised(&kind)
                };
                out.push(Material { kind, count });
            }
            Ok(out)
        }
    }
}

/// An officer named in the presenter cell: the same name, or the one name the cell contains
/// ("Đ/c Lê Văn Bình - Công chức Tư pháp").
fn presenter_of<'o>(people: &'o [Officer], raw: &str) -> Option<&'o Officer> {
    let f = text::fold(raw);
    if f.is_empty() {
        return None;
    }
    if let Some(o) = people.iter().find(|o| text::fold(&o.full_name) == f) {
        return Some(o);
    }
    let padded = format!(
        " {} ",
        f.chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
    );
    let mut within = people.iter().filter(|o| {
        let name = text::fold(&o.full_name);
        name.split(' ').count() >= 2 && padded.contains(&format!(" {name} "))
    });
    match (within.next(), within.next()) {
        (Some(o), None) => Some(o),
        _ => None,
    }
}

/// A date as a cell, a serial, "5/3/2026", "Ngày 05/3/2026 (sáng)" or "ngày 5 tháng 3 năm 2026".
fn date_of(c: &Cell, year: i32) -> Option<NaiveDate> {
    values::date(c, year).or_else(|| match c {
        Cell::Text(t) => super::period::dates_in(&text::fold(t), year)
            .first()
            .copied(),
        _ => None,
    })
}

/// Which column a message of the sessions use-case is about.
fn column_of(message: &str) -> Option<&'static str> {
    let m = text::fold(message);
    if m.starts_with("ngay to chuc") {
        Some("date")
    } else if m.starts_with("so nguoi tham du") {
        Some("attendees")
    } else if m.starts_with("noi dung") {
        Some("content")
    } else if m.contains("tai lieu") {
        Some("materials")
    } else {
        None
    }
}

/// What saving `input` over the recorded `s` changes, field by field, as the sessions module
/// would store it.
fn changes(s: &SessionView, input: &SessionInput, people: &[Officer]) -> Vec<Change> {
    let cleaned_materials: Vec<Material> = input
        .materials
        .iter()
        .map(|m| Material {
            kind: text::clean_line(&m.kind),
            count: m.count,
        })
        .filter(|m| !(m.kind.is_empty() && m.count == 0))
        .collect();
    let mut laws: Vec<String> = Vec::new();
    for l in &input.laws {
        let l = text::clean_line(l);
        if !l.is_empty() && !laws.contains(&l) {
            laws.push(l);
        }
    }
    let form_other = if input.form == SessionForm::Other {
        text::clean_line(&input.form_other)
    } else {
        String::new()
    };
    let materials = |m: &[Material]| {
        m.iter()
            .map(|m| format!("{}: {}", m.kind, text::format_int(m.count)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let presenter =
        |id: Option<i64>, name: &str| match id.and_then(|id| people.iter().find(|o| o.id == id)) {
            Some(o) => o.full_name.clone(),
            None => name.to_string(),
        };
    let form = |f: SessionForm, other: &str| {
        if f == SessionForm::Other && !other.is_empty() {
            other.to_string()
        } else {
            f.label().to_string()
        }
    };
    let mut out = Vec::new();
    diff(&mut out, "Loại", s.kind.label(), input.kind.label());
    diff(
        &mut out,
        "Ngày tổ chức",
        &s.held_on.format("%d/%m/%Y").to_string(),
        &input.held_on.format("%d/%m/%Y").to_string(),
    );
    diff(
        &mut out,
        "Nội dung",
        &s.content,
        &text::clean_text(&input.content),
    );
    diff(
        &mut out,
        "Địa điểm",
        &s.place,
        &text::clean_line(&input.place),
    );
    diff(
        &mut out,
        "Thôn, tổ dân phố",
        &s.village,
        &text::clean_line(&input.village),
    );
    diff(
        &mut out,
        "Hình thức",
        &form(s.form, &s.form_other),
        &form(input.form, &form_other),
    );
    diff(
        &mut out,
        "Văn bản pháp luật",
        &s.laws.join("; "),
        &laws.join("; "),
    );
    diff(
        &mut out,
        "Đối tượng",
        &s.audience,
        &text::clean_line(&input.audience),
    );
    diff(
        &mut out,
        "Số người tham dự",
        &text::format_int(s.attendees),
        &text::format_int(input.attendees),
    );
    let new_presenter = if input.presenter_officer_id.is_some() {
        presenter(input.presenter_officer_id, "")
    } else {
        text::clean_line(&input.presenter)
    };
    diff(
        &mut out,
        "Báo cáo viên",
        &presenter(s.presenter_officer_id, &s.presenter),
        &new_presenter,
    );
    if s.presenter_officer_id != input.presenter_officer_id
        && out.last().is_none_or(|c| c.field != "Báo cáo viên")
    {
        diff(
            &mut out,
            "Báo cáo viên",
            &s.presenter,
            &format!("{new_presenter} (cán bộ của xã)"),
        );
    }
    diff(
        &mut out,
        "Tài liệu phát",
        &materials(&s.materials),
        &materials(&cleaned_materials),
    );
    diff(
        &mut out,
        "Ghi chú",
        &s.notes,
        &text::clean_text(&input.notes),
    );
    out
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let sheet = ctx.sheet;
    let people = officers::list(ctx.conn)?;
    let years = commune::years(ctx.conn)?;
    let range = years
        .iter()
        .min()
        .and_then(|y| NaiveDate::from_ymd_opt(*y, 1, 1))
        .zip(
            years
                .iter()
                .max()
                .and_then(|y| NaiveDate::from_ymd_opt(*y, 12, 31)),
        );
    let existing = match range {
        Some((from, to)) => sessions::in_period(
            ctx.conn,
            &Period {
                code: String::new(),
                name: String::new(),
                from,
                to,
            },
        )?,
        None => Vec::new(),
    };
    let mut by_key: HashMap<(NaiveDate, String), Vec<usize>> = HashMap::new();
    let mut by_id: HashMap<i64, usize> = HashMap::new();
    for (ix, s) in existing.iter().enumerate() {
        by_key
            .entry((s.held_on, same_text(&s.content)))
            .or_default()
            .push(ix);
        by_id.insert(s.id, ix);
    }
    let mut claims = Claims::default();
    let mut new_rows: HashMap<(NaiveDate, String, String, String), usize> = HashMap::new();
    let has = |k: &str| ctx.layout.columns.contains_key(k);
    let (has_kind, has_form, has_place, has_village) =
        (has("kind"), has("form"), has("place"), has("village"));
    let (has_audience, has_presenter, has_laws) = (has("audience"), has("presenter"), has("laws"));
    let (has_materials, has_notes) = (has("materials"), has("notes"));
    let mut group_kind: Option<SessionKind> = None;
    let total = sheet.rows.len();
    for (i, row) in sheet.rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_total(row) {
            continue;
        }
        let number = ctx.cell(row, "number").text();
        let content = ctx.cell(row, "content").text();
        let date_cell = ctx.cell(row, "date");
        let attendees_cell = ctx.cell(row, "attendees");
        let form_text = ctx.cell(row, "form").text();
        // A group row: "I. Tuyên truyền cải cách hành chính" with no date, form or attendees.
        if date_cell.is_empty()
            && attendees_cell.is_empty()
            && form_text.is_empty()
            && (number.is_empty() || is_roman(&number))
        {
            let label = text::clean_line(&format!("{number} {content}"));
            let f = text::fold(&label);
            let named = if f.contains("cai cach") || f.contains("cchc") {
                Some(SessionKind::Cchc)
            } else if f.contains("phap luat") || f.contains("pbgdpl") {
                Some(SessionKind::Pbgdpl)
            } else {
                None
            };
            if named.is_some() {
                group_kind = named;
                ctx.plan(i, Action::Skip, format!("Nhóm: {label}"));
            } else {
                ctx.plan(
                    i,
                    Action::Skip,
                    format!("Dòng không phải buổi tuyên truyền: {label}")
                        .trim_end_matches([':', ' '])
                        .to_string(),
                );
            }
            continue;
        }
        let mut bad = false;
        if content.is_empty() {
            ctx.problem(
                i,
                Some("content"),
                Severity::Error,
                "Thiếu nội dung tuyên truyền.",
            );
            bad = true;
        }
        let held_on = if date_cell.is_empty() {
            ctx.problem(i, Some("date"), Severity::Error, "Thiếu ngày tổ chức.");
            bad = true;
            None
        } else {
            let d = date_of(date_cell, ctx.year);
            if d.is_none() {
                ctx.problem(
                    i,
                    Some("date"),
                    Severity::Error,
                    format!(
                        "Không đọc được ngày tổ chức “{}”: hãy ghi theo dạng 15/01/2026.",
                        date_cell.text()
                    ),
                );
                bad = true;
            }
            d
        };
        let attendees = match values::int(attendees_cell) {
            Some(n) if n >= 0 => n,
            Some(n) => {
                ctx.problem(
                    i,
                    Some("attendees"),
                    Severity::Error,
                    format!("Số người tham dự không được âm (đang là {n})."),
                );
                bad = true;
                0
            }
            None => {
                ctx.problem(
                    i,
                    Some("attendees"),
                    Severity::Error,
                    format!(
                        "Số người tham dự “{}” không phải là một số nguyên (ví dụ: 45 hoặc 1.296).",
                        attendees_cell.text()
                    ),
                );
                bad = true;
                0
            }
        };
        let materials = if has_materials {
            match materials_of(ctx.cell(row, "materials")) {
                Ok(m) => Some(m),
                Err(e) => {
                    ctx.problem(i, Some("materials"), Severity::Error, e);
                    bad = true;
                    None
                }
            }
        } else {
            None
        };
        let Some(held_on) = held_on.filter(|_| !bad) else {
            continue;
        };
        let village = ctx.cell(row, "village").text();
        let place_text = ctx.cell(row, "place").text();
        // Which session this row is: its hidden key, else its date, content and place (and
        // village, when the file has both).
        let keyed = ctx
            .keyed(row, KEY_KIND)
            .and_then(|id| by_id.get(&id).copied());
        let candidates: Vec<usize> = match keyed {
            Some(ix) => vec![ix],
            None => by_key
                .get(&(held_on, same_text(&content)))
                .map(|ixs| {
                    ixs.iter()
                        .copied()
                        .filter(|ix| {
                            let s = &existing[*ix];
                            (!has_place || same_text(&s.place) == same_text(&place_text))
                                && (!has_village || same_text(&s.village) == same_text(&village))
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        if candidates.len() > 1 {
            ctx.problem(
                i,
                Some("content"),
                Severity::Error,
                format!(
                    "Dòng này khớp với {} buổi đã có cùng ngày, nội dung và địa điểm. Không đoán: hãy ghi rõ địa điểm hoặc thôn để phân biệt.",
                    candidates.len()
                ),
            );
            continue;
        }
        let found = candidates.first().map(|ix| &existing[*ix]);
        match found {
            Some(s) => {
                if let Some(first) = claims.claim(s.id, i) {
                    ctx.problem(
                        i,
                        Some("content"),
                        Severity::Error,
                        format!(
                            "Dòng này và dòng {} cùng là buổi ngày {} “{}”; mỗi buổi chỉ ghi một dòng (nếu là hai buổi, hãy ghi địa điểm hoặc thôn khác nhau).",
                            first + 1,
                            s.held_on.format("%d/%m/%Y"),
                            text::clean_line(&s.content)
                        ),
                    );
                    continue;
                }
            }
            None => {
                let key = (
                    held_on,
                    same_text(&content),
                    same_text(&place_text),
                    same_text(&village),
                );
                if let Some(first) = new_rows.insert(key, i) {
                    ctx.problem(
                        i,
                        Some("content"),
                        Severity::Error,
                        format!(
                            "Trùng ngày, nội dung và địa điểm với dòng {}; mỗi buổi chỉ ghi một dòng (nếu là hai buổi, hãy ghi địa điểm hoặc thôn khác nhau).",
                            first + 1
                        ),
                    );
                    continue;
                }
            }
        }

        let kind_text = ctx.cell(row, "kind").text();
        let kind = if has_kind && !kind_text.is_empty() {
            kind_of(&kind_text)
        } else {
            group_kind
                .or(found.map(|s| s.kind))
                .unwrap_or(SessionKind::Pbgdpl)
        };
        let (form, form_other) = if has_form && !form_text.is_empty() {
            form_of(&form_text)
        } else if let Some(s) = found {
            (s.form, s.form_other.clone())
        } else {
            ctx.problem(
                i,
                Some("form"),
                Severity::Warning,
                "Không ghi hình thức tuyên truyền; xếp vào “Hình thức khác”.",
            );
            (SessionForm::Other, String::new())
        };
        let keep = |present: bool, file: String, old: fn(&SessionView) -> String| {
            if present {
                file
            } else {
                found.map(old).unwrap_or_default()
            }
        };
        let place = keep(has_place, place_text, |s| s.place.clone());
        let village = keep(has_village, village, |s| s.village.clone());
        let audience = keep(has_audience, ctx.cell(row, "audience").text(), |s| {
            s.audience.clone()
        });
        let notes = keep(has_notes, ctx.cell(row, "notes").text(), |s| {
            s.notes.clone()
        });
        let (presenter_officer_id, presenter) = if has_presenter {
            let raw = ctx.cell(row, "presenter").text();
            match presenter_of(&people, &raw) {
                Some(o) => (Some(o.id), String::new()),
                None => (None, raw),
            }
        } else {
            match found {
                Some(s) if s.presenter_officer_id.is_some() => {
                    (s.presenter_officer_id, String::new())
                }
                Some(s) => (None, s.presenter.clone()),
                None => (None, String::new()),
            }
        };
        let laws = if has_laws {
            split_laws(&ctx.cell(row, "laws").text())
        } else {
            found.map(|s| s.laws.clone()).unwrap_or_default()
        };
        let materials = materials
            .or_else(|| found.map(|s| s.materials.clone()))
            .unwrap_or_default();
        let input = SessionInput {
            kind,
            held_on,
            place,
            village,
            form,
            form_other,
            content: content.clone(),
            laws,
            audience,
            attendees,
            presenter_officer_id,
            presenter,
            materials,
            task_id: found.and_then(|s| s.task_id),
            notes,
        };
        let change_list = found
            .map(|s| changes(s, &input, &people))
            .unwrap_or_default();
        let action = match found {
            Some(_) if change_list.is_empty() => Action::Unchanged,
            Some(_) => Action::Update,
            None => Action::Create,
        };
        if action != Action::Unchanged {
            if let Err(e) =
                sessions::save_in(ctx.conn, ctx.actor, found.map(|s| s.id), &input, ctx.today)
            {
                let message = e.to_string();
                ctx.problem(i, column_of(&message), Severity::Error, message);
                continue;
            }
        }
        ctx.plan_changes(
            i,
            action,
            format!(
                "{} – {} ({} người)",
                held_on.format("%d/%m/%Y"),
                text::clean_line(&content),
                text::format_int(attendees)
            ),
            change_list,
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_from_words() {
        let f = |s: &str| form_of(s).0;
        assert_eq!(f("Hội nghị"), SessionForm::Conference);
        assert_eq!(f("Tập huấn"), SessionForm::Conference);
        assert_eq!(f("Lồng ghép sinh hoạt thôn"), SessionForm::VillageMeeting);
        assert_eq!(f("Họp tổ dân phố"), SessionForm::VillageMeeting);
        assert_eq!(f("Loa truyền thanh"), SessionForm::Loudspeaker);
        assert_eq!(f("Phát thanh"), SessionForm::Loudspeaker);
        assert_eq!(f("Cổng thông tin điện tử xã"), SessionForm::Website);
        assert_eq!(f("Mạng xã hội (Zalo)"), SessionForm::Website);
        assert_eq!(f("Thi tìm hiểu pháp luật"), SessionForm::LawQuiz);
        assert_eq!(f("Phát tờ gấp"), SessionForm::Leaflets);
        assert_eq!(
            form_of("Tư vấn pháp luật lưu động"),
            (SessionForm::Other, "Tư vấn pháp luật lưu động".to_string())
        );
        assert_eq!(kind_of("Tuyên truyền CCHC"), SessionKind::Cchc);
        assert_eq!(kind_of("Cải cách hành chính"), SessionKind::Cchc);
        assert_eq!(kind_of("PBGDPL"), SessionKind::Pbgdpl);
    }

    #[test]
    fn laws_split_by_semicolon_and_lost_line_breaks() {
        assert_eq!(
            split_laws("Luật Đất đai 2024; Luật Hôn nhân và gia đình"),
            vec!["Luật Đất đai 2024", "Luật Hôn nhân và gia đình"]
        );
        // A line break read as a space.
        assert_eq!(
            split_laws("Luật Phòng, chống ma túy Nghị định 15/2020/NĐ-CP"),
            vec!["Luật Phòng, chống ma túy", "Nghị định 15/2020/NĐ-CP"]
        );
        assert_eq!(
            split_laws("Luật sửa đổi, bổ sung một số điều của Luật Đất đai"),
            vec!["Luật sửa đổi, bổ sung một số điều của Luật Đất đai"]
        );
        assert_eq!(
            split_laws("1. Luật Hộ tịch 2. Luật Cư trú"),
            vec!["Luật Hộ tịch", "Luật Cư trú"]
        );
        assert_eq!(
            split_laws("- Luật Hộ tịch - Luật Cư trú"),
            vec!["Luật Hộ tịch", "Luật Cư trú"]
        );
        assert_eq!(
            split_laws("Luật Đất đai năm 2024. Luật Hôn nhân và gia đình"),
            vec!["Luật Đất đai năm 2024", "Luật Hôn nhân và gia đình"]
        );
        assert!(split_laws("").is_empty());
    }

    #[test]
    fn materials_as_written() {
        let m = |s: &str| materials_of(&Cell::Text(s.into())).unwrap();
        assert_eq!(
            m("Tờ gấp: 200; Đề cương: 1.050"),
            vec![
                Material {
                    kind: "Tờ gấp".into(),
                    count: 200
                },
                Material {
                    kind: "Đề cương".into(),
                    count: 1050
                }
            ]
        );
        assert_eq!(
            m("150 tờ gấp"),
            vec![Material {
                kind: "Tờ gấp".into(),
                count: 150
            }]
        );
        assert_eq!(
            materials_of(&Cell::Number(30.0)).unwrap(),
            vec![Material {
                kind: "Tài liệu".into(),
                count: 30
            }]
        );
        assert!(materials_of(&Cell::Number(-3.0)).is_err());
    }
}
