//! The PAR index (Chỉ số CCHC) of a year: the criteria set, self-scoring with the chairman's
//! approval and the appraisal rounds, and the sheet with its totals, rating and points at risk.

pub mod approval;
pub mod criteria;
pub mod editor;
pub mod points;
pub mod sheet;
pub mod workflow;

pub use points::Points;
