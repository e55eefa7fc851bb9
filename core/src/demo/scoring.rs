//! The demo commune's PAR index: a criteria set of eight fields and 100 points, this year's
//! self-scores in every state of the workflow, and last year's appraised sheet to compare with.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::people::Actor;
use crate::scoring::criteria::{self, Kind, Level, NodeInput, SetInput};
use crate::scoring::Points;

/// (code, title, max, levels, children). Levels are "label: points".
type Spec = (
    &'static str,
    &'static str,
    i64,
    &'static [(&'static str, i64)],
    &'static [Spec2],
);
type Spec2 = (
    &'static str,
    &'static str,
    i64,
    &'static [(&'static str, i64)],
    &'static [Spec3],
);
type Spec3 = (
    &'static str,
    &'static str,
    i64,
    &'static [(&'static str, i64)],
);

const FULL_OR_NOT: &[(&str, i64)] = &[
    ("Thực hiện đầy đủ, đúng thời hạn", 100),
    ("Thực hiện chậm hoặc chưa đầy đủ", 50),
    ("Không thực hiện", 0),
];

/// Maxima in hundredths. Eight fields adding up to 100 points.
const SET: &[Spec] = &[
    (
        "I",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        1400,
        &[],
        &[
            (
                "1",
                "Kế hoạch cải cách hành chính năm",
                300,
                &[],
                &[
                    (
                        "1.1",
                        "Ban hành kế hoạch CCHC năm đúng thời hạn",
                        100,
                        &[
                            ("Ban hành đúng thời hạn", 100),
                            ("Ban hành chậm", 50),
                            ("Không ban hành", 0),
                        ],
                    ),
                    (
                        "1.2",
                        "Mức độ hoàn thành kế hoạch CCHC",
                        200,
                        &[
                            ("Hoàn thành 100% kế hoạch", 200),
                            ("Từ 80% đến dưới 100%", 100),
                            ("Dưới 80%", 0),
                        ],
                    ),
                ],
            ),
            (
                "2",
                "Thực hiện chế độ báo cáo CCHC định kỳ",
                200,
                &[
                    ("Đầy đủ, đúng thời hạn", 200),
                    ("Chậm hoặc thiếu 01 báo cáo", 100),
                    ("Chậm hoặc thiếu từ 02 báo cáo", 0),
                ],
                &[],
            ),
            (
                "3",
                "Kiểm tra công tác cải cách hành chính",
                300,
                &[],
                &[
                    ("3.1", "Ban hành kế hoạch tự kiểm tra", 100, FULL_OR_NOT),
                    ("3.2", "Tỷ lệ hoàn thành kế hoạch kiểm tra", 100, &[]),
                    ("3.3", "Xử lý các vấn đề phát hiện qua kiểm tra", 100, &[]),
                ],
            ),
            (
                "4",
                "Công tác tuyên truyền cải cách hành chính",
                300,
                &[],
                &[
                    (
                        "4.1",
                        "Ban hành kế hoạch tuyên truyền CCHC",
                        100,
                        FULL_OR_NOT,
                    ),
                    ("4.2", "Mức độ thực hiện kế hoạch tuyên truyền", 200, &[]),
                ],
            ),
            (
                "5",
                "Sáng kiến, giải pháp mới trong cải cách hành chính",
                300,
                &[
                    ("Có sáng kiến được công nhận", 300),
                    ("Có giải pháp được áp dụng", 150),
                    ("Không có", 0),
                ],
                &[],
            ),
        ],
    ),
    (
        "II",
        "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
        1000,
        &[],
        &[
            ("1", "Rà soát, hệ thống hóa văn bản QPPL", 400, &[], &[]),
            ("2", "Kiểm tra, xử lý văn bản QPPL", 300, &[], &[]),
            ("3", "Theo dõi tình hình thi hành pháp luật", 300, &[], &[]),
        ],
    ),
    (
        "III",
        "Cải cách thủ tục hành chính",
        2000,
        &[],
        &[
            (
                "1",
                "Công khai thủ tục hành chính",
                400,
                &[],
                &[
                    ("1.1", "Công khai đầy đủ TTHC tại bộ phận một cửa", 200, &[]),
                    (
                        "1.2",
                        "Công khai TTHC trên trang thông tin điện tử",
                        200,
                        &[],
                    ),
                ],
            ),
            (
                "2",
                "Rà soát, đơn giản hóa thủ tục hành chính",
                300,
                &[],
                &[],
            ),
            (
                "3",
                "Tỷ lệ hồ sơ giải quyết đúng hạn",
                600,
                &[
                    ("Đạt 100%", 600),
                    ("Từ 95% đến dưới 100%", 400),
                    ("Dưới 95%", 0),
                ],
                &[],
            ),
            (
                "4",
                "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
                400,
                &[
                    ("Từ 60% trở lên", 400),
                    ("Từ 40% đến dưới 60%", 200),
                    ("Dưới 40%", 0),
                ],
                &[],
            ),
            ("5", "Tiếp nhận, xử lý phản ánh, kiến nghị", 300, &[], &[]),
        ],
    ),
    (
        "IV",
        "Cải cách tổ chức bộ máy hành chính",
        800,
        &[],
        &[
            ("1", "Thực hiện quy định về tổ chức bộ máy", 400, &[], &[]),
            ("2", "Thực hiện quy chế làm việc của UBND xã", 400, &[], &[]),
        ],
    ),
    (
        "V",
        "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức",
        1200,
        &[],
        &[
            ("1", "Bố trí công chức theo vị trí việc làm", 400, &[], &[]),
            ("2", "Đào tạo, bồi dưỡng cán bộ, công chức", 400, &[], &[]),
            ("3", "Đánh giá, xếp loại cán bộ, công chức", 400, &[], &[]),
        ],
    ),
    (
        "VI",
        "Cải cách tài chính công",
        800,
        &[],
        &[
            (
                "1",
                "Xây dựng và thực hiện quy chế chi tiêu nội bộ",
                300,
                &[],
                &[],
            ),
            (
                "2",
                "Công khai dự toán, quyết toán ngân sách",
                300,
                &[],
                &[],
            ),
            ("3", "Quản lý, sử dụng tài sản công", 200, &[], &[]),
        ],
    ),
    (
        "VII",
        "Xây dựng chính quyền điện tử, chính quyền số",
        1400,
        &[],
        &[
            (
                "1",
                "Sử dụng phần mềm quản lý văn bản và chữ ký số",
                400,
                &[],
                &[],
            ),
            ("2", "Trang thông tin điện tử của xã", 300, &[], &[]),
            (
                "3",
                "Hoạt động của Tổ công nghệ số cộng đồng",
                300,
                &[],
                &[],
            ),
            ("4", "Số hóa hồ sơ, kết quả giải quyết TTHC", 400, &[], &[]),
        ],
    ),
    (
        "VIII",
        "Tác động của cải cách hành chính",
        1400,
        &[],
        &[
            (
                "1",
                "Mức độ hài lòng về giải quyết thủ tục hành chính",
                800,
                &[
                    ("Từ 90% trở lên", 800),
                    ("Từ 80% đến dưới 90%", 600),
                    ("Dưới 80%", 300),
                ],
                &[],
            ),
            (
                "2",
                "Mức độ hài lòng về chỉ đạo, điều hành của UBND xã",
                600,
                &[],
                &[],
            ),
        ],
    ),
];

