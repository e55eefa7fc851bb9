//! The demo commune (Xã Nông Thượng): realistic data for every area of the product, so that a
//! newcomer sees a full product at once. Each area's issue extends `load`.

mod appraised;
mod backups;
mod evidence;
mod scoring;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::commune::{self, Commune, CommuneInput};
use crate::error::{Error, Result};
use crate::people::{self, Actor, NewAccount, Role};
use crate::plan::tasks::{self, Earlier, Start, TaskInput, TaskStatus};
use crate::sessions::{self, Material, SessionForm, SessionInput, SessionKind};

#[derive(Debug, Clone, Copy, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub role_label: &'static str,
    pub full_name: &'static str,
}

pub const PASSWORD: &str = "demo1234";

/// The log-ins the log-in screen shows while the demo data is in use.
pub const ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        username: "congchuc",
        password: PASSWORD,
        role: Role::Officer,
        role_label: "Công chức",
        full_name: "Nguyễn Thị Lan Anh",
    },
    DemoAccount {
        username: "chutich",
        password: PASSWORD,
        role: Role::Chairman,
        role_label: "Chủ tịch UBND xã",
        full_name: "Trần Văn Hùng",
    },
    DemoAccount {
        username: "quantri",
        password: PASSWORD,
        role: Role::Admin,
        role_label: "Quản trị",
        full_name: "Nông Văn Khánh",
    },
];

/// Positions and departments of the demo accounts, in the order of `ACCOUNTS`.
const ACCOUNT_POSTS: [(&str, &str); 3] = [
    ("Công chức Văn phòng - Thống kê", "Văn phòng HĐND và UBND"),
    ("Chủ tịch UBND xã", "Lãnh đạo UBND xã"),
    ("Công chức Văn phòng - Thống kê", "Văn phòng HĐND và UBND"),
];

/// Officers without a log-in: they own tasks and present sessions.
const OFFICERS: [(&str, &str, &str); 6] = [
    ("Hoàng Thị Mai", "Phó Chủ tịch UBND xã", "Lãnh đạo UBND xã"),
    (
        "Lê Văn Bình",
        "Công chức Tư pháp - Hộ tịch",
        "Văn phòng HĐND và UBND",
    ),
    (
        "Đỗ Minh Tuấn",
        "Công chức Địa chính - Nông nghiệp và Môi trường",
        "Phòng Kinh tế",
    ),
    (
        "Phạm Thị Hoa",
        "Công chức Văn hóa - Xã hội",
        "Phòng Văn hóa - Xã hội",
    ),
    (
        "Vũ Đức Thắng",
        "Công chức Tài chính - Kế toán",
        "Phòng Kinh tế",
    ),
    (
        "Ma Thị Thu",
        "Viên chức Trung tâm phục vụ hành chính công",
        "Trung tâm phục vụ hành chính công xã",
    ),
];

/// One demo plan task: area (1–8), content, lead officer, coordinators, deadline ({Y} is the
/// year), product, status, completion (month, day), result, reason, solution.
type DemoTask = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    TaskStatus,
    Option<(u32, u32)>,
    &'static str,
    &'static str,
    &'static str,
);

