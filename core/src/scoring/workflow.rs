//! Self-scoring and the chairman's approval, leaf by leaf: the chairman (or admin) assigns;
//! the officer scores with an explanation; gửi duyệt; the chairman approves or returns with a
//! reason; an approved score is locked until the chairman reopens it with a reason. After
//! approval, the appraisal rounds and the commune's explanation are recorded. Every step is an
//! event (who, when, why) and an audit entry.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

pub use super::approval::{approve, approve_scope};
use super::points::Points;
use crate::audit;
use crate::error::{Error, Result};
use crate::officers;
use crate::people::{self, Actor};
use crate::text;
use crate::version::{self, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl State {
    pub fn code(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::Approved => "approved",
            State::Returned => "returned",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            State::Draft => "Nháp",
            State::Submitted => "Chờ duyệt",
            State::Approved => "Đã duyệt",
            State::Returned => "Bị trả lại",
        }
    }
    pub(crate) fn from_code(s: &str) -> State {
        match s {
            "submitted" => State::Submitted,
            "approved" => State::Approved,
            "returned" => State::Returned,
            _ => State::Draft,
        }
    }
}

/// The scoring facts of one leaf.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leaf {
    pub criterion_id: i64,
    pub year: i32,
    pub full_code: String,
    pub title: String,
    pub max: Points,
    pub not_applicable: bool,
    pub levels: Vec<super::criteria::Level>,
    pub assignee: Option<i64>,
    pub self_score: Option<Points>,
    pub state: State,
}

