//! The blank import templates. Each header is the first name its import recognises, so a
//! filled-in template imports without renaming a column; fixed values (task status, session
//! kind and form, reform area) come from drop-down lists; one example row shows the expected
//! shapes (a quarter "Quý I/2026", a real date, a count) and is meant to be replaced.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::book::{
    self, col, count_validation, hint, list_validation, points_validation, Column, Lists, Strict,
    Styles, Xl,
};
use super::TemplateKind;
use crate::error::Result;
use crate::plan::tasks::TaskStatus;
use crate::sessions::{SessionForm, SessionKind};

const TASKS: [Column; 13] = [
    col("STT", 6.0),
    col("Nội dung nhiệm vụ", 45.0),
    col("Lĩnh vực", 26.0),
    col("Chủ trì", 22.0),
    col("Phối hợp", 22.0),
    col("Thời hạn", 14.0),
    col("Sản phẩm", 24.0),
    col("Trạng thái", 18.0),
    col("Ngày hoàn thành", 14.0),
    col("Kết quả", 30.0),
    col("Lý do", 22.0),
    col("Giải pháp", 22.0),
    col("Theo dõi từ", 16.0),
];

const CRITERIA: [Column; 4] = [
    col("STT", 8.0),
    col("Lĩnh vực, tiêu chí, tiêu chí thành phần", 60.0),
    col("Điểm tối đa", 11.0),
    col("Tài liệu kiểm chứng", 45.0),
];

const OFFICERS: [Column; 4] = [
    col("STT", 6.0),
    col("Họ và tên", 28.0),
    col("Chức vụ", 32.0),
    col("Bộ phận", 30.0),
];

const SESSIONS: [Column; 10] = [
    col("Ngày tổ chức", 13.0),
    col("Loại", 22.0),
    col("Hình thức", 22.0),
    col("Nội dung", 40.0),
    col("Văn bản pháp luật", 30.0),
    col("Địa điểm", 22.0),
    col("Thôn, tổ dân phố", 18.0),
    col("Đối tượng", 20.0),
    col("Số người tham dự", 11.0),
    col("Báo cáo viên", 22.0),
];

/// The one-stop template's columns: two groups over a second header row.
const TTHC_WIDTHS: [f64; 13] = [
    40.0, 18.0, 11.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 11.0, 11.0, 10.0,
];

pub(super) fn write(kind: TemplateKind, year: i32, areas: &[String], out: &Path) -> Result<()> {
    book::check_target(out)?;
    let st = Styles::new();
    let mut ws = Worksheet::new();
    let mut lists = Lists::new()?;
    let title = match kind {
        TemplateKind::Criteria => criteria(&mut ws, &st, year)?,
        TemplateKind::Tasks => tasks(&mut ws, &st, &mut lists, year, areas)?,
        TemplateKind::Sessions => sessions(&mut ws, &st, &mut lists, year)?,
        TemplateKind::Tthc => tthc(&mut ws, &st, year)?,
        TemplateKind::Officers => officers(&mut ws, &st)?,
    };
    let mut wb: Workbook = book::new_workbook(&title);
    ws.set_active(true);
    wb.push_worksheet(ws);
    if matches!(kind, TemplateKind::Tasks | TemplateKind::Sessions) {
        wb.push_worksheet(lists.into_sheet());
    }
    book::save(&mut wb, out)
}

/// Title, a note on the example row, the header; returns the first row under the header.
fn head(
    ws: &mut Worksheet,
    st: &Styles,
    name: &str,
    title: &str,
    note: &str,
    columns: &[Column],
) -> Result<u32> {
    ws.set_name(name).xl()?;
    book::title_row(ws, 0, columns.len(), title, &st.title, 36.0)?;
    book::title_row(ws, 1, columns.len(), note, &st.note, 30.0)?;
    book::header_row(ws, 2, columns, &st.header)?;
    book::finish_table(ws, 2, 2, 2 + book::TEMPLATE_ROWS, columns.len())?;
    Ok(3)
}

