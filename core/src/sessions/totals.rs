//! Totals of the sessions of a period — how many, how many people, by form, by law, by kind —
//! and the figures of the standard commune PBGDPL form (Biểu 09a).

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use super::counters::{self, YearCounters};
use super::{SessionForm, SessionKind, SessionView};
use crate::error::Result;
use crate::period::Period;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Tally {
    pub label: String,
    pub sessions: i64,
    pub attendees: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MaterialTotal {
    pub kind: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Totals {
    pub sessions: i64,
    pub attendees: i64,
    pub by_kind: Vec<Tally>,
    pub by_form: Vec<Tally>,
    /// Laws in order of how many sessions covered them.
    pub by_law: Vec<Tally>,
    pub materials: Vec<MaterialTotal>,
}

fn tally(list: &[&SessionView], label: &str) -> Tally {
    Tally {
        label: label.to_string(),
        sessions: list.len() as i64,
        attendees: list.iter().map(|s| s.attendees).sum(),
    }
}

/// Sums materials by kind, kinds compared without case or diacritics, first spelling kept.
fn materials(sessions: &[SessionView]) -> Vec<MaterialTotal> {
    let mut by_key: BTreeMap<String, MaterialTotal> = BTreeMap::new();
    for m in sessions.iter().flat_map(|s| &s.materials) {
        by_key
            .entry(text::fold(&m.kind))
            .or_insert_with(|| MaterialTotal {
                kind: m.kind.clone(),
                count: 0,
            })
            .count += m.count;
    }
    let mut out: Vec<_> = by_key.into_values().collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| text::compare(&a.kind, &b.kind))
    });
    out
}

pub fn of(sessions: &[SessionView]) -> Totals {
    let by_kind = SessionKind::ALL
        .into_iter()
        .map(|k| {
            let list: Vec<_> = sessions.iter().filter(|s| s.kind == k).collect();
            tally(&list, k.label())
        })
        .collect();
    let by_form = SessionForm::ALL
        .into_iter()
        .map(|f| {
            let list: Vec<_> = sessions.iter().filter(|s| s.form == f).collect();
            tally(&list, f.label())
        })
        .filter(|t| t.sessions > 0)
        .collect();
    let mut laws: BTreeMap<String, (String, Vec<&SessionView>)> = BTreeMap::new();
    for s in sessions {
        for l in &s.laws {
            laws.entry(text::fold(l))
                .or_insert_with(|| (l.clone(), Vec::new()))
                .1
                .push(s);
        }
    }
    let mut by_law: Vec<Tally> = laws
        .into_values()
        .map(|(label, list)| tally(&list, &label))
        .collect();
    by_law.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| text::compare(&a.label, &b.label))
    });
    let all: Vec<_> = sessions.iter().collect();
    let total = tally(&all, "");
    Totals {
        sessions: total.sessions,
        attendees: total.attendees,
        by_kind,
        by_form,
        by_law,
        materials: materials(sessions),
    }
}

/// The figures of Biểu 09a for a period: from the PBGDPL sessions, plus the year's counters.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Form09a {
    pub period: Period,
    /// Tuyên truyền miệng (hội nghị, lồng ghép sinh hoạt thôn): số cuộc, số lượt người.
    pub oral_sessions: i64,
    pub oral_attendees: i64,
    /// Số lần phát thanh trên loa truyền thanh.
    pub loudspeaker_programmes: i64,
    /// Tin, bài trên trang thông tin điện tử.
    pub website_posts: i64,
    /// Cuộc thi tìm hiểu pháp luật và số người dự thi.
    pub law_quizzes: i64,
    pub quiz_entrants: i64,
    pub counters: YearCounters,
    /// Tài liệu phát miễn phí, theo loại.
    pub free_materials: Vec<MaterialTotal>,
}

pub fn form_09a(conn: &Connection, period: &Period, year: i32) -> Result<Form09a> {
    let pbgdpl: Vec<SessionView> = super::in_period(conn, period)?
        .into_iter()
        .filter(|s| s.kind == SessionKind::Pbgdpl)
        .collect();
    let of_form = |f: fn(SessionForm) -> bool| pbgdpl.iter().filter(move |s| f(s.form));
    Ok(Form09a {
        period: period.clone(),
        oral_sessions: of_form(SessionForm::is_oral).count() as i64,
        oral_attendees: of_form(SessionForm::is_oral).map(|s| s.attendees).sum(),
        loudspeaker_programmes: of_form(|f| f == SessionForm::Loudspeaker).count() as i64,
        website_posts: of_form(|f| f == SessionForm::Website).count() as i64,
        law_quizzes: of_form(|f| f == SessionForm::LawQuiz).count() as i64,
        quiz_entrants: of_form(|f| f == SessionForm::LawQuiz)
            .map(|s| s.attendees)
            .sum(),
        counters: counters::get(conn, year)?,
        free_materials: materials(&pbgdpl),
    })
}
