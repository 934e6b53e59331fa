package gov.tawasul.engine.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    @Test
    void arabicIndicDigitsBecomeAscii() {
        assertThat(TextNormalizer.normalize("حالة القضية ٢٠٢٤/١٢٣٤٥")).isEqualTo("حالة القضية 2024/12345");
    }

    @Test
    void mixedPersianAndArabicIndicDigits() {
        // F12: U+06F1 U+06F2 (Persian) then U+0663 U+0664 U+0665 (Arabic-Indic)
        assertThat(TextNormalizer.normalize("\u06F1\u06F2\u0663\u0664\u0665")).isEqualTo("12345");
    }

    @Test
    void fullWidthDigitsBecomeAscii() {
        assertThat(TextNormalizer.normalize("ＩＤ １２３４５")).isEqualTo("ID 12345");
    }

    @Test
    void bidiControlsAndTatweelAreRemoved() {
        String marked = "\u200Fرقم\u200E \u202B١٤٤٦\u202C-\u2066٠٠٠١٢٣\u2069 \u061Cالقضـــية";
        assertThat(TextNormalizer.normalize(marked)).isEqualTo("رقم 1446-000123 القضية");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "'\u0667\u0667\u0660\u200C\u0663\u0663\u0661\u0665' | '7703315'     | ZWNJ U+200C inside Arabic-Indic digits",
            "'1446\u200D-000123'                    | '1446-000123'             | ZWJ U+200D",
            "'\uFEFF4512873'                        | '4512873'                 | BOM / ZWNBSP U+FEFF in front",
            "'45\u206012873'                        | '4512873'                 | word joiner U+2060",
            "'12\u200B345'                          | '12345'                   | zero-width space U+200B (Cf)",
            "'12\u00AD345'                          | '12345'                   | soft hyphen U+00AD (Cf)",
            "'\u061C\u0661\u0662\u0663'             | '123'                     | Arabic letter mark U+061C",
            "'\u202B\u0661\u0664\u0664\u0666\u202C' | '1446'                    | RLE U+202B and PDF U+202C",
            "'\u2067\u0660\u0660\u0661\u2069'       | '001'                     | RLI U+2067 and PDI U+2069",
            "'4512873\uFE0F'                        | '4512873'                 | emoji variation selector VS16 U+FE0F",
            "'\u0661\u0662\u0663\uFE00\u0664\u0665' | '12345'                   | variation selector VS1 U+FE00",
            "'123\uDB40\uDD00'                      | '123'                     | variation selector VS17 U+E0100 (supplementary)",
            "'12\uDB40\uDC413'                      | '123'                     | tag character U+E0041 (Cf, supplementary)",
            "'\u0631\u064E\u0642\u0645'             | '\u0631\u064E\u0642\u0645' | fatha U+064E, a combining mark that is no variation selector, stays",
            "'\uD83D\uDC68\u200D\uD83D\uDC69'       | '\uD83D\uDC68\uD83D\uDC69' | ZWJ between emoji is removed too",
    })
    void formatCharactersAndVariationSelectorsAreRemoved(String raw, String expected, String what) {
        assertThat(TextNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void nfkcFoldsCompatibilityForms() {
        // U+FEFB (lam-alef isolated presentation form) decomposes under NFKC to lam + alef
        assertThat(TextNormalizer.normalize("\uFEFB")).isEqualTo("\u0644\u0627");
    }

    @Test
    void nullAndEmpty() {
        assertThat(TextNormalizer.normalize(null)).isEmpty();
        assertThat(TextNormalizer.normalize("")).isEmpty();
    }

    @Test
    void scriptDetection() {
        assertThat(TextNormalizer.hasArabicLetter("status ١٢٣")).isFalse();
        assertThat(TextNormalizer.hasArabicLetter("حالة 123")).isTrue();
        assertThat(TextNormalizer.hasLatinLetter("حالة 123")).isFalse();
        assertThat(TextNormalizer.hasLatinLetter("status 123")).isTrue();
        assertThat(TextNormalizer.hasLatinLetter("123-456")).isFalse();
    }
}