/// The demo plan: 20 tasks, 16 of them done by late in the year ("thực hiện được 16/20").
const PLAN: [DemoTask; 20] = {
    use TaskStatus::*;
    [
        (1, "Ban hành Kế hoạch cải cách hành chính năm {Y} của UBND xã", "Nguyễn Thị Lan Anh", "Các bộ phận chuyên môn", "Trước 15/01/{Y}", "Kế hoạch CCHC năm {Y}", Done, Some((1, 10)), "Ban hành Kế hoạch số 05/KH-UBND ngày 10/01/{Y}", "", ""),
        (1, "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm {Y}", "Nguyễn Thị Lan Anh", "Phòng Văn hóa - Xã hội", "Tháng 1/{Y}", "Kế hoạch tuyên truyền CCHC", Done, Some((1, 28)), "Ban hành Kế hoạch số 09/KH-UBND ngày 28/01/{Y}", "", ""),
        (1, "Báo cáo kết quả thực hiện công tác CCHC định kỳ gửi Sở Nội vụ", "Nguyễn Thị Lan Anh", "Các bộ phận chuyên môn", "Hằng quý", "Báo cáo quý", InProgress, None, "Gửi báo cáo đúng hạn các quý", "", ""),
        (1, "Tự kiểm tra công tác CCHC tại các bộ phận chuyên môn", "Hoàng Thị Mai", "Văn phòng HĐND và UBND", "Quý III/{Y}", "Báo cáo kết quả tự kiểm tra", Done, Some((10, 10)), "Kiểm tra 4/4 bộ phận; chậm do trùng đợt bầu cử bổ sung", "", ""),
        (1, "Tuyên truyền CCHC trên hệ thống loa truyền thanh của xã", "Phạm Thị Hoa", "Các thôn", "Tháng 10/{Y}", "Chuyên mục phát thanh về CCHC", InProgress, None, "Đã phát 6/10 chuyên mục", "Hệ thống loa một số thôn hỏng, chờ sửa chữa", "Sửa loa, phát bù các chuyên mục còn lại trong tháng 12"),
        (2, "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND xã ban hành", "Lê Văn Bình", "Văn phòng HĐND và UBND", "Quý II/{Y}", "Báo cáo rà soát VBQPPL", Done, Some((6, 20)), "Rà soát 14 văn bản, đề nghị bãi bỏ 2 văn bản", "", ""),
        (2, "Triển khai thi hành Luật Tổ chức chính quyền địa phương năm 2025 và các văn bản hướng dẫn", "Lê Văn Bình", "Các bộ phận chuyên môn", "6 tháng đầu năm", "Hội nghị triển khai", Done, Some((4, 15)), "Tổ chức hội nghị cho 45 cán bộ, công chức", "", ""),
        (3, "Niêm yết, công khai TTHC tại Trung tâm phục vụ hành chính công xã và trên Trang thông tin điện tử", "Ma Thị Thu", "Văn phòng HĐND và UBND", "Thường xuyên", "Danh mục TTHC được niêm yết", InProgress, None, "Đã niêm yết 108 TTHC", "", ""),
        (3, "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã", "Lê Văn Bình", "Trung tâm phục vụ hành chính công xã", "Quý III/{Y}", "Báo cáo rà soát 12 TTHC", Done, Some((9, 25)), "Rà soát 12 TTHC, kiến nghị đơn giản hóa 2 TTHC", "", ""),
        (3, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Ma Thị Thu", "Trung tâm phục vụ hành chính công xã", "Quý III/{Y}", "Hồ sơ được số hóa trên hệ thống", Done, Some((9, 28)), "Số hóa 100% hồ sơ tiếp nhận từ Quý II", "", ""),
        (4, "Rà soát chức năng, nhiệm vụ các phòng chuyên môn sau sắp xếp đơn vị hành chính", "Hoàng Thị Mai", "Văn phòng HĐND và UBND", "Quý I/{Y}", "Quyết định quy định chức năng, nhiệm vụ", Done, Some((3, 25)), "Ban hành quyết định cho 3 phòng chuyên môn", "", ""),
        (4, "Sửa đổi, bổ sung Quy chế làm việc của UBND xã", "Nguyễn Thị Lan Anh", "", "Tháng 3/{Y}", "Quy chế làm việc", Done, Some((3, 30)), "Ban hành Quyết định số 45/QĐ-UBND", "", ""),
        (5, "Cử công chức tham gia bồi dưỡng kỹ năng, nghiệp vụ về CCHC và chuyển đổi số", "Hoàng Thị Mai", "Văn phòng HĐND và UBND", "Quý II/{Y}", "Danh sách công chức được cử đi học", Done, Some((6, 12)), "Cử 6 lượt công chức tham gia", "", ""),
        (5, "Đánh giá, xếp loại chất lượng cán bộ, công chức năm {Y}", "Trần Văn Hùng", "Văn phòng HĐND và UBND", "{SOON}", "Quyết định đánh giá, xếp loại", InProgress, None, "", "", ""),
        (6, "Xây dựng Quy chế chi tiêu nội bộ năm {Y}", "Vũ Đức Thắng", "", "Trước 31/01/{Y}", "Quy chế chi tiêu nội bộ", Done, Some((1, 20)), "Ban hành kèm Quyết định số 12/QĐ-UBND", "", ""),
        (6, "Công khai dự toán ngân sách xã năm {Y}", "Vũ Đức Thắng", "", "Quý I/{Y}", "Thông báo công khai dự toán", Done, Some((2, 28)), "Niêm yết tại trụ sở và trên Trang thông tin điện tử", "", ""),
        (7, "Duy trì hoạt động của 15 Tổ công nghệ số cộng đồng tại 15 thôn", "Đỗ Minh Tuấn", "Đoàn Thanh niên xã", "Quý III/{Y}", "Báo cáo hoạt động Tổ công nghệ số", Done, Some((9, 30)), "15/15 tổ hoạt động, hướng dẫn 1.250 lượt người dân", "", ""),
        (7, "Cập nhật tin bài, văn bản trên Trang thông tin điện tử của xã", "Phạm Thị Hoa", "Các bộ phận chuyên môn", "Hằng tháng", "Tin bài, văn bản được đăng tải", InProgress, None, "", "", ""),
        (7, "Sử dụng chữ ký số trong gửi, nhận văn bản điện tử", "Nguyễn Thị Lan Anh", "Các bộ phận chuyên môn", "Quý II/{Y}", "100% văn bản đi được ký số", Done, Some((6, 30)), "100% văn bản đi được ký số", "", ""),
        (8, "Khảo sát mức độ hài lòng của người dân đối với dịch vụ hành chính công", "Ma Thị Thu", "Trung tâm phục vụ hành chính công xã", "Quý III/{Y}", "Báo cáo kết quả khảo sát", NotStarted, None, "", "Chưa nhận được mẫu phiếu khảo sát thống nhất của tỉnh", "Dùng mẫu phiếu năm trước, hoàn thành trước 15/12"),
    ]
};

/// The commune's website went live in March: its monthly updates are followed from then on,
/// January and February not tracked (a recurring task entered after some of its periods).
const FOLLOWED_FROM_MARCH: &str = "Cập nhật tin bài";

/// The deadline "{SOON}" stands for: five days from today when the demo is of the current
/// year (so Tổng quan has a task due this week), else the end of the year.
fn soon_deadline(year: i32, today: NaiveDate) -> String {
    match today.checked_add_days(Days::new(5)) {
        Some(d) if today.year() == year => d.format("%d/%m/%Y").to_string(),
        _ => format!("Tháng 12/{year}"),
    }
}

fn load_plan(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
    officer_ids: &HashMap<&str, i64>,
) -> Result<()> {
    let y = year.to_string();
    for (
        area,
        content,
        lead,
        coordinators,
        deadline,
        product,
        status,
        done,
        result,
        reason,
        solution,
    ) in PLAN
    {
        let fill = |s: &str| s.replace("{Y}", &y);
        let completed_on = done
            .and_then(|(m, d)| NaiveDate::from_ymd_opt(year, m, d))
            .filter(|d| *d <= today);
        // Early in the year the demo shows what is done so far; the rest is still in progress.
        let status = match (status.is_finished(), completed_on) {
            (true, None) => TaskStatus::InProgress,
            _ => status,
        };
        let deadline = if deadline == "{SOON}" {
            soon_deadline(year, today)
        } else {
            fill(deadline)
        };
        let input = TaskInput {
            number: String::new(),
            content: fill(content),
            area_id: area,
            lead_officer_id: officer_ids.get(lead).copied(),
            coordinators: coordinators.into(),
            deadline,
            product: fill(product),
            status,
            completed_on,
            result: fill(result),
            reason: reason.into(),
            solution: solution.into(),
            start: content.starts_with(FOLLOWED_FROM_MARCH).then_some(Start {
                from_seq: 3,
                earlier: Earlier::NotTracked,
            }),
        };
        let task = tasks::save_in(conn, actor, year, None, &input, today)?;
        // Recurring tasks: every period followed and already past was done two days before
        // its deadline.
        for o in task
            .occurrences
            .iter()
            .filter(|o| o.tracked && o.due < today)
        {
            let done_on = o.due.checked_sub_days(Days::new(2)).unwrap_or(o.due);
            conn.execute(
                "UPDATE task_occurrence SET completed_on = ?1 WHERE task_id = ?2 AND seq = ?3",
                params![done_on, task.id, o.seq],
            )?;
        }
    }
    conn.execute(
        "UPDATE plan SET doc_number = '05/KH-UBND', issued_on = ?1 WHERE year = ?2",
        params![NaiveDate::from_ymd_opt(year, 1, 10), year],
    )?;
    Ok(())
}

/// One demo session: (month, day), kind, form, village, place, content, laws, audience,
/// attendees, presenter (an officer's name or free text), materials, plan task number.
type DemoSession = (
    (u32, u32),
    SessionKind,
    SessionForm,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    i64,
    &'static str,
    &'static [(&'static str, i64)],
    Option<&'static str>,
);

