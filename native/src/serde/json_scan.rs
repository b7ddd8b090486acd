//! One pass over checkpoint JSON bytes: validates UTF-8, measures nesting, notices truncation and
//! reports which keys matter for reviving ("lc", "__proto__"), so JavaScript parses only bytes
//! known to be whole and walks the parsed value only when a record can be inside.

/// What one pass over JSON bytes found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScanReport {
    /// Deepest nesting of arrays and objects.
    pub max_depth: u32,
    /// Some object has the key "lc" (spelled in any escape form): a LangChain record may be inside.
    pub has_lc_key: bool,
    /// Some object has the key "__proto__": the reviver must not let it reach a prototype.
    pub has_proto_key: bool,
    /// Some number parses to -0 or to an infinity, which JSON.stringify would not write back
    /// the same (the host re-stringifies LangChain records before load()).
    pub has_lossy_number: bool,
    /// Some object with an "lc" or "__lc_escaped__" key contains another such object. When false,
    /// every LangChain record is a leaf for the reviver: nothing inside it needs reviving first.
    pub nested_records: bool,
}

impl ScanReport {
    /// Whether `scan` with `depth_limit` (0: unbounded) accepts bytes this report describes.
    pub fn within_depth(&self, depth_limit: u32) -> bool {
        depth_limit == 0 || self.max_depth <= depth_limit
    }
}

/// What `scan` found in bytes stored as one part of documents joined later (a channel value, an
/// array element): enough to give the joined document's report without scanning the part again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartScan {
    pub report: ScanReport,
    /// Some object in the part has an "lc" or "__lc_escaped__" key.
    pub holds_record: bool,
    /// Some object in the part has an "lc" key whose value is a string. A document none of whose
    /// parts has one may carry message records in a compact form that does (`message_record`).
    pub string_lc: bool,
}

impl PartScan {
    /// An array or object added around parts, not a record, with nothing in it yet.
    pub fn container() -> PartScan {
        PartScan {
            report: ScanReport {
                max_depth: 1,
                ..ScanReport::default()
            },
            holds_record: false,
            string_lc: false,
        }
    }

    /// Adds `part`, placed `offset` levels deep in this one, where no array or object enclosing
    /// it is a record (the caller's to ensure): what `scan` of the joined bytes would find.
    pub fn include(&mut self, part: &PartScan, offset: u32) {
        // A scalar part nests nothing; the arrays and objects holding it are counted by this one.
        if part.report.max_depth > 0 {
            self.report.max_depth = self.report.max_depth.max(part.report.max_depth + offset);
        }
        self.report.has_lc_key |= part.report.has_lc_key;
        self.report.has_proto_key |= part.report.has_proto_key;
        self.report.has_lossy_number |= part.report.has_lossy_number;
        // Outside records, records in the part nest only within the part.
        self.report.nested_records |= part.report.nested_records;
        self.holds_record |= part.holds_record;
        self.string_lc |= part.string_lc;
    }
}

/// Why bytes cannot be a checkpoint, phrased for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    InvalidUtf8 { offset: usize, detail: String },
    UnterminatedString { offset: usize },
    Unbalanced { offset: usize, found: char },
    Unclosed { open: u32 },
    TooDeep { limit: u32, offset: usize },
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::InvalidUtf8 { offset, detail } => {
                write!(f, "checkpoint bytes are not valid UTF-8 at byte {offset} ({detail})")
            }
            ScanError::UnterminatedString { offset } => write!(
                f,
                "checkpoint JSON is truncated: the string starting at byte {offset} never ends"
            ),
            ScanError::Unbalanced { offset, found } => {
                write!(f, "checkpoint JSON is malformed: unexpected '{found}' at byte {offset}")
            }
            ScanError::Unclosed { open } => write!(
                f,
                "checkpoint JSON is truncated: {open} array(s)/object(s) are never closed"
            ),
            ScanError::TooDeep { limit, offset } => write!(
                f,
                "checkpoint JSON nests deeper than {limit} levels (at byte {offset}); refusing to parse it"
            ),
        }
    }
}