pub(crate) fn leaf(conn: &Connection, id: i64) -> Result<Leaf> {
    let row = conn
        .query_row(
            "SELECT c.id, c.year, c.full_code, c.title, c.max_hundredths, c.not_applicable,
                s.assignee_officer_id, s.self_hundredths, s.state
             FROM criterion c JOIN score s ON s.criterion_id = c.id WHERE c.id = ?1",
            [id],
            |r| {
                Ok(Leaf {
                    criterion_id: r.get(0)?,
                    year: r.get(1)?,
                    full_code: r.get(2)?,
                    title: r.get(3)?,
                    max: r.get(4)?,
                    not_applicable: r.get(5)?,
                    levels: Vec::new(),
                    assignee: r.get(6)?,
                    self_score: r.get(7)?,
                    state: State::from_code(&r.get::<_, String>(8)?),
                })
            },
        )
        .optional()?;
    let mut leaf = match row {
        Some(l) => l,
        None => {
            let exists: bool = conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM criterion WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            return Err(if exists {
                Error::invalid(
                    "Chỉ chấm điểm ở tiêu chí cuối cùng (tiêu chí thành phần); điểm của tiêu chí cha được cộng từ các tiêu chí con.",
                )
            } else {
                Error::NotFound(format!("Không tìm thấy tiêu chí số {id}."))
            });
        }
    };
    let mut stmt = conn.prepare_cached(
        "SELECT label, points_hundredths FROM criterion_level WHERE criterion_id = ?1 ORDER BY position",
    )?;
    leaf.levels = stmt
        .query_map([id], |r| {
            Ok(super::criteria::Level {
                label: r.get(0)?,
                points: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(leaf)
}

/// The leaves at or below a criterion (the criterion itself if it is a leaf).
pub(crate) fn leaves_under(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id FROM criterion c JOIN sub ON c.parent_id = sub.id)
         SELECT s.criterion_id FROM sub JOIN score s ON s.criterion_id = sub.id ORDER BY s.criterion_id",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    if ids.is_empty() {
        return Err(Error::NotFound(format!("Không tìm thấy tiêu chí số {id}.")));
    }
    Ok(ids)
}

pub(super) fn event(
    conn: &Connection,
    actor: &Actor,
    l: &Leaf,
    action: &str,
    reason: &str,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO score_event (criterion_id, at, account_id, actor_name, action, reason, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            l.criterion_id,
            crate::clock::now_text(),
            actor.account_id,
            actor.name,
            action,
            reason,
            detail
        ],
    )?;
    version::bump(conn, Record::Score, l.criterion_id, actor)?;
    let sentence = if reason.is_empty() {
        format!("Tiêu chí {} (năm {}): {detail}", l.full_code, l.year)
    } else {
        format!(
            "Tiêu chí {} (năm {}): {detail}. Lý do: {reason}",
            l.full_code, l.year
        )
    };
    audit::record(
        conn,
        actor,
        &format!("score.{action}"),
        "criterion",
        Some(l.criterion_id),
        &sentence,
    )
}

pub(super) fn set_state(conn: &Connection, id: i64, state: State) -> Result<()> {
    conn.execute(
        "UPDATE score SET state = ?1, updated_at = ?2 WHERE criterion_id = ?3",
        params![state.code(), crate::clock::now_text(), id],
    )?;
    Ok(())
}

fn require_chairman(actor: &Actor, what: &str) -> Result<()> {
    actor.require(|c| c.approve, &format!("Chỉ Chủ tịch UBND xã được {what}."))
}

/// Assigns every leaf at or below `id` to an officer (None: nobody). Chairman or admin.
pub fn assign(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    officer_id: Option<i64>,
) -> Result<usize> {
    actor.require(
        |c| c.approve || c.manage_accounts,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được phân công chấm điểm.",
    )?;
    let name = match officer_id {
        Some(o) => officers::get(conn, o)?.full_name,
        None => "chưa phân công".into(),
    };
    let tx = conn.transaction()?;
    let ids = leaves_under(&tx, id)?;
    for leaf_id in &ids {
        let l = leaf(&tx, *leaf_id)?;
        tx.execute(
            "UPDATE score SET assignee_officer_id = ?1 WHERE criterion_id = ?2",
            params![officer_id, leaf_id],
        )?;
        event(&tx, actor, &l, "assign", "", &format!("phân công {name}"))?;
    }
    tx.commit()?;
    Ok(ids.len())
}

/// Whether the actor may score this leaf: its assignee, an admin, or anyone but the chairman
/// when nobody is assigned (the chairman approves rather than scores).
fn may_score(conn: &Connection, actor: &Actor, l: &Leaf) -> Result<()> {
    if actor.role.capabilities().manage_accounts {
        return Ok(());
    }
    let officer = match actor.account_id {
        Some(a) => Some(people::get_account(conn, a)?.officer_id),
        None => None,
    };
    match l.assignee {
        Some(a) if Some(a) == officer => Ok(()),
        Some(a) => Err(Error::Forbidden(format!(
            "Tiêu chí {} được phân công cho {}; chỉ người được phân công chấm tiêu chí này.",
            l.full_code,
            officers::get(conn, a)?.full_name
        ))),
        None if actor.role.capabilities().approve => Err(Error::Forbidden(format!(
            "Tiêu chí {} chưa được phân công. Chủ tịch UBND xã phân công người chấm rồi duyệt điểm.",
            l.full_code
        ))),
        None => Ok(()),
    }
}

/// The leaves of the year this actor may score (for screens to offer the form only there).
pub fn scorable_leaves(conn: &Connection, actor: &Actor, year: i32) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT s.criterion_id FROM score s JOIN criterion c ON c.id = s.criterion_id WHERE c.year = ?1",
    )?;
    let ids = stmt
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    let mut out = Vec::new();
    for id in ids {
        if may_score(conn, actor, &leaf(conn, id)?).is_ok() {
            out.push(id);
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Deserialize)]
pub struct SelfScore {
    /// Either a level's position or a typed score.
    #[serde(default)]
    pub level: Option<usize>,
    #[serde(default)]
    pub score: Option<Points>,
    #[serde(default)]
    pub explanation: String,
}

