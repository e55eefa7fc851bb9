//! Backups on disks that fail, for real: a full disk (a size-limited tmpfs), a read-only one (a
//! tmpfs remounted read-only), a USB stick pulled mid-backup (a loop-mounted ext2 image
//! unmounted and its drive gone), and on Windows a backup file held open by another program.
//! Each gives a clear Vietnamese message and leaves the previous backup and the data as they
//! were. Mounting needs root: without it the test says why it is skipped.

mod backup_common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use backup_common::{dump, Env};
use cchc_core::backup::{self, BackupOptions, Phase};
use cchc_core::error::DiskFault;
use cchc_core::Error;

/// A mounted filesystem, unmounted (lazily, so a test failure never leaves it busy) on drop.
struct Mount {
    point: PathBuf,
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.point).output();
    }
}

fn run(cmd: &str, args: &[&str]) -> Result<(), String> {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .map_err(|e| format!("{cmd}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd} {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A tmpfs of `size` at `point`, or why there cannot be one here.
fn tmpfs(point: &Path, size: &str) -> Result<Mount, String> {
    if !is_root() {
        return Err("cần quyền root để gắn tmpfs".into());
    }
    fs::create_dir_all(point).map_err(|e| e.to_string())?;
    run(
        "mount",
        &[
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size}"),
            "tmpfs",
            &point.to_string_lossy(),
        ],
    )?;
    Ok(Mount {
        point: point.to_path_buf(),
    })
}

fn skip(test: &str, why: &str) {
    println!("BỎ QUA {test}: {why}");
}

fn previous_backup(env: &Env, dir: &Path) -> (PathBuf, Vec<u8>) {
    let out = dir.join("hom-qua.cchcbak");
    backup::create(&env.data, &out, &BackupOptions::default(), &mut |_| {}).unwrap();
    (out.clone(), fs::read(&out).unwrap())
}

fn only_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_full_disk_is_named_and_the_previous_backup_stays() {
    let env = Env::demo();
    let point = env.path("usb-day");
    let _mount = match tmpfs(&point, "512k") {
        Ok(m) => m,
        Err(why) => return skip("a_full_disk_is_named_and_the_previous_backup_stays", &why),
    };
    let (previous, bytes) = previous_backup(&env, &point);
    // Fill the stick but for a few kilobytes.
    let filler = point.join("phim.mp4");
    let room = 512 * 1024 - bytes.len() - 24 * 1024;
    fs::write(&filler, vec![7u8; room]).unwrap();
    let before = dump(&env.data.join("cchc.sqlite"));
    for name in ["hom-nay.cchcbak", "hom-qua.cchcbak"] {
        let err = backup::create(
            &env.data,
            &point.join(name),
            &BackupOptions::default(),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Disk {
                    fault: DiskFault::Full,
                    ..
                }
            ),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("Ổ đĩa chứa “{}", point.join(name).display())),
            "{msg}"
        );
        assert!(msg.contains("đã đầy"), "{msg}");
        assert_eq!(
            fs::read(&previous).unwrap(),
            bytes,
            "the previous backup is untouched"
        );
        assert_eq!(
            only_files(&point),
            vec!["hom-qua.cchcbak", "phim.mp4"],
            "no half file left"
        );
    }
    backup::verify(&previous, &mut |_| {}).unwrap();
    assert_eq!(dump(&env.data.join("cchc.sqlite")), before);
}

#[test]
fn a_read_only_folder_is_named_and_nothing_changes() {
    let env = Env::demo();
    let point = env.path("usb-khoa");
    let mount = tmpfs(&point, "8m");
    let (dest, previous, bytes) = match mount {
        Ok(m) => {
            let (previous, bytes) = previous_backup(&env, &point);
            run("mount", &["-o", "remount,ro", &point.to_string_lossy()]).unwrap();
            (Some(m), previous, bytes)
        }
        Err(why) if !is_root() && cfg!(unix) => {
            // Without root, a folder without write permission is the read-only case we can make.
            println!("(không phải root: dùng thư mục không cho ghi thay cho ổ chỉ đọc; {why})");
            fs::create_dir_all(&point).unwrap();
            let (previous, bytes) = previous_backup(&env, &point);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(&point, fs::Permissions::from_mode(0o555)).unwrap();
            }
            (None, previous, bytes)
        }
        Err(why) => return skip("a_read_only_folder_is_named_and_nothing_changes", &why),
    };
    let err = backup::create(
        &env.data,
        &point.join("moi.cchcbak"),
        &BackupOptions::default(),
        &mut |_| {},
    )
    .unwrap_err();
    match err {
        Error::Disk {
            fault: DiskFault::ReadOnly | DiskFault::Denied,
            ..
        } => {}
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains(&point.join("moi.cchcbak").display().to_string()),
        "{msg}"
    );
    assert!(msg.contains("chỉ cho đọc"), "{msg}");
    assert_eq!(fs::read(&previous).unwrap(), bytes);
    // Choosing it as the automatic folder is refused at once.
    let err = backup::history::set_folder(
        &mut env.store().conn,
        &cchc_core::people::Actor::command_line(),
        Some(&point),
    )
    .unwrap_err();
    assert!(err.to_string().contains("chỉ cho đọc"), "{err}");
    drop(dest);
}