/// Scans `data`; `depth_limit` of 0 means unbounded.
pub fn scan(data: &[u8], depth_limit: u32) -> Result<ScanReport, ScanError> {
    scan_with_records(data, depth_limit).map(|found| found.part.report)
}

/// Scans a part once, as it is stored. `None` when it fails the scan, or has an "lc" or
/// "__lc_escaped__" key outside its own objects: not one JSON value, so what that key marks
/// depends on where the part is placed.
pub fn scan_part(data: &[u8]) -> Option<PartScan> {
    let found = scan_with_records(data, 0).ok()?;
    (!found.record_key_outside_objects).then_some(found.part)
}

/// What the one pass behind `scan` and `scan_part` found.
struct Found {
    part: PartScan,
    /// A record key with no object of `data` open: it would mark whatever holds `data`.
    record_key_outside_objects: bool,
}

fn scan_with_records(data: &[u8], depth_limit: u32) -> Result<Found, ScanError> {
    if let Err(e) = std::str::from_utf8(data) {
        let offset = e.valid_up_to();
        let detail = match e.error_len() {
            Some(_) => "invalid byte sequence".to_string(),
            None => "the bytes end in the middle of a character (truncated?)".to_string(),
        };
        return Err(ScanError::InvalidUtf8 { offset, detail });
    }
    let mut report = ScanReport::default();
    let mut holds_record = false;
    let mut string_lc = false;
    let mut record_key_outside_objects = false;
    // Open brackets, to tell a mismatched closer from a truncated document, with record marks.
    let mut stack: Vec<Frame> = Vec::new();
    // The last string token, so that a following ':' marks it as a key.
    let mut last_string: Option<(usize, usize)> = None;
    let mut i = 0;
    let len = data.len();
    while i < len {
        let b = data[i];
        match b {
            b'"' => {
                let start = i + 1;
                let Some(end) = string_end(data, start) else {
                    return Err(ScanError::UnterminatedString { offset: i });
                };
                last_string = Some((start, end));
                i = end + 1;
                continue;
            }
            b':' => {
                if let Some((start, end)) = last_string.take() {
                    match marker_of(&data[start..end]) {
                        Some(Marker::Lc) => {
                            report.has_lc_key = true;
                            string_lc |= value_is_string(data, i + 1);
                            record_key_outside_objects |= !mark_record(&mut stack);
                        }
                        Some(Marker::Escaped) => {
                            record_key_outside_objects |= !mark_record(&mut stack)
                        }
                        Some(Marker::Proto) => report.has_proto_key = true,
                        None => {}
                    }
                }
            }
            b'[' | b'{' => {
                stack.push(Frame {
                    opener: b,
                    is_record: false,
                    holds_record: false,
                });
                let depth = stack.len() as u32;
                if depth_limit != 0 && depth > depth_limit {
                    return Err(ScanError::TooDeep {
                        limit: depth_limit,
                        offset: i,
                    });
                }
                report.max_depth = report.max_depth.max(depth);
                last_string = None;
            }
            b']' | b'}' => {
                let opener = if b == b']' { b'[' } else { b'{' };
                let frame = match stack.pop() {
                    Some(frame) if frame.opener == opener => frame,
                    _ => {
                        return Err(ScanError::Unbalanced {
                            offset: i,
                            found: b as char,
                        })
                    }
                };
                if frame.is_record && frame.holds_record {
                    report.nested_records = true;
                }
                match stack.last_mut() {
                    Some(parent) => parent.holds_record |= frame.is_record || frame.holds_record,
                    None => holds_record |= frame.is_record || frame.holds_record,
                }
                last_string = None;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'-' | b'0'..=b'9' => {
                let end = number_end(data, i);
                if is_lossy_number(&data[i..end]) {
                    report.has_lossy_number = true;
                }
                last_string = None;
                i = end;
                continue;
            }
            _ => last_string = None,
        }
        i += 1;
    }
    if !stack.is_empty() {
        return Err(ScanError::Unclosed {
            open: stack.len() as u32,
        });
    }
    Ok(Found {
        part: PartScan {
            report,
            holds_record,
            string_lc,
        },
        record_key_outside_objects,
    })
}

/// One open array or object.
struct Frame {
    opener: u8,
    /// This object has an "lc" or "__lc_escaped__" key.
    is_record: bool,
    /// Some object below this one has such a key.
    holds_record: bool,
}

/// Marks the innermost open array or object as a record; false when none is open.
fn mark_record(stack: &mut [Frame]) -> bool {
    match stack.last_mut() {
        Some(frame) => {
            frame.is_record = true;
            true
        }
        None => false,
    }
}

/// Keys that matter to the reviver.
enum Marker {
    Lc,
    Escaped,
    Proto,
}

/// Whether an object key (decoded) is one `scan` looks for.
pub fn is_marker_key(key: &str) -> bool {
    decoded_marker(key.as_bytes()).is_some()
}

fn decoded_marker(key: &[u8]) -> Option<Marker> {
    match key {
        b"lc" => Some(Marker::Lc),
        b"__lc_escaped__" => Some(Marker::Escaped),
        b"__proto__" => Some(Marker::Proto),
        _ => None,
    }
}

/// Which marker a raw key is, if any; escapes are decoded only when present.
fn marker_of(raw: &[u8]) -> Option<Marker> {
    // The shortest escaped spelling of a marker ("\u006cc" for "lc") is 7 bytes.
    if raw.len() < 7 || !raw.contains(&b'\\') {
        return decoded_marker(raw);
    }
    if key_equals(raw, b"lc") {
        Some(Marker::Lc)
    } else if key_equals(raw, b"__lc_escaped__") {
        Some(Marker::Escaped)
    } else if key_equals(raw, b"__proto__") {
        Some(Marker::Proto)
    } else {
        None
    }
}

/// Whether the value starting at or after `at` (past whitespace) is a string.
fn value_is_string(data: &[u8], at: usize) -> bool {
    data[at..]
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        == Some(&b'"')
}

/// Index just past a number token starting at `start`.
fn number_end(data: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < data.len() && matches!(data[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
        i += 1;
    }
    i
}

/// -0 (also as -0.0 or an underflowing -1e-400) and overflowing numbers: JSON.parse gives values
/// that JSON.stringify writes differently ("0", "null").
fn is_lossy_number(token: &[u8]) -> bool {
    let negative = token.first() == Some(&b'-');
    let has_exponent = token.iter().any(|&b| b == b'e' || b == b'E');
    if !negative && !has_exponent && token.len() < 300 {
        return false;
    }
    match std::str::from_utf8(token)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
    {
        Some(value) => !value.is_finite() || (negative && value == 0.0),
        None => false,
    }
}

/// Index of the closing quote of a string whose content starts at `start` (SIMD search:
/// most checkpoint bytes are inside strings).
pub(crate) fn string_end(data: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while i < data.len() {
        i += memchr::memchr2(b'"', b'\\', &data[i..])?;
        if data[i] == b'"' {
            return Some(i);
        }
        i += 2;
    }
    None
}

/// Compares a raw JSON string body with an ASCII key, decoding escapes only when present.
fn key_equals(raw: &[u8], key: &[u8]) -> bool {
    if !raw.contains(&b'\\') {
        return raw == key;
    }
    // An escaped spelling is at most 6 bytes per character.
    if raw.len() > key.len() * 6 {
        return false;
    }
    let mut decoded = Vec::with_capacity(key.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != b'\\' {
            decoded.push(raw[i]);
            i += 1;
            continue;
        }
        match raw.get(i + 1) {
            Some(b'u') => {
                let hex = match raw
                    .get(i + 2..i + 6)
                    .and_then(|h| std::str::from_utf8(h).ok())
                {
                    Some(h) => h,
                    None => return false,
                };
                match u32::from_str_radix(hex, 16) {
                    Ok(code) if code < 0x80 => decoded.push(code as u8),
                    _ => return false,
                }
                i += 6;
            }
            Some(&c) => {
                decoded.push(match c {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    other => other,
                });
                i += 2;
            }
            None => return false,
        }
    }
    decoded == key
}

#[cfg(test)]
#[path = "json_scan_tests.rs"]
mod tests;