/// Records the officer's self-score of a leaf (draft until submitted).
pub fn score(conn: &mut Connection, actor: &Actor, id: i64, input: &SelfScore) -> Result<()> {
    let tx = conn.transaction()?;
    let l = leaf(&tx, id)?;
    may_score(&tx, actor, &l)?;
    if l.not_applicable {
        return Err(Error::invalid(format!(
            "Tiêu chí {} không áp dụng đối với xã nên không chấm điểm.",
            l.full_code
        )));
    }
    match l.state {
        State::Approved => {
            return Err(Error::Conflict(format!(
                "Điểm tiêu chí {} đã được Chủ tịch duyệt nên không sửa được; cần Chủ tịch mở lại.",
                l.full_code
            )))
        }
        State::Submitted => {
            return Err(Error::Conflict(format!(
                "Điểm tiêu chí {} đang chờ Chủ tịch duyệt; chỉ sửa được khi bị trả lại.",
                l.full_code
            )))
        }
        _ => {}
    }
    let points = match (input.level, input.score) {
        (Some(pos), _) => {
            l.levels
                .get(pos)
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "Tiêu chí {} không có mức điểm thứ {}.",
                        l.full_code,
                        pos + 1
                    ))
                })?
                .points
        }
        (None, Some(p)) => p,
        (None, None) => return Err(Error::invalid("Hãy chọn mức điểm hoặc nhập số điểm.")),
    };
    if points < Points::ZERO || points > l.max {
        return Err(Error::invalid(format!(
            "Điểm tự chấm của tiêu chí {} là {}, phải từ 0 đến {} (điểm tối đa).",
            l.full_code,
            points.display(),
            l.max.display()
        )));
    }
    let explanation = text::clean_text(&input.explanation);
    tx.execute(
        "UPDATE score SET self_hundredths = ?1, explanation = ?2, state = 'draft', updated_at = ?3
         WHERE criterion_id = ?4",
        params![points, explanation, crate::clock::now_text(), id],
    )?;
    event(
        &tx,
        actor,
        &l,
        "score",
        "",
        &format!("tự chấm {} điểm", points.display()),
    )?;
    tx.commit()?;
    Ok(())
}

/// The leaves a step applies to: those under a criterion, or the whole year's sheet.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Criterion(i64),
    Sheet(i32),
}

pub(super) fn leaves_in(conn: &Connection, scope: Scope) -> Result<Vec<i64>> {
    match scope {
        Scope::Criterion(id) => leaves_under(conn, id),
        Scope::Sheet(year) => {
            let mut stmt = conn.prepare(
                "SELECT s.criterion_id FROM score s JOIN criterion c ON c.id = s.criterion_id
                 WHERE c.year = ?1 ORDER BY c.id",
            )?;
            let ids = stmt
                .query_map([year], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            if ids.is_empty() {
                return Err(Error::NotFound(format!("Năm {year} chưa có bộ tiêu chí.")));
            }
            Ok(ids)
        }
    }
}

/// Gửi duyệt: every scored leaf at or below `id` in draft or returned. Unscored leaves are
/// named and nothing is sent.
pub fn submit(conn: &mut Connection, actor: &Actor, id: i64) -> Result<usize> {
    submit_scope(conn, actor, Scope::Criterion(id))
}

/// Gửi duyệt for a criterion's leaves or the whole sheet.
pub fn submit_scope(conn: &mut Connection, actor: &Actor, scope: Scope) -> Result<usize> {
    let tx = conn.transaction()?;
    let mut sent = 0;
    let mut unscored = Vec::new();
    let whole_sheet = matches!(scope, Scope::Sheet(_));
    for leaf_id in leaves_in(&tx, scope)? {
        let l = leaf(&tx, leaf_id)?;
        if l.not_applicable || matches!(l.state, State::Submitted | State::Approved) {
            continue;
        }
        if l.self_score.is_none() {
            unscored.push(l.full_code.clone());
            continue;
        }
        // Sending the whole sheet sends what this person may send; others send their own.
        if whole_sheet && may_score(&tx, actor, &l).is_err() {
            continue;
        }
        may_score(&tx, actor, &l)?;
        set_state(&tx, leaf_id, State::Submitted)?;
        event(&tx, actor, &l, "submit", "", "gửi duyệt")?;
        sent += 1;
    }
    if !unscored.is_empty() {
        return Err(Error::invalid(format!(
            "Còn {} tiêu chí chưa chấm điểm: {}. Hãy chấm xong rồi gửi duyệt.",
            unscored.len(),
            unscored.join(", ")
        )));
    }
    if sent == 0 {
        return Err(Error::invalid("Không có điểm nào cần gửi duyệt."));
    }
    tx.commit()?;
    Ok(sent)
}

fn with_reason(reason: &str, what: &str) -> Result<String> {
    let r = text::clean_text(reason);
    if r.is_empty() {
        return Err(Error::invalid(format!("Hãy ghi lý do {what}.")));
    }
    Ok(r)
}

/// Trả lại: the chairman sends a submitted leaf back with the reason.
pub fn return_score(conn: &mut Connection, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    require_chairman(actor, "trả lại điểm tự chấm")?;
    let reason = with_reason(reason, "trả lại")?;
    let tx = conn.transaction()?;
    let l = leaf(&tx, id)?;
    if l.state != State::Submitted {
        return Err(Error::invalid(format!(
            "Tiêu chí {} không ở trạng thái chờ duyệt (đang là {}).",
            l.full_code,
            l.state.label().to_lowercase()
        )));
    }
    set_state(&tx, id, State::Returned)?;
    event(&tx, actor, &l, "return", &reason, "trả lại")?;
    tx.commit()?;
    Ok(())
}

/// Mở lại: the chairman unlocks an approved leaf, with the reason.
pub fn reopen(conn: &mut Connection, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    require_chairman(actor, "mở lại điểm đã duyệt")?;
    let reason = with_reason(reason, "mở lại")?;
    let tx = conn.transaction()?;
    let l = leaf(&tx, id)?;
    if l.state != State::Approved {
        return Err(Error::invalid(format!(
            "Tiêu chí {} chưa được duyệt.",
            l.full_code
        )));
    }
    set_state(&tx, id, State::Draft)?;
    event(&tx, actor, &l, "reopen", &reason, "mở lại để sửa")?;
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone, Deserialize)]
pub struct Appraisal {
    /// 1 or 2.
    pub round: u8,
    #[serde(default)]
    pub score: Option<Points>,
    #[serde(default)]
    pub note: String,
}

