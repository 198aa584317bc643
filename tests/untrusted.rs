//! Untrusted text: a document full of terminal escape sequences and
//! Trojan-Source bidi controls is shown with all of them visible as
//! placeholders and none of them acting — in the reader (the real binary in
//! a pseudo-terminal, read by a terminal emulator that records titles,
//! clipboard writes and bells), in `show`, and in every export format.

mod common;

use assert_cmd::Command;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use proptest::prelude::*;
use std::io::Read;
use std::num::NonZeroU16;
use std::time::{Duration, Instant};

/// Everything a hostile text might try: clear and move (CSI), colours (SGR),
/// window titles (OSC 0/2), links (OSC 8), clipboard (OSC 52), DCS and APC
/// strings, 8-bit CSI, bare CR, backspace, BEL, and bidi overrides/isolates.
const HOSTILE: &str = "Before \u{1b}[2J\u{1b}[H\u{1b}[31mred \u{1b}]0;PWNED-TITLE\u{7} \u{1b}]2;PWNED2\u{1b}\\ \u{1b}]8;;http://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}P+q544e\u{1b}\\ \u{1b}_apc\u{1b}\\ \u{9b}1;1H c1 \rCR \u{8}BS \u{7}BEL \u{202E}evil override\u{202C} \u{2066}isolate\u{2069} after.";

fn hostile_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("library").join("hostile");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(
        folder.join("meta.toml"),
        "id = \"hostile\"\norganization = \"Org \\u001b]0;ORG-TITLE\\u0007\"\n[translations.en]\ntitle = \"Title \\u001b]2;TITLE-IN-TITLE\\u0007 \\u202e reversed\"\n",
    )
    .expect("meta");
    std::fs::write(
        folder.join("en.md"),
        format!("## Heading {HOSTILE}\n\n{HOSTILE}\n\n- {HOSTILE}\n"),
    )
    .expect("text");
    dir
}

/// Records what a terminal would have done.
#[derive(Default)]
struct Recorder {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
}

#[test]
fn the_reader_shows_escape_sequences_without_obeying_them() {
    let home = hostile_library();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("resreader"));
    cmd.args(["--no-bundled", "--library"]);
    cmd.arg(home.path().join("library"));
    cmd.args(["read", "hostile"]);
    common::session::isolate(&mut cmd, home.path());
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let raw = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = raw.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("raw").extend_from_slice(&buf[..n]);
        }
    });
    let size = (
        NonZeroU16::new(40).expect("rows"),
        NonZeroU16::new(160).expect("cols"),
    );
    let screen_now = || {
        let mut p = vt100::Parser::new(size.0, size.1, 0);
        p.process(&raw.lock().expect("raw"));
        p.screen().contents()
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while !screen_now().contains("after.") {
        assert!(
            Instant::now() < deadline,
            "the text never appeared:\n{}",
            screen_now()
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    let screen = screen_now();
    // The escapes are on screen as placeholders, and the text around them too.
    assert!(
        screen.contains("Before ␛[2J␛[H␛[31mred ␛]0;PWNED-TITLE␇"),
        "{screen}"
    );
    assert!(screen.contains("␍CR ␈BS ␇BEL"), "{screen}");
    assert!(
        screen.contains("␦evil override␦ ␦isolate␦ after."),
        "{screen}"
    );
    assert!(screen.contains("␦1;1H c1"), "8-bit CSI shown: {screen}");
    std::io::Write::write_all(&mut writer, b"q").expect("quit");
    let deadline = Instant::now() + Duration::from_secs(15);
    while child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    // Replay everything resreader wrote through a recording terminal.
    let bytes = raw.lock().expect("raw").clone();
    let mut parser = vt100::Parser::new_with_callbacks(size.0, size.1, 0, Recorder::default());
    parser.process(&bytes);
    let recorder = parser.callbacks();
    assert!(
        recorder.titles.is_empty(),
        "the window title was set: {:?}",
        recorder.titles
    );
    assert!(recorder.clipboard.is_empty(), "the clipboard was written");
    assert_eq!(recorder.bells, 0, "the bell rang");
    for needle in [
        "\u{1b}]0;",
        "\u{1b}]2;",
        "\u{1b}]8;",
        "\u{1b}]52;",
        "\u{1b}P",
        "\u{1b}_",
        "\u{7}",
        "\u{202E}",
        "\u{2066}",
    ] {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(needle),
            "{needle:?} reached the terminal"
        );
    }
}

/// The binary on the hostile library alone, with a config folder of its
/// own (and no config in it: the defaults).
fn resreader_on(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("resreader").expect("the resreader binary");
    cmd.args(["--no-bundled", "--library"])
        .arg(home.path().join("library"))
        .env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd
}

#[test]
fn show_and_list_write_no_control_characters() {
    let home = hostile_library();
    for (args, expected) in [
        (vec!["show", "hostile", "--width", "100"], "after."),
        (vec!["list"], "TITLE-IN-TITLE"),
        (
            vec!["export", "hostile", "--langs", "en", "--format", "md"],
            "after.",
        ),
    ] {
        let out = resreader_on(&home)
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.contains(expected), "{args:?}: {text}");
        for c in text.chars() {
            let bad = (c.is_control() && c != '\n' && c != '\t')
                || resreader::text::sanitize::is_bidi_control(c);
            assert!(!bad, "{args:?} wrote {c:?}");
        }
    }
}