/// 15 sessions with 688 attendees over the year ("15 buổi tuyên truyền với 688 người").
const SESSIONS: [DemoSession; 15] = {
    use SessionForm::*;
    use SessionKind::*;
    [
        ((2, 12), Pbgdpl, Conference, "", "Hội trường UBND xã", "Hội nghị triển khai Luật Tổ chức chính quyền địa phương năm 2025", &["Luật Tổ chức chính quyền địa phương 2025"], "Cán bộ, công chức xã, trưởng thôn", 65, "Lê Văn Bình", &[("Tài liệu hội nghị", 65)], Some("6")),
        ((3, 5), Pbgdpl, VillageMeeting, "Thôn Nà Pài", "Nhà văn hóa thôn Nà Pài", "Phổ biến Luật Hộ tịch: đăng ký khai sinh, kết hôn, khai tử", &["Luật Hộ tịch"], "Nhân dân thôn Nà Pài", 48, "Lê Văn Bình", &[("Tờ gấp", 50)], None),
        ((3, 20), Cchc, VillageMeeting, "Thôn Khuổi Cuồng", "Nhà văn hóa thôn Khuổi Cuồng", "Hướng dẫn nộp hồ sơ thủ tục hành chính trực tuyến trên Cổng Dịch vụ công quốc gia", &["Nghị định 118/2025/NĐ-CP về thực hiện TTHC theo cơ chế một cửa"], "Nhân dân thôn Khuổi Cuồng", 52, "Ma Thị Thu", &[("Tờ gấp", 60)], Some("2")),
        ((4, 10), Pbgdpl, Loudspeaker, "", "Hệ thống loa truyền thanh xã", "Tuyên truyền Luật Đất đai năm 2024", &["Luật Đất đai 2024"], "Nhân dân toàn xã", 0, "Phạm Thị Hoa", &[], None),
        ((4, 25), Pbgdpl, Conference, "", "Hội trường UBND xã", "Phổ biến pháp luật về phòng, chống ma túy cho đoàn viên thanh niên", &["Luật Phòng, chống ma túy"], "Đoàn viên thanh niên", 80, "Công an xã", &[("Sổ tay pháp luật", 80)], None),
        ((5, 15), Cchc, Website, "", "Trang thông tin điện tử xã", "Hướng dẫn sử dụng dịch vụ công trực tuyến toàn trình", &[], "Người dân, doanh nghiệp", 0, "Phạm Thị Hoa", &[], Some("2")),
        ((6, 6), Pbgdpl, VillageMeeting, "Thôn Phặc Tràng", "Nhà văn hóa thôn Phặc Tràng", "Phổ biến Luật Hòa giải ở cơ sở gắn với xây dựng nông thôn mới", &["Luật Hòa giải ở cơ sở", "Bộ tiêu chí quốc gia về xã nông thôn mới"], "Nhân dân thôn Phặc Tràng", 56, "Lê Văn Bình", &[("Tờ gấp", 60)], None),
        ((6, 28), Pbgdpl, LawQuiz, "", "Hội trường UBND xã", "Cuộc thi tìm hiểu Hiến pháp và pháp luật", &["Hiến pháp năm 2013"], "Học sinh, đoàn viên thanh niên", 120, "Hoàng Thị Mai", &[("Bộ câu hỏi, đáp án", 120)], None),
        ((7, 16), Cchc, Conference, "", "Hội trường UBND xã", "Hội nghị tuyên truyền CCHC và chuyển đổi số cho Tổ công nghệ số cộng đồng", &["Nghị quyết số 57-NQ/TW về chuyển đổi số quốc gia"], "Thành viên 15 Tổ công nghệ số cộng đồng", 75, "Đỗ Minh Tuấn", &[("Tài liệu hướng dẫn", 75)], Some("2")),
        ((8, 8), Pbgdpl, VillageMeeting, "Thôn Nà Pài", "Nhà văn hóa thôn Nà Pài", "Phổ biến Luật Phòng, chống bạo lực gia đình", &["Luật Phòng, chống bạo lực gia đình 2022"], "Hội viên Hội Liên hiệp Phụ nữ", 45, "Phạm Thị Hoa", &[("Tờ gấp", 45)], None),
        ((8, 22), Pbgdpl, Loudspeaker, "", "Hệ thống loa truyền thanh xã", "Tuyên truyền Luật Trật tự, an toàn giao thông đường bộ", &["Luật Trật tự, an toàn giao thông đường bộ 2024"], "Nhân dân toàn xã", 0, "Phạm Thị Hoa", &[], None),
        ((9, 12), Cchc, VillageMeeting, "Thôn Khuổi Cuồng", "Nhà văn hóa thôn Khuổi Cuồng", "Tuyên truyền thanh toán trực tuyến phí, lệ phí thủ tục hành chính", &[], "Nhân dân thôn Khuổi Cuồng", 40, "Ma Thị Thu", &[], Some("2")),
        ((10, 3), Pbgdpl, Conference, "", "Hội trường UBND xã", "Phổ biến Luật Đất đai năm 2024 về cấp Giấy chứng nhận quyền sử dụng đất", &["Luật Đất đai 2024"], "Đại diện hộ gia đình các thôn", 60, "Đỗ Minh Tuấn", &[("Tờ gấp", 60)], None),
        ((10, 24), Pbgdpl, Leaflets, "", "Các thôn", "Phát tài liệu pháp luật về bảo hiểm xã hội tự nguyện", &["Luật Bảo hiểm xã hội 2024"], "Nhân dân các thôn", 0, "Vũ Đức Thắng", &[("Tờ gấp", 200)], None),
        ((11, 7), Cchc, VillageMeeting, "Thôn Nà Pài", "Nhà văn hóa thôn Nà Pài", "Tuyên truyền về khảo sát mức độ hài lòng của người dân đối với dịch vụ hành chính công", &[], "Nhân dân thôn Nà Pài", 47, "Ma Thị Thu", &[], Some("2")),
    ]
};