/// Records an appraisal round's score and note for an approved leaf (từ Hội đồng thẩm định).
pub fn appraise(conn: &mut Connection, actor: &Actor, id: i64, a: &Appraisal) -> Result<()> {
    let tx = conn.transaction()?;
    let l = leaf(&tx, id)?;
    if l.state != State::Approved {
        return Err(Error::invalid(format!(
            "Tiêu chí {} chưa được Chủ tịch duyệt; điểm thẩm định ghi sau khi đã nộp bản tự đánh giá.",
            l.full_code
        )));
    }
    if let Some(p) = a.score {
        if p < Points::ZERO || p > l.max {
            return Err(Error::invalid(format!(
                "Điểm thẩm định của tiêu chí {} là {}, phải từ 0 đến {}.",
                l.full_code,
                p.display(),
                l.max.display()
            )));
        }
    }
    let note = text::clean_text(&a.note);
    let sql = match a.round {
        1 => "UPDATE score SET round1_hundredths = ?1, round1_note = ?2 WHERE criterion_id = ?3",
        2 => "UPDATE score SET round2_hundredths = ?1, round2_note = ?2 WHERE criterion_id = ?3",
        r => {
            return Err(Error::invalid(format!(
                "Vòng thẩm định {r} không hợp lệ: chỉ có vòng 1 và vòng 2."
            )))
        }
    };
    tx.execute(sql, params![a.score, note, id])?;
    let shown = a
        .score
        .map(|p| p.display())
        .unwrap_or_else(|| "(bỏ trống)".into());
    event(
        &tx,
        actor,
        &l,
        &format!("appraise{}", a.round),
        "",
        &format!("điểm thẩm định lần {} {shown}", a.round),
    )?;
    tx.commit()?;
    Ok(())
}

/// The commune's explanation (giải trình) after round 1.
pub fn explain(conn: &mut Connection, actor: &Actor, id: i64, explanation: &str) -> Result<()> {
    let tx = conn.transaction()?;
    let l = leaf(&tx, id)?;
    tx.execute(
        "UPDATE score SET commune_explanation = ?1 WHERE criterion_id = ?2",
        params![text::clean_text(explanation), id],
    )?;
    event(&tx, actor, &l, "explain", "", "ghi giải trình")?;
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub at: String,
    /// The leaf the step was taken on.
    pub code: String,
    pub actor_name: String,
    pub action: String,
    pub reason: String,
    pub detail: String,
}

/// The history of a criterion and everything below it, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Event>> {
    leaves_under(conn, id)?;
    let mut stmt = conn.prepare(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id FROM criterion c JOIN sub ON c.parent_id = sub.id)
         SELECT e.at, c.full_code, e.actor_name, e.action, e.reason, e.detail
         FROM score_event e JOIN sub ON e.criterion_id = sub.id JOIN criterion c ON c.id = e.criterion_id
         ORDER BY e.id",
    )?;
    let events = stmt
        .query_map([id], |r| {
            Ok(Event {
                at: r.get(0)?,
                code: r.get(1)?,
                actor_name: r.get(2)?,
                action: r.get(3)?,
                reason: r.get(4)?,
                detail: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}