fn note(lists: &str) -> String {
    let mut s = "Dòng 4 là ví dụ: hãy sửa hoặc xóa trước khi nhập. Mỗi dòng một mục; giữ nguyên dòng tiêu đề."
        .to_string();
    if !lists.is_empty() {
        s.push_str(&format!(" Cột {lists} chọn trong danh sách thả xuống."));
    }
    s
}

fn criteria(ws: &mut Worksheet, st: &Styles, year: i32) -> Result<String> {
    let title =
        format!("BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM {year}");
    let note = "Dòng 4 trở xuống là ví dụ: hãy sửa hoặc xóa trước khi nhập. STT: I, II cho lĩnh vực; 1, 2 cho tiêu chí; 1.1, 1.2 hoặc a), b) cho tiêu chí thành phần. Mức điểm ghi ở dòng không có STT, bắt đầu bằng dấu “-”, dạng “- Tên mức: điểm”.";
    let r = head(ws, st, "Bộ tiêu chí", &title, note, &CRITERIA)?;
    ws.set_row_height(1, 45).xl()?;
    let rows: [(&str, String, Option<f64>, String); 5] = [
        (
            "I",
            "Công tác chỉ đạo, điều hành cải cách hành chính".into(),
            Some(2.0),
            String::new(),
        ),
        (
            "1",
            format!("Ban hành Kế hoạch CCHC năm {year} đúng thời hạn"),
            Some(2.0),
            format!("Kế hoạch CCHC năm {year} của UBND xã"),
        ),
        (
            "",
            "- Ban hành đúng thời hạn: 2".into(),
            None,
            String::new(),
        ),
        ("", "- Ban hành chậm: 1".into(), None, String::new()),
        ("", "- Không ban hành: 0".into(), None, String::new()),
    ];
    for (i, (code, title, max, evidence)) in rows.iter().enumerate() {
        let row = r + i as u32;
        let bold = i == 0;
        code_cell(
            ws,
            row,
            0,
            code,
            if bold { &st.center_bold } else { &st.center },
        )?;
        book::text(
            ws,
            row,
            1,
            title,
            if bold { &st.text_bold } else { &st.text },
        )?;
        book::number(
            ws,
            row,
            2,
            *max,
            if bold { &st.points_bold } else { &st.points },
        )?;
        book::text(ws, row, 3, evidence, &st.text)?;
    }
    points_validation(ws, r, 2)?;
    Ok(title)
}

/// A number or code: whole numbers as numbers (so Excel does not flag "number stored as
/// text"), anything else ("I", "1.1", "a)") as text.
fn code_cell(ws: &mut Worksheet, row: u32, col: u16, code: &str, format: &Format) -> Result<()> {
    match code.parse::<u32>() {
        Ok(n) => book::number(ws, row, col, Some(f64::from(n)), format),
        Err(_) => book::text(ws, row, col, code, format),
    }
}

