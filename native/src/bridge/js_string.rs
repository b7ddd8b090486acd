//! UTF-8 bytes to the cheapest JavaScript string V8 can parse: one-byte (Latin-1) when every
//! character fits, which also skips V8's UTF-8 decoder; UTF-16 otherwise.

use napi::{Env, JsString};

use crate::error::invalid_input;

/// Valid UTF-8 as a JavaScript string, one-byte when every character allows.
pub fn js_text<'env>(env: &'env Env, bytes: &[u8]) -> napi::Result<JsString<'env>> {
    match code_units(bytes).map_err(|e| {
        invalid_input(format!(
            "bytes are not valid UTF-8 at byte {}",
            e.valid_up_to()
        ))
    })? {
        CodeUnits::Latin1(units) => env.create_string_latin1(units.as_ref()),
        CodeUnits::Utf16(units) => env.create_string_utf16(units),
    }
}

/// The code units of a string, in the narrowest form that holds it.
#[derive(Debug, PartialEq, Eq)]
pub enum CodeUnits<'a> {
    /// Every character is below U+0100; borrowed when the text is pure ASCII.
    Latin1(std::borrow::Cow<'a, [u8]>),
    Utf16(Vec<u16>),
}

/// Transcodes valid UTF-8 (checked here) into code units.
pub fn code_units(data: &[u8]) -> Result<CodeUnits<'_>, std::str::Utf8Error> {
    if data.is_ascii() {
        return Ok(CodeUnits::Latin1(std::borrow::Cow::Borrowed(data)));
    }
    std::str::from_utf8(data)?;
    // Lead bytes 0xC2/0xC3 start the only two-byte sequences below U+0100.
    let latin1 = data.iter().all(|&b| b < 0xC4);
    if latin1 {
        let mut out = Vec::with_capacity(data.len());
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if b < 0x80 {
                out.push(b);
                i += 1;
            } else {
                out.push(((b & 0x1F) << 6) | (data[i + 1] & 0x3F));
                i += 2;
            }
        }
        return Ok(CodeUnits::Latin1(std::borrow::Cow::Owned(out)));
    }
    Ok(CodeUnits::Utf16(utf16_of_valid_utf8(data)))
}

/// UTF-16 of bytes already checked to be UTF-8; a byte loop beats `chars().encode_utf16()`.
fn utf16_of_valid_utf8(data: &[u8]) -> Vec<u16> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    let len = data.len();
    while i < len {
        let b = data[i] as u32;
        if b < 0x80 {
            out.push(b as u16);
            i += 1;
        } else if b < 0xE0 {
            out.push((((b & 0x1F) << 6) | (data[i + 1] as u32 & 0x3F)) as u16);
            i += 2;
        } else if b < 0xF0 {
            out.push(
                (((b & 0x0F) << 12)
                    | ((data[i + 1] as u32 & 0x3F) << 6)
                    | (data[i + 2] as u32 & 0x3F)) as u16,
            );
            i += 3;
        } else {
            let c = ((b & 0x07) << 18)
                | ((data[i + 1] as u32 & 0x3F) << 12)
                | ((data[i + 2] as u32 & 0x3F) << 6)
                | (data[i + 3] as u32 & 0x3F);
            let c = c - 0x10000;
            out.push((0xD800 + (c >> 10)) as u16);
            out.push((0xDC00 + (c & 0x3FF)) as u16);
            i += 4;
        }
    }
    out
}

#[cfg(test)]
#[path = "js_string_tests.rs"]
mod tests;
