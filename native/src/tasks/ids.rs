//! Task ids and cache keys, byte-identical to the host's JavaScript: UUIDv5 (SHA-1, as
//! `@langchain/langgraph-checkpoint`'s `uuid5`) and XXH3-128 as 32 hex digits (as
//! `@langchain/langgraph`'s `XXH3`). Strings arrive as UTF-8, as the host encodes them.

use napi_derive::napi;

use crate::error::invalid_input;

/// Parses a UUID written as 32 hex digits, dashes anywhere ignored (as the host strips them).
fn parse_namespace(namespace: &str) -> Option<[u8; 16]> {
    let digits: Vec<u8> = namespace.bytes().filter(|&b| b != b'-').collect();
    if digits.len() != 32 {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (i, pair) in digits.chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        bytes[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(bytes)
}

/// UUIDv5 of `name` in `namespace`: SHA-1 over namespace bytes then name bytes, version 5, RFC variant.
pub fn uuid5_bytes(name: &[u8], namespace: &[u8; 16]) -> [u8; 16] {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(namespace);
    hasher.update(name);
    let digest = hasher.digest().bytes();
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    out[6] = (out[6] & 0x0f) | 0x50;
    out[8] = (out[8] & 0x3f) | 0x80;
    out
}

fn format_uuid(bytes: &[u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(HEX[(byte >> 4) as usize] as char);
        text.push(HEX[(byte & 0x0f) as usize] as char);
    }
    text
}

/// The host's `uuid5(name, namespace)` for a well-formed namespace.
#[napi]
pub fn uuid5(name: String, namespace: String) -> napi::Result<String> {
    let ns = parse_namespace(&namespace)
        .ok_or_else(|| invalid_input(format!("not a UUID namespace: {namespace:?}")))?;
    Ok(format_uuid(&uuid5_bytes(name.as_bytes(), &ns)))
}

/// XXH3-128 (seed 0) exactly as the host's JavaScript computes it, which differs from the
/// reference XXH3 in two short-input branches (see below); every other input is the reference.
pub fn xxh3_128_as_host(data: &[u8]) -> u128 {
    match data.len() {
        1..=3 if data[data.len() >> 1] >= 0x80 => xxh3_1to3_as_host(data),
        9..=16 => xxh3_9to16_as_host(data),
        _ => xxhash_rust::xxh3::xxh3_128(data),
    }
}

/// The XXH3 default secret (the crate keeps its copy private); the short branches read 0..64.
const SECRET: [u8; 64] = [
    0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
    0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
    0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
    0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
];
const PRIME32_2: u64 = 0x85EB_CA77;
const PRIME64_1: u64 = 0x9E37_79B1_85EB_CA87;
const PRIME64_2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const PRIME_MX1: u64 = 0x1656_6791_9E37_79F9;
const MASK64: u128 = u64::MAX as u128;

fn read64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
}

fn read32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

/// 9-16 bytes: the host adds `(len - 1) << 54` to the low 64 bits without wrapping and ORs the
/// result back, so a carry lands in bit 64 (the reference drops it).
fn xxh3_9to16_as_host(data: &[u8]) -> u128 {
    let len = data.len();
    let bitflip_low = read64(&SECRET, 32) ^ read64(&SECRET, 40);
    let bitflip_high = read64(&SECRET, 48) ^ read64(&SECRET, 56);
    let mut ll2 = read64(data, len - 8);
    let mut m128 = (read64(data, 0) ^ ll2 ^ bitflip_low) as u128 * PRIME64_1 as u128;
    let m128_low = (m128 & MASK64) + (((len - 1) as u128) << 54);
    m128 = (m128 & !MASK64) | m128_low;
    ll2 ^= bitflip_high;
    let high_add = (ll2 as u128) + (ll2 & 0xFFFF_FFFF) as u128 * (PRIME32_2 - 1) as u128;
    m128 = m128.wrapping_add(high_add << 64);
    m128 ^= ((m128 >> 64) as u64).swap_bytes() as u128;
    let mut h128 = (m128 & MASK64) * PRIME64_2 as u128;
    h128 = h128.wrapping_add((((m128 >> 64) * PRIME64_2 as u128) & MASK64) << 64);
    let low = xxh3_avalanche((h128 & MASK64) as u64);
    let high = xxh3_avalanche((h128 >> 64) as u64);
    ((high as u128) << 64) | low as u128
}

fn xxh3_avalanche(mut h: u64) -> u64 {
    h ^= h >> 37;
    h = h.wrapping_mul(PRIME_MX1);
    h ^ (h >> 32)
}

/// 1-3 bytes: the host builds the "combined" word with `byte << 24` in 32-bit signed arithmetic,
/// so a middle byte of 0x80 or more sign-extends it and changes the low 64 bits.
fn xxh3_1to3_as_host(data: &[u8]) -> u128 {
    let reference = xxhash_rust::xxh3::xxh3_128(data);
    let len = data.len();
    let combined = (data[len - 1] as u32)
        | ((len as u32) << 8)
        | ((data[0] as u32) << 16)
        | ((data[len >> 1] as u32) << 24);
    let bitflip = read32(&SECRET, 0) ^ read32(&SECRET, 4);
    let sign_extended = combined as i32 as i64 as u64;
    let low = xxh64_avalanche(sign_extended ^ bitflip as u64);
    (reference & !(u64::MAX as u128)) | low as u128
}

fn xxh64_avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^= h >> 29;
    h = h.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 32)
}

/// The host's `XXH3(text)` (seed 0) of the UTF-8 bytes, as 32 lowercase hex digits.
#[napi(js_name = "xxh3")]
pub fn xxh3_hex(text: String) -> String {
    format!("{:032x}", xxh3_128_as_host(text.as_bytes()))
}

#[cfg(test)]
#[path = "ids_tests.rs"]
mod tests;
