//! The annual reform plan: its reference, its tasks grouped by reform area, their deadlines
//! and statuses, and the figures inspectors ask for ("thực hiện được 16/20 nhiệm vụ").

pub mod areas;
pub mod deadline;
pub mod progress;
pub mod reference;
pub mod rollover;
pub mod tasks;
pub mod texts;
pub mod tracking;
