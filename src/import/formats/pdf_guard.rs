//! Loading a PDF file without letting it take unbounded memory or time:
//! every compressed stream the extractor may decode is measured first,
//! each against [`MAX_STREAM_BYTES`] and all together against
//! [`MAX_DECODED_BYTES`], and drawings that contain themselves are refused.
//!
//! `lopdf` inflates streams without a bound (a 1 MB Flate stream can hold
//! 1 GB of zeros), and does so in three places: cross-reference streams and
//! object streams while loading, and page contents, fonts and forms when
//! `pdf-extract` asks for them (fonts once per use). So: cross-reference
//! streams are measured in the raw file before loading, object streams from
//! a load filter before `lopdf` unpacks them, and every other stream after
//! loading, where it is also replaced by its decoded bytes so it is
//! inflated once, not once per use.

use super::FormatError;
use pdf_extract::{Document, LoadOptions, Object, ObjectId, Stream};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::Write;

const FORMAT: &str = "PDF";
/// The most one stream may decode to.
pub const MAX_STREAM_BYTES: u64 = 64 << 20;
/// The most all of a file's streams may decode to together.
pub const MAX_DECODED_BYTES: u64 = 512 << 20;
/// The deepest chain of form XObjects (drawings inside drawings) accepted.
const MAX_FORM_DEPTH: usize = 32;

fn too_large(what: &str) -> FormatError {
    FormatError::TooLarge {
        format: FORMAT,
        part: what.to_string(),
        limit: MAX_STREAM_BYTES >> 20,
    }
}

fn corrupt(reason: impl Into<String>) -> FormatError {
    FormatError::Corrupt {
        format: FORMAT,
        reason: reason.into(),
    }
}

/// A stream decodes to more than the budget allows.
#[derive(Debug)]
struct Over;

thread_local! {
    /// Bytes still allowed to be decoded: per file, on the loading thread
    /// (`lopdf` runs the load filter on the caller's thread).
    static BUDGET: Cell<Option<Budget>> = const { Cell::new(None) };
}

#[derive(Debug, Clone, Copy)]
struct Budget {
    left: u64,
    /// An object stream was over the budget.
    over: bool,
}

/// `bytes` loaded as a PDF document whose streams are known to decode
/// within the limits.
pub fn load(bytes: &[u8]) -> Result<Document, FormatError> {
    if declares_encryption(bytes) {
        // lopdf decrypts and unpacks such a file without the load filter.
        return Err(corrupt("the file is encrypted"));
    }
    let mut left = MAX_DECODED_BYTES;
    for at in memchr::memmem::find_iter(bytes, b"/XRef") {
        let over = |_| too_large("cross-reference stream");
        let used = raw_stream_after(&bytes[at..]).map_err(over)?;
        left = left.checked_sub(used).ok_or(Over).map_err(over)?;
    }
    BUDGET.set(Some(Budget { left, over: false }));
    let loaded = Document::load_mem_with_options(
        bytes,
        LoadOptions {
            filter: Some(measure_object_stream),
            ..Default::default()
        },
    );
    let budget = BUDGET.take();
    let mut doc = loaded.map_err(|e| corrupt(e.to_string()))?;
    let Some(Budget { left, over: false }) = budget else {
        return Err(too_large("object stream"));
    };
    if doc.is_encrypted() {
        return Err(corrupt("the file is encrypted"));
    }
    decode_streams(&mut doc, left)?;
    check_forms(&doc)?;
    check_page_parents(&doc)?;
    Ok(doc)
}

/// Whether the file's trailer names an encryption dictionary
/// (`/Encrypt 5 0 R` or `/Encrypt <<`).
fn declares_encryption(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"/Encrypt").any(|at| {
        let rest = &bytes[at + b"/Encrypt".len()..];
        let rest = &rest[rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len())..];
        rest.first().is_some_and(u8::is_ascii_digit) || rest.starts_with(b"<<")
    })
}

/// The decoded size of the Flate stream that follows a dictionary in the
/// raw file (at most [`MAX_STREAM_BYTES`]); 0 when there is none.
fn raw_stream_after(bytes: &[u8]) -> Result<u64, Over> {
    let window = &bytes[..bytes.len().min(4096)];
    let Some(at) = memchr::memmem::find(window, b"stream") else {
        return Ok(0);
    };
    let mut data = &bytes[at + b"stream".len()..];
    data = data.strip_prefix(b"\r").unwrap_or(data);
    data = data.strip_prefix(b"\n").unwrap_or(data);
    if memchr::memmem::find(&window[..at], b"Flate").is_none() {
        return Ok(0);
    }
    inflate(data, MAX_STREAM_BYTES, None)
}

