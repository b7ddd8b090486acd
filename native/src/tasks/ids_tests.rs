use super::*;

#[test]
fn uuid5_matches_the_rfc_example() {
    // uuid5(DNS, "python.org") from Python's uuid documentation.
    let dns = parse_namespace("6ba7b810-9dad-11d1-80b4-00c04fd430c8").unwrap();
    assert_eq!(
        format_uuid(&uuid5_bytes(b"python.org", &dns)),
        "886313e1-3b8a-5372-9b90-0c9aee199e5d"
    );
}

#[test]
fn namespace_must_have_32_hex_digits() {
    assert!(parse_namespace("not-a-uuid").is_none());
    assert!(parse_namespace("6ba7b8109dad11d180b400c04fd430c8").is_some());
    assert!(parse_namespace("zz a7b8109dad11d180b400c04fd430c8").is_none());
}

#[test]
fn xxh3_of_empty_input() {
    assert_eq!(xxh3_hex(String::new()).len(), 32);
}

#[test]
fn xxh3_short_input_with_a_high_middle_byte_follows_the_host() {
    // Values computed by @langchain/langgraph 1.7.3's XXH3 ("é" is c3 a9).
    assert_eq!(
        xxh3_hex("é".to_string()),
        "90326970ab18793aa7b06cf27bb3138d"
    );
    assert_eq!(
        xxh3_hex("a".to_string()),
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(b"a"))
    );
}

#[test]
fn xxh3_9_to_16_bytes_is_the_reference_unless_the_low_add_carries() {
    for len in 9..=16 {
        let data: Vec<u8> = (0..len as u8)
            .map(|i| i.wrapping_mul(31).wrapping_add(7))
            .collect();
        let ours = xxh3_9to16_as_host(&data);
        let reference = xxhash_rust::xxh3::xxh3_128(&data);
        let bitflip = read64(&SECRET, 32) ^ read64(&SECRET, 40);
        let low = ((read64(&data, 0) ^ read64(&data, len - 8) ^ bitflip) as u128
            * PRIME64_1 as u128)
            & MASK64;
        if low + (((len - 1) as u128) << 54) <= MASK64 {
            assert_eq!(ours, reference, "{len} bytes");
        }
    }
}
