//! Writes the UI's command map, ui/src/lib/bindings/commands.ts, from the one command list, as
//! ts-rs writes the types beside it: `scripts/gen-bindings.sh` runs both, and CI fails when the
//! committed files differ from what the Rust code makes.

use std::fmt::Write;
use std::path::PathBuf;

/// The file's text: every command's name, and the area of work each one changes.
fn command_map() -> String {
    let mut ts = String::from(
        "// Generated from cchc-api's command list (api/src/lib.rs) by api/tests/bindings.rs.\n\
         // Do not edit: run scripts/gen-bindings.sh.\n\n\
         /** Every command the screens may call, over IPC or HTTP. */\n\
         export const COMMANDS = [\n",
    );
    for name in cchc_api::COMMANDS {
        writeln!(ts, "  '{name}',").unwrap();
    }
    ts.push_str(
        "] as const;\n\nexport type CommandName = (typeof COMMANDS)[number];\n\n\
         /** The part of the office's work a command changes (\"\" when it only reads). */\n\
         export const AREAS: Record<CommandName, string> = {\n",
    );
    for name in cchc_api::COMMANDS {
        let area = cchc_api::area_of(name).unwrap_or("");
        writeln!(ts, "  {name}: '{area}',").unwrap();
    }
    ts.push_str("};\n");
    ts
}

#[test]
fn the_command_map_for_the_ui_is_written_from_the_command_list() {
    let map = command_map();
    assert!(map.contains("  'login',\n") && map.contains("  save_task: 'plan',\n"));
    assert_eq!(
        map.lines().filter(|l| l.starts_with("  '")).count(),
        cchc_api::COMMANDS.len(),
        "one name per command"
    );
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("commands.ts"), map).unwrap();
}
