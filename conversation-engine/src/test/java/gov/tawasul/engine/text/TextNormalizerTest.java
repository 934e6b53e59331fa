package gov.tawasul.engine.text;

import org.junit.jupiter.api.Test;

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