/// The load filter: object streams are measured before lopdf unpacks them.
/// Streams never sit inside object streams, so only plain objects need to
/// be handed back (lopdf keeps its own copy of top-level objects).
fn measure_object_stream(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let Object::Stream(stream) = object else {
        return Some((id, object.clone()));
    };
    if stream.dict.has_type(b"ObjStm") {
        let mut budget = BUDGET.get()?;
        if budget.over {
            return None;
        }
        match decoded_size(stream, budget.left.min(MAX_STREAM_BYTES)) {
            Ok(n) => budget.left -= n,
            Err(Over) => {
                budget.over = true;
                // Leave lopdf nothing to unpack.
                stream.set_plain_content(Vec::new());
            }
        }
        BUDGET.set(Some(budget));
    }
    Some((id, Object::Null))
}

/// Measure every stream the extractor may decode and replace it by its
/// decoded bytes. Images are emptied instead (a scan's pages may be large),
/// unless a page names one as its contents.
fn decode_streams(doc: &mut Document, mut left: u64) -> Result<(), FormatError> {
    let contents: HashSet<ObjectId> = doc
        .get_pages()
        .values()
        .flat_map(|page| doc.get_page_contents(*page))
        .collect();
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let image = stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image");
        if image && !contents.contains(id) {
            // No text in it, and the extractor would inflate it and read
            // it as drawing commands: left empty.
            stream.set_plain_content(Vec::new());
            continue;
        }
        if !decodable(stream) {
            continue;
        }
        let size = decoded_size(stream, left.min(MAX_STREAM_BYTES))
            .map_err(|Over| too_large(&format!("stream {} {}", id.0, id.1)))?;
        left -= size;
        if let Ok(plain) = stream.decompressed_content() {
            stream.set_plain_content(plain);
        }
    }
    Ok(())
}

/// Whether lopdf can decode every filter of the stream (and so will).
fn decodable(stream: &Stream) -> bool {
    stream.filters().is_ok_and(|filters| {
        !filters.is_empty()
            && filters
                .iter()
                .all(|f| matches!(*f, b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode"))
    })
}

/// What the stream decodes to, in bytes, if at most `cap`. Filters are
/// applied in turn, each output kept only while another filter follows.
fn decoded_size(stream: &Stream, cap: u64) -> Result<u64, Over> {
    let Ok(filters) = stream.filters() else {
        return Ok(stream.content.len() as u64);
    };
    let mut data: std::borrow::Cow<'_, [u8]> = std::borrow::Cow::Borrowed(&stream.content);
    let mut size = data.len() as u64;
    for (i, filter) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        let mut out = Vec::new();
        let keep = (!last).then_some(&mut out);
        size = match *filter {
            b"FlateDecode" => inflate(&data, cap, keep)?,
            b"LZWDecode" => unlzw(&data, cap, keep)?,
            b"ASCII85Decode" => {
                // Decodes to less than it reads; lopdf does it.
                let mut part = Stream::new(pdf_extract::Dictionary::new(), data.to_vec());
                part.dict
                    .set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
                let plain = part.decompressed_content().unwrap_or_default();
                let n = plain.len() as u64;
                out = plain;
                n
            }
            // Filters lopdf cannot decode: nothing more is unpacked.
            _ => return Ok(size),
        };
        if size > cap {
            return Err(Over);
        }
        data = std::borrow::Cow::Owned(out);
    }
    Ok(size)
}

/// Counts what is written, keeps it if asked, and fails past the cap.
struct Capped<'a> {
    written: u64,
    cap: u64,
    keep: Option<&'a mut Vec<u8>>,
}

