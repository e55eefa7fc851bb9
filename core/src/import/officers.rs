//! Importing the officers list: name, position, department; matched by name.

use super::header::Field;
use super::{is_empty_row, is_total, Action, Ctx, Severity};
use crate::error::Result;
use crate::officers::{self, OfficerInput};
use crate::text;

pub(super) const FIELDS: &[Field] = &[
    Field {
        key: "number",
        label: "STT",
        names: &["stt", "tt", "so tt"],
        required: false,
    },
    Field {
        key: "name",
        label: "Họ và tên",
        names: &[
            "ho va ten",
            "ho ten",
            "ten can bo",
            "ho va ten can bo, cong chuc",
        ],
        required: true,
    },
    Field {
        key: "position",
        label: "Chức vụ",
        names: &["chuc vu", "chuc danh", "chuc vu, chuc danh"],
        required: false,
    },
    Field {
        key: "department",
        label: "Bộ phận",
        names: &[
            "bo phan",
            "don vi",
            "phong ban",
            "bo phan cong tac",
            "don vi cong tac",
        ],
        required: false,
    },
];

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let existing = officers::list(ctx.conn)?;
    let rows = ctx.sheet.rows.clone();
    let total = rows.len();
    for (i, row) in rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_total(row) {
            continue;
        }
        let name = ctx.cell(row, "name").text();
        if name.is_empty() {
            ctx.problem(i, Some("name"), Severity::Error, "Thiếu họ và tên.");
            continue;
        }
        let input = OfficerInput {
            full_name: name.clone(),
            position: ctx.cell(row, "position").text(),
            department: ctx.cell(row, "department").text(),
            active: true,
        };
        let found = existing
            .iter()
            .find(|o| text::fold(&o.full_name) == text::fold(&name));
        let action = match found {
            Some(o)
                if o.position == text::clean_line(&input.position)
                    && o.department == text::clean_line(&input.department) =>
            {
                Action::Unchanged
            }
            Some(_) => Action::Update,
            None => Action::Create,
        };
        if action != Action::Unchanged {
            if let Err(e) = officers::save_in(ctx.conn, ctx.actor, found.map(|o| o.id), &input) {
                ctx.problem(i, None, Severity::Error, e.to_string());
                continue;
            }
        }
        ctx.plan(i, action, name);
    }
    Ok(())
}