fn load_sessions(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
    officer_ids: &HashMap<&str, i64>,
) -> Result<()> {
    for (
        (m, d),
        kind,
        form,
        village,
        place,
        content,
        laws,
        audience,
        attendees,
        presenter,
        materials,
        task,
    ) in SESSIONS
    {
        let Some(held_on) = NaiveDate::from_ymd_opt(year, m, d).filter(|d| *d <= today) else {
            continue;
        };
        let task_id = match task {
            Some(number) => conn
                .query_row(
                    "SELECT id FROM task WHERE year = ?1 AND number = ?2",
                    params![year, number],
                    |r| r.get(0),
                )
                .ok(),
            None => None,
        };
        let input = SessionInput {
            kind,
            held_on,
            place: place.into(),
            village: village.into(),
            form,
            form_other: String::new(),
            content: content.into(),
            laws: laws.iter().map(|l| l.to_string()).collect(),
            audience: audience.into(),
            attendees,
            presenter_officer_id: officer_ids.get(presenter).copied(),
            presenter: presenter.into(),
            materials: materials
                .iter()
                .map(|(k, n)| Material {
                    kind: k.to_string(),
                    count: *n,
                })
                .collect(),
            task_id,
            notes: String::new(),
        };
        sessions::save_in(conn, actor, None, &input, today)?;
    }
    conn.execute(
        "INSERT INTO pbgdpl_counter (year, law_clubs, club_members, bookshelves, updated_at)
         VALUES (?1, 2, 46, 15, ?2)",
        params![year, crate::clock::now_text()],
    )?;
    Ok(())
}