fn levels(l: &[(&str, i64)]) -> Vec<Level> {
    l.iter()
        .map(|(label, p)| Level {
            label: label.to_string(),
            points: Points(*p),
        })
        .collect()
}

fn input() -> SetInput {
    let node = |code: &str, title: &str, max: i64, l: &[(&str, i64)], children: Vec<NodeInput>| {
        NodeInput {
            code: code.into(),
            title: title.into(),
            max_points: Points(max),
            kind: Kind::Normal,
            evidence_required: String::new(),
            levels: levels(l),
            children,
        }
    };
    SetInput {
        title: "Bộ tiêu chí xác định Chỉ số cải cách hành chính của UBND cấp xã".into(),
        decision: "Quyết định số 1234/QĐ-UBND của UBND tỉnh Thái Nguyên".into(),
        nodes: SET
            .iter()
            .map(|(c, t, m, l, kids)| {
                node(
                    c,
                    t,
                    *m,
                    l,
                    kids.iter()
                        .map(|(c, t, m, l, kids)| {
                            node(
                                c,
                                t,
                                *m,
                                l,
                                kids.iter()
                                    .map(|(c, t, m, l)| node(c, t, *m, l, vec![]))
                                    .collect(),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
    }
}

/// This year's self-scores: (full code, points in hundredths, state, assignee, explanation).
/// Left out: leaves not scored yet.
const SCORES: &[(&str, i64, &str, &str, &str)] = &[
    (
        "I.1.1",
        100,
        "approved",
        "Nguyễn Thị Lan Anh",
        "Kế hoạch số 05/KH-UBND ban hành ngày 10/01, trước thời hạn 15/01.",
    ),
    (
        "I.1.2",
        100,
        "approved",
        "Nguyễn Thị Lan Anh",
        "Hoàn thành 16/20 nhiệm vụ (80%).",
    ),
    (
        "I.2",
        200,
        "approved",
        "Nguyễn Thị Lan Anh",
        "Gửi đủ báo cáo quý I, II, III đúng hạn.",
    ),
    (
        "I.3.1",
        100,
        "approved",
        "Hoàng Thị Mai",
        "Kế hoạch tự kiểm tra số 15/KH-UBND.",
    ),
    (
        "I.3.2",
        50,
        "returned",
        "Hoàng Thị Mai",
        "Kiểm tra 4/4 bộ phận nhưng chậm so với kế hoạch.",
    ),
    (
        "I.4.1",
        100,
        "submitted",
        "Nguyễn Thị Lan Anh",
        "Kế hoạch tuyên truyền số 09/KH-UBND ngày 28/01.",
    ),
    (
        "I.4.2",
        200,
        "submitted",
        "Nguyễn Thị Lan Anh",
        "15 buổi, 688 lượt người tham dự.",
    ),
    (
        "II.1",
        400,
        "approved",
        "Lê Văn Bình",
        "Rà soát 14 văn bản, đề nghị bãi bỏ 2 văn bản.",
    ),
    (
        "II.2",
        300,
        "approved",
        "Lê Văn Bình",
        "Không có văn bản trái pháp luật.",
    ),
    (
        "II.3",
        200,
        "draft",
        "Lê Văn Bình",
        "Đã theo dõi thi hành pháp luật về đất đai, hộ tịch; báo cáo còn chậm.",
    ),
    (
        "III.1.1",
        200,
        "approved",
        "Ma Thị Thu",
        "Niêm yết 108 TTHC tại Trung tâm phục vụ hành chính công.",
    ),
    (
        "III.1.2",
        200,
        "approved",
        "Ma Thị Thu",
        "Công khai trên Trang thông tin điện tử xã.",
    ),
    ("III.2", 300, "approved", "Lê Văn Bình", "Rà soát 12 TTHC."),
    (
        "III.3",
        400,
        "submitted",
        "Ma Thị Thu",
        "1.295/1.296 hồ sơ đúng hạn (99,9%).",
    ),
    (
        "III.4",
        200,
        "submitted",
        "Ma Thị Thu",
        "45% hồ sơ tiếp nhận trực tuyến.",
    ),
    (
        "IV.1",
        400,
        "approved",
        "Hoàng Thị Mai",
        "Ban hành quyết định chức năng, nhiệm vụ 3 phòng chuyên môn.",
    ),
    (
        "IV.2",
        400,
        "approved",
        "Nguyễn Thị Lan Anh",
        "Quyết định số 45/QĐ-UBND sửa đổi quy chế làm việc.",
    ),
    (
        "V.1",
        400,
        "approved",
        "Hoàng Thị Mai",
        "Bố trí đúng vị trí việc làm.",
    ),
    (
        "V.2",
        400,
        "approved",
        "Hoàng Thị Mai",
        "Cử 6 lượt công chức đi bồi dưỡng.",
    ),
    (
        "VI.1",
        300,
        "approved",
        "Vũ Đức Thắng",
        "Quy chế chi tiêu nội bộ ban hành kèm Quyết định số 12/QĐ-UBND.",
    ),
    (
        "VI.2",
        300,
        "approved",
        "Vũ Đức Thắng",
        "Công khai dự toán tại trụ sở và trên Trang thông tin điện tử.",
    ),
    (
        "VI.3",
        200,
        "draft",
        "Vũ Đức Thắng",
        "Đã kiểm kê tài sản công.",
    ),
    (
        "VII.1",
        400,
        "approved",
        "Nguyễn Thị Lan Anh",
        "100% văn bản đi được ký số.",
    ),
    (
        "VII.2",
        250,
        "submitted",
        "Phạm Thị Hoa",
        "Cập nhật tin bài hằng tháng; một số tháng chậm.",
    ),
    (
        "VII.3",
        300,
        "approved",
        "Đỗ Minh Tuấn",
        "15/15 tổ công nghệ số hoạt động.",
    ),
    (
        "VII.4",
        400,
        "approved",
        "Ma Thị Thu",
        "Số hóa 100% hồ sơ từ quý II.",
    ),
];

fn officer(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM officer WHERE full_name = ?1", [name], |r| {
            r.get(0)
        })
        .ok())
}

fn event(
    conn: &Connection,
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    reason: &str,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO score_event (criterion_id, at, actor_name, action, reason, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, at, actor, action, reason, detail],
    )?;
    Ok(())
}

/// Loads last year's appraised sheet and this year's sheet in progress.
pub(super) fn load(conn: &Connection, actor: &Actor, year: i32) -> Result<()> {
    let input = input();
    // Last year: every leaf scored, approved and appraised, a little below this year.
    if crate::commune::years(conn)?.contains(&(year - 1)) {
        criteria::replace_set_in(conn, actor, year - 1, &input)?;
        conn.execute(
            "UPDATE score SET self_hundredths = (SELECT max_hundredths FROM criterion c WHERE c.id = score.criterion_id) * 9 / 10,
                state = 'approved',
                round1_hundredths = (SELECT max_hundredths FROM criterion c WHERE c.id = score.criterion_id) * 8 / 10
             WHERE criterion_id IN (SELECT id FROM criterion WHERE year = ?1)",
            [year - 1],
        )?;
    }
    criteria::replace_set_in(conn, actor, year, &input)?;
    let chairman = "Trần Văn Hùng";
    for (code, points, state, assignee, explanation) in SCORES {
        let id = criteria::id_by_code(conn, year, code)?;
        conn.execute(
            "UPDATE score SET assignee_officer_id = ?1, self_hundredths = ?2, explanation = ?3, state = ?4
             WHERE criterion_id = ?5",
            params![officer(conn, assignee)?, points, explanation, state, id],
        )?;
        let shown = Points(*points).display();
        event(
            conn,
            id,
            &format!("{year}-10-05 08:00:00"),
            chairman,
            "assign",
            "",
            &format!("phân công {assignee}"),
        )?;
        event(
            conn,
            id,
            &format!("{year}-10-20 09:30:00"),
            assignee,
            "score",
            "",
            &format!("tự chấm {shown} điểm"),
        )?;
        if *state != "draft" {
            event(
                conn,
                id,
                &format!("{year}-10-25 14:00:00"),
                assignee,
                "submit",
                "",
                "gửi duyệt",
            )?;
        }
        match *state {
            "approved" => event(
                conn,
                id,
                &format!("{year}-11-02 10:15:00"),
                chairman,
                "approve",
                "",
                "duyệt",
            )?,
            "returned" => event(
                conn,
                id,
                &format!("{year}-11-02 10:20:00"),
                chairman,
                "return",
                "Chưa có biên bản kiểm tra tại bộ phận Địa chính; bổ sung trước khi duyệt.",
                "trả lại",
            )?,
            _ => {}
        }
    }
    // The leaves nobody has scored yet are still assigned.
    for (prefix, assignee) in [
        ("V.3", "Trần Văn Hùng"),
        ("VIII", "Ma Thị Thu"),
        ("III.5", "Ma Thị Thu"),
        ("I.3.3", "Hoàng Thị Mai"),
        ("I.5", "Nguyễn Thị Lan Anh"),
    ] {
        let id = criteria::id_by_code(conn, year, prefix)?;
        conn.execute(
            "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id FROM criterion c JOIN sub ON c.parent_id = sub.id)
             UPDATE score SET assignee_officer_id = ?2 WHERE criterion_id IN (SELECT id FROM sub) AND self_hundredths IS NULL",
            params![id, officer(conn, assignee)?],
        )?;
    }
    // Plan tasks whose results criteria depend on.
    for (code, task_number) in [("VIII.1", "20"), ("I.4.2", "5"), ("I.1.2", "1")] {
        let criterion = criteria::id_by_code(conn, year, code)?;
        conn.execute(
            "INSERT OR IGNORE INTO criterion_task (criterion_id, task_id)
             SELECT ?1, id FROM task WHERE year = ?2 AND number = ?3",
            params![criterion, year, task_number],
        )?;
    }
    Ok(())
}
