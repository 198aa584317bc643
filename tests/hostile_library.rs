//! A library folder nobody here wrote: broken pieces are listed with a clear
//! message naming the file, and everything else keeps working.

use resreader::library::{Library, LibraryOptions};
use std::path::Path;

fn user_library(dir: &Path) -> Library {
    Library::load(&LibraryOptions {
        user_dir: Some(dir.to_path_buf()),
        bundled: false,
    })
}

fn good(dir: &Path, id: &str) {
    std::fs::create_dir_all(dir.join(id)).unwrap();
    std::fs::write(
        dir.join(id).join("meta.toml"),
        format!("id = \"{id}\"\n[translations.en]\ntitle = \"T\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join(id).join("en.md"), "A paragraph.\n").unwrap();
}

#[test]
fn a_directory_where_a_file_belongs_is_a_broken_entry() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "fine");
    std::fs::create_dir_all(dir.path().join("odd/meta.toml")).unwrap();
    let library = user_library(dir.path());
    let odd = library.get("odd").unwrap();
    let problem = odd.problem.as_deref().unwrap();
    assert!(problem.contains("odd/meta.toml"), "{problem}");
    assert!(library.resolution("fine").is_ok());
}

#[test]
fn symlink_loops_do_not_hang_the_load() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "fine");
    std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("fine").join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("self")).unwrap();
    let library = user_library(dir.path());
    assert!(library.get("fine").is_ok());
    assert!(library.resolution("fine").is_ok());
}

#[test]
fn a_file_that_disappears_or_is_not_text_gets_a_message_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "gone");
    good(dir.path(), "binary");
    let library = user_library(dir.path());
    std::fs::remove_file(dir.path().join("gone/en.md")).unwrap();
    std::fs::write(dir.path().join("binary/en.md"), [0xff, 0xfe, 0x00]).unwrap();
    let e = library.resolution("gone").unwrap_err().to_string();
    assert!(e.contains("gone/en.md"), "{e}");
    let e = library.resolution("binary").unwrap_err().to_string();
    assert!(e.contains("binary/en.md") && e.contains("UTF-8"), "{e}");
}

#[test]
fn a_hundred_thousand_stray_files_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "fine");
    for i in 0..100_000 {
        std::fs::write(dir.path().join(format!("junk-{i}.txt")), b"x").unwrap();
    }
    let library = user_library(dir.path());
    assert_eq!(library.entries.len(), 1);
}

#[test]
fn files_too_large_to_be_a_resolution_are_refused_with_their_size() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "huge");
    let big = std::fs::File::create(dir.path().join("huge/en.md")).unwrap();
    big.set_len(resreader::library::MAX_TEXT_BYTES + 1).unwrap();
    let library = user_library(dir.path());
    let e = library.resolution("huge").unwrap_err().to_string();
    assert!(
        e.contains("huge/en.md: too large to open (64 MB; the limit is 64 MB)"),
        "{e}"
    );
    // The importer says the same before reading a byte.
    let out = assert_cmd::Command::cargo_bin("resreader")
        .unwrap()
        .args(["--no-bundled", "--library"])
        .arg(dir.path().join("lib"))
        .arg("import")
        .arg(dir.path().join("huge/en.md"))
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("too large to import"));
}

/// The real binary listing `library` as a user without privileges: as root
/// (permissions do not apply to root) it drops to `nobody` first, so the
/// test means the same everywhere.
fn list_unprivileged(library: &Path, home: &Path) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    // A copy beside the home folder: the build folder may be in a home that
    // `nobody` cannot enter.
    let bin = home.join("bin").join("resreader");
    if !bin.exists() {
        std::fs::create_dir_all(home.join("bin")).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_resreader"), &bin).unwrap();
    }
    let mut cmd = std::process::Command::new(&bin);
    cmd.env_remove("RESREADER_LIBRARY")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("RESREADER_CACHE", home.join("cache"))
        .env("RESREADER_STATE", home.join("state.json"))
        .args(["--no-bundled", "--library"])
        .arg(library)
        .arg("list");
    // SAFETY: setgid/setuid are async-signal-safe and touch no memory of
    // the parent; they run in the child between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::geteuid() == 0 && (libc::setgid(65534) != 0 || libc::setuid(65534) != 0) {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run resreader")
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn folders_that_cannot_be_read_are_named_and_the_rest_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    good(&library, "fine");
    good(&library, "locked");
    chmod(&library.join("locked"), 0o000);
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    chmod(dir.path(), 0o755);
    chmod(&home, 0o777);
    std::fs::create_dir(home.join("bin")).unwrap();
    chmod(&home.join("bin"), 0o755);

    let out = list_unprivileged(&library, &home);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("fine"), "{stdout}");
    let locked = stdout
        .lines()
        .find(|l| l.contains("locked"))
        .unwrap_or_else(|| panic!("the unreadable folder is listed: {stdout}"));
    assert!(
        locked.contains("locked/meta.toml") && locked.contains("ermission denied"),
        "{locked}"
    );

    // The library folder itself unreadable: one warning naming it, no entries.
    chmod(&library, 0o000);
    let out = list_unprivileged(&library, &home);
    let stderr = String::from_utf8_lossy(&out.stderr);
    chmod(&library, 0o755);
    chmod(&library.join("locked"), 0o755);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stderr.trim(),
        format!(
            "resreader: warning: library folder {}: Permission denied (os error 13)",
            library.display()
        )
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("fine"));
}