/// Monthly one-stop records: received (online, BCCI), resolved early, resolved late, returned.
/// January to October add up to "1.296 hồ sơ, đúng hạn 1.295, đạt 99,9%".
const TTHC_MONTHS: [(i64, i64, i64, i64, i64, i64); 12] = [
    (98, 40, 6, 30, 0, 1),
    (112, 48, 7, 35, 0, 0),
    (135, 58, 9, 43, 0, 2),
    (128, 56, 8, 41, 0, 0),
    (141, 63, 9, 45, 0, 1),
    (126, 57, 8, 40, 0, 0),
    (133, 61, 9, 42, 1, 0),
    (139, 64, 10, 44, 0, 1),
    (142, 68, 10, 46, 0, 0),
    (142, 68, 10, 46, 0, 1),
    (140, 70, 10, 47, 0, 0),
    (150, 75, 11, 50, 0, 1),
];

/// Records still in progress at each month's end, and how many of them are overdue; each
/// month's are carried over into the next. The year starts with as many carried over from
/// December as are left at October's end, so January to October still resolve 1.296.
const TTHC_PENDING: [(i64, i64); 12] = [
    (3, 0),
    (4, 1),
    (2, 0),
    (5, 1),
    (3, 0),
    (2, 0),
    (4, 1),
    (3, 0),
    (2, 0),
    (3, 1),
    (4, 0),
    (3, 0),
];

