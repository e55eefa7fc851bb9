//! The one table of column headers the imports know, as people write them: each field with the
//! names it goes by in real files. A name is compared after `header::norm` (case, diacritics,
//! slashes, commas, line breaks and "(3=4+5)" ignored), so "Lĩnh vực/Tiêu chí", "LĨNH VỰC,
//! TIÊU CHÍ" and "Lĩnh vực\ntiêu chí" are one name. A name with "›" is a header path: the
//! group over the sub-header ("Đang giải quyết › Quá hạn"), for headers spread over two or
//! three merged rows; the group may be written longer ("Hồ sơ đang giải quyết"). To read a new
//! wording, add it here.

use super::header::Field;

const fn field(key: &'static str, label: &'static str, names: &'static [&'static str]) -> Field {
    Field {
        key,
        label,
        names,
        required: false,
        not_under: &[],
    }
}

const fn required(key: &'static str, label: &'static str, names: &'static [&'static str]) -> Field {
    Field {
        key,
        label,
        names,
        required: true,
        not_under: &[],
    }
}

/// Groups under which "quá hạn", "trong hạn" … describe records still pending, never results.
const PENDING: &[&str] = &[
    "đang giải quyết",
    "chưa giải quyết",
    "đang xử lý",
    "chưa xử lý",
    "đang thụ lý",
    "tồn",
];

const fn resolved(key: &'static str, label: &'static str, names: &'static [&'static str]) -> Field {
    Field {
        key,
        label,
        names,
        required: false,
        not_under: PENDING,
    }
}

/// The hidden column of our own exports holding each record's stable key.
pub(crate) const KEY_HEADER: &str = "Mã dữ liệu (không sửa)";
const KEY: Field = field("key", "Mã dữ liệu", &[KEY_HEADER, "Mã dữ liệu"]);

const STT: &[&str] = &["STT", "TT", "Số TT", "Số thứ tự"];

pub(super) const TASKS: &[Field] = &[
    KEY,
    field("number", "STT", STT),
    required(
        "content",
        "Nội dung nhiệm vụ",
        &[
            "Nội dung",
            "Nội dung nhiệm vụ",
            "Nhiệm vụ",
            "Tên nhiệm vụ",
            "Nội dung công việc",
            "Nhiệm vụ, giải pháp",
            "Nội dung, nhiệm vụ",
        ],
    ),
    field(
        "area",
        "Lĩnh vực",
        &["Lĩnh vực", "Lĩnh vực CCHC", "Lĩnh vực cải cách"],
    ),
    field(
        "lead",
        "Chủ trì",
        &[
            "Chủ trì",
            "Cơ quan chủ trì",
            "Đơn vị chủ trì",
            "Người thực hiện",
            "Người chủ trì",
            "Cán bộ chủ trì",
            "Cơ quan, đơn vị chủ trì",
            "Bộ phận chủ trì",
            "Phân công › Chủ trì",
        ],
    ),
    field(
        "coordinators",
        "Phối hợp",
        &[
            "Phối hợp",
            "Cơ quan phối hợp",
            "Đơn vị phối hợp",
            "Cơ quan, đơn vị phối hợp",
            "Bộ phận phối hợp",
            "Phân công › Phối hợp",
        ],
    ),
    required(
        "deadline",
        "Thời hạn",
        &[
            "Thời gian hoàn thành",
            "Thời hạn",
            "Thời gian thực hiện",
            "Tiến độ",
            "Thời hạn hoàn thành",
            "Thời gian",
            "Tiến độ thực hiện",
        ],
    ),
    field(
        "product",
        "Sản phẩm",
        &[
            "Sản phẩm",
            "Sản phẩm dự kiến",
            "Kết quả đầu ra",
            "Hình thức sản phẩm",
        ],
    ),
    field(
        "status",
        "Trạng thái",
        &[
            "Trạng thái",
            "Tình trạng",
            "Kết quả thực hiện",
            "Tình hình thực hiện",
            "Mức độ hoàn thành",
        ],
    ),
    field("completed", "Ngày hoàn thành", &["Ngày hoàn thành"]),
    field("result", "Kết quả", &["Kết quả", "Ghi chú"]),
    field(
        "reason",
        "Lý do",
        &["Lý do", "Nguyên nhân", "Lý do chưa hoàn thành"],
    ),
    field(
        "solution",
        "Giải pháp",
        &["Giải pháp", "Đề xuất", "Giải pháp hoàn thành"],
    ),
    field(
        "tracked",
        "Theo dõi từ",
        &["Theo dõi từ", "Theo dõi từ kỳ", "Bắt đầu theo dõi"],
    ),
    // Written by our export, judged from the data: recognised, so never "not imported".
    field("next_due", "Hạn tiếp theo", &["Hạn tiếp theo"]),
    field("overdue", "Quá hạn", &["Quá hạn"]),
];