fn tasks(
    ws: &mut Worksheet,
    st: &Styles,
    lists: &mut Lists,
    year: i32,
    areas: &[String],
) -> Result<String> {
    let title = format!("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {year}: DANH MỤC NHIỆM VỤ");
    let r = head(
        ws,
        st,
        "Nhiệm vụ",
        &title,
        &note("Lĩnh vực và Trạng thái"),
        &TASKS,
    )?;
    let area = areas.first().cloned().unwrap_or_default();
    let done_on = chrono::NaiveDate::from_ymd_opt(year, 1, 15);
    let example: [&str; 13] = [
        "",
        &format!("Ban hành Kế hoạch CCHC năm {year}"),
        &area,
        "Công chức Văn phòng - Thống kê",
        "Các bộ phận chuyên môn",
        &format!("Quý I/{year}"),
        &format!("Kế hoạch CCHC năm {year}"),
        TaskStatus::Done.label(),
        "",
        &format!("Đã ban hành Kế hoạch số 05/KH-UBND ngày 15/01/{year}"),
        "",
        "",
        "",
    ];
    for (c, v) in example.iter().enumerate() {
        book::text(ws, r, c as u16, v, &st.text)?;
    }
    // No STT in the example: a forgotten example row numbered 1 would overwrite the plan's
    // task 1 on import; unnumbered, it can only match a task with the same content.
    book::text(ws, r, 0, "", &st.center)?;
    book::date(ws, r, 8, done_on, &st.date)?;
    ws.set_column_format(8, &Styles::typing_date()).xl()?;

    let area_list = lists.add("Lĩnh vực CCHC", areas)?;
    list_validation(ws, r, 2, area_list, Strict::No)?;
    let statuses: Vec<String> = TaskStatus::ALL
        .iter()
        .map(|s| s.label().to_string())
        .collect();
    let status_list = lists.add("Trạng thái nhiệm vụ", &statuses)?;
    list_validation(ws, r, 7, status_list, Strict::Yes)?;
    hint(
        ws,
        r,
        5,
        "Thời hạn",
        &format!(
            "Một ngày (31/03/{year}), một tháng (Tháng 6/{year}), một quý (Quý II/{year}), hoặc Hằng tháng, Hằng quý, 6 tháng/lần, Thường xuyên."
        ),
    )?;
    hint(
        ws,
        r,
        8,
        "Ngày hoàn thành",
        "Ghi ngày dạng dd/mm/yyyy khi nhiệm vụ đã hoàn thành; để trống nếu chưa.",
    )?;
    hint(
        ws,
        r,
        12,
        "Theo dõi từ",
        &format!(
            "Chỉ cho nhiệm vụ lặp lại (Hằng tháng, Hằng quý) nhập giữa năm: kỳ bắt đầu theo dõi (Tháng 11/{year}, Quý IV/{year}), “Từ đầu năm” hoặc “Các kỳ trước đã thực hiện”. Để trống: theo dõi từ kỳ đang diễn ra."
        ),
    )?;
    Ok(title)
}

fn sessions(ws: &mut Worksheet, st: &Styles, lists: &mut Lists, year: i32) -> Result<String> {
    let title = format!(
        "DANH SÁCH BUỔI TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT VÀ CẢI CÁCH HÀNH CHÍNH NĂM {year}"
    );
    let r = head(
        ws,
        st,
        "Tuyên truyền",
        &title,
        &note("Loại và Hình thức"),
        &SESSIONS,
    )?;
    let example: [&str; 10] = [
        "",
        SessionKind::Pbgdpl.label(),
        SessionForm::Conference.label(),
        "Tuyên truyền Luật Hộ tịch, thủ tục đăng ký khai sinh, kết hôn",
        "Luật Hộ tịch năm 2014; Luật Hôn nhân và gia đình năm 2014",
        "Nhà văn hóa thôn Bản Cái",
        "Thôn Bản Cái",
        "Nhân dân thôn Bản Cái",
        "",
        "Công chức Tư pháp - Hộ tịch",
    ];
    for (c, v) in example.iter().enumerate() {
        book::text(ws, r, c as u16, v, &st.text)?;
    }
    book::date(
        ws,
        r,
        0,
        chrono::NaiveDate::from_ymd_opt(year, 3, 20),
        &st.date,
    )?;
    book::int(ws, r, 8, 52, &st.int)?;
    ws.set_column_format(0, &Styles::typing_date()).xl()?;
    ws.set_column_format(8, &Styles::typing_int()).xl()?;

    let kinds: Vec<String> = SessionKind::ALL
        .iter()
        .map(|k| k.label().to_string())
        .collect();
    let kind_list = lists.add("Loại buổi tuyên truyền", &kinds)?;
    list_validation(ws, r, 1, kind_list, Strict::Yes)?;
    let forms: Vec<String> = SessionForm::ALL
        .iter()
        .map(|f| f.label().to_string())
        .collect();
    let form_list = lists.add("Hình thức tuyên truyền", &forms)?;
    list_validation(ws, r, 2, form_list, Strict::No)?;
    count_validation(ws, r, 8, 8)?;
    hint(
        ws,
        r,
        0,
        "Ngày tổ chức",
        &format!("Ghi ngày dạng dd/mm/yyyy, ví dụ 20/03/{year}."),
    )?;
    hint(
        ws,
        r,
        4,
        "Văn bản pháp luật",
        "Các luật, văn bản được tuyên truyền, ngăn cách bằng dấu chấm phẩy (;).",
    )?;
    Ok(title)
}