fn load_onestop(conn: &Connection, actor: &Actor, year: i32, today: NaiveDate) -> Result<()> {
    use crate::onestop::batches::{self, BatchInput, CountRow};
    use crate::onestop::yearly::{self, Catalogue, Indicators};
    use crate::onestop::Counts;
    yearly::save_catalogue_in(
        conn,
        actor,
        year,
        &Catalogue {
            at_one_stop: 108,
            not_at_one_stop: 1,
            interlinked_same_level: 1,
            interlinked_between_levels: 7,
            online_partial: 20,
            online_full: 18,
            bcci: 53,
            reviewed: 12,
        },
    )?;
    yearly::save_indicators_in(
        conn,
        actor,
        year,
        &Indicators {
            digital_teams: 15,
            digital_team_members: 75,
            survey_respondents: 200,
            survey_satisfied: 188,
            iso_status: "Đã công bố hệ thống quản lý chất lượng theo TCVN ISO 9001:2015".into(),
        },
    )?;
    let mut carried = TTHC_PENDING[9].0;
    for (i, (received, online, bcci, early, late, returned)) in TTHC_MONTHS.into_iter().enumerate()
    {
        let month = i as u32 + 1;
        let (pending, overdue) = TTHC_PENDING[i];
        let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, month, 1),
            crate::plan::deadline::last_day_of_month(year, month),
        ) else {
            continue;
        };
        if to >= today {
            break;
        }
        let resolved = carried + received - pending;
        let counts = Counts {
            received_direct: received - online - bcci,
            received_online: online,
            received_bcci: bcci,
            carried_over: carried,
            resolved_early: early,
            resolved_on_time: resolved - early - late,
            resolved_late: late,
            in_progress: pending,
            in_progress_overdue: overdue,
            returned,
        };
        carried = pending;
        let input = BatchInput {
            from,
            to,
            rows: vec![CountRow {
                procedure_code: String::new(),
                procedure_name: String::new(),
                field: String::new(),
                counts,
            }],
        };
        batches::save_in(conn, actor, input, None, "demo")?;
    }
    Ok(())
}