pub(super) const CRITERIA: &[Field] = &[
    KEY,
    field("kind", "Loại", &["Loại", "Loại tiêu chí"]),
    required(
        "code",
        "STT",
        &["STT", "TT", "Mã số", "Mã", "Số TT", "Mã tiêu chí"],
    ),
    required(
        "title",
        "Lĩnh vực, tiêu chí",
        &[
            "Nội dung",
            "Tên tiêu chí",
            "Tiêu chí",
            "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
            "Lĩnh vực, tiêu chí",
            "Nội dung tiêu chí",
            "Lĩnh vực",
            "Lĩnh vực/Tiêu chí",
            "Lĩnh vực, tiêu chí, tiêu chí thành phần",
            "Tiêu chí, tiêu chí thành phần",
            "Nội dung đánh giá",
        ],
    ),
    required(
        "max",
        "Điểm tối đa",
        &[
            "Điểm tối đa",
            "Điểm chuẩn",
            "Điểm",
            "Thang điểm",
            "Điểm tối đa › Điểm",
        ],
    ),
    field(
        "evidence",
        "Tài liệu kiểm chứng",
        &[
            "Tài liệu kiểm chứng",
            "Tài liệu kiểm chứng yêu cầu",
            "Hướng dẫn chấm",
            "Ghi chú",
        ],
    ),
    // The self-scoring sheet's own columns: not part of the set, recognised as such.
    field("self", "Điểm tự chấm", &["Điểm tự chấm", "Tự chấm"]),
    field("explanation", "Diễn giải", &["Diễn giải", "Giải trình"]),
    field("state", "Trạng thái", &["Trạng thái"]),
    field("scorer", "Người chấm", &["Người chấm"]),
    field(
        "appraised",
        "Điểm thẩm định",
        &[
            "Thẩm định lần 1",
            "Thẩm định lần 2",
            "Điểm thẩm định",
            "Điểm thẩm định lần 1",
            "Điểm thẩm định lần 2",
        ],
    ),
    field(
        "documents",
        "Văn bản, tài liệu kiểm chứng",
        &["Văn bản, tài liệu kiểm chứng"],
    ),
];

pub(super) const OFFICERS: &[Field] = &[
    KEY,
    field("number", "STT", STT),
    required(
        "name",
        "Họ và tên",
        &[
            "Họ và tên",
            "Họ tên",
            "Tên cán bộ",
            "Họ và tên cán bộ, công chức",
            "Họ và tên cán bộ",
        ],
    ),
    field(
        "position",
        "Chức vụ",
        &[
            "Chức vụ",
            "Chức danh",
            "Chức vụ, chức danh",
            "Chức vụ/Chức danh",
        ],
    ),
    field(
        "department",
        "Bộ phận",
        &[
            "Bộ phận",
            "Đơn vị",
            "Phòng ban",
            "Bộ phận công tác",
            "Đơn vị công tác",
        ],
    ),
];

