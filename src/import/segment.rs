//! Splitting a document that holds several translations into one run of
//! blocks per language.
//!
//! Only long paragraphs are trusted to say their language; headings, list
//! items (often lists of names in many languages) and short lines take the
//! language of the run around them. A language run becomes a translation
//! when it carries a fair share of the text.

use super::reflow::{RawBlock, RawKind};
use crate::lang::{self, Script, ScriptStats};

/// One translation's blocks, with the detected language.
#[derive(Debug, Clone)]
pub struct Segment {
    pub lang: String,
    pub blocks: Vec<RawBlock>,
}

/// The result of segmentation.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub segments: Vec<Segment>,
    /// Blocks before the first translation, in another script (a header in
    /// another language, such as an organisation's name).
    pub leading: Vec<RawBlock>,
}

struct Evidence {
    script: Option<Script>,
    lang: Option<String>,
    weight: usize,
}

fn evidence(block: &RawBlock) -> Evidence {
    let stats = ScriptStats::of(&block.text);
    let dominant = stats.dominant();
    let script = dominant.map(|(s, _)| s);
    let pure = dominant.is_some_and(|(_, share)| share >= 0.9);
    let weight = stats.weight();
    let lang = (block.kind == RawKind::Paragraph && pure && weight >= 80)
        .then(|| lang::detect(&block.text))
        .flatten();
    Evidence {
        script,
        lang,
        weight,
    }
}

/// A run of trusted blocks of one language: `start..end` indexes blocks.
#[derive(Debug, Clone)]
struct Run {
    lang: String,
    script: Option<Script>,
    start: usize,
    end: usize,
    weight: usize,
}

