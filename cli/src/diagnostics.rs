//! `cchc diagnostics --out F.zip`: the file an officer sends to support, as Cài đặt › Chẩn đoán
//! makes it.

use std::path::Path;

use cchc_core::diagnostics::bundle;
use cchc_core::text::format_int;
use cchc_core::{Error, Store};

pub fn run(store: &Store, out: &Path) -> Result<(), Error> {
    let made = bundle::write(&store.conn, store.dir(), out)?;
    println!(
        "Đã tạo tệp chẩn đoán {} ({} byte), gồm:",
        made.path.display(),
        format_int(made.bytes as i64)
    );
    for entry in &made.entries {
        println!("  {entry}");
    }
    println!(
        "Tệp không chứa cơ sở dữ liệu, tài liệu kiểm chứng hay mật khẩu; hãy gửi tệp này cho người hỗ trợ."
    );
    Ok(())
}
