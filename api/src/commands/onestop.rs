//! Một cửa/TTHC: the year's catalogue, records per period, targets and indicators.

use cchc_core::onestop::batches::{self, Batch, BatchInput};
use cchc_core::onestop::yearly::{self, Catalogue, Indicators, Targets};
use cchc_core::onestop::{self, YearView};
use serde::Deserialize;

use super::{IdArg, YearArg};
use crate::{Ctx, Host, Result};

pub fn onestop_year(h: &Host, ctx: &Ctx, a: YearArg) -> Result<YearView> {
    ctx.actor(h)?;
    h.read(|c| onestop::year_view(c, a.year))
}

#[derive(Deserialize)]
pub struct BatchArgs {
    input: BatchInput,
}

pub fn save_tthc_batch(h: &Host, ctx: &Ctx, a: BatchArgs) -> Result<Batch> {
    let actor = ctx.actor(h)?;
    h.write(|c| batches::save(c, &actor, &a.input))
}

pub fn delete_tthc_batch(h: &Host, ctx: &Ctx, a: IdArg) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| batches::delete(c, &actor, a.id))
}

#[derive(Deserialize)]
pub struct CatalogueArgs {
    year: i32,
    catalogue: Catalogue,
}

pub fn save_tthc_catalogue(h: &Host, ctx: &Ctx, a: CatalogueArgs) -> Result<Catalogue> {
    let actor = ctx.actor(h)?;
    h.write(|c| yearly::save_catalogue(c, &actor, a.year, &a.catalogue))
}

#[derive(Deserialize)]
pub struct TargetsArgs {
    year: i32,
    targets: Targets,
}

pub fn save_tthc_targets(h: &Host, ctx: &Ctx, a: TargetsArgs) -> Result<Targets> {
    let actor = ctx.actor(h)?;
    h.write(|c| yearly::save_targets(c, &actor, a.year, &a.targets))
}

#[derive(Deserialize)]
pub struct IndicatorsArgs {
    year: i32,
    indicators: Indicators,
}

pub fn save_indicators(h: &Host, ctx: &Ctx, a: IndicatorsArgs) -> Result<Indicators> {
    let actor = ctx.actor(h)?;
    h.write(|c| yearly::save_indicators(c, &actor, a.year, &a.indicators))
}
