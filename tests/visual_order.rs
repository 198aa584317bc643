//! Right-to-left text in visual order (as many PDF extractors write it)
//! is imported in reading order, and text in reading order is left alone.
//!
//! The texts are the held-out parallel data of `tests/data/parallel/` (the
//! UDHR in 18 languages, five Quran chapters), none of which was looked at
//! while the detection was written. A visual-order extract of each is made
//! with resreader's own layout engine, which draws right-to-left text for
//! terminals that do not: each paragraph wrapped at 72 columns, every line
//! reordered, mirrored, right-aligned and shaped into presentation forms.

use resreader::import::{ImportOptions, ImportReport, SourceFile, import};
use resreader::text::{BidiMode, LayoutOptions, layout_paragraph};
use std::path::Path;

mod common;

/// The title and paragraphs of one data file (`udhr/ar.tsv`).
fn read(file: &str) -> (String, Vec<String>) {
    split_title(common::parallel::rows(file))
}

/// The title row's text, and the other rows' texts that are not empty.
fn split_title(rows: Vec<(String, String)>) -> (String, Vec<String>) {
    let title = rows
        .iter()
        .find(|(key, _)| key == "title")
        .map(|(_, text)| text.clone())
        .unwrap_or_default();
    let paragraphs = rows
        .into_iter()
        .filter(|(key, text)| key != "title" && !text.trim().is_empty())
        .map(|(_, text)| text)
        .collect();
    (title, paragraphs)
}

/// A plain text file as a reader writes one: the title, then paragraphs,
/// blank lines between.
fn logical_file(title: &str, paragraphs: &[String]) -> String {
    let mut out = format!("{title}\n\n");
    for p in paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out
}

