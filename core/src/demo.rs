//! The demo commune (Xã Nông Thượng): realistic data for every area of the product, so that a
//! newcomer sees a full product at once. Each area's issue extends `load`.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::commune::{self, Commune, CommuneInput};
use crate::error::Result;
use crate::people::{self, Actor, NewAccount, Role};

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
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

/// Fills an empty data folder with the demo commune for `year` (and the year before it).
pub fn load(conn: &mut Connection, year: i32) -> Result<Commune> {
    let year = commune::check_year(year)?;
    let tx = conn.transaction()?;
    let actor = Actor {
        account_id: None,
        name: "Dữ liệu mẫu".into(),
        role: Role::Admin,
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
    let commune = commune::require(&tx)?;
    tx.commit()?;
    Ok(commune)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db, setup};

    #[test]
    fn demo_accounts_log_in_with_their_roles() {
        let mut conn = db::open_in_memory().unwrap();
        let c = load(&mut conn, 2026).unwrap();
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
        load(&mut conn, 2026).unwrap();
        let before = people::count_accounts(&conn).unwrap();
        assert_eq!(load(&mut conn, 2026).unwrap_err().kind(), "conflict");
        assert_eq!(people::count_accounts(&conn).unwrap(), before);
    }
}
