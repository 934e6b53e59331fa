package gov.tawasul.staff.view;

import gov.tawasul.engine.model.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderErrorsTest {

    @Test
    void theIssuesExamplesHaveTheirMeaningInBothLanguages() {
        assertThat(ProviderErrors.meaning(Channel.SMS, "30003", "en")).isEqualTo("unreachable handset (off or out of coverage)");
        assertThat(ProviderErrors.meaning(Channel.SMS, "30007", "en")).isEqualTo("carrier filtered the message as spam");
        assertThat(ProviderErrors.meaning(Channel.SMS, "21610", "en")).isEqualTo("citizen replied STOP (opted out)");
        assertThat(ProviderErrors.meaning(Channel.FACEBOOK, "10", "en")).startsWith("outside the 24-hour window");
        assertThat(ProviderErrors.meaning(Channel.TWITTER, "349", "en")).isEqualTo("citizen does not accept DMs");
        assertThat(ProviderErrors.meaning(Channel.SMS, "30003", "ar")).isEqualTo("الجوال غير متاح (مغلق أو خارج التغطية)");
    }

    @Test
    void codesAreReadPerChannelAndOurReasonsOnEvery() {
        assertThat(ProviderErrors.meaning(Channel.TWITTER, "30003", "en")).isNull();
        assertThat(ProviderErrors.meaning(Channel.TWITTER, "OPTED_OUT", "en")).isEqualTo("citizen opted out");
        assertThat(ProviderErrors.meaning(Channel.SMS, "99999", "en")).isNull();
        assertThat(ProviderErrors.meaning(Channel.SMS, null, "en")).isNull();
    }

    @Test
    void bothLanguagesHaveTheSameCodes() throws Exception {
        var ar = new java.util.Properties();
        var en = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/console/provider-errors_ar.properties");
             var e = getClass().getResourceAsStream("/console/provider-errors_en.properties")) {
            ar.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(e, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(ar.keySet()).isEqualTo(en.keySet()).hasSizeGreaterThan(30);
    }
}
