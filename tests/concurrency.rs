//! Writers at the same time: several `import --into` adding translations
//! to one resolution, `remove --lang` and `rename` beside them, and imports
//! killed part-way. The library must stay
//! whole: every language `meta.toml` lists has its file, no update is lost,
//! and nothing a writer left half-done lingers after the next write.

use std::path::Path;
use std::process::{Command, Stdio};

fn resreader(library: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_resreader"));
    cmd.env("RESREADER_CACHE", library.join("../cache"))
        .env("RESREADER_STATE", library.join("../state.json"))
        .env_remove("RESREADER_LIBRARY")
        .args(["--no-bundled", "--library"])
        .arg(library)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// A text of `paragraphs` paragraphs, good enough to import.
fn text(lang: &str, paragraphs: usize) -> String {
    let mut t = format!("Resolution in {lang}\n\n");
    for i in 0..paragraphs {
        t.push_str(&format!(
            "Paragraph {i} of the text in {lang}, with enough words to be a paragraph of its own.\n\n"
        ));
    }
    t
}

/// What a reader of `library` finds wrong: languages listed without their
/// file, or a resolution that cannot be read.
fn inconsistencies(library: &Path) -> Vec<String> {
    let loaded = resreader::library::Library::load(&resreader::library::LibraryOptions {
        user_dir: Some(library.to_path_buf()),
        bundled: false,
    });
    let mut wrong = Vec::new();
    for e in &loaded.entries {
        if let Some(p) = &e.problem {
            wrong.push(p.clone());
        }
        let resreader::library::Origin::User(dir) = &e.origin else {
            continue;
        };
        for lang in e.meta.translations.keys() {
            // Whole: a file is renamed into place only once written.
            let file = dir.join(format!("{lang}.md"));
            if !std::fs::metadata(&file).is_ok_and(|m| m.len() > 0) {
                wrong.push(format!("{} lists {lang} without its file", e.meta.id));
            }
        }
    }
    wrong
}

/// Files of ours (hidden, but the lock) anywhere in the library.
fn leftovers(library: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![library.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for item in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name != ".lock" {
                found.push(item.path().display().to_string());
            } else if item.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(item.path());
            }
        }
    }
    found
}

#[test]
fn four_writers_adding_translations_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    let library = home.path().join("library");
    let langs = ["de", "fr", "es", "it"];
    for lang in langs {
        std::fs::write(home.path().join(format!("{lang}.txt")), text(lang, 5)).unwrap();
    }
    let mut wrong = Vec::new();
    for round in 0..20 {
        let id = format!("round-{round}");
        // The English resolution the writers add to, written directly.
        std::fs::create_dir_all(library.join(&id)).unwrap();
        std::fs::write(
            library.join(&id).join("meta.toml"),
            format!("id = \"{id}\"\n[translations.en]\ntitle = \"T\"\n"),
        )
        .unwrap();
        std::fs::write(library.join(&id).join("en.md"), "A paragraph.\n").unwrap();
        let writers: Vec<_> = langs
            .iter()
            .map(|lang| {
                resreader(&library)
                    .args(["import", "--lang", lang, "--into", &id])
                    .arg(home.path().join(format!("{lang}.txt")))
                    .spawn()
                    .unwrap()
            })
            .collect();
        for w in writers {
            let out = w.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let meta = std::fs::read_to_string(library.join(&id).join("meta.toml")).unwrap();
        for lang in std::iter::once("en").chain(langs) {
            let listed = meta.contains(&format!("[translations.{lang}]"));
            let file = library.join(&id).join(format!("{lang}.md")).is_file();
            if !(listed && file) {
                wrong.push(format!("{id}: {lang} listed {listed}, file {file}"));
            }
        }
    }
    // Leftovers first: loading the library recovers.
    wrong.extend(leftovers(&library));
    wrong.extend(inconsistencies(&library));
    assert!(
        wrong.is_empty(),
        "{} inconsistencies: {wrong:#?}",
        wrong.len()
    );
}

