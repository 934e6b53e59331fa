package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.cases.rest.CaseApiStubs;
import gov.tawasul.cases.rest.CaseApiWireMock;
import gov.tawasul.cases.rest.InjectCaseApi;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static gov.tawasul.app.CaseEventsTestSupport.smsFromCitizen;
import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case API is down (500) and a case event told the bot of the case before: the citizen gets that last known
 * status "as of" its update time (the SMS folds the dash to GSM-7) instead of only the apology; a case the bot never heard of still gets the apology.
 */
@QuarkusTest
@TestProfile(LastKnownStatusTest.Profile.class)
class LastKnownStatusTest {

    /** The REST connector (WireMock case API) and the fake Twilio. */
    public static class Profile extends CaseEventsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("tawasul.cases.connector", "rest");
            config.put("tawasul.cases.rest.circuit.request-volume", "1000");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CaseApiWireMock.class), new TestResourceEntry(
                    TwilioWireMockResource.class));
        }
    }

    @InjectCaseApi
    WireMockServer caseApi;

    @InjectTwilioApi
    WireMockServer twilio;

    @AfterEach
    void clean() {
        CaseEventsTestSupport.clean();
    }

    @Test
    void whenTheCaseApiIsDownTheLastKnownStatusIsAnsweredAsOfItsTime() {
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        CaseApiStubs.answer(caseApi, "1446-000555", 500, "{}");
        CaseApiStubs.answer(caseApi, "1446-000556", 500, "{}");
        TestDb.execute("""
                insert into case_event (event_id, source, case_number, status, status_label_ar, status_label_en,
                                        next_step_ar, next_step_en, updated_at, contacts, fanned_out_at)
                values ('evt-known-1', 'PUSH', '1446-000555', 'APPROVED', 'مقبولة', 'Approved',
                        'راجع الفرع', 'Visit the branch', '2026-11-30T09:00:00+03:00', '{sms:+15555550100}', now())""");

        smsFromCitizen("SM0000000000000000000000000000lk01", "Status of case 1446-000555?");
        await().atMost(Duration.ofSeconds(15)).until(() -> smsCalls(twilio).size() == 1);
        assertThat(form(smsCalls(twilio).get(0)).get("Body"))
                .isEqualTo("Case 1446-000555: Approved - the last status we know, as of 30 Nov 2026.\n"
                        + "Next step: Visit the branch\n"
                        + "We cannot check for a newer status right now; please ask again in a few minutes.");

        smsFromCitizen("SM0000000000000000000000000000lk02", "Status of case 1446-000556?");
        await().atMost(Duration.ofSeconds(15)).until(() -> smsCalls(twilio).size() == 2);
        assertThat(form(smsCalls(twilio).get(1)).get("Body"))
                .isEqualTo("Sorry, we cannot check case 1446-000556 right now. Please try again in a few minutes.");
    }
}
