//! A library folder nobody here wrote: broken pieces are listed with a clear
//! message naming the file, and everything else keeps working.

mod common;

use common::session::Session;
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

/// The binary on `library` alone, with its cache and state in `home`, and
/// a time limit: a hang fails the test instead of stopping the run.
fn resreader(library: &Path, home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("resreader").unwrap();
    cmd.env("RESREADER_CACHE", home.join("cache"))
        .env("RESREADER_STATE", home.join("state.json"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("RESREADER_LIBRARY")
        .timeout(std::time::Duration::from_secs(20))
        .args(["--no-bundled", "--library"])
        .arg(library);
    cmd
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn run(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A library with a good resolution and one whose `en.md` is whatever
/// `make` puts there.
fn library_with(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    good(&library, "fine");
    good(&library, "odd");
    std::fs::remove_file(library.join("odd/en.md")).unwrap();
    make(&library.join("odd/en.md"));
    dir
}

#[test]
fn special_files_in_the_library_are_refused_at_once() {
    type Make = Box<dyn FnOnce(&Path)>;
    let cases: Vec<(&str, Make, &str)> = vec![
        ("FIFO", Box::new(mkfifo), "not a regular file (a FIFO)"),
        (
            "socket",
            Box::new(|p: &Path| {
                // Kept bound: a socket file for as long as the test runs.
                std::mem::forget(std::os::unix::net::UnixListener::bind(p).unwrap());
            }),
            "not a regular file (a socket)",
        ),
        (
            "folder",
            Box::new(|p: &Path| std::fs::create_dir(p).unwrap()),
            "not a regular file (a folder)",
        ),
    ];
    for (what, make, message) in cases {
        let dir = library_with(make);
        let library = dir.path().join("library");
        let (code, _, stderr) = run(resreader(&library, dir.path()).args(["show", "odd"]));
        assert_eq!(code, Some(1), "{what}: {stderr}");
        assert!(
            stderr.contains("odd/en.md") && stderr.contains(message),
            "{what}: {stderr}"
        );
        // The full-text index passes over it and finds the rest.
        let (code, stdout, stderr) =
            run(resreader(&library, dir.path()).args(["search", "--full-text", "'paragraph"]));
        assert_eq!(code, Some(0), "{what}: {stderr}");
        assert!(stdout.contains("fine"), "{what}: {stdout}");
        // `index` writes the cache, passing over the special file too.
        let (code, _, stderr) = run(resreader(&library, dir.path()).arg("index"));
        assert_eq!(code, Some(0), "{what}, index: {stderr}");
        // As the cache file: searched all the same, the file left alone.
        let cache = dir.path().join("cache");
        let index = std::fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".idx"))
            .expect("a cache file")
            .path();
        std::fs::remove_file(&index).unwrap();
        mkfifo(&index);
        let (code, stdout, stderr) =
            run(resreader(&library, dir.path()).args(["search", "--full-text", "'paragraph"]));
        assert_eq!(code, Some(0), "{what}, cache a FIFO: {stderr}");
        assert!(stdout.contains("fine"), "{what}: {stdout}");
    }
}

#[test]
fn a_folder_at_the_cache_path_leaves_no_temporary_behind() {
    let dir = library_with(|p| std::fs::write(p, "Another paragraph.\n").unwrap());
    let library = dir.path().join("library");
    let search =
        || run(resreader(&library, dir.path()).args(["search", "--full-text", "'paragraph"]));
    assert_eq!(search().0, Some(0));
    let write_index = || run(resreader(&library, dir.path()).arg("index"));
    assert_eq!(write_index().0, Some(0));
    let cache = dir.path().join("cache");
    let index = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::remove_file(&index).unwrap();
    std::fs::create_dir(&index).unwrap();
    for _ in 0..3 {
        // Writing the index where a folder stands fails, and leaves nothing.
        let _ = write_index();
        let (code, stdout, _) = search();
        assert_eq!(code, Some(0));
        assert!(
            stdout.contains("odd") && stdout.contains("fine"),
            "{stdout}"
        );
    }
    let left: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 1, "only the folder: {left:?}");
}

#[test]
fn links_to_devices_do_not_eat_memory() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let dir = library_with(|p| std::os::unix::fs::symlink(device, p).unwrap());
        let library = dir.path().join("library");
        let (code, _, stderr) = run(resreader(&library, dir.path()).args(["show", "odd"]));
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("odd/en.md"), "{stderr}");
        let (code, stdout, _) =
            run(resreader(&library, dir.path()).args(["search", "--full-text", "'paragraph"]));
        assert_eq!(code, Some(0));
        assert!(stdout.contains("fine"), "{stdout}");
        // Named as an input: refused before a byte is read.
        let (code, _, stderr) =
            run(resreader(&library, dir.path()).args(["import", "--lang", "en", device]));
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "{device}: cannot read: not a regular file (a character device)"
            )),
            "{stderr}"
        );
        // (Not assert_cmd's pipe_stdin: it reads the file into memory first.)
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_resreader"))
            .env("RESREADER_CACHE", dir.path().join("cache"))
            .args(["--no-bundled", "--library"])
            .arg(&library)
            .args(["import", "--lang", "en", "-"])
            .stdin(std::fs::File::open(device).unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("standard input: cannot read"), "{stderr}");
    }
}

