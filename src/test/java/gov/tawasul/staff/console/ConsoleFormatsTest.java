package gov.tawasul.staff.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFormatsTest {

    @Test
    void caseNumbersAreIsolatedLeftToRightAndTheRestEscaped() {
        assertThat(ConsoleFormats.isolated("حالة المعاملة 1446-000123").toString())
                .isEqualTo("حالة المعاملة <bdi dir=\"ltr\">1446-000123</bdi>");
        assertThat(ConsoleFormats.isolated("قضية ٢٠٢٤/١٢٣٤٥ و 12345").toString())
                .isEqualTo("قضية <bdi dir=\"ltr\">٢٠٢٤/١٢٣٤٥</bdi> و 12345");
        assertThat(ConsoleFormats.isolated("<script>alert('x')</script> & 1/2").toString())
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <bdi dir=\"ltr\">1/2</bdi>");
        assertThat(ConsoleFormats.isolated("من 08:00-16:00").toString()).isEqualTo("من <bdi dir=\"ltr\">08:00-16:00</bdi>");
        assertThat(ConsoleFormats.isolated(null).toString()).isEmpty();
    }
}
