//! The scoring sheet of a year as every screen, report and count sees it: the criteria tree
//! with each node's maximum (dropping what does not apply), self-score, appraisal scores, last
//! year's score, the flags (numbers that disagree, score without evidence), the totals, the
//! rating, the sheet's status, and the leaves ranked by the points they stand to lose.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::criteria::{self, Kind, Level, Row};
use super::points::Points;
use super::workflow::State;
use crate::error::Result;
use crate::plan::tasks;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: i64,
    /// The criterion's version (its editor sends it back).
    pub version: i64,
    pub code: String,
    pub full_code: String,
    pub title: String,
    pub kind: Kind,
    /// As printed in the criteria set.
    pub max_points: Points,
    /// What can be earned here: 0 when it does not apply; for a parent, its children's sum.
    pub effective_max: Points,
    /// The printed maximum differs from the sum of the children's (flagged, never fixed).
    pub max_mismatch: bool,
    pub children_sum: Option<Points>,
    pub evidence_required: String,
    pub not_applicable: bool,
    pub not_applicable_reason: String,
    pub levels: Vec<Level>,
    pub children: Vec<Node>,
    pub leaf: Option<LeafScore>,
    pub self_points: Points,
    pub round1_points: Option<Points>,
    pub round2_points: Option<Points>,
    /// Per leaf round 2 if entered, else round 1; added up for a parent.
    pub final_points: Option<Points>,
    pub last_year_points: Option<Points>,
    /// Leaves below (or this leaf) that are scored / applicable.
    pub scored_leaves: i64,
    pub leaves: i64,
    /// Leaves below with a score above zero but no evidence.
    pub without_evidence: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeafScore {
    /// The score's version: every step of the workflow raises it; the panel sends it back.
    pub version: i64,
    pub assignee_officer_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub self_score: Option<Points>,
    pub explanation: String,
    pub state: State,
    pub state_label: String,
    pub evidence_count: i64,
    pub round1: Option<Points>,
    pub round1_note: String,
    pub commune_explanation: String,
    pub round2: Option<Points>,
    pub round2_note: String,
    pub linked_tasks_overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtRisk {
    pub id: i64,
    pub full_code: String,
    pub title: String,
    pub max: Points,
    pub self_score: Option<Points>,
    pub stand_to_lose: Points,
    /// Why, in Vietnamese: "chưa chấm", "thấp hơn điểm tối đa", "chưa có tài liệu kiểm chứng",
    /// "chưa được duyệt", "nhiệm vụ liên quan quá hạn".
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    pub year: i32,
    pub title: String,
    pub decision: String,
    pub nodes: Vec<Node>,
    /// Sum of the applicable normal criteria's maxima (the index's maximum, usually 100).
    pub max_total: Points,
    /// Normal + bonus − penalty.
    pub self_total: Points,
    pub round1_total: Option<Points>,
    pub round2_total: Option<Points>,
    /// Each leaf's round 2 if entered, else its round 1, added up; none before appraisal.
    pub final_total: Option<Points>,
    pub last_year_total: Option<Points>,
    /// "no_criteria", "not_started", "draft", "submitted", "approved", "appraised".
    pub status: String,
    pub status_label: String,
    pub rating: Option<String>,
    pub rating_of: String,
    pub at_risk: Vec<AtRisk>,
    pub mismatches: Vec<String>,
}

#[derive(Default)]
struct LeafFacts {
    assignee: Option<i64>,
    assignee_name: Option<String>,
    self_score: Option<Points>,
    explanation: String,
    state: String,
    round1: Option<Points>,
    round1_note: String,
    explanation2: String,
    round2: Option<Points>,
    round2_note: String,
    evidence: i64,
    version: i64,
}

fn leaf_facts(conn: &Connection, year: i32) -> Result<HashMap<i64, LeafFacts>> {
    let mut stmt = conn.prepare(
        "SELECT s.criterion_id, s.assignee_officer_id, o.full_name, s.self_hundredths, s.explanation,
            s.state, s.round1_hundredths, s.round1_note, s.commune_explanation, s.round2_hundredths,
            s.round2_note,
            (SELECT count(*) FROM evidence_link l WHERE l.target_kind = 'criterion' AND l.target_id = s.criterion_id),
            s.version
         FROM score s JOIN criterion c ON c.id = s.criterion_id
         LEFT JOIN officer o ON o.id = s.assignee_officer_id
         WHERE c.year = ?1",
    )?;
    let facts = stmt
        .query_map([year], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                LeafFacts {
                    assignee: r.get(1)?,
                    assignee_name: r.get(2)?,
                    self_score: r.get(3)?,
                    explanation: r.get(4)?,
                    state: r.get(5)?,
                    round1: r.get(6)?,
                    round1_note: r.get(7)?,
                    explanation2: r.get(8)?,
                    round2: r.get(9)?,
                    round2_note: r.get(10)?,
                    evidence: r.get(11)?,
                    version: r.get(12)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(facts)
}

/// How many of each criterion's linked plan tasks are overdue.
fn overdue_links(conn: &Connection, year: i32, today: NaiveDate) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare(
        "SELECT ct.criterion_id, ct.task_id FROM criterion_task ct
         JOIN criterion c ON c.id = ct.criterion_id WHERE c.year = ?1",
    )?;
    let links = stmt
        .query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: HashMap<i64, i64> = HashMap::new();
    for (criterion, task) in links {
        if tasks::get(conn, task, today)?.overdue {
            *out.entry(criterion).or_default() += 1;
        }
    }
    Ok(out)
}

/// Last year's final (or self) score per full code, to show beside this year's.
fn last_year(conn: &Connection, year: i32) -> Result<HashMap<String, Points>> {
    if !criteria::set_exists(conn, year - 1)? {
        return Ok(HashMap::new());
    }
    let mut out = HashMap::new();
    collect_codes(&build_nodes(conn, year - 1, None)?, &mut out);
    Ok(out)
}

fn collect_codes(nodes: &[Node], out: &mut HashMap<String, Points>) {
    for n in nodes {
        let p = n.final_points.unwrap_or(n.self_points);
        out.insert(n.full_code.clone(), p);
        collect_codes(&n.children, out);
    }
}

fn sum_opt(values: impl Iterator<Item = Option<Points>>) -> Option<Points> {
    let mut any = false;
    let mut total = Points::ZERO;
    for v in values.flatten() {
        any = true;
        total = total + v;
    }
    any.then_some(total)
}

fn build(
    row: &Row,
    by_parent: &HashMap<Option<i64>, Vec<&Row>>,
    facts: &HashMap<i64, LeafFacts>,
    overdue: &HashMap<i64, i64>,
    last: &HashMap<String, Points>,
    parent_na: bool,
) -> Node {
    let na = parent_na || row.not_applicable;
    let kids: Vec<Node> = by_parent
        .get(&Some(row.id))
        .map(|v| {
            v.iter()
                .map(|c| build(c, by_parent, facts, overdue, last, na))
                .collect()
        })
        .unwrap_or_default();
    let leaf = facts.get(&row.id).map(|f| {
        let state = State::from_code(&f.state);
        LeafScore {
            assignee_officer_id: f.assignee,
            assignee_name: f.assignee_name.clone(),
            self_score: f.self_score,
            explanation: f.explanation.clone(),
            state,
            state_label: state.label().into(),
            evidence_count: f.evidence,
            round1: f.round1,
            round1_note: f.round1_note.clone(),
            commune_explanation: f.explanation2.clone(),
            round2: f.round2,
            round2_note: f.round2_note.clone(),
            linked_tasks_overdue: overdue.get(&row.id).copied().unwrap_or(0),
            version: f.version,
        }
    });
    let (
        effective_max,
        self_points,
        round1,
        round2,
        final_points,
        scored,
        leaves,
        without_evidence,
        children_sum,
    ) = if let Some(l) = &leaf {
        let applies = !na;
        let self_points = if applies {
            l.self_score.unwrap_or_default()
        } else {
            Points::ZERO
        };
        (
            if applies { row.max } else { Points::ZERO },
            self_points,
            if applies { l.round1 } else { None },
            if applies { l.round2 } else { None },
            if applies { l.round2.or(l.round1) } else { None },
            i64::from(applies && l.self_score.is_some()),
            i64::from(applies),
            i64::from(applies && super::approval::lacks_evidence(l.self_score, l.evidence_count)),
            None,
        )
    } else {
        // Children of the same kind add up; a bonus or penalty child under a normal
        // parent counts outside the parent's maximum.
        let same: Vec<&Node> = kids.iter().filter(|k| k.kind == row.kind).collect();
        let signed = |k: &Node, p: Points| match (row.kind, k.kind) {
            (a, b) if a == b => p,
            (_, Kind::Penalty) => Points::ZERO - p,
            _ => p,
        };
        let printed: Points = kids
            .iter()
            .filter(|k| k.kind == row.kind && !k.not_applicable)
            .map(|k| k.max_points)
            .sum();
        (
            if na {
                Points::ZERO
            } else {
                same.iter().map(|k| k.effective_max).sum()
            },
            kids.iter().map(|k| signed(k, k.self_points)).sum(),
            sum_opt(kids.iter().map(|k| k.round1_points.map(|p| signed(k, p)))),
            sum_opt(kids.iter().map(|k| k.round2_points.map(|p| signed(k, p)))),
            sum_opt(kids.iter().map(|k| k.final_points.map(|p| signed(k, p)))),
            kids.iter().map(|k| k.scored_leaves).sum(),
            kids.iter().map(|k| k.leaves).sum(),
            kids.iter().map(|k| k.without_evidence).sum(),
            (!kids.is_empty()).then_some(printed),
        )
    };
    let max_mismatch = children_sum.is_some_and(|s| s != row.max) && !row.not_applicable;
    Node {
        id: row.id,
        version: row.version,
        code: row.code.clone(),
        full_code: row.full_code.clone(),
        title: row.title.clone(),
        kind: row.kind,
        max_points: row.max,
        effective_max,
        max_mismatch,
        children_sum,
        evidence_required: row.evidence_required.clone(),
        not_applicable: na,
        not_applicable_reason: row.not_applicable_reason.clone(),
        levels: row.levels.clone(),
        children: kids,
        leaf,
        self_points,
        round1_points: round1,
        round2_points: round2,
        final_points,
        last_year_points: last.get(&row.full_code).copied(),
        scored_leaves: scored,
        leaves,
        without_evidence,
    }
}

fn build_nodes(conn: &Connection, year: i32, today: Option<NaiveDate>) -> Result<Vec<Node>> {
    let rows = criteria::rows(conn, year)?;
    let mut by_parent: HashMap<Option<i64>, Vec<&Row>> = HashMap::new();
    for r in &rows {
        by_parent.entry(r.parent_id).or_default().push(r);
    }
    let facts = leaf_facts(conn, year)?;
    let overdue = match today {
        Some(t) => overdue_links(conn, year, t)?,
        None => HashMap::new(),
    };
    let last = if today.is_some() {
        last_year(conn, year)?
    } else {
        HashMap::new()
    };
    Ok(by_parent
        .get(&None)
        .map(|tops| {
            tops.iter()
                .map(|r| build(r, &by_parent, &facts, &overdue, &last, false))
                .collect()
        })
        .unwrap_or_default())
}

fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
    for n in nodes {
        out.push(n);
        walk(&n.children, out);
    }
}

fn rating(conn: &Connection, year: i32, score: Points, max: Points) -> Result<Option<String>> {
    if max <= Points::ZERO {
        return Ok(None);
    }
    let (good, fair, average): (i64, i64, i64) = conn.query_row(
        "SELECT good_permille, fair_permille, average_permille FROM criteria_set WHERE year = ?1",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let permille = score.0 * 1000 / max.0;
    Ok(Some(
        if permille >= good {
            "Tốt"
        } else if permille >= fair {
            "Khá"
        } else if permille >= average {
            "Trung bình"
        } else {
            "Yếu"
        }
        .to_string(),
    ))
}

pub fn sheet(conn: &Connection, year: i32, today: NaiveDate) -> Result<Sheet> {
    crate::commune::require_year(conn, year)?;
    if !criteria::set_exists(conn, year)? {
        return Ok(Sheet {
            year,
            title: String::new(),
            decision: String::new(),
            nodes: Vec::new(),
            max_total: Points::ZERO,
            self_total: Points::ZERO,
            round1_total: None,
            round2_total: None,
            final_total: None,
            last_year_total: None,
            status: "no_criteria".into(),
            status_label: "Chưa có bộ tiêu chí".into(),
            rating: None,
            rating_of: String::new(),
            at_risk: Vec::new(),
            mismatches: Vec::new(),
        });
    }
    let (title, decision): (String, String) = conn.query_row(
        "SELECT title, decision FROM criteria_set WHERE year = ?1",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let nodes = build_nodes(conn, year, Some(today))?;
    let signed = |n: &Node, p: Points| {
        if n.kind == Kind::Penalty {
            Points::ZERO - p
        } else {
            p
        }
    };
    let max_total: Points = nodes
        .iter()
        .filter(|n| n.kind == Kind::Normal)
        .map(|n| n.effective_max)
        .sum();
    let self_total: Points = nodes.iter().map(|n| signed(n, n.self_points)).sum();
    let round1_total = sum_opt(nodes.iter().map(|n| n.round1_points.map(|p| signed(n, p))));
    let round2_total = sum_opt(nodes.iter().map(|n| n.round2_points.map(|p| signed(n, p))));
    let final_total = sum_opt(nodes.iter().map(|n| n.final_points.map(|p| signed(n, p))));
    let last_year_total = sum_opt(
        nodes
            .iter()
            .map(|n| n.last_year_points.map(|p| signed(n, p))),
    );

    let mut all = Vec::new();
    walk(&nodes, &mut all);
    let leaves: Vec<&Node> = all
        .iter()
        .copied()
        .filter(|n| n.leaf.is_some() && !n.not_applicable)
        .collect();
    let states: Vec<State> = leaves
        .iter()
        .filter_map(|n| n.leaf.as_ref().map(|l| l.state))
        .collect();
    let scored = leaves
        .iter()
        .filter(|n| n.leaf.as_ref().is_some_and(|l| l.self_score.is_some()))
        .count();
    let (status, status_label) = if final_total.is_some() {
        ("appraised", "Đã có điểm thẩm định")
    } else if !states.is_empty() && states.iter().all(|s| *s == State::Approved) {
        ("approved", "Chủ tịch đã duyệt")
    } else if !states.is_empty()
        && states
            .iter()
            .all(|s| matches!(s, State::Submitted | State::Approved))
    {
        ("submitted", "Đã gửi duyệt")
    } else if scored > 0 {
        ("draft", "Đang tự chấm")
    } else {
        ("not_started", "Chưa chấm")
    };
    let (rating_score, rating_of) = match final_total {
        Some(f) => (f, "điểm thẩm định"),
        None => (self_total, "điểm tự chấm"),
    };
    // Nothing scored yet: no rating to show.
    let rating = if status == "not_started" {
        None
    } else {
        rating(conn, year, rating_score, max_total)?
    };

    let mut at_risk: Vec<AtRisk> = leaves
        .iter()
        .filter(|n| n.kind == Kind::Normal)
        .filter_map(|n| {
            let l = n.leaf.as_ref()?;
            let mut reasons = Vec::new();
            let mut lose = n.effective_max - l.self_score.unwrap_or_default();
            match l.self_score {
                None => reasons.push("chưa chấm".to_string()),
                Some(s) if s < n.effective_max => {
                    reasons.push(format!("thấp hơn điểm tối đa {} điểm", lose.display()))
                }
                _ => {}
            }
            if super::approval::lacks_evidence(l.self_score, l.evidence_count) {
                reasons.push("chưa có tài liệu kiểm chứng".into());
                lose = n.effective_max;
            }
            if l.self_score.is_some() && l.state != State::Approved {
                reasons.push(format!(
                    "chưa được duyệt ({})",
                    l.state.label().to_lowercase()
                ));
            }
            if l.linked_tasks_overdue > 0 {
                reasons.push(format!(
                    "{} nhiệm vụ liên quan quá hạn",
                    l.linked_tasks_overdue
                ));
            }
            (!reasons.is_empty()).then(|| AtRisk {
                id: n.id,
                full_code: n.full_code.clone(),
                title: n.title.clone(),
                max: n.effective_max,
                self_score: l.self_score,
                stand_to_lose: lose,
                reasons,
            })
        })
        .collect();
    at_risk.sort_by(|a, b| {
        b.stand_to_lose
            .cmp(&a.stand_to_lose)
            .then(b.reasons.len().cmp(&a.reasons.len()))
    });
    let mismatches = all
        .iter()
        .filter(|n| n.max_mismatch)
        .map(|n| {
            format!(
                "Tiêu chí {} ghi điểm tối đa {} nhưng các tiêu chí con cộng lại {}.",
                n.full_code,
                n.max_points.display(),
                n.children_sum.unwrap_or_default().display()
            )
        })
        .collect();
    Ok(Sheet {
        year,
        title,
        decision,
        nodes,
        max_total,
        self_total,
        round1_total,
        round2_total,
        final_total,
        last_year_total,
        status: status.into(),
        status_label: status_label.into(),
        rating,
        rating_of: rating_of.into(),
        at_risk,
        mismatches,
    })
}