/// Split `blocks` into translations. `forced` is the language the user gave.
pub fn segment(blocks: Vec<RawBlock>, forced: Option<&str>) -> Segments {
    if blocks.is_empty() {
        return Segments::default();
    }
    let evidence: Vec<Evidence> = blocks.iter().map(evidence).collect();
    let total: usize = evidence.iter().map(|e| e.weight).sum();

    // Runs of consecutive trusted blocks in one script. Statistical guesses
    // wobble between related languages on single paragraphs, so a script
    // run is only split by language where each part is substantial.
    let threshold = (total / 10).max(300);
    let mut script_runs: Vec<Run> = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        if e.lang.is_none() {
            continue;
        }
        match script_runs.last_mut() {
            Some(r) if r.script == e.script => {
                r.end = i + 1;
                r.weight += e.weight;
            }
            _ => script_runs.push(Run {
                lang: String::new(),
                script: e.script,
                start: i,
                end: i + 1,
                weight: e.weight,
            }),
        }
    }
    let mut major: Vec<Run> = Vec::new();
    for run in script_runs {
        if run.weight < threshold {
            continue;
        }
        let mut parts: Vec<Run> = Vec::new();
        for (i, e) in evidence.iter().enumerate().take(run.end).skip(run.start) {
            let (Some(l), w) = (&e.lang, e.weight) else {
                continue;
            };
            match parts.last_mut() {
                Some(p) if &p.lang == l => {
                    p.end = i + 1;
                    p.weight += w;
                }
                _ => parts.push(Run {
                    lang: l.clone(),
                    script: run.script,
                    start: i,
                    end: i + 1,
                    weight: w,
                }),
            }
        }
        // Parts of one language join; so do two parts in a row that
        // detection reads without confidence, even as a whole: a language
        // it has no model for (Hausa) wobbles between those it has
        // (Indonesian, Javanese), while a language it knows reads surely
        // from a few sentences on.
        let text_of = |r: &Run| {
            (r.start..r.end)
                .filter(|&i| evidence[i].lang.is_some())
                .map(|i| blocks[i].text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut split: Vec<(Run, bool)> = Vec::new();
        for p in parts.into_iter().filter(|p| p.weight >= threshold) {
            let sure = lang::detected_surely(&text_of(&p));
            match split.last_mut() {
                Some((prev, prev_sure)) if prev.lang == p.lang || !*prev_sure && !sure => {
                    prev.end = p.end;
                    prev.weight += p.weight;
                    if prev.lang != p.lang {
                        let text = text_of(prev);
                        prev.lang = lang::detect(&text).unwrap_or_default();
                        *prev_sure = lang::detected_surely(&text);
                    }
                }
                _ => split.push((p, sure)),
            }
        }
        let mut split: Vec<Run> = split.into_iter().map(|(r, _)| r).collect();
        if split.len() >= 2 {
            split[0].start = run.start;
            if let Some(last) = split.last_mut() {
                last.end = run.end;
            }
            major.extend(split);
        } else {
            let text: String = (run.start..run.end)
                .filter(|&i| evidence[i].lang.is_some())
                .map(|i| blocks[i].text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let lang = lang::detect(&text).unwrap_or_default();
            match major.last_mut() {
                Some(prev) if prev.lang == lang => {
                    prev.end = run.end;
                    prev.weight += run.weight;
                }
                _ => major.push(Run { lang, ..run }),
            }
        }
    }

    if major.len() <= 1 || forced.is_some() {
        let whole: String = blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let lang = forced
            .map(str::to_string)
            .or_else(|| major.first().map(|r| r.lang.clone()))
            .or_else(|| lang::detect(&whole))
            .unwrap_or_default();
        let script = major
            .first()
            .map(|r| r.script)
            .unwrap_or_else(|| script_of_most_blocks(&blocks));
        return cut_edges(vec![Segment { lang, blocks }], script);
    }

    // Boundaries between major runs: a block in between belongs to the next
    // run when it is written in the next run's script and not the previous
    // one's, or (same script) when it reads more like the next run's
    // language than the previous one's.
    let mut starts = vec![0usize];
    for pair in major.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        let mut cut = next.start;
        while cut > prev.end {
            let e = &evidence[cut - 1];
            let belongs_next = if prev.script != next.script {
                e.script == next.script || e.script.is_none()
            } else {
                let text = &blocks[cut - 1].text;
                match lang::nearer_of(text, &prev.lang, &next.lang) {
                    Some(nearer) => nearer == next.lang,
                    None => lang::detect(text).as_deref() == Some(next.lang.as_str()),
                }
            };
            if !belongs_next {
                break;
            }
            cut -= 1;
        }
        // Blocks without letters at the cut go with the previous run.
        while cut < next.start && evidence[cut].script.is_none() {
            cut += 1;
        }
        starts.push(cut);
    }
    let mut segments = Vec::new();
    let mut blocks = blocks;
    for (i, run) in major.iter().enumerate().rev() {
        let part = blocks.split_off(starts[i]);
        segments.push(Segment {
            lang: run.lang.clone(),
            blocks: part,
        });
    }
    segments.reverse();
    let first = major.first().and_then(|r| r.script);
    cut_edges(segments, first)
}

/// The script most blocks are written in (the most letters among equals):
/// in a short text no paragraph says its language, and a long line in
/// another script at one end must not outweigh the text.
fn script_of_most_blocks(blocks: &[RawBlock]) -> Option<Script> {
    let mut tally: Vec<(Script, usize, usize)> = Vec::new();
    for b in blocks {
        let stats = ScriptStats::of(&b.text);
        let Some((script, _)) = stats.dominant() else {
            continue;
        };
        match tally.iter_mut().find(|(s, _, _)| *s == script) {
            Some((_, n, letters)) => {
                *n += 1;
                *letters += stats.letters;
            }
            None => tally.push((script, 1, stats.letters)),
        }
    }
    tally
        .into_iter()
        .max_by_key(|&(_, n, letters)| (n, letters))
        .map(|(s, _, _)| s)
}

/// Move blocks in another script than their translation off the start of
/// the document: before the first translation they are a header (an
/// organisation's name in another language), read for hints; prose among
/// them is kept as the first translation's opening paragraphs
/// (`structure::header_paragraph`), not searched for its title. Blocks in
/// another script after the last translation (a dateline, a site's list of
/// other posts) stay in it: no text the file holds is dropped.
fn cut_edges(mut segments: Vec<Segment>, first: Option<Script>) -> Segments {
    // Japanese and Korean write words in Han characters too: a line of Han
    // alone ("『世界人権宣言』") is no foreign header in a text of kana or hangul.
    let akin = |a: Script, b: Option<Script>| {
        Some(a) == b || a == Script::Han && matches!(b, Some(Script::Kana | Script::Hangul))
    };
    let foreign = |b: &RawBlock, s: Option<Script>| {
        let d = ScriptStats::of(&b.text).dominant();
        d.is_some_and(|(script, share)| !akin(script, s) && share >= 0.5)
    };
    let mut leading = Vec::new();
    if let Some(seg) = segments.first_mut() {
        let n = seg
            .blocks
            .iter()
            .take_while(|b| foreign(b, first) || ScriptStats::of(&b.text).letters == 0)
            .count();
        // Never take the whole translation away.
        if n < seg.blocks.len() {
            leading = seg.blocks.drain(..n).collect();
        }
    }
    Segments { segments, leading }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> RawBlock {
        RawBlock {
            kind: RawKind::Paragraph,
            text: text.to_string(),
            line: 0,
        }
    }

    const EN: &str = "It is a war waged in the framework of capitalism for raw materials, energy, transport routes for commodities, means of production, geopolitical footing.";
    const RU: &str = "Эта война ведется на почве капитализма за сырье, энергию, пути транспортировки товаров, средства производства, геополитические опоры и так далее.";
    const ES: &str = "Es una guerra que se desarrolla en el territorio del capitalismo por las materias primas, la energía, las rutas de transporte de mercancías, los medios.";
    const AR: &str = "إنها حرب تُشن فوق أرضية الرأسمالية، من أجل المواد الأولية والطاقة وطرق نقل البضائع ووسائل الإنتاج والدعائم الجيوسياسية و ما شاكلها.";

    #[test]
    fn splits_four_translations_and_keeps_titles_with_them() {
        let mut blocks = vec![para("Solidarity with the peoples")];
        blocks.extend([EN, EN, EN].map(para));
        blocks.push(para("Солидарность с народами"));
        blocks.extend([RU, RU, RU].map(para));
        blocks.push(para("Solidaridad con los pueblos"));
        blocks.extend([ES, ES, ES].map(para));
        blocks.push(para("للتضامن مع الشعوب"));
        blocks.extend([AR, AR, AR].map(para));
        blocks.push(para("April 2, 2025 - Madurai, India 24th Congress"));
        let s = segment(blocks, None);
        let langs: Vec<&str> = s.segments.iter().map(|s| s.lang.as_str()).collect();
        assert_eq!(langs, vec!["en", "ru", "es", "ar"]);
        assert_eq!(s.segments[2].blocks[0].text, "Solidaridad con los pueblos");
        // The dateline after the last translation stays in it.
        assert_eq!(s.segments[3].blocks.len(), 5);
    }

    #[test]
    fn a_lone_foreign_line_is_a_header_not_a_translation() {
        let mut blocks = vec![para(
            "International Coordination of Revolutionary Parties and Organizations",
        )];
        blocks.extend([RU, RU].map(para));
        let s = segment(blocks, None);
        assert_eq!(s.segments.len(), 1);
        assert_eq!(s.segments[0].lang, "ru");
        assert_eq!(s.leading.len(), 1);
    }

    #[test]
    fn a_title_between_two_latin_translations_goes_with_the_one_it_heads() {
        // The UDHR's opening in English, then in Swahili: whatlang has no
        // Swahili and reads its paragraphs as Shona, but the title and the
        // first paragraph, on their own, as other languages.
        let text = include_str!("../../tests/data/names/udhr-en-sw.txt");
        let blocks: Vec<RawBlock> = text.split("\n\n").map(|p| para(p.trim())).collect();
        let s = segment(blocks, None);
        let firsts: Vec<&str> = s
            .segments
            .iter()
            .map(|s| s.blocks[0].text.as_str())
            .collect();
        assert_eq!(
            firsts,
            [
                "Universal Declaration of Human Rights",
                "UMOJA WA MATAIFA OFISI YA IDARA YA HABARI TAARIFA YA ULIMWENGU JUU YA HAKI ZA BINADAMU"
            ]
        );
        assert_eq!(s.segments[0].blocks.len(), 7);
    }

    #[test]
    fn a_language_detection_reads_unsurely_stays_one_translation() {
        // The UDHR's opening in English, then in Hausa, which whatlang has
        // no model for: paragraph by paragraph it reads as Indonesian or
        // Javanese, and unsurely as a whole. Once split into three.
        let text = include_str!("../../tests/data/names/udhr-en-ha.txt");
        let blocks: Vec<RawBlock> = text.split("\n\n").map(|p| para(p.trim())).collect();
        let s = segment(blocks, None);
        let sizes: Vec<(&str, usize)> = s
            .segments
            .iter()
            .map(|s| (s.lang.as_str(), s.blocks.len()))
            .collect();
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        assert_eq!(sizes[0], ("en", 7));
        assert_eq!(sizes[1].1, 7);
        assert!(
            s.segments[1].blocks[0].text.starts_with("Muhimmin Jawabin"),
            "{}",
            s.segments[1].blocks[0].text
        );
    }

    #[test]
    fn a_forced_language_wins() {
        let s = segment(vec![para(EN)], Some("de"));
        assert_eq!(s.segments[0].lang, "de");
    }
}
