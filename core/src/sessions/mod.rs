//! Legal-dissemination (PBGDPL) and reform-communication (CCHC) sessions: recording them with
//! their laws, materials and attendees, and finding them by period, kind, form, village or law.
//! Totals and the Biểu 09a figures are in `totals`.

pub mod counters;
pub mod totals;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::officers;
use crate::people::Actor;
use crate::period::Period;
use crate::plan::tasks;
use crate::text;
use crate::version::{self, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Tuyên truyền, phổ biến, giáo dục pháp luật.
    Pbgdpl,
    /// Tuyên truyền cải cách hành chính.
    Cchc,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [SessionKind::Pbgdpl, SessionKind::Cchc];
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Pbgdpl => "pbgdpl",
            SessionKind::Cchc => "cchc",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::Pbgdpl => "Phổ biến, giáo dục pháp luật",
            SessionKind::Cchc => "Tuyên truyền cải cách hành chính",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionForm {
    Conference,
    VillageMeeting,
    Loudspeaker,
    Website,
    LawQuiz,
    Leaflets,
    Other,
}

impl SessionForm {
    pub const ALL: [SessionForm; 7] = [
        SessionForm::Conference,
        SessionForm::VillageMeeting,
        SessionForm::Loudspeaker,
        SessionForm::Website,
        SessionForm::LawQuiz,
        SessionForm::Leaflets,
        SessionForm::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SessionForm::Conference => "conference",
            SessionForm::VillageMeeting => "village_meeting",
            SessionForm::Loudspeaker => "loudspeaker",
            SessionForm::Website => "website",
            SessionForm::LawQuiz => "law_quiz",
            SessionForm::Leaflets => "leaflets",
            SessionForm::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SessionForm::Conference => "Hội nghị",
            SessionForm::VillageMeeting => "Lồng ghép sinh hoạt thôn, tổ dân phố",
            SessionForm::Loudspeaker => "Loa truyền thanh",
            SessionForm::Website => "Trang thông tin điện tử",
            SessionForm::LawQuiz => "Thi tìm hiểu pháp luật",
            SessionForm::Leaflets => "Phát tài liệu",
            SessionForm::Other => "Hình thức khác",
        }
    }
    /// Sessions where people attend in person and someone speaks (Biểu 09a "tuyên truyền miệng").
    pub fn is_oral(self) -> bool {
        matches!(self, SessionForm::Conference | SessionForm::VillageMeeting)
    }
    fn from_code(code: &str) -> Option<SessionForm> {
        SessionForm::ALL.into_iter().find(|f| f.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Material {
    pub kind: String,
    pub count: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionInput {
    pub kind: SessionKind,
    pub held_on: NaiveDate,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub village: String,
    pub form: SessionForm,
    #[serde(default)]
    pub form_other: String,
    pub content: String,
    #[serde(default)]
    pub laws: Vec<String>,
    #[serde(default)]
    pub audience: String,
    pub attendees: i64,
    #[serde(default)]
    pub presenter_officer_id: Option<i64>,
    #[serde(default)]
    pub presenter: String,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default)]
    pub task_id: Option<i64>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionView {
    pub id: i64,
    /// Raised by every change; a form sends it back so a stale save is refused.
    pub version: i64,
    pub kind: SessionKind,
    pub kind_label: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub village: String,
    pub form: SessionForm,
    /// The form's name, or what was written for "Hình thức khác".
    pub form_label: String,
    pub form_other: String,
    pub content: String,
    pub laws: Vec<String>,
    pub audience: String,
    pub attendees: i64,
    pub presenter_officer_id: Option<i64>,
    /// The officer's name, or the presenter written by hand.
    pub presenter: String,
    pub materials: Vec<Material>,
    pub task_id: Option<i64>,
    pub task_label: Option<String>,
    pub notes: String,
}

const SELECT: &str = "SELECT s.id, s.kind, s.held_on, s.place, s.village, s.form, s.form_other,
        s.content, s.audience, s.attendees, s.presenter_officer_id,
        coalesce(o.full_name, s.presenter), s.task_id, t.number || '. ' || t.content, s.notes,
        s.version
    FROM outreach_session s
    LEFT JOIN officer o ON o.id = s.presenter_officer_id
    LEFT JOIN task t ON t.id = s.task_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<SessionView> {
    let bad = |col: usize, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("giá trị “{v}” không hợp lệ").into(),
        )
    };
    let kind_code: String = r.get(1)?;
    let kind = SessionKind::ALL
        .into_iter()
        .find(|k| k.code() == kind_code)
        .ok_or_else(|| bad(1, &kind_code))?;
    let form_code: String = r.get(5)?;
    let form = SessionForm::from_code(&form_code).ok_or_else(|| bad(5, &form_code))?;
    let form_other: String = r.get(6)?;
    Ok(SessionView {
        id: r.get(0)?,
        version: r.get(15)?,
        kind,
        kind_label: kind.label().into(),
        held_on: r.get(2)?,
        place: r.get(3)?,
        village: r.get(4)?,
        form,
        form_label: if form == SessionForm::Other && !form_other.is_empty() {
            form_other.clone()
        } else {
            form.label().into()
        },
        form_other,
        content: r.get(7)?,
        laws: Vec::new(),
        audience: r.get(8)?,
        attendees: r.get(9)?,
        presenter_officer_id: r.get(10)?,
        presenter: r.get(11)?,
        materials: Vec::new(),
        task_id: r.get(12)?,
        task_label: r.get(13)?,
        notes: r.get(14)?,
    })
}

fn load_lists(conn: &Connection, sessions: &mut [SessionView]) -> Result<()> {
    let mut laws = conn
        .prepare_cached("SELECT name FROM outreach_law WHERE session_id = ?1 ORDER BY position")?;
    let mut materials = conn.prepare_cached(
        "SELECT kind, count FROM outreach_material WHERE session_id = ?1 ORDER BY position",
    )?;
    for s in sessions.iter_mut() {
        s.laws = laws
            .query_map([s.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        s.materials = materials
            .query_map([s.id], |r| {
                Ok(Material {
                    kind: r.get(0)?,
                    count: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<SessionView> {
    let mut s = conn
        .query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy buổi tuyên truyền số {id}.")))?;
    load_lists(conn, std::slice::from_mut(&mut s))?;
    Ok(s)
}

/// Sessions held within the period, oldest first.
pub fn in_period(conn: &Connection, period: &Period) -> Result<Vec<SessionView>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE s.held_on BETWEEN ?1 AND ?2 ORDER BY s.held_on, s.id"
    ))?;
    let mut list = stmt
        .query_map(params![period.from, period.to], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    load_lists(conn, &mut list)?;
    Ok(list)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SessionFilter {
    #[serde(default)]
    pub kind: Option<SessionKind>,
    #[serde(default)]
    pub form: Option<SessionForm>,
    /// Matched without diacritics.
    #[serde(default)]
    pub village: String,
    /// Matched without diacritics against the laws covered.
    #[serde(default)]
    pub law: String,
    /// Matched without diacritics against content, place, audience, presenter, notes.
    #[serde(default)]
    pub query: String,
}

pub fn search(
    conn: &Connection,
    period: &Period,
    filter: &SessionFilter,
) -> Result<Vec<SessionView>> {
    let village = text::fold(&filter.village);
    let law = text::fold(&filter.law);
    let query = text::fold(&filter.query);
    Ok(in_period(conn, period)?
        .into_iter()
        .filter(|s| filter.kind.is_none_or(|k| s.kind == k))
        .filter(|s| filter.form.is_none_or(|f| s.form == f))
        .filter(|s| village.is_empty() || text::fold(&s.village).contains(&village))
        .filter(|s| law.is_empty() || s.laws.iter().any(|l| text::fold(l).contains(&law)))
        .filter(|s| {
            query.is_empty() || {
                let hay = format!(
                    "{} {} {} {} {} {}",
                    s.content, s.place, s.village, s.audience, s.presenter, s.notes
                );
                text::fold(&hay).contains(&query)
            }
        })
        .collect())
}

struct Cleaned {
    place: String,
    village: String,
    form_other: String,
    content: String,
    laws: Vec<String>,
    audience: String,
    presenter: String,
    materials: Vec<Material>,
    notes: String,
}

fn clean(conn: &Connection, input: &SessionInput, today: NaiveDate) -> Result<Cleaned> {
    let content = text::clean_text(&input.content);
    if content.is_empty() {
        return Err(Error::invalid("Nội dung tuyên truyền không được để trống."));
    }
    if input.attendees < 0 {
        return Err(Error::invalid(format!(
            "Số người tham dự không được âm (đang là {}).",
            input.attendees
        )));
    }
    if input.attendees > 1_000_000 {
        return Err(Error::invalid(format!(
            "Số người tham dự {} quá lớn cho một buổi; hãy kiểm tra lại.",
            text::format_int(input.attendees)
        )));
    }
    let date = input.held_on;
    if date > today {
        return Err(Error::invalid(format!(
            "Ngày tổ chức {} sau ngày hôm nay ({}): chỉ ghi nhận buổi đã tổ chức.",
            date.format("%d/%m/%Y"),
            today.format("%d/%m/%Y")
        )));
    }
    let years = commune::years(conn)?;
    if !years.contains(&date.year()) {
        return Err(Error::invalid(format!(
            "Ngày tổ chức {} thuộc năm {}, chưa có trong các năm làm việc của xã ({}). Hãy kiểm tra lại ngày hoặc thêm năm trong Cài đặt.",
            date.format("%d/%m/%Y"),
            date.year(),
            years.iter().rev().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    if let Some(id) = input.presenter_officer_id {
        officers::get(conn, id)?;
    }
    if let Some(id) = input.task_id {
        tasks::get(conn, id, today)?;
    }
    let mut materials = Vec::new();
    for m in &input.materials {
        let kind = text::clean_line(&m.kind);
        if kind.is_empty() && m.count == 0 {
            continue;
        }
        if kind.is_empty() {
            return Err(Error::invalid(
                "Tài liệu phát ra cần ghi loại tài liệu (ví dụ: Tờ gấp).",
            ));
        }
        if m.count < 0 {
            return Err(Error::invalid(format!(
                "Số lượng tài liệu “{kind}” không được âm."
            )));
        }
        materials.push(Material {
            kind,
            count: m.count,
        });
    }
    let mut laws: Vec<String> = Vec::new();
    for l in &input.laws {
        let l = text::clean_line(l);
        if !l.is_empty() && !laws.contains(&l) {
            laws.push(l);
        }
    }
    Ok(Cleaned {
        place: text::clean_line(&input.place),
        village: text::clean_line(&input.village),
        form_other: if input.form == SessionForm::Other {
            text::clean_line(&input.form_other)
        } else {
            String::new()
        },
        content,
        laws,
        audience: text::clean_line(&input.audience),
        presenter: if input.presenter_officer_id.is_some() {
            String::new()
        } else {
            text::clean_line(&input.presenter)
        },
        materials,
        notes: text::clean_text(&input.notes),
    })
}

/// Records a session (`id` None) or corrects one; all or nothing.
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    id: Option<i64>,
    input: &SessionInput,
    today: NaiveDate,
) -> Result<SessionView> {
    let tx = conn.transaction()?;
    let s = save_in(&tx, actor, id, input, today)?;
    tx.commit()?;
    Ok(s)
}

pub(crate) fn save_in(
    conn: &Connection,
    actor: &Actor,
    id: Option<i64>,
    input: &SessionInput,
    today: NaiveDate,
) -> Result<SessionView> {
    let c = clean(conn, input, today)?;
    let now = crate::clock::now_text();
    let verb = if id.is_none() { "Ghi nhận" } else { "Sửa" };
    let values = params![
        input.kind.code(),
        input.held_on,
        c.place,
        c.village,
        input.form.code(),
        c.form_other,
        c.content,
        c.audience,
        input.attendees,
        input.presenter_officer_id,
        c.presenter,
        input.task_id,
        c.notes,
        now
    ];
    let id = match id {
        None => {
            conn.execute(
                "INSERT INTO outreach_session (kind, held_on, place, village, form, form_other,
                    content, audience, attendees, presenter_officer_id, presenter, task_id, notes,
                    updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                values,
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            get(conn, id)?;
            conn.execute(
                "UPDATE outreach_session SET kind = ?1, held_on = ?2, place = ?3, village = ?4,
                    form = ?5, form_other = ?6, content = ?7, audience = ?8, attendees = ?9,
                    presenter_officer_id = ?10, presenter = ?11, task_id = ?12, notes = ?13,
                    updated_at = ?14
                 WHERE id = ?15",
                rusqlite::params_from_iter(
                    values
                        .iter()
                        .copied()
                        .chain(std::iter::once(&id as &dyn rusqlite::ToSql)),
                ),
            )?;
            conn.execute("DELETE FROM outreach_law WHERE session_id = ?1", [id])?;
            conn.execute("DELETE FROM outreach_material WHERE session_id = ?1", [id])?;
            version::bump(conn, Record::Session, id, actor)?;
            id
        }
    };
    for (i, law) in c.laws.iter().enumerate() {
        conn.execute(
            "INSERT INTO outreach_law (session_id, position, name) VALUES (?1, ?2, ?3)",
            params![id, i as i64, law],
        )?;
    }
    for (i, m) in c.materials.iter().enumerate() {
        conn.execute(
            "INSERT INTO outreach_material (session_id, position, kind, count) VALUES (?1, ?2, ?3, ?4)",
            params![id, i as i64, m.kind, m.count],
        )?;
    }
    let view = get(conn, id)?;
    audit::record(
        conn,
        actor,
        "session.save",
        "outreach_session",
        Some(id),
        &format!(
            "{} buổi {} ngày {} ({}, {} người): {}",
            verb,
            view.form_label.to_lowercase(),
            view.held_on.format("%d/%m/%Y"),
            view.kind_label,
            text::format_int(view.attendees),
            view.content.chars().take(80).collect::<String>()
        ),
    )?;
    Ok(view)
}

pub fn delete(conn: &mut Connection, actor: &Actor, id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let s = get(&tx, id)?;
    tx.execute("DELETE FROM outreach_session WHERE id = ?1", [id])?;
    audit::record(
        &tx,
        actor,
        "session.delete",
        "outreach_session",
        Some(id),
        &format!(
            "Xóa buổi tuyên truyền ngày {}: {}",
            s.held_on.format("%d/%m/%Y"),
            s.content.chars().take(80).collect::<String>()
        ),
    )?;
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice<T> {
    pub value: T,
    pub label: &'static str,
}

pub fn kind_options() -> Vec<Choice<SessionKind>> {
    SessionKind::ALL
        .into_iter()
        .map(|k| Choice {
            value: k,
            label: k.label(),
        })
        .collect()
}

pub fn form_options() -> Vec<Choice<SessionForm>> {
    SessionForm::ALL
        .into_iter()
        .map(|f| Choice {
            value: f,
            label: f.label(),
        })
        .collect()
}