/// The same as a visual-order extract: every paragraph laid out at 72
/// columns as the page shows it, line by line.
fn visual_file(title: &str, paragraphs: &[String]) -> String {
    let options = LayoutOptions {
        width: 72,
        bidi: BidiMode::App,
        shaping: true,
        direction: None,
    };
    let mut out = String::new();
    for p in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
        for line in layout_paragraph(p, &options, &[]) {
            out.push_str(&line.to_plain());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Every paragraph hard-wrapped at 72 columns as a PDF extract in reading
/// order is: at spaces, inside a word longer than a line and inside a
/// phrase of a script written without spaces (Han, Thai), never before
/// closing punctuation.
fn hard_wrapped_file(title: &str, paragraphs: &[String]) -> String {
    use unicode_width::UnicodeWidthChar;
    const WIDTH: usize = 72;
    let mut out = String::new();
    for p in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
        let mut line = String::new();
        let mut used = 0;
        // A list's dash stays with the word after it.
        let words = p.strip_prefix("- ").map_or(p, |rest| rest);
        let dash = if words.len() < p.len() { "- " } else { "" };
        for (k, word) in words.split(' ').enumerate() {
            let word = if k == 0 {
                format!("{dash}{word}")
            } else {
                word.to_string()
            };
            let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
            // A dash that ends a word ("fri- och rättigheter") stays on
            // the line with the word after it: at a line's end it would
            // read as a word split there, in any reader.
            let after_dash = line.ends_with('-');
            // Scripts written without spaces between words (Thai, Lao,
            // Khmer, Myanmar, Han, kana) are broken inside a phrase.
            let unspaced = word.chars().any(|c| {
                matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF
                    | 0x3040..=0x30FF | 0x4E00..=0x9FFF)
            });
            if used > 0 && used + 1 + w > WIDTH && w <= WIDTH && !after_dash && !unspaced {
                out.push_str(&line);
                out.push('\n');
                (line, used) = (String::new(), 0);
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                // No line starts with closing punctuation (the CJK rule).
                let closing = "。，、．」』”’）》！？：；".contains(c);
                if used + cw > WIDTH && cw > 0 && !closing {
                    out.push_str(&line);
                    out.push('\n');
                    (line, used) = (String::new(), 0);
                }
                line.push(c);
                used += cw;
            }
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

fn import_text(name: &str, text: &str) -> ImportReport {
    let file = SourceFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    };
    import(&[file], &ImportOptions::default())
}

/// The title and block texts of an import, without whitespace (a wrapped
/// line rejoined after a slash gains a space), each with its vowel marks
/// taken out and counted apart: a lam–alef ligature, one presentation form,
/// keeps a mark of the lam but puts it after the alef.
fn content(report: &ImportReport) -> (String, Vec<String>) {
    let squeeze = |s: &str| {
        let (mut letters, mut marks): (String, Vec<char>) = (String::new(), Vec::new());
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            if unicode_normalization::char::is_combining_mark(c) {
                marks.push(c);
            } else {
                letters.push(c);
            }
        }
        marks.sort_unstable();
        format!("{letters} | {}", marks.into_iter().collect::<String>())
    };
    let r = report.resolutions.first().expect("a resolution");
    let t = r.translations.first().expect("a translation");
    let blocks = t.blocks.iter().map(|b| squeeze(&b.text())).collect();
    (squeeze(&t.meta.title), blocks)
}

/// The first block that differs, if any, then the counts.
fn same_blocks(name: &str, got: &(String, Vec<String>), want: &(String, Vec<String>)) {
    assert_eq!(got.0, want.0, "{name}: title");
    for (k, (g, w)) in got.1.iter().zip(&want.1).enumerate() {
        assert_eq!(g, w, "{name}: block {k}");
    }
    assert_eq!(got.1.len(), want.1.len(), "{name}: blocks");
}

fn mentions_visual_order(report: &ImportReport) -> bool {
    report.notes.iter().any(|n| n.contains("visual order"))
}

/// Every data file of the UDHR and the Quran chapters, as `udhr/ar.tsv`.
fn data_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/parallel");
    let mut files = Vec::new();
    for dir in ["udhr", "quran", "heldout"] {
        let mut found: Vec<String> = std::fs::read_dir(root.join(dir))
            .expect("data folder")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
            .filter(|name| name.ends_with(".tsv"))
            .map(|name| format!("{dir}/{name}"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

fn is_rtl_language(file: &str) -> bool {
    let lang = file
        .trim_end_matches(".tsv")
        .rsplit(['/', '-'])
        .next()
        .unwrap_or("");
    matches!(lang, "ar" | "fa" | "he" | "ur")
}

#[test]
fn a_visual_order_extract_imports_as_its_text_in_reading_order() {
    let mut checked = 0;
    for path in data_files().iter().filter(|p| is_rtl_language(p)) {
        let (title, paragraphs) = read(path);
        let name = path.clone();
        let logical = import_text(&name, &logical_file(&title, &paragraphs));
        let visual = import_text(&name, &visual_file(&title, &paragraphs));
        assert!(
            mentions_visual_order(&visual),
            "{name}: visual order not told: {:?}",
            visual.notes
        );
        let (want, got) = (content(&logical), content(&visual));
        same_blocks(&name, &got, &want);
        checked += 1;
    }
    assert!(
        checked >= 9,
        "only {checked} files in right-to-left languages"
    );
}

#[test]
fn text_in_reading_order_is_left_as_it_is() {
    let files = data_files();
    assert!(files.len() >= 60, "only {} data files", files.len());
    for path in &files {
        let (title, paragraphs) = read(path);
        let name = path.clone();
        let report = import_text(&name, &logical_file(&title, &paragraphs));
        assert!(
            !mentions_visual_order(&report),
            "{name}: taken for visual order"
        );
    }
}

#[test]
fn no_paragraph_in_reading_order_is_taken_for_visual_order() {
    // Each paragraph alone (a short file has little to tell by), also typed
    // carelessly, a space before the comma ("كلمة ،كلمة"), which puts
    // punctuation where visual order has it.
    let mut paragraphs_seen = 0;
    for path in data_files().iter().filter(|p| is_rtl_language(p)) {
        let (title, paragraphs) = read(path);
        for p in std::iter::once(&title).chain(&paragraphs) {
            let careless = p
                .replace("، ", " ،")
                .replace(", ", " ,")
                .replace(". ", " .");
            for text in [p, &careless] {
                assert!(
                    !resreader::import::visual::is_visual(text),
                    "{path}: {text}"
                );
            }
            paragraphs_seen += 1;
        }
    }
    assert!(paragraphs_seen > 1000, "{paragraphs_seen}");
}

#[test]
fn the_bundled_seeds_are_in_reading_order() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sources");
    let Ok(dir) = std::fs::read_dir(&seeds) else {
        panic!("no seeds at {}", seeds.display());
    };
    let mut n = 0;
    for entry in dir
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
    {
        let bytes = std::fs::read(entry.path()).expect("seed");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !resreader::import::visual::is_visual(&text),
            "{}",
            entry.path().display()
        );
        n += 1;
    }
    assert!(n > 0);
}

/// Whether a paragraph ends as a sentence cut by a page break would: on a
/// comma, a dash or inside brackets, or unfinished before one that starts
/// in lower case. A hard-wrapped text reads as a PDF extract, where such a
/// blank line is taken for a page break and the two are joined
/// (`reflow::looks_paged`): the UDHR preambles of several languages,
/// clauses ending in commas.
fn reads_as_cut_by_pages(paragraphs: &[String]) -> bool {
    paragraphs.windows(2).any(|w| {
        let end = w[0].trim_end_matches(['"', '”', '»', '’', ')', ']']);
        let finished = end.ends_with([
            '.', '!', '?', ':', ';', '…', '。', '！', '？', '؟', '۔', '।',
        ]);
        let carries_on = w[0].ends_with([',', '-', '–', '—'])
            || w[0].matches('(').count() > w[0].matches(')').count()
            || w[1].chars().next().is_some_and(char::is_lowercase);
        !finished && carries_on
    })
}

#[test]
fn a_hard_wrapped_text_keeps_its_paragraphs_in_every_script() {
    // Short verses, mostly one line each, and a few wrapped: in a script
    // without capitals no line showed that it ran on (the Arabic of Quran
    // 12 gave 174 blocks for 111 verses), and Han lines were measured in
    // characters, not columns (the Chinese UDHR gave 129 blocks for 89).
    // Before: 44 of the 76 files came out with another paragraph count.
    let (mut exact, mut cut) = (0, 0);
    for path in &data_files() {
        let (title, paragraphs) = read(path);
        let name = path.clone();
        let want = content(&import_text(&name, &logical_file(&title, &paragraphs)));
        let wrapped = hard_wrapped_file(&title, &paragraphs);
        let got = content(&import_text(&name, &wrapped));
        if !reads_as_cut_by_pages(&paragraphs) {
            same_blocks(&name, &got, &want);
            exact += 1;
            continue;
        }
        // Where a paragraph ends as a page break would cut a sentence, a
        // full line before the blank one reads as such a cut: the two
        // paragraphs are joined. Nothing else changes, and not often.
        assert_eq!(got.0, want.0, "{name}: title");
        let all = |blocks: &[String]| -> String {
            blocks
                .iter()
                .map(|b| b.split(" | ").next().unwrap_or(""))
                .collect()
        };
        assert_eq!(all(&got.1), all(&want.1), "{name}: text");
        assert!(got.1.len() <= want.1.len(), "{name}: a paragraph split");
        assert!(
            got.1.len() * 10 >= want.1.len() * 9,
            "{name}: {} blocks for {} paragraphs",
            got.1.len(),
            want.1.len()
        );
        cut += 1;
    }
    assert!(exact >= 35 && exact + cut >= 70, "{exact} exact, {cut} cut");
}

/// The same checks on another folder of parallel data (`scripts/parallel-data.py
/// --wide` or `--quran`, not kept in the repository):
/// `RESREADER_PARALLEL_DIR=/tmp/wide cargo test --test visual_order -- --ignored`.
/// Prints every file that fails a check, then fails if any did.
#[test]
#[ignore]
fn held_out_folder() {
    let Ok(dir) = std::env::var("RESREADER_PARALLEL_DIR") else {
        panic!("set RESREADER_PARALLEL_DIR to a folder of parallel data");
    };
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .expect("folder")
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.is_dir() {
            let inner = std::fs::read_dir(&path).expect("folder");
            files.extend(inner.filter_map(|e| e.ok().map(|e| e.path())));
        } else {
            files.push(path);
        }
    }
    files.retain(|p| p.extension().is_some_and(|x| x == "tsv"));
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let (title, paragraphs) = split_title(common::parallel::rows_at(path));
        let text = paragraphs.concat();
        let logical = import_text(&name, &logical_file(&title, &paragraphs));
        if logical.resolutions.is_empty() {
            failures.push(format!("{name}: not imported: {:?}", logical.errors));
            continue;
        }
        if mentions_visual_order(&logical) {
            failures.push(format!("{name}: taken for visual order"));
        }
        let want = content(&logical);
        let rtl = text
            .chars()
            .filter(|&c| {
                matches!(
                    unicode_bidi::bidi_class(c),
                    unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
                )
            })
            .count();
        if rtl * 2 > text.chars().filter(|c| c.is_alphabetic()).count() {
            let visual = import_text(&name, &visual_file(&title, &paragraphs));
            if !mentions_visual_order(&visual) {
                failures.push(format!("{name}: visual order not told"));
            } else if content(&visual) != want {
                failures.push(format!("{name}: visual order read otherwise"));
            }
        }
        let wrapped = import_text(&name, &hard_wrapped_file(&title, &paragraphs));
        if wrapped.resolutions.is_empty() {
            failures.push(format!("{name}: wrapped text not imported"));
            continue;
        }
        let got = content(&wrapped);
        if got != want {
            failures.push(format!(
                "{name}: wrapped: {} blocks for {}{}",
                got.1.len(),
                want.1.len(),
                if reads_as_cut_by_pages(&paragraphs) {
                    " (reads as cut by pages)"
                } else {
                    ""
                }
            ));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!("{} files, {} failures", files.len(), failures.len());
    assert!(failures.is_empty());
}