pub(super) const SESSIONS: &[Field] = &[
    KEY,
    field("number", "STT", STT),
    required(
        "date",
        "Ngày tổ chức",
        &[
            "Ngày",
            "Ngày tổ chức",
            "Thời gian tổ chức",
            "Thời gian",
            "Ngày tháng",
            "Ngày, tháng",
            "Ngày tháng năm",
            "Ngày tuyên truyền",
            "Thời gian tuyên truyền",
            "Thời gian thực hiện",
        ],
    ),
    required(
        "content",
        "Nội dung tuyên truyền",
        &[
            "Nội dung",
            "Nội dung tuyên truyền",
            "Nội dung phổ biến",
            "Nội dung tuyên truyền, phổ biến",
            "Chủ đề",
            "Chủ đề tuyên truyền",
        ],
    ),
    field(
        "form",
        "Hình thức",
        &[
            "Hình thức",
            "Hình thức tuyên truyền",
            "Hình thức tổ chức",
            "Hình thức phổ biến",
            "Hình thức tuyên truyền, phổ biến",
        ],
    ),
    field(
        "place",
        "Địa điểm",
        &["Địa điểm", "Địa điểm tổ chức", "Nơi tổ chức"],
    ),
    field(
        "village",
        "Thôn, tổ dân phố",
        &[
            "Thôn",
            "Thôn, tổ dân phố",
            "Thôn, tổ",
            "Thôn/TDP",
            "Thôn, xóm",
            "Thôn, bản",
            "Tổ dân phố",
        ],
    ),
    field(
        "audience",
        "Đối tượng",
        &[
            "Đối tượng",
            "Đối tượng tham dự",
            "Đối tượng tuyên truyền",
            "Thành phần",
            "Thành phần tham dự",
        ],
    ),
    field(
        "attendees",
        "Số người tham dự",
        &[
            "Số người tham dự",
            "Số lượt người",
            "Số lượt người tham dự",
            "Số người",
            "Số lượng người tham dự",
            "Số người dự",
            "Số lượt người nghe",
            "Số lượt",
        ],
    ),
    field(
        "presenter",
        "Báo cáo viên",
        &[
            "Báo cáo viên",
            "Người trình bày",
            "Báo cáo viên, tuyên truyền viên",
            "Tuyên truyền viên",
            "Người truyền đạt",
            "Người tuyên truyền",
            "Người phổ biến",
        ],
    ),
    field(
        "laws",
        "Văn bản pháp luật",
        &[
            "Văn bản pháp luật",
            "Luật được phổ biến",
            "Văn bản được phổ biến",
            "Văn bản pháp luật được phổ biến",
            "Văn bản pháp luật được tuyên truyền",
            "Luật, văn bản được phổ biến",
            "Các luật được phổ biến",
            "Văn bản",
            "Luật",
        ],
    ),
    field(
        "kind",
        "Loại",
        &["Loại", "Phân loại", "Loại tuyên truyền", "Loại hình"],
    ),
    field(
        "materials",
        "Tài liệu phát",
        &[
            "Tài liệu phát",
            "Tài liệu phát ra",
            "Tài liệu",
            "Số tài liệu phát",
            "Tài liệu cấp phát",
            "Số lượng tài liệu",
        ],
    ),
    field("notes", "Ghi chú", &["Ghi chú"]),
    field("task", "Nhiệm vụ kế hoạch", &["Nhiệm vụ kế hoạch"]),
];