#[test]
fn a_usb_stick_pulled_mid_backup_is_named_and_its_old_backup_survives() {
    let test = "a_usb_stick_pulled_mid_backup_is_named_and_its_old_backup_survives";
    let env = Env::demo();
    if !is_root() {
        return skip(test, "cần quyền root để gắn ổ ảo (loop)");
    }
    let image = env.path("usb.img");
    fs::write(&image, vec![0u8; 8 << 20]).unwrap();
    if let Err(why) = run("mkfs.ext2", &["-q", "-F", &image.to_string_lossy()]) {
        return skip(test, &why);
    }
    // The stick is a drive of its own under a "letter" that disappears when it is pulled.
    let drive = env.path("E");
    fs::create_dir(&drive).unwrap();
    if let Err(why) = run(
        "mount",
        &[
            "-o",
            "loop",
            &image.to_string_lossy(),
            &drive.to_string_lossy(),
        ],
    ) {
        return skip(test, &why);
    }
    let mount = Mount {
        point: drive.clone(),
    };
    let folder = drive.join("SaoLuu");
    fs::create_dir(&folder).unwrap();
    let (previous, bytes) = previous_backup(&env, &folder);
    let before = dump(&env.data.join("cchc.sqlite"));

    let mut pulled = false;
    let err = backup::create(
        &env.data,
        &folder.join("hom-nay.cchcbak"),
        &BackupOptions::default(),
        &mut |p| {
            if p.phase == Phase::Writing && p.done_bytes > 0 && !pulled {
                pulled = true;
                run("umount", &["-l", &drive.to_string_lossy()]).unwrap();
                fs::remove_dir(&drive).unwrap();
            }
        },
    )
    .unwrap_err();
    drop(mount);
    assert!(pulled);
    assert!(
        matches!(
            err,
            Error::Disk {
                fault: DiskFault::Gone,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("ổ USB đã bị rút ra"), "{err}");
    assert_eq!(dump(&env.data.join("cchc.sqlite")), before);

    // Plugged in again: yesterday's backup is whole, today's never appeared.
    fs::create_dir(&drive).unwrap();
    run(
        "mount",
        &[
            "-o",
            "loop",
            &image.to_string_lossy(),
            &drive.to_string_lossy(),
        ],
    )
    .unwrap();
    let _again = Mount {
        point: drive.clone(),
    };
    assert_eq!(fs::read(&previous).unwrap(), bytes);
    backup::verify(&previous, &mut |_| {}).unwrap();
    assert!(!folder.join("hom-nay.cchcbak").exists());
}

/// Windows only: another program (a zip tool, an antivirus scan) holds the old backup open
/// without sharing; renaming over it fails with a sharing violation.
#[cfg(windows)]
#[test]
fn a_backup_file_held_open_by_another_program_is_named() {
    use std::os::windows::fs::OpenOptionsExt;
    let env = Env::demo();
    let dir = env.path("SaoLuu");
    fs::create_dir(&dir).unwrap();
    let (previous, bytes) = previous_backup(&env, &dir);
    let held = fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&previous)
        .unwrap();
    let err =
        backup::create(&env.data, &previous, &BackupOptions::default(), &mut |_| {}).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Disk {
                fault: DiskFault::Locked,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("đang được một chương trình khác mở"),
        "{err}"
    );
    drop(held);
    assert_eq!(fs::read(&previous).unwrap(), bytes);
    assert_eq!(only_files(&dir), vec!["hom-qua.cchcbak"]);
}
