package gov.tawasul.engine.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BidiIsolatesTest {

    private static String iso(String value) {
        return "\u2066" + value + "\u2069";
    }

    @Test
    void caseNumbersPhonesCodesAndTimesAfterArabicAreIsolatedLeftToRight() {
        assertThat(BidiIsolates.isolateLatinValues("القضية رقم 1446-000123: قيد الدراسة."))
                .isEqualTo("القضية رقم " + iso("1446-000123") + ": قيد الدراسة.");
        assertThat(BidiIsolates.isolateLatinValues("القضية 1446/000123 والجوال +966500001234"))
                .isEqualTo("القضية " + iso("1446/000123") + " والجوال " + iso("+966500001234"));
        assertThat(BidiIsolates.isolateLatinValues("رمز التحقق 123456، من 08:00 إلى 16:00"))
                .isEqualTo("رمز التحقق " + iso("123456") + "، من " + iso("08:00") + " إلى " + iso("16:00"));
        // a command with its number is one value: STOP stays left of the number
        assertThat(BidiIsolates.isolateLatinValues("(للإلغاء أرسل STOP 1446-000123)."))
                .isEqualTo("(للإلغاء أرسل " + iso("STOP 1446-000123") + ").");
        assertThat(BidiIsolates.isolateLatinValues("1448هـ الموافق 20/11/2026م"))
                .isEqualTo(iso("1448") + "هـ الموافق " + iso("20/11/2026") + "م");
    }

    @Test
    void latinWordsWithoutDigitsArabicAndEmptyTextsStayAsTheyAre() {
        assertThat(BidiIsolates.isolateLatinValues("الخطوة التالية: Visit the office"))
                .isEqualTo("الخطوة التالية: Visit the office");
        assertThat(BidiIsolates.isolateLatinValues("أرسل رقم القضية")).isEqualTo("أرسل رقم القضية");
        assertThat(BidiIsolates.isolateLatinValues("")).isEmpty();
        assertThat(BidiIsolates.isolateLatinValues(null)).isNull();
    }

    @Test
    void alreadyIsolatedTextIsNotWrappedTwice() {
        String once = BidiIsolates.isolateLatinValues("القضية 1446-000123 و\u2068x 12\u2069 و 7");
        assertThat(once).isEqualTo("القضية " + iso("1446-000123") + " و\u2068x 12\u2069 و " + iso("7"));
        assertThat(BidiIsolates.isolateLatinValues(once)).isEqualTo(once);
    }
}