#[test]
fn json_and_tmx_exports_escape_the_text_instead() {
    let home = hostile_library();
    let run = |format: &str| {
        let out = resreader_on(&home)
            .args(["export", "hostile", "--langs", "en", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8")
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("valid JSON");
    let first = json["rows"][1]["en"][0].as_str().expect("a paragraph");
    assert_eq!(first, HOSTILE, "JSON carries the text exactly, escaped");
    let tmx = run("tmx");
    roxmltree::Document::parse_with_options(
        &tmx,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("valid XML");
}

/// What a terminal would act on, anywhere in `text`.
fn assert_terminal_safe(what: &str, text: &str) {
    assert!(
        resreader::text::sanitize::is_terminal_safe(text),
        "{what} wrote a control, C1, DEL or bidi character: {text:?}"
    );
}

/// C1 controls, DEL, line separators and bidi marks, which `is_control`
/// alone does not all catch, in every field a command prints.
const SUBTLE: &str =
    "c1\u{85}\u{9b}31m del\u{7f} ls\u{2028} rlo\u{202e} fsi\u{2068}x\u{2069} rlm\u{200f} cr\r end";

fn subtle_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("library").join("subtle");
    std::fs::create_dir_all(&folder).expect("folder");
    let toml_text = SUBTLE
        .chars()
        .map(|c| match c {
            c if c.is_ascii_graphic() || c == ' ' => c.to_string(),
            c => format!("\\u{:04X}", c as u32),
        })
        .collect::<String>();
    std::fs::write(
        folder.join("meta.toml"),
        format!("id = \"subtle\"\norganization = \"{toml_text}\"\n[translations.en]\ntitle = \"{toml_text}\"\n"),
    )
    .expect("meta");
    std::fs::write(folder.join("en.md"), format!("{SUBTLE}\n")).expect("text");
    dir
}

#[test]
fn json_and_tmx_are_safe_to_print_and_carry_the_text_exactly() {
    let home = subtle_library();
    let run = |args: &[&str]| {
        let out = resreader_on(&home)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8")
    };
    for args in [
        &["list", "--json"][..],
        &["search", "--json", "end"],
        &["search", "--json", "--full-text", "end"],
        &["export", "subtle", "--langs", "en", "--format", "json"],
        &["export", "subtle", "--langs", "en", "--format", "tmx"],
        &["export", "subtle", "--langs", "en", "--format", "md"],
        &["show", "subtle"],
        &["list"],
    ] {
        let out = run(args);
        assert!(out.contains("end"), "{args:?}: {out}");
        assert_terminal_safe(&format!("{args:?}"), &out);
    }
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "export", "subtle", "--langs", "en", "--format", "json",
    ]))
    .expect("valid JSON");
    assert_eq!(json["rows"][0]["en"][0], SUBTLE);
    let list: serde_json::Value = serde_json::from_str(&run(&["list", "--json"])).expect("JSON");
    assert_eq!(list[0]["titles"]["en"], SUBTLE);
    let tmx = run(&["export", "subtle", "--langs", "en", "--format", "tmx"]);
    let doc = roxmltree::Document::parse_with_options(
        &tmx,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("valid XML");
    let segs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("seg"))
        .filter_map(|n| n.text())
        .collect();
    assert!(segs.contains(&SUBTLE), "the CR comes back a CR: {segs:?}");
}