impl Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.written += buf.len() as u64;
        if self.written > self.cap {
            return Err(std::io::Error::other("over the cap"));
        }
        if let Some(keep) = self.keep.as_mut() {
            keep.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Inflate as lopdf does (zlib, else raw deflate after the two-byte
/// header), up to `cap` bytes.
fn inflate(data: &[u8], cap: u64, keep: Option<&mut Vec<u8>>) -> Result<u64, Over> {
    let mut out = Capped {
        written: 0,
        cap,
        keep,
    };
    let zlib = std::io::copy(&mut flate2::read::ZlibDecoder::new(data), &mut out);
    if out.written > cap {
        return Err(Over);
    }
    if zlib.is_err() && out.written == 0 && data.len() > 2 {
        let _ = std::io::copy(&mut flate2::read::DeflateDecoder::new(&data[2..]), &mut out);
        if out.written > cap {
            return Err(Over);
        }
    }
    Ok(out.written)
}

/// LZW-decode as lopdf does (early change on), up to `cap` bytes.
fn unlzw(data: &[u8], cap: u64, keep: Option<&mut Vec<u8>>) -> Result<u64, Over> {
    let mut out = Capped {
        written: 0,
        cap,
        keep,
    };
    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let _ = decoder.into_stream(&mut out).decode_all(data).status;
    if out.written > cap {
        return Err(Over);
    }
    Ok(out.written)
}

/// Refuse a page whose chain of parents loops or runs deeper than
/// [`MAX_FORM_DEPTH`]: the extractor climbs it by recursion for inherited
/// resources and page sizes.
fn check_page_parents(doc: &Document) -> Result<(), FormatError> {
    for page in doc.get_pages().values() {
        let mut at = *page;
        for _ in 0..=MAX_FORM_DEPTH {
            let parent = doc
                .get_dictionary(at)
                .ok()
                .and_then(|d| d.get(b"Parent").ok())
                .and_then(|p| p.as_reference().ok());
            match parent {
                Some(p) => at = p,
                None => break,
            }
        }
        if doc
            .get_dictionary(at)
            .is_ok_and(|d| d.get(b"Parent").is_ok_and(|p| p.as_reference().is_ok()))
        {
            return Err(corrupt("a page tree whose parents loop"));
        }
    }
    Ok(())
}

/// Refuse drawings (XObjects) that draw themselves, directly or through
/// others, or nest deeper than [`MAX_FORM_DEPTH`]: the extractor follows
/// them by recursion, whatever their subtype says.
fn check_forms(doc: &Document) -> Result<(), FormatError> {
    let mut edges: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let mut targets = Vec::new();
        let resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok());
        if let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| doc.dereference(x).ok())
            .and_then(|(_, x)| x.as_dict().ok())
        {
            for (_, target) in xobjects.iter() {
                if let Ok(t) = target.as_reference() {
                    targets.push(t);
                }
            }
        }
        edges.insert(*id, targets);
    }
    // Longest chain from each form, with an explicit stack (0 = unseen,
    // 1 = on the path, 2 = done).
    let mut state: HashMap<ObjectId, u8> = HashMap::new();
    let mut depth: HashMap<ObjectId, usize> = HashMap::new();
    let looping = || corrupt("a drawing that contains itself");
    for start in edges.keys() {
        if state.get(start) == Some(&2) {
            continue;
        }
        let mut stack = vec![(*start, 0usize)];
        state.insert(*start, 1);
        while let Some((node, next)) = stack.pop() {
            let kids = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(kid) = kids.get(next) {
                stack.push((node, next + 1));
                if !edges.contains_key(kid) {
                    continue;
                }
                match state.get(kid).copied().unwrap_or(0) {
                    1 => return Err(looping()),
                    2 => {}
                    _ => {
                        state.insert(*kid, 1);
                        stack.push((*kid, 0));
                    }
                }
            } else {
                let d = 1 + kids
                    .iter()
                    .filter_map(|k| depth.get(k))
                    .max()
                    .copied()
                    .unwrap_or(0);
                if d > MAX_FORM_DEPTH {
                    return Err(FormatError::TooDeep(FORMAT, MAX_FORM_DEPTH));
                }
                depth.insert(node, d);
                state.insert(node, 2);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = e.write_all(data);
        e.finish().unwrap_or_default()
    }

    fn stream_of(filters: &[&str], content: Vec<u8>) -> Stream {
        let mut s = Stream::new(pdf_extract::Dictionary::new(), content);
        let names = filters
            .iter()
            .map(|f| Object::Name(f.as_bytes().to_vec()))
            .collect();
        s.dict.set("Filter", Object::Array(names));
        s
    }

    #[test]
    fn decoded_sizes_are_measured_through_every_filter() {
        let text = b"BT /F1 12 Tf (Hello) Tj ET ".repeat(1000);
        let once = stream_of(&["FlateDecode"], zlib(&text));
        assert_eq!(decoded_size(&once, 1 << 20).ok(), Some(text.len() as u64));
        assert_eq!(once.decompressed_content().ok(), Some(text.clone()));
        // Flate of Flate: the inner stream's size counts.
        let twice = stream_of(&["FlateDecode", "FlateDecode"], zlib(&zlib(&text)));
        assert_eq!(decoded_size(&twice, 1 << 20).ok(), Some(text.len() as u64));
        assert!(decoded_size(&twice, 1000).is_err());
        // Not compressed, or in a filter lopdf does not decode: as stored.
        let dct = stream_of(&["DCTDecode"], vec![0; 10]);
        assert_eq!(decoded_size(&dct, 5).ok(), Some(10));
    }

    #[test]
    fn lzw_is_measured_as_lopdf_decodes_it() {
        let text = b"a repeated line of text\n".repeat(500);
        let mut packed = Vec::new();
        let _ = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .into_stream(&mut packed)
            .encode_all(&text[..])
            .status;
        let s = stream_of(&["LZWDecode"], packed);
        assert_eq!(s.decompressed_content().ok(), Some(text.clone()));
        assert_eq!(decoded_size(&s, 1 << 20).ok(), Some(text.len() as u64));
        assert!(decoded_size(&s, 100).is_err());
    }

    #[test]
    fn encryption_is_told_from_the_trailer() {
        assert!(declares_encryption(b"trailer << /Size 9 /Encrypt 8 0 R >>"));
        assert!(declares_encryption(
            b"<< /Type /XRef /Encrypt\n<< /V 2 >> >>"
        ));
        assert!(!declares_encryption(b"BT (/Encrypt is a key) Tj ET"));
    }
}
