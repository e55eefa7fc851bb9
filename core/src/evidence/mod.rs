//! The evidence store (being written).