/// The officer's assessment of the annual report's periods already over on `today`.
fn load_assessments(conn: &Connection, actor: &Actor, year: i32, today: NaiveDate) -> Result<()> {
    use crate::report::{settings, Assessment};
    let texts = |period: &str| {
        Assessment {
        strengths: format!(
            "Công tác cải cách hành chính {period} được Đảng ủy, Ủy ban nhân dân xã quan tâm chỉ đạo; kế hoạch được ban hành kịp thời, phân công rõ người, rõ việc.\n\
             Bộ phận Một cửa giải quyết hồ sơ đúng hạn đạt tỷ lệ cao; Tổ công nghệ số cộng đồng hoạt động ở cả 15 thôn."
        ),
        limits: "Tỷ lệ hồ sơ nộp trực tuyến chưa đạt chỉ tiêu 60%.\n\
            Một số nhiệm vụ của kế hoạch còn chậm so với thời hạn."
            .into(),
        causes: "Người dân, nhất là người cao tuổi ở các thôn xa, chưa quen nộp hồ sơ trực tuyến; hạ tầng mạng ở một số thôn chưa ổn định.\n\
            Công chức kiêm nhiệm nhiều việc sau sắp xếp đơn vị hành chính."
            .into(),
        next_tasks: "Đẩy mạnh hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận Một cửa và qua Tổ công nghệ số cộng đồng.\n\
            Hoàn thành các nhiệm vụ còn chậm của kế hoạch trước ngày 15/12."
            .into(),
        recommendations: "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức cấp xã sau sắp xếp."
            .into(),
    }
    };
    for code in ["6m", "9m"] {
        let p = crate::report::report_period(year, code)?;
        if p.to < today {
            settings::save_assessment_in(
                conn,
                actor,
                year,
                code,
                &texts(&crate::report::lower_first(&p.name)),
            )?;
        }
    }
    Ok(())
}

