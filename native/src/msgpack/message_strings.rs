//! The fixed string table of message records (ext type 33): the class names, field names and type
//! strings that recur in every LangChain message. Inside a message record a map key from this
//! table is written as its number (a one-byte positive fixint) and another string from it as a
//! string reference (ext 32) to that number; the message's own repeated strings are numbered after
//! it. Stored blobs depend on these numbers: the table is append-only (a test pins it), never
//! reordered, and a new entry needs a reader that knows it.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Ext type of our message records, after the blob-wide string references (32).
pub const EXT_MESSAGE: i8 = 33;

/// Append only. The first 13 are the message classes a record may name, in `MESSAGE_CLASSES` order.
pub const MESSAGE_STRINGS: &[&str] = &[
    "HumanMessage",
    "HumanMessageChunk",
    "AIMessage",
    "AIMessageChunk",
    "ToolMessage",
    "ToolMessageChunk",
    "SystemMessage",
    "SystemMessageChunk",
    "ChatMessage",
    "ChatMessageChunk",
    "FunctionMessage",
    "FunctionMessageChunk",
    "RemoveMessage",
    "content",
    "id",
    "name",
    "type",
    "additional_kwargs",
    "response_metadata",
    "tool_calls",
    "invalid_tool_calls",
    "tool_call_chunks",
    "usage_metadata",
    "tool_call_id",
    "artifact",
    "status",
    "role",
    "args",
    "error",
    "index",
    "text",
    "image_url",
    "url",
    "input_tokens",
    "output_tokens",
    "total_tokens",
    "input_token_details",
    "output_token_details",
    "cache_read",
    "cache_creation",
    "audio",
    "reasoning",
    "model_name",
    "model_provider",
    "finish_reason",
    "system_fingerprint",
    "logprobs",
    "function_call",
    "arguments",
    "refusal",
    "token_usage",
    "prompt_tokens",
    "completion_tokens",
    "stop_reason",
    "tool_call",
    "invalid_tool_call",
    "tool_call_chunk",
    "success",
    "stop",
    "tool_use",
    "end_turn",
];

/// Keys are written as positive fixints: the table stays below 128 entries.
const _: () = assert!(MESSAGE_STRINGS.len() <= 128);

/// The number of `text` in the table.
pub fn message_string_index(text: &str) -> Option<u8> {
    static INDEX: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            MESSAGE_STRINGS
                .iter()
                .enumerate()
                .map(|(i, s)| (*s, i as u8))
                .collect()
        })
        .get(text)
        .copied()
}
