use super::*;

#[test]
fn ascii_is_borrowed() {
    assert!(matches!(
        code_units(b"{\"a\":1}"),
        Ok(CodeUnits::Latin1(std::borrow::Cow::Borrowed(_)))
    ));
}

#[test]
fn latin1_fits_one_byte() {
    assert_eq!(
        code_units("Zürich é".as_bytes()).unwrap(),
        CodeUnits::Latin1(b"Z\xfcrich \xe9".to_vec().into())
    );
}

#[test]
fn every_kind_of_character_transcodes_like_std() {
    let samples = [
        "a\u{7f}\u{80}\u{ff}",
        "\u{100}\u{7ff}\u{800}\u{ffff}",
        "\u{10000}\u{10ffff} 😀👋🏽 中文",
    ];
    for sample in samples {
        let expected: Vec<u16> = sample.encode_utf16().collect();
        match code_units(sample.as_bytes()).unwrap() {
            CodeUnits::Latin1(units) => assert_eq!(
                units.iter().map(|&u| u as u16).collect::<Vec<_>>(),
                expected
            ),
            CodeUnits::Utf16(units) => assert_eq!(units, expected),
        }
    }
}

#[test]
fn wider_text_is_utf16_with_surrogates() {
    let expected: Vec<u16> = "☀️ 😀".encode_utf16().collect();
    assert_eq!(
        code_units("☀️ 😀".as_bytes()).unwrap(),
        CodeUnits::Utf16(expected)
    );
    assert!(code_units(b"\xff").is_err());
}