#[test]
fn imports_killed_part_way_leave_the_library_whole() {
    let home = tempfile::tempdir().unwrap();
    let library = home.path().join("library");
    let big = home.path().join("big.txt");
    std::fs::write(&big, text("en", 500)).unwrap();
    std::fs::write(home.path().join("de.txt"), text("de", 500)).unwrap();
    // Writing comes last: kills are aimed at the end of a whole import's
    // time, measured here once.
    let start = std::time::Instant::now();
    let status = resreader(&library)
        .args(["import", "--lang", "en", "--id", "calibration"])
        .arg(&big)
        .status()
        .unwrap();
    assert!(status.success());
    let whole = start.elapsed().as_millis() as u64;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let id = format!("k-{round}");
        let into = round % 2 == 1 && library.join(format!("k-{}", round - 1)).is_dir();
        let mut cmd = resreader(&library);
        if into {
            cmd.args([
                "import",
                "--lang",
                "de",
                "--into",
                &format!("k-{}", round - 1),
            ])
            .arg(home.path().join("de.txt"));
        } else {
            cmd.args(["import", "--lang", "en", "--id", &id]).arg(&big);
        }
        let mut child = cmd.spawn().unwrap();
        let at = whole / 2 + state % (whole * 3 / 4 + 1);
        std::thread::sleep(std::time::Duration::from_millis(at));
        let _ = child.kill();
        let _ = child.wait();
        let wrong = inconsistencies(&library);
        assert!(
            wrong.is_empty(),
            "round {round}, as a reader sees it: {wrong:#?}"
        );
    }
    // The next start finishes or removes what the killed ones left.
    let out = resreader(&library).arg("list").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(leftovers(&library), Vec::<String>::new());
    assert!(inconsistencies(&library).is_empty());
}

/// A resolution `id` in `library` with English and German, written directly.
fn english_and_german(library: &Path, id: &str) {
    let dir = library.join(id);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("meta.toml"),
        format!(
            "id = \"{id}\"\n[translations.en]\ntitle = \"T\"\n[translations.de]\ntitle = \"T\"\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("en.md"), "A paragraph.\n").unwrap();
    std::fs::write(dir.join("de.md"), "Ein Absatz.\n").unwrap();
}

/// The languages `meta.toml` of `library/id` lists, if it is there.
fn listed(library: &Path, id: &str) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(library.join(id).join("meta.toml")).ok()?;
    Some(
        text.lines()
            .filter_map(|l| l.strip_prefix("[translations.")?.strip_suffix(']'))
            .map(str::to_string)
            .collect(),
    )
}

/// Run `command` while this test holds the library lock and, under it,
/// adds a French translation to `library/id` as another writer would; the
/// lock is let go once `command` has had time to read the library. A
/// command that reads outside the lock works from the old resolution and
/// loses the French; one that reads under the lock keeps it.
fn beside_a_writer(library: &Path, id: &str, mut command: Command) -> std::process::Output {
    let dir = library.join(id);
    let child = resreader::library::store::with_lock(library, || {
        let child = command.spawn()?;
        std::thread::sleep(std::time::Duration::from_millis(800));
        std::fs::write(dir.join("fr.md"), "Un paragraphe.\n")?;
        let meta = std::fs::read_to_string(dir.join("meta.toml"))?;
        std::fs::write(
            dir.join("meta.toml"),
            format!("{meta}[translations.fr]\ntitle = \"T\"\n"),
        )?;
        Ok::<_, anyhow::Error>(child)
    })
    .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn remove_lang_and_rename_read_under_the_lock() {
    let home = tempfile::tempdir().unwrap();
    let library = home.path().join("library");
    english_and_german(&library, "m");
    let mut remove = resreader(&library);
    remove.args(["remove", "m", "--lang", "de"]);
    let out = beside_a_writer(&library, "m", remove);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut langs = listed(&library, "m").unwrap_or_default();
    langs.sort();
    assert_eq!(
        langs,
        ["en", "fr"],
        "remove --lang de lost the French added beside it"
    );
    assert!(!library.join("m/de.md").exists());

    english_and_german(&library, "r");
    let mut rename = resreader(&library);
    rename.args(["rename", "r", "renamed"]);
    let out = beside_a_writer(&library, "r", rename);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut langs = listed(&library, "renamed").unwrap_or_default();
    langs.sort();
    assert_eq!(
        langs,
        ["de", "en", "fr"],
        "rename lost the French added beside it"
    );
    assert!(!library.join("r").exists());
    assert_eq!(leftovers(&library), Vec::<String>::new());
    assert!(inconsistencies(&library).is_empty());
}