fn tthc(ws: &mut Worksheet, st: &Styles, year: i32) -> Result<String> {
    let title = "THỐNG KÊ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH".to_string();
    let columns = TTHC_WIDTHS.len();
    ws.set_name("Thống kê TTHC").xl()?;
    book::title_row(ws, 0, columns, &title, &st.title, 30.0)?;
    book::title_row(
        ws,
        1,
        columns,
        &format!("Từ ngày 01/01/{year} đến ngày 31/03/{year}"),
        &st.subtitle,
        20.0,
    )?;
    book::title_row(
        ws,
        2,
        columns,
        "Sửa kỳ thống kê ở dòng 2 cho đúng kỳ của số liệu. Dòng 6 là ví dụ: hãy sửa hoặc xóa trước khi nhập. Mỗi dòng một thủ tục; để trống tên thủ tục nếu chỉ có số liệu chung của bộ phận một cửa.",
        &st.note,
        45.0,
    )?;
    let (top, sub) = (3, 4);
    let h = &st.header;
    for (c, name) in [
        (0, "Tên thủ tục hành chính"),
        (1, "Lĩnh vực"),
        (2, "Kỳ trước chuyển qua"),
        (12, "Trả lại, rút"),
    ] {
        ws.merge_range(top, c, sub, c, name, h).xl()?;
    }
    ws.merge_range(top, 3, top, 6, "Số hồ sơ tiếp nhận trong kỳ", h)
        .xl()?;
    ws.merge_range(top, 7, top, 9, "Số hồ sơ đã giải quyết", h)
        .xl()?;
    ws.merge_range(top, 10, top, 11, "Hồ sơ đang giải quyết", h)
        .xl()?;
    for (c, name) in [
        (3, "Tổng số"),
        (4, "Trực tiếp"),
        (5, "Trực tuyến"),
        (6, "Qua BCCI"),
        (7, "Trước hạn"),
        (8, "Đúng hạn"),
        (9, "Quá hạn"),
        (10, "Tổng số"),
        (11, "Quá hạn"),
    ] {
        book::text(ws, sub, c, name, h)?;
    }
    for (c, w) in TTHC_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w).xl()?;
    }
    ws.set_row_height(top, 30).xl()?;
    ws.set_row_height(sub, 30).xl()?;
    let r = sub + 1;
    book::text(ws, r, 0, "Đăng ký khai sinh", &st.text)?;
    book::text(ws, r, 1, "Hộ tịch", &st.text)?;
    // 3 carried over + 25 received = 25 resolved + 3 still in progress.
    for (c, v) in [3, 25, 15, 8, 2, 5, 20, 0, 3, 0, 0].into_iter().enumerate() {
        book::int(ws, r, c as u16 + 2, v, &st.int)?;
    }
    for c in 2..=12 {
        ws.set_column_format(c, &Styles::typing_int()).xl()?;
    }
    count_validation(ws, r, 2, 12)?;
    book::finish_table(ws, top, sub, r + book::TEMPLATE_ROWS - 1, columns)?;
    Ok(title)
}

fn officers(ws: &mut Worksheet, st: &Styles) -> Result<String> {
    let title = "DANH SÁCH CÁN BỘ, CÔNG CHỨC UBND XÃ".to_string();
    let r = head(ws, st, "Cán bộ, công chức", &title, &note(""), &OFFICERS)?;
    book::number(ws, r, 0, Some(1.0), &st.center)?;
    book::text(ws, r, 1, "Nguyễn Thị Lan Anh", &st.text)?;
    book::text(ws, r, 2, "Công chức Văn phòng - Thống kê", &st.text)?;
    book::text(ws, r, 3, "Văn phòng HĐND và UBND", &st.text)?;
    Ok(title)
}
