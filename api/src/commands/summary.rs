//! Tổng quan: the year's figures, charts and what waits for the user; and the summary the CLI
//! prints with `cchc summary --json`.

use cchc_core::clock;
use cchc_core::dashboard::{self, Dashboard};
use cchc_core::summary::{self, Summary};

use super::YearArg;
use crate::{Ctx, Host, Result};

pub fn dashboard(h: &Host, ctx: &Ctx, a: YearArg) -> Result<Dashboard> {
    let actor = ctx.actor(h)?;
    h.read(|c| dashboard::for_year(c, &actor, a.year, clock::today()))
}

pub fn summary(h: &Host, ctx: &Ctx, a: YearArg) -> Result<Summary> {
    ctx.actor(h)?;
    h.read(|c| summary::for_year(c, a.year, clock::today()))
}
