//! The chairman's approval of self-scores. Evidence is mandatory for a scored criterion, so
//! by default a criterion scored above zero without evidence is not approved; a commune that
//! keeps its evidence elsewhere (on paper) may allow it, a setting changed by the chairman or
//! an administrator and audited. Before approving, the chairman sees what he approves: the
//! criteria, their total and those lacking evidence (`preview`); the approval then takes
//! exactly what he saw. The app and the CLI both go through here.

use rusqlite::Connection;
use serde::Serialize;

use super::points::Points;
use super::workflow::{self, Scope, State};
use crate::audit;
use crate::error::{Error, Result};
use crate::people::Actor;

/// A score above zero with no evidence behind it: the appraisers will not count it.
pub fn lacks_evidence(self_score: Option<Points>, evidence_count: i64) -> bool {
    self_score.is_some_and(|s| s > Points::ZERO) && evidence_count == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ApprovalRule {
    pub allow_without_evidence: bool,
    /// The rule in words, for the settings screen and the CLI.
    pub description: String,
}

fn describe(allow: bool) -> String {
    if allow {
        "Cho phép Chủ tịch duyệt điểm tự chấm chưa có tài liệu kiểm chứng (xã lưu tài liệu kiểm chứng ở nơi khác); màn hình duyệt vẫn nêu tên các tiêu chí đó.".into()
    } else {
        "Không duyệt điểm tự chấm (trên 0 điểm) chưa có tài liệu kiểm chứng: các tiêu chí đó chờ bổ sung tài liệu rồi mới duyệt.".into()
    }
}

pub fn rule(conn: &Connection) -> Result<ApprovalRule> {
    crate::commune::require(conn)?;
    let allow: bool = conn.query_row(
        "SELECT approve_without_evidence FROM commune WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    Ok(ApprovalRule {
        allow_without_evidence: allow,
        description: describe(allow),
    })
}

/// Changes the rule; the chairman or an administrator, audited.
pub fn set_rule(conn: &mut Connection, actor: &Actor, allow: bool) -> Result<ApprovalRule> {
    actor.require(
        |c| c.approve || c.manage_accounts,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được đổi quy định duyệt điểm.",
    )?;
    let before = rule(conn)?;
    if before.allow_without_evidence == allow {
        return Ok(before);
    }
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE commune SET approve_without_evidence = ?1 WHERE id = 1",
        [allow],
    )?;
    audit::record(
        &tx,
        actor,
        "commune.approval_rule",
        "commune",
        Some(1),
        &format!("Đổi quy định duyệt điểm: {}", describe(allow)),
    )?;
    tx.commit()?;
    rule(conn)
}

/// A submitted criterion as the confirmation lists it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ApprovalItem")]
pub struct Item {
    pub criterion_id: i64,
    pub full_code: String,
    pub title: String,
    pub self_score: Points,
    pub max: Points,
    pub evidence_count: i64,
    pub lacks_evidence: bool,
    /// Not approved: it lacks evidence and the commune does not allow that.
    pub held: bool,
}

/// What an approval confirmation must show.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ApprovalPreview")]
pub struct Preview {
    /// Every criterion waiting for approval in the scope, in code order.
    pub items: Vec<Item>,
    /// How many will be approved, and their self-scores added up.
    pub approving: usize,
    pub total: Points,
    /// Full codes of the criteria scored without evidence (approved or held).
    pub lacking_evidence: Vec<String>,
    pub allow_without_evidence: bool,
    /// "Duyệt 12 tiêu chí với tổng 45,5 điểm tự chấm?"
    pub question: String,
    /// What happens to the criteria lacking evidence; None when there are none.
    pub warning: Option<String>,
}

fn items(conn: &Connection, scope: Scope, allow: bool) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM evidence_link WHERE target_kind = 'criterion' AND target_id = ?1",
    )?;
    let mut out = Vec::new();
    for id in workflow::leaves_in(conn, scope)? {
        let l = workflow::leaf(conn, id)?;
        if l.state != State::Submitted {
            continue;
        }
        let evidence_count: i64 = stmt.query_row([id], |r| r.get(0))?;
        let lacks = lacks_evidence(l.self_score, evidence_count);
        out.push(Item {
            criterion_id: id,
            full_code: l.full_code,
            title: l.title,
            self_score: l.self_score.unwrap_or_default(),
            max: l.max,
            evidence_count,
            lacks_evidence: lacks,
            held: lacks && !allow,
        });
    }
    Ok(out)
}

