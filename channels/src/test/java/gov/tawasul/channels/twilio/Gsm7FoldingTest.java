package gov.tawasul.channels.twilio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Gsm7FoldingTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // input                         | folded                  | what
            "'It\u2019s under review'        | 'It''s under review'    | right single quotation mark U+2019",
            "'\u2018Sent\u2019'              | '''Sent'''              | left and right single quotation marks",
            "'\u201CUnder review\u201D'      | '\"Under review\"'      | left and right double quotation marks",
            "'\u00ABdone\u00BB'              | '\"done\"'              | guillemets U+00AB U+00BB",
            "'\u201Elow\u201F'               | '\"low\"'               | U+201E U+201F",
            "'5\u2032 6\u2033'               | '5'' 6\"'               | prime and double prime",
            "'a`b\u00B4c'                    | 'a''b''c'               | grave accent U+0060 and acute accent U+00B4",
            "'1446\u2013000123'              | '1446-000123'           | en dash U+2013",
            "'Next step \u2014 visit'        | 'Next step - visit'     | em dash U+2014",
            "'a\u2010b\u2011c\u2212d'        | 'a-b-c-d'               | hyphen, non-breaking hyphen, minus sign",
            "'Please wait\u2026'             | 'Please wait...'        | horizontal ellipsis U+2026 becomes three dots",
            "'Case\u00A01446'                | 'Case 1446'             | no-break space U+00A0",
            "'10\u202F000 and 1\u2009000'    | '10 000 and 1 000'      | narrow no-break space U+202F and thin space U+2009",
            "'soft\u00ADhyphen\u200B'        | 'softhyphen'            | invisible soft hyphen and zero-width space are dropped",
            "'\uFEFFCase'                    | 'Case'                  | zero-width no-break space U+FEFF is dropped",
            "'caf\u00E9 \u00FC\u00E8'        | 'caf\u00E9 \u00FC\u00E8' | GSM-7 letters stay",
            "'na\u00EFve \u0142'             | 'na\u00EFve \u0142'     | letters without a GSM-7 form stay (no transliteration)",
            "'\u062D\u0627\u0644\u0629'      | '\u062D\u0627\u0644\u0629' | Arabic stays",
            "'ok \uD83D\uDC4D'               | 'ok \uD83D\uDC4D'       | emoji stays",
            "'plain ASCII 1446-000123'       | 'plain ASCII 1446-000123' | nothing to fold",
    })
    void foldsTypographicCharactersToTheirGsm7Equivalent(String input, String folded, String what) {
        assertThat(Gsm7Folding.fold(input)).isEqualTo(folded);
    }

    @Test
    void everyReplacementIsGsm7() {
        for (int cp = 0; cp <= 0xFFFF; cp++) {
            String plain = Gsm7Folding.plain(cp);
            if (plain != null) {
                assertThat(SmsSegments.isGsm7(plain)).as("replacement of U+%04X", cp).isTrue();
                assertThat(SmsSegments.isGsm7(new String(Character.toChars(cp)))).as("U+%04X is not GSM-7", cp).isFalse();
            }
        }
    }

    @Test
    void aTextWithoutFoldableCharactersIsReturnedAsItIs() {
        String text = "Case 1446-000123: Under review";
        assertThat(Gsm7Folding.fold(text)).isSameAs(text);
    }
}