#[test]
fn links_leading_out_of_the_library_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let outside = dir.path().join("outside");
    good(&library, "fine");
    good(&library, "leak");
    good(&outside, "elsewhere");
    std::fs::write(outside.join("secret.md"), "The secret text.\n").unwrap();
    std::fs::remove_file(library.join("leak/en.md")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), library.join("leak/en.md")).unwrap();
    // Links that stay inside are followed, for files and folders alike.
    good(&library, "alias-file");
    std::fs::remove_file(library.join("alias-file/en.md")).unwrap();
    std::os::unix::fs::symlink("../fine/en.md", library.join("alias-file/en.md")).unwrap();
    good(&library, "real");
    std::os::unix::fs::symlink("real", library.join("alias")).unwrap();
    std::fs::write(
        library.join("real/meta.toml"),
        "id = \"alias\"\n[translations.en]\ntitle = \"T\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("elsewhere"), library.join("elsewhere")).unwrap();

    let (code, _, stderr) = run(resreader(&library, dir.path()).args(["show", "leak"]));
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("leak/en.md: a symbolic link to outside the library; not followed"),
        "{stderr}"
    );
    for args in [
        &["search", "--full-text", "secret"][..],
        &["export", "leak", "--langs", "en", "--format", "json"],
    ] {
        let (_, stdout, _) = run(resreader(&library, dir.path()).args(args));
        assert!(!stdout.contains("secret text"), "{args:?}: {stdout}");
    }
    let (_, stdout, _) = run(resreader(&library, dir.path()).arg("list"));
    let elsewhere = stdout
        .lines()
        .find(|l| l.starts_with("elsewhere"))
        .unwrap_or_default();
    assert!(
        elsewhere.contains("outside the library"),
        "a folder linked from outside is listed as broken: {stdout}"
    );
    assert!(
        stdout.contains("alias\t"),
        "a folder linked from inside is listed: {stdout}"
    );
    let (code, stdout, stderr) = run(resreader(&library, dir.path()).args(["show", "alias-file"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("A paragraph."), "{stdout}");
}

#[test]
fn inputs_may_be_a_fifo_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let text = "ICOR Resolution\n\nA title here\n\nThe workers of the world demand peace, bread and freedom for all the peoples.\n";
    let fifo = dir.path().join("input");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, text))
    };
    let (code, stdout, stderr) = run(resreader(&library, dir.path())
        .args(["import", "--id", "from-fifo"])
        .arg(&fifo));
    writer.join().unwrap().unwrap();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("from-fifo"), "{stdout}");
    let (code, stdout, stderr) = run(resreader(&library, dir.path())
        .args(["import", "--id", "from-stdin", "-"])
        .write_stdin(text));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("from-stdin"), "{stdout}");
    assert!(library.join("from-stdin/en.md").is_file());
}

#[test]
fn a_bad_id_is_refused_before_the_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // A FIFO nobody writes to, and standard input open and empty: reading
    // either would never end.
    let fifo = dir.path().join("never-written");
    mkfifo(&fifo);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_resreader"))
        .env("RESREADER_CACHE", dir.path().join("cache"))
        .args(["--no-bundled", "--library"])
        .arg(dir.path().join("library"))
        .args(["import", "--id", "Not An Id", "-"])
        .arg(&fifo)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the bad id was not refused before reading standard input");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(1));
    assert!(
        stderr.contains("`Not An Id` is not a usable id"),
        "{stderr}"
    );
}

#[test]
fn a_cause_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    good(&library, "gone");
    std::fs::remove_file(library.join("gone/en.md")).unwrap();
    let (code, _, stderr) = run(resreader(&library, dir.path()).args(["show", "gone"]));
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr.matches("os error 2").count(),
        1,
        "the cause is repeated: {stderr}"
    );
}

#[test]
fn utf16_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let text = "ICOR Resolution\r\n\r\nA title here\r\n\r\nThe workers of the world demand peace, bread and freedom for all the peoples.\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let input = dir.path().join("utf16.txt");
    std::fs::write(&input, bytes).unwrap();
    let (code, _, stderr) = run(resreader(&library, dir.path())
        .args(["import", "--id", "wide"])
        .arg(&input));
    assert_eq!(code, Some(0), "{stderr}");
    let (_, stdout, _) = run(resreader(&library, dir.path()).args(["show", "wide"]));
    assert!(stdout.contains("bread and freedom"), "{stdout}");
}

#[test]
fn the_reader_opens_a_fifo_with_a_message_and_keeps_answering() {
    let home = tempfile::tempdir().unwrap();
    let library = home.path().join("library");
    good(&library, "fine");
    good(&library, "odd");
    std::fs::remove_file(library.join("odd/en.md")).unwrap();
    mkfifo(&library.join("odd/en.md"));
    let mut s = Session::start_in(home, &["--no-bundled"], 120, 30, &[]);
    s.wait_for("Library (2)");
    // The full-text index (built at launch) passes over the FIFO.
    s.keys("f");
    s.wait_for("Find");
    s.keys("/'paragraph");
    s.wait_until("the good paragraph found", |screen| screen.contains("1/"));
    s.escape();
    s.keys("j\r");
    s.wait_for("not a regular file (a FIFO)");
    s.keys("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}
