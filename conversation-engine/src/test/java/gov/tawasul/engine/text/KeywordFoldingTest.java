package gov.tawasul.engine.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordFoldingTest {

    @ParameterizedTest
    @ValueSource(strings = {"مساعده", "مساعدة", "مُساعدة", "مساااعدة", "مسـاعدة", "مُسَاعَدَةٌ", "مسسساعدهه"})
    void oneWordHowEverCitizensWriteIt(String spelling) {
        assertThat(KeywordFolding.fold(TextNormalizer.normalize(spelling))).isEqualTo("مساعده");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "أكلم|اكلم|hamza above alef",
            "إلغاء|الغاء|hamza below alef",
            "آخر|اخر|madda",
            "ٱلسلام|السلام|wasla",
            "ابغى|ابغي|alef maqsura",
            "مؤتمر|موتمر|waw with hamza",
            "مدرسة|مدرسه|teh marbuta",
            "هيئة|هيه|yeh with hamza (then the run of yeh collapses)",
            "مؤسسة|موسه|a doubled letter collapses too (comparison only)",
            "شكراً|شكرا|tanween fath",
            "موظّف|موظف|shadda",
            "ی|ي|Persian yeh",
            "کلم|كلم|Persian kaf",
            "HELP|help|lower case",
            "heeelp|help|repeated Latin letters",
            "hello|helo|double letters fold on both sides",
    })
    void folds(String text, String folded, String what) {
        assertThat(KeywordFolding.fold(text)).as(what).isEqualTo(folded);
    }

    @Test
    void digitsAreNeverCollapsedOrChanged() {
        assertThat(KeywordFolding.fold("1446-000123 ١١")).isEqualTo("1446-000123 ١١");
    }

    @Test
    void foldingTwiceChangesNothing() {
        for (String text : List.of("مساااعدة", "أإآٱ", "hello", "ةة", "ئي")) {
            String once = KeywordFolding.fold(text);
            assertThat(KeywordFolding.fold(once)).as(text).isEqualTo(once);
        }
    }

    @Test
    void wordsAreRunsOfLettersAndDigits() {
        assertThat(KeywordFolding.words("  وش صار، على معاملتي؟ "))
                .containsExactly("وش", "صار", "علي", "معاملتي");
        assertThat(KeywordFolding.words("Status?!")).containsExactly("status");
        assertThat(KeywordFolding.words("?")).isEmpty();
        assertThat(KeywordFolding.words(null)).isEmpty();
        assertThat(KeywordFolding.fold(null)).isEmpty();
    }
}
