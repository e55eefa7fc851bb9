//! The documents the commune issues: the texts of the annual plan document (section I "Mục
//! đích, yêu cầu" and section III "Tổ chức thực hiện") typed on the Báo cáo screen and kept per
//! year. The plan document itself is printed by `make_report` like every report; printed with
//! a number, that number and date become the plan's reference (see reports.rs).

use cchc_core::plan::texts::{self, PlanTexts};
use serde::Deserialize;

use super::YearArg;
use crate::{Ctx, Host, Result};

pub fn plan_texts(h: &Host, ctx: &Ctx, a: YearArg) -> Result<PlanTexts> {
    ctx.actor(h)?;
    h.read(|c| texts::get(c, a.year))
}

#[derive(Deserialize)]
pub struct TextsArgs {
    year: i32,
    texts: PlanTexts,
}

pub fn save_plan_texts(h: &Host, ctx: &Ctx, a: TextsArgs) -> Result<PlanTexts> {
    let actor = ctx.actor(h)?;
    h.write(|c| texts::save(c, &actor, a.year, &a.texts))
}