/// Fills an empty data folder with the demo commune for `year` (and the year before it), as
/// it stands on `today`. A year after today's cannot have work done yet, so it is refused.
pub fn load(
    conn: &mut Connection,
    evidence_dir: &Path,
    year: i32,
    today: NaiveDate,
) -> Result<Commune> {
    let year = commune::check_year(year)?;
    if year > today.year() {
        return Err(Error::invalid(format!(
            "Dữ liệu mẫu chỉ tạo được cho năm nay hoặc các năm trước (không phải năm {year})."
        )));
    }
    let tx = conn.transaction()?;
    let actor = Actor {
        account_id: None,
        name: "Dữ liệu mẫu".into(),
        role: Role::Admin,
        client: String::new(),
    };
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: "Sở Nội vụ tỉnh Thái Nguyên".into(),
        current_year: year,
    };
    commune::insert(&tx, &actor, &input, true)?;
    if year > commune::MIN_YEAR {
        tx.execute("INSERT INTO work_year (year) VALUES (?1)", [year - 1])?;
    }
    for (i, demo) in ACCOUNTS.iter().enumerate() {
        let (position, department) = ACCOUNT_POSTS[i];
        let new = NewAccount {
            full_name: demo.full_name.into(),
            position: position.into(),
            department: department.into(),
            username: demo.username.into(),
            password: demo.password.into(),
            role: demo.role,
        };
        people::insert_account_audited(&tx, &actor, &new)?;
    }
    for (name, position, department) in OFFICERS {
        tx.execute(
            "INSERT INTO officer (full_name, position, department) VALUES (?1, ?2, ?3)",
            params![name, position, department],
        )?;
    }
    let officer_ids: HashMap<&str, i64> = ACCOUNTS
        .iter()
        .map(|a| a.full_name)
        .chain(OFFICERS.iter().map(|o| o.0))
        .map(|name| {
            tx.query_row("SELECT id FROM officer WHERE full_name = ?1", [name], |r| {
                r.get(0)
            })
            .map(|id| (name, id))
        })
        .collect::<rusqlite::Result<_>>()?;
    load_plan(&tx, &actor, year, today, &officer_ids)?;
    load_sessions(&tx, &actor, year, today, &officer_ids)?;
    load_onestop(&tx, &actor, year, today)?;
    scoring::load(&tx, &actor, year)?;
    evidence::load(&tx, evidence_dir, &actor, year, today)?;
    appraised::load(&tx, evidence_dir, &actor, year, today)?;
    load_assessments(&tx, &actor, year, today)?;
    let commune = commune::require(&tx)?;
    backups::load(&tx, &commune.display_name, today)?;
    tx.commit()?;
    Ok(commune)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db, setup};

    /// An evidence folder for one test (left in the system's temp folder).
    fn tmp() -> std::path::PathBuf {
        tempfile::tempdir().unwrap().keep()
    }

    fn late_2026() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn demo_plan_has_the_real_figures() {
        let mut conn = db::open_in_memory().unwrap();
        load(&mut conn, &tmp(), 2026, late_2026()).unwrap();
        let f = tasks::figures(&conn, 2026, late_2026()).unwrap();
        assert_eq!((f.total, f.done, f.overdue), (20, 16, 2));
        let soon = tasks::due_soon(&conn, 2026, late_2026(), 7).unwrap();
        assert_eq!(soon.len(), 1);
        assert_eq!(soon[0].deadline_text, "27/11/2026");
        let plan = crate::plan::reference::get(&conn, 2026).unwrap();
        assert_eq!(
            plan.citation().unwrap(),
            "Kế hoạch số 05/KH-UBND ngày 10/01/2026"
        );
    }

    #[test]
    fn demo_early_in_the_year_shows_only_work_done_so_far() {
        let mut conn = db::open_in_memory().unwrap();
        let march = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        load(&mut conn, &tmp(), 2026, march).unwrap();
        let all = tasks::list(&conn, 2026, march).unwrap();
        assert!(all
            .iter()
            .all(|t| t.completed_on.is_none_or(|d| d <= march)));
        let f = tasks::figures(&conn, 2026, march).unwrap();
        assert!(f.done < 16 && f.done > 0, "{f:?}");
    }

    #[test]
    fn demo_refuses_a_future_year() {
        let mut conn = db::open_in_memory().unwrap();
        assert_eq!(
            load(&mut conn, &tmp(), 2027, late_2026())
                .unwrap_err()
                .kind(),
            "invalid"
        );
        assert!(commune::get(&conn).unwrap().is_none());
    }

    #[test]
    fn demo_accounts_log_in_with_their_roles() {
        let mut conn = db::open_in_memory().unwrap();
        let c = load(&mut conn, &tmp(), 2026, late_2026()).unwrap();
        assert!(c.is_demo);
        assert_eq!(commune::years(&conn).unwrap(), vec![2026, 2025]);
        for demo in ACCOUNTS {
            let acc = people::login(&conn, demo.username, demo.password).unwrap();
            assert_eq!(acc.role, demo.role);
            assert_eq!(acc.role_label, demo.role_label);
            assert_eq!(acc.full_name, demo.full_name);
        }
        assert_eq!(setup::status(&conn).unwrap().demo_accounts.len(), 3);
    }

    #[test]
    fn demo_refuses_a_used_data_folder() {
        let mut conn = db::open_in_memory().unwrap();
        load(&mut conn, &tmp(), 2026, late_2026()).unwrap();
        let before = people::count_accounts(&conn).unwrap();
        assert_eq!(
            load(&mut conn, &tmp(), 2026, late_2026())
                .unwrap_err()
                .kind(),
            "conflict"
        );
        assert_eq!(people::count_accounts(&conn).unwrap(), before);
    }
}