fn codes(items: &[&Item]) -> String {
    items
        .iter()
        .map(|i| i.full_code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What approving `scope` would approve, as of now.
pub fn preview(conn: &Connection, scope: Scope) -> Result<Preview> {
    let allow = rule(conn)?.allow_without_evidence;
    let items = items(conn, scope, allow)?;
    let approved: Vec<&Item> = items.iter().filter(|i| !i.held).collect();
    let lacking: Vec<&Item> = items.iter().filter(|i| i.lacks_evidence).collect();
    let total = approved
        .iter()
        .fold(Points::ZERO, |sum, i| sum + i.self_score);
    let question = if approved.is_empty() {
        "Không có tiêu chí nào duyệt được.".to_string()
    } else {
        format!(
            "Duyệt {} tiêu chí với tổng {} điểm tự chấm?",
            approved.len(),
            total.display()
        )
    };
    let warning = (!lacking.is_empty()).then(|| {
        if allow {
            format!(
                "{} tiêu chí chưa có tài liệu kiểm chứng vẫn được duyệt (theo cài đặt của xã): {}. Hội đồng thẩm định có thể không công nhận điểm của các tiêu chí này.",
                lacking.len(),
                codes(&lacking)
            )
        } else {
            format!(
                "{} tiêu chí chưa có tài liệu kiểm chứng sẽ không được duyệt, chờ bổ sung tài liệu: {}.",
                lacking.len(),
                codes(&lacking)
            )
        }
    });
    Ok(Preview {
        approving: approved.len(),
        total,
        lacking_evidence: lacking.iter().map(|i| i.full_code.clone()).collect(),
        allow_without_evidence: allow,
        question,
        warning,
        items,
    })
}

/// What an approval did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Approved {
    pub approved: usize,
    pub total: Points,
    /// Full codes left waiting because they lack evidence.
    pub held: Vec<String>,
    /// "Đã duyệt 12 tiêu chí (45,5 điểm). 2 tiêu chí chưa có tài liệu kiểm chứng chưa được duyệt: …"
    pub message: String,
}

/// Duyệt: the chairman approves the criteria waiting in `scope`, except those the rule holds.
/// With `shown` (the ids the confirmation listed), the waiting list must be exactly what was
/// shown, so that what is approved is what the chairman saw; otherwise nothing is approved.
pub fn approve_leaves(
    conn: &mut Connection,
    actor: &Actor,
    scope: Scope,
    shown: Option<&[i64]>,
) -> Result<Approved> {
    actor.require(
        |c| c.approve,
        "Chỉ Chủ tịch UBND xã được duyệt điểm tự chấm.",
    )?;
    let allow = rule(conn)?.allow_without_evidence;
    let tx = conn.transaction()?;
    let items = items(&tx, scope, allow)?;
    if items.is_empty() {
        return Err(Error::invalid("Không có điểm nào đang chờ duyệt."));
    }
    if let Some(shown) = shown {
        let mut now: Vec<i64> = items.iter().map(|i| i.criterion_id).collect();
        let mut seen = shown.to_vec();
        now.sort_unstable();
        seen.sort_unstable();
        seen.dedup();
        if now != seen {
            return Err(Error::Conflict(
                "Danh sách điểm chờ duyệt đã thay đổi từ khi mở hộp xác nhận (có điểm vừa được gửi hoặc rút lại). Hãy xem lại rồi duyệt."
                    .into(),
            ));
        }
    }
    let held: Vec<&Item> = items.iter().filter(|i| i.held).collect();
    let to_approve: Vec<&Item> = items.iter().filter(|i| !i.held).collect();
    if to_approve.is_empty() {
        return Err(Error::invalid(format!(
            "Chưa duyệt được: {} chưa có tài liệu kiểm chứng. Hãy bổ sung tài liệu kiểm chứng hoặc trả lại để công chức bổ sung (xã đang đặt không duyệt điểm chưa có tài liệu kiểm chứng; đổi ở Cài đặt → Thông tin xã).",
            if held.len() == 1 {
                format!("tiêu chí {}", codes(&held))
            } else {
                format!("các tiêu chí {}", codes(&held))
            }
        )));
    }
    let mut total = Points::ZERO;
    for i in &to_approve {
        let l = workflow::leaf(&tx, i.criterion_id)?;
        workflow::set_state(&tx, i.criterion_id, State::Approved)?;
        let detail = if i.lacks_evidence {
            "duyệt (chưa có tài liệu kiểm chứng)"
        } else {
            "duyệt"
        };
        workflow::event(&tx, actor, &l, "approve", "", detail)?;
        total = total + i.self_score;
    }
    tx.commit()?;
    let mut message = format!(
        "Đã duyệt {} tiêu chí ({} điểm).",
        to_approve.len(),
        total.display()
    );
    if !held.is_empty() {
        message.push_str(&format!(
            " {} tiêu chí chưa có tài liệu kiểm chứng chưa được duyệt: {}.",
            held.len(),
            codes(&held)
        ));
    }
    Ok(Approved {
        approved: to_approve.len(),
        total,
        held: held.iter().map(|i| i.full_code.clone()).collect(),
        message,
    })
}

/// Duyệt every submitted leaf at or below `id` the rule lets through.
pub fn approve(conn: &mut Connection, actor: &Actor, id: i64) -> Result<Approved> {
    approve_leaves(conn, actor, Scope::Criterion(id), None)
}

/// Duyệt for a criterion's leaves or the whole sheet.
pub fn approve_scope(conn: &mut Connection, actor: &Actor, scope: Scope) -> Result<Approved> {
    approve_leaves(conn, actor, scope, None)
}
