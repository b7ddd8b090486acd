//! Checkpoint bytes: validation and scanning done in one pass over the UTF-8, so that JavaScript
//! only parses what is known to be well formed. (Filled in by the serializer work.)

use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

use crate::error::invalid_input;

/// What one pass over JSON bytes found.
#[napi(object)]
pub struct JsonScan {
    /// Deepest nesting of arrays and objects.
    pub max_depth: u32,
}

/// Validates UTF-8 and measures nesting depth of JSON text without parsing it.
#[napi]
pub fn scan_json(bytes: Uint8Array) -> napi::Result<JsonScan> {
    let data: &[u8] = &bytes;
    std::str::from_utf8(data).map_err(|e| invalid_input(format!("checkpoint bytes are not valid UTF-8: {e}")))?;
    let mut depth: u32 = 0;
    let mut max_depth: u32 = 0;
    let mut in_string = false;
    let mut escaped = false;
    for &b in data {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(JsonScan { max_depth })
}