#[test]
fn file_names_and_config_text_reach_the_terminal_as_placeholders() {
    let home = tempfile::tempdir().expect("temp dir");
    // A name that sets the window title, then writes the clipboard.
    let name = "x\u{1b}]2;PWNED\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J.txt";
    let path = home.path().join(name);
    std::fs::write(&path, [0u8, 1, 2, 3]).expect("file");
    let good = home.path().join("good\u{85}\u{202e}.txt");
    std::fs::write(&good, "ICOR Resolution\n\nA title here\n\nThe workers of the world demand peace, bread and freedom for all the peoples.\n").expect("file");
    let config = home.path().join("config").join("resreader");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::write(
        config.join("config.toml"),
        "languages = [\"\\u009b2J\"]\n[keys.\"\\u001b]2;CONFIG\\u0007\"]\nquit = \"q\"\n",
    )
    .expect("config");
    let out = resreader_on(&home)
        .arg("import")
        .arg(&path)
        .arg(&good)
        .arg("--dry-run")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    );
    assert!(
        stderr.contains("binary data") && stderr.contains("PWNED"),
        "{stderr}"
    );
    assert!(stderr.contains("CONFIG"), "the config warning: {stderr}");
    assert!(stdout.contains("would write"), "{stdout}");
    assert_terminal_safe("import's messages", &stderr);
    assert_terminal_safe("--dry-run", &stdout);
    // An error that ends the program names the file the same way.
    let out = resreader_on(&home)
        .args(["import", "--lang", "en"])
        .arg(home.path().join("missing\u{1b}]2;GONE\u{7}"))
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).expect("UTF-8");
    assert!(stderr.contains("GONE"), "{stderr}");
    assert_terminal_safe("a missing file's message", &stderr);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any text at all, NULs and controls included, makes valid JSON and XML.
    #[test]
    fn any_text_exports_to_valid_json_and_tmx(texts in prop::collection::vec(any::<String>(), 1..6)) {
        use resreader::library::{Block, Resolution, ResolutionMeta, Translation, TranslationMeta};
        let blocks: Vec<Block> = texts.iter().map(|t| Block::Paragraph { text: t.clone() }).collect();
        let meta = TranslationMeta { title: texts[0].clone(), excerpt: false };
        let resolution = Resolution {
            meta: ResolutionMeta {
                id: "x".into(),
                organization: None,
                date: None,
                kind: "resolution".into(),
                source: None,
                translations: [("en".to_string(), meta.clone())].into_iter().collect(),
            },
            translations: vec![Translation { lang: "en".into(), meta, blocks }],
        };
        let aligned = resreader::export::aligned(&resolution, &["en".to_string()], &Default::default()).expect("aligns");
        let json: serde_json::Value = serde_json::from_str(&aligned.json()).expect("valid JSON");
        prop_assert_eq!(json["rows"].as_array().map(Vec::len), Some(texts.len()));
        let json_text = aligned.json();
        prop_assert!(resreader::text::sanitize::is_terminal_safe(&json_text), "{}", json_text);
        let tmx = aligned.tmx();
        prop_assert!(resreader::text::sanitize::is_terminal_safe(&tmx), "{}", tmx);
        prop_assert!(roxmltree::Document::parse_with_options(&tmx, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() }).is_ok(), "{}", tmx);
    }
}
