package gov.tawasul.engine.intent;

import gov.tawasul.engine.text.TextNormalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NearMissNumbersTest {

    /** A deployment whose case numbers are a Hijri year, a dash and six digits. */
    static final String STRICT = "(?<![0-9])[0-9]{4}-[0-9]{6}(?![0-9])";

    private final NearMissNumbers strict = new NearMissNumbers(Pattern.compile(STRICT));
    private final NearMissNumbers byDefault = new NearMissNumbers(Pattern.compile(IntentRecognizerTest.DEFAULT_PATTERN));

    private Optional<String> strict(String text) {
        return strict.suggest(TextNormalizer.normalize(text));
    }

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource(delimiter = '|', value = {
            "1446000123|1446-000123|missing separator",
            "حالة ١٤٤٦٠٠٠١٢٣|1446-000123|missing separator, Arabic-Indic digits",
            "1446 000123|1446-000123|a space for the dash",
            "1446.000123|1446-000123|a dot for the dash",
            "1446/000123|1446-000123|a slash the pattern does not take",
            "1446–000123|1446-000123|an en dash",
            "144-6000123|1446-000123|the dash misplaced",
            "1446-0000123|1446-000123|one digit too many: a key pressed twice",
            "14446-000123|1446-000123|one digit too many in the first group",
            "1446-0001234|1446-001234|a doubled zero is the digit too many (the shape decides, not the table)",
            "1446-00123|1446-000123|one digit too few: a zero lost",
            "case 1446-000 123 please|1446-000123|a space inside the second group",
    })
    void suggestsTheOneCloseNumber(String text, String suggestion, String what) {
        assertThat(strict(text)).as(what).contains(suggestion);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // ambiguous: which digit is too many? 1460-000123 or 1446-000123; 1466-000123 or 1446-000123
            "14460000123", "14466-000123",
            // a digit neither doubled nor lost from a run is never guessed
            "1446-1234567", "1446-12345", "146-000123",
            // far from the shape
            "12", "123", "123456789012345678901", "no digits at all",
    })
    void suggestsNothingWhenNotCloseOrAmbiguous(String text) {
        assertThat(strict(text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "1", "1234567890123456", "حالة 12"})
    void theDefaultPatternTakesAlmostAnyDigitsAndSuggestsNothingSilly(String text) {
        assertThat(byDefault.suggest(TextNormalizer.normalize(text))).as(text).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aWorstCaseTextStaysCheap() {
        // tokens of 20 digits full of runs: the most work one message can cause
        String text = "11223344556677889900 and ".repeat(8);
        strict.suggest(text);
        long start = System.nanoTime();
        int rounds = 200;
        for (int i = 0; i < rounds; i++) {
            strict.suggest(text);
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf("near-miss worst case: %.0f µs per message%n", micros);
        assertThat(micros).isLessThan(50_000);
        String ordinary = "حالة 1446000123";
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            strict.suggest(ordinary);
        }
        System.out.printf("near-miss ordinary message: %.0f µs%n", (System.nanoTime() - start) / 1000.0 / rounds);
    }
}
