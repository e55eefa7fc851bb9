//! The approved score sheet as data inside the dossier (`diem-tu-cham.json`): the criteria tree
//! with maxima, self-scores, explanations and the evidence files of each criterion by their
//! path in the zip. It is what a received dossier shows in the program, with no database.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ReceivedSheet")]
pub struct SheetData {
    pub year: i32,
    pub commune: String,
    /// The criteria set and the decision that issued it.
    pub criteria_set: String,
    pub self_total: String,
    pub max_total: String,
    pub rating: Option<String>,
    pub nodes: Vec<ReceivedNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReceivedNode {
    pub code: String,
    pub title: String,
    pub max: String,
    pub self_score: String,
    pub explanation: String,
    pub not_applicable: bool,
    pub evidence: Vec<EvidenceRef>,
    pub children: Vec<ReceivedNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ReceivedEvidence")]
pub struct EvidenceRef {
    /// The file's path inside the zip.
    pub path: String,
    pub citation: String,
    pub revision: i64,
    /// The revision current when the criterion was approved (a later one is marked so).
    pub approved_revision: bool,
}