pub(super) const TTHC: &[Field] = &[
    KEY,
    field("number", "STT", STT),
    field(
        "name",
        "Tên thủ tục hành chính",
        &[
            "Tên thủ tục hành chính",
            "Tên thủ tục",
            "Thủ tục hành chính",
            "Thủ tục",
            "Tên TTHC",
            "TTHC",
            "Lĩnh vực, thủ tục",
            "Lĩnh vực, thủ tục hành chính",
            "Tên lĩnh vực, thủ tục",
            "Lĩnh vực/TTHC",
            "Tên lĩnh vực/TTHC",
            "Lĩnh vực, TTHC",
        ],
    ),
    field(
        "code",
        "Mã thủ tục",
        &[
            "Mã thủ tục",
            "Mã TTHC",
            "Mã thủ tục hành chính",
            "Mã số TTHC",
            "Mã số thủ tục",
            "Mã số",
            "Mã",
        ],
    ),
    field(
        "field",
        "Lĩnh vực",
        &["Lĩnh vực", "Tên lĩnh vực", "Lĩnh vực TTHC"],
    ),
    field(
        "period_label",
        "Kỳ thống kê",
        &["Kỳ thống kê", "Kỳ báo cáo"],
    ),
    field("period_from", "Từ ngày", &["Từ ngày"]),
    field("period_to", "Đến ngày", &["Đến ngày"]),
    // Carried over + received: a check, or the received count when only the carried-over
    // column is given beside it.
    field(
        "handled_total",
        "Tổng số hồ sơ nhận giải quyết",
        &[
            "Số đầu kỳ",
            "Tổng số hồ sơ nhận giải quyết",
            "Tổng số hồ sơ phải giải quyết",
            "Số hồ sơ nhận giải quyết › Tổng số",
            "Nhận giải quyết › Tổng số",
            "Hồ sơ phải giải quyết › Tổng số",
        ],
    ),
    field(
        "carried",
        "Kỳ trước chuyển qua",
        &[
            "Kỳ trước chuyển qua",
            "Kỳ trước chuyển sang",
            "Số kỳ trước chuyển qua",
            "Số kỳ trước chuyển sang",
            "Từ kỳ trước",
            "Từ kỳ trước chuyển sang",
            "Tồn kỳ trước",
            "Tồn từ kỳ trước",
            "Tồn đầu kỳ",
            "Số tồn kỳ trước",
            "Hồ sơ tồn kỳ trước",
        ],
    ),
    field(
        "received_total",
        "Tiếp nhận trong kỳ",
        &[
            "Tiếp nhận trong kỳ",
            "Mới tiếp nhận",
            "Số mới tiếp nhận",
            "Tiếp nhận mới",
            "Số hồ sơ mới tiếp nhận",
            "Số hồ sơ tiếp nhận trong kỳ",
            "Nhận trong kỳ",
            "Trong kỳ",
            "Tổng số hồ sơ tiếp nhận",
            "Tổng số tiếp nhận",
            "Tổng tiếp nhận",
            "Tiếp nhận › Tổng số",
            "Tiếp nhận › Tổng",
            "Tiếp nhận trong kỳ › Tổng số",
            "Mới tiếp nhận › Tổng số",
            "Trong kỳ › Tổng số",
        ],
    ),
    field(
        "received_direct",
        "Tiếp nhận trực tiếp",
        &[
            "Trực tiếp",
            "Tiếp nhận trực tiếp",
            "Số hồ sơ tiếp nhận trực tiếp",
            "Nộp trực tiếp",
            "Tại bộ phận một cửa",
            "Tại Bộ phận Một cửa",
        ],
    ),
    field(
        "received_online",
        "Tiếp nhận trực tuyến",
        &[
            "Trực tuyến",
            "Tiếp nhận trực tuyến",
            "Số hồ sơ tiếp nhận trực tuyến",
            "Qua dịch vụ công trực tuyến",
            "Dịch vụ công trực tuyến",
            "Qua DVC trực tuyến",
            "DVC trực tuyến",
            "Nộp trực tuyến",
            "Qua mạng",
            "Trực tuyến (DVCTT)",
        ],
    ),
    field(
        "received_bcci",
        "Tiếp nhận qua BCCI",
        &[
            "Qua BCCI",
            "BCCI",
            "Tiếp nhận qua BCCI",
            "Số hồ sơ tiếp nhận qua BCCI",
            "Qua dịch vụ bưu chính công ích",
            "Dịch vụ bưu chính công ích",
            "Bưu chính công ích",
            "Qua bưu chính",
            "Qua DV BCCI",
            "Bưu chính",
        ],
    ),
    resolved(
        "resolved_total",
        "Tổng số hồ sơ đã giải quyết",
        &[
            "Đã giải quyết",
            "Giải quyết xong",
            "Số hồ sơ đã giải quyết",
            "Số hồ sơ giải quyết xong",
            "Tổng số hồ sơ đã giải quyết",
            "Tổng số đã giải quyết",
            "Đã giải quyết › Tổng số",
            "Giải quyết xong › Tổng số",
            "Đã giải quyết › Tổng",
            "Kết quả giải quyết › Tổng số",
            "Đã giải quyết xong › Tổng số",
            "Đã trả kết quả › Tổng số",
        ],
    ),
    resolved(
        "resolved_early",
        "Giải quyết trước hạn",
        &[
            "Sớm hạn",
            "Trước hạn",
            "Trả trước hạn",
            "Giải quyết trước hạn",
            "Đã giải quyết trước hạn",
            "Trước thời hạn",
            "Giải quyết sớm hạn",
            "Trả sớm hạn",
        ],
    ),
    resolved(
        "resolved_on_time",
        "Giải quyết đúng hạn",
        &[
            "Đúng hạn",
            "Trả đúng hạn",
            "Giải quyết đúng hạn",
            "Đã giải quyết đúng hạn",
            "Đúng thời hạn",
            "Trả đúng thời hạn",
            "Trong hạn",
            "Đã giải quyết trong hạn",
        ],
    ),
    resolved(
        "resolved_late",
        "Giải quyết quá hạn",
        &[
            "Trễ hạn",
            "Quá hạn",
            "Trả quá hạn",
            "Trả trễ hạn",
            "Giải quyết quá hạn",
            "Giải quyết trễ hạn",
            "Đã giải quyết quá hạn",
            "Quá thời hạn",
            "Trả quá thời hạn",
        ],
    ),
    field(
        "in_progress",
        "Đang giải quyết",
        &[
            "Đang giải quyết",
            "Số hồ sơ đang giải quyết",
            "Hồ sơ đang giải quyết",
            "Đang xử lý",
            "Đang giải quyết › Tổng số",
            "Chưa giải quyết › Tổng số",
            "Đang xử lý › Tổng số",
            "Đang thụ lý › Tổng số",
            "Hồ sơ chưa giải quyết",
            "Chưa giải quyết",
        ],
    ),
    field(
        "in_progress_not_due",
        "Đang giải quyết chưa đến hạn",
        &[
            "Đang giải quyết › Chưa đến hạn",
            "Đang giải quyết › Trong hạn",
            "Chưa giải quyết › Trong hạn",
            "Chưa giải quyết › Chưa đến hạn",
            "Đang xử lý › Trong hạn",
            "Đang xử lý › Chưa đến hạn",
            "Đang thụ lý › Trong hạn",
            "Tồn › Trong hạn",
            "Đang giải quyết trong hạn",
            "Đang giải quyết chưa đến hạn",
            "Chưa đến hạn",
        ],
    ),
    field(
        "in_progress_overdue",
        "Đang giải quyết quá hạn",
        &[
            "Đang giải quyết › Quá hạn",
            "Đang giải quyết › Trễ hạn",
            "Chưa giải quyết › Quá hạn",
            "Đang xử lý › Quá hạn",
            "Đang thụ lý › Quá hạn",
            "Tồn › Quá hạn",
            "Đang giải quyết quá hạn",
            "Quá hạn chưa giải quyết",
        ],
    ),
    field(
        "late_total",
        "Tổng số trễ hạn",
        &[
            "Tổng số trễ hạn",
            "Tổng số quá hạn",
            "Tổng trễ hạn",
            "Tổng số hồ sơ trễ hạn",
            "Tổng số hồ sơ quá hạn",
        ],
    ),
    field(
        "returned",
        "Trả lại, rút hồ sơ",
        &[
            "Trả lại",
            "Hồ sơ trả lại",
            "Số hồ sơ trả lại",
            "Hồ sơ trả lại, rút",
            "Hồ sơ trả lại, rút hồ sơ",
            "Trả lại, rút hồ sơ",
            "Trả lại, rút",
            "Số hồ sơ trả lại, rút",
            "Rút hồ sơ, trả lại",
            "Từ chối",
        ],
    ),
    field(
        "withdrawn",
        "Rút hồ sơ",
        &[
            "Rút hồ sơ",
            "Hồ sơ rút",
            "Số hồ sơ rút",
            "Công dân rút hồ sơ",
        ],
    ),
    // Rates are computed from the counts, never typed: recognised, not imported.
    field(
        "on_time_rate",
        "Tỷ lệ đúng hạn",
        &[
            "Tỷ lệ đúng hạn",
            "Tỷ lệ giải quyết đúng hạn",
            "Tỷ lệ trước hạn, đúng hạn",
            "Tỷ lệ giải quyết trước hạn, đúng hạn",
        ],
    ),
    field(
        "online_rate",
        "Tỷ lệ trực tuyến",
        &["Tỷ lệ trực tuyến", "Tỷ lệ hồ sơ trực tuyến"],
    ),
];
