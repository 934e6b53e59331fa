package gov.tawasul.channels.twilio;

import gov.tawasul.engine.text.BidiIsolates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Field case F11 and the GSM-7 rules. */
class SmsSegmentsTest {

    @Test
    void f11_arabicIsUcs2_70InOne_67PerPartOnceSplit() {
        assertThat(SmsSegments.count("ت".repeat(70))).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.UCS2, 70, 1));
        assertThat(SmsSegments.count("ت".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("ت".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("ت".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void f11_emojiIsTwoUtf16Units() {
        assertThat(SmsSegments.count("😎".repeat(35))).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.UCS2, 70, 1));
        assertThat(SmsSegments.count("😎".repeat(70)).segments()).isEqualTo(3);
        // 36 emoji = 72 units: two parts, an emoji is never split
        assertThat(SmsSegments.count("😎".repeat(36)).segments()).isEqualTo(2);
    }

    @Test
    void gsm7_160InOne_153PerPart_extensionCountsTwo() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.GSM7, 160, 1));
        assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.GSM7, 160, 1));
        assertThat(SmsSegments.count("€".repeat(81)).segments()).isEqualTo(2);
        // 152 plain + one extension char: 154 septets, the escape pair moves to part 2
        assertThat(SmsSegments.count("a".repeat(152) + "{" + "a".repeat(10)).segments()).isEqualTo(2);
    }

    @Test
    void oneNonGsmCharacterSwitchesTheWholeTextToUcs2() {
        assertThat(SmsSegments.count("Case 1446-000123: Under review")).extracting(SmsSegments.Count::encoding)
                .isEqualTo(SmsSegments.Encoding.GSM7);
        SmsSegments.Count mixed = SmsSegments.count("a".repeat(100) + "ت");
        assertThat(mixed.encoding()).isEqualTo(SmsSegments.Encoding.UCS2);
        assertThat(mixed.segments()).isEqualTo(2);
        assertThat(SmsSegments.count("").segments()).isZero();
    }

    @Test
    void bidiIsolatesOfAnArabicReplyAreOneUcs2UnitEachAndSurviveFolding() {
        // the Arabic replies wrap case numbers in LRI U+2066 … PDI U+2069 (BidiIsolates): two more UCS-2 units
        String isolated = BidiIsolates.isolateLatinValues("ت".repeat(58) + " 1446-000123");
        assertThat(isolated).hasSize(72).contains("\u20661446-000123\u2069");
        assertThat(Gsm7Folding.fold(isolated)).isEqualTo(isolated);
        assertThat(SmsSegments.count(isolated)).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.UCS2, 72, 2));
        String fits = BidiIsolates.isolateLatinValues("ت".repeat(56) + " 1446-000123");
        assertThat(SmsSegments.count(fits)).isEqualTo(new SmsSegments.Count(SmsSegments.Encoding.UCS2, 70, 1));
    }
}
