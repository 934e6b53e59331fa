package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.notify.NotificationClock;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static gov.tawasul.app.CaseEventsTestSupport.smsFromCitizen;
import static gov.tawasul.app.CaseEventsTestSupport.event;
import static gov.tawasul.app.CaseEventsTestSupport.form;
import static gov.tawasul.app.CaseEventsTestSupport.post;
import static gov.tawasul.app.CaseEventsTestSupport.postSigned;
import static gov.tawasul.app.CaseEventsTestSupport.sign;
import static gov.tawasul.app.CaseEventsTestSupport.smsCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Case events end to end: {@code POST /api/case-events} signed as the README shows → committed → the registered
 * SMS number follows the case → the notification leaves through the outbox to the WireMock Twilio (form body
 * asserted), once; signatures, replays and bad bodies; the daily cap; quiet hours and the collapse to the newest
 * status; "STOP &lt;case&gt;"; a citizen who asks follows the case and is told so once, in English.
 */
@QuarkusTest
@TestProfile(CaseEventsProfile.class)
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class CaseEventsEndToEndTest {

    private static final String CASE = "1446-000123";
    private static final String CITIZEN = "+15555550100";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    NotificationClock clock;

    @BeforeEach
    void clean() {
        CaseEventsTestSupport.clean();
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        riyadhTime(12, 0);
    }

    @AfterEach
    void realClock() {
        clock.use(null);
        // other tests delete outbound rows of a channel; none of ours may point at them
        CaseEventsTestSupport.clean();
    }

    @Test
    void signedEventIsToldOnceByArabicSmsToTheRegisteredNumberNamingTheService() {
        String body = event("evt-2026-000123", CASE, "APPROVED", "مقبولة", "Approved", CITIZEN);
        postSigned(body).statusCode(202).body("eventId", equalTo("evt-2026-000123")).body("duplicate", equalTo(false));
        // the case system retries: the same event, nothing more happens
        postSigned(body).statusCode(202).body("duplicate", equalTo(true));

        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 1);
        var sms = form(smsCalls(twilio).get(0));
        assertThat(sms.get("To")).isEqualTo(CITIZEN);
        assertThat(sms.get("From")).isEqualTo("+15555550199");
        assertThat(sms.get("Body")).isEqualTo("""
                تواصل — إمارة منطقة الرياض: المعاملة \u20661446-000123\u2069 أصبحت: مقبولة.
                الخطوة التالية: راجع الفرع لاستلام الوثيقة
                للإيقاف أرسل \u2066STOP 1446-000123\u2069، أو STOP لإيقاف كل الرسائل.""");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(TestDb.value(
                "select state from notification")));
        assertThat(TestDb.value("select count(*) from case_event")).isEqualTo(1L);
        assertThat(TestDb.value("""
                select o.origin || ' ' || o.recipient from notification n
                join outbound_message o on o.id = n.outbound_message_id""")).isEqualTo("NOTIFICATION " + CITIZEN);
        assertThat(TestDb.value("select source from case_follower where citizen_address = ?", CITIZEN))
                .isEqualTo("REGISTERED");

        // a later change: no introduction any more
        postSigned(event("evt-2026-000124", CASE, "COMPLETED", "مكتملة", "Completed", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 2);
        assertThat(form(smsCalls(twilio).get(1)).get("Body")).isEqualTo("""
                المعاملة \u20661446-000123\u2069 أصبحت: مكتملة.
                الخطوة التالية: راجع الفرع لاستلام الوثيقة""");
        pause(Duration.ofMillis(800));
        assertThat(smsCalls(twilio)).hasSize(2);
    }

    @Test
    void forgedStaleFutureUnsignedAndMalformedEventsAreRefusedAndNothingIsStored() {
        String body = event("evt-forged", CASE, "APPROVED", "مقبولة", "Approved", CITIZEN);
        long now = Instant.now().getEpochSecond();
        post(body, null).statusCode(401).contentType("application/problem+json");
        post(body, "v1=abc").statusCode(401);
        post(body, "t=" + now + ",v1=zz").statusCode(401);
        post(body, sign("not-our-secret", now, body)).statusCode(403).contentType("application/problem+json");
        post(body, sign(CaseEventsProfile.SECRET, now - 310, body)).statusCode(403);
        post(body, sign(CaseEventsProfile.SECRET, now + 310, body)).statusCode(403);
        // signed for another body
        post(body.replace("APPROVED", "REJECTED"), sign(CaseEventsProfile.SECRET, now, body)).statusCode(403);
        String broken = "{\"eventId\":";
        post(broken, sign(CaseEventsProfile.SECRET, now, broken)).statusCode(400)
                .contentType("application/problem+json");
        String noStatus = body.replace("\"status\":\"APPROVED\",", "");
        post(noStatus, sign(CaseEventsProfile.SECRET, now, noStatus)).statusCode(422)
                .body("detail", equalTo("status missing"));
        String noId = body.replace("\"eventId\":\"evt-forged\",", "");
        post(noId, sign(CaseEventsProfile.SECRET, now, noId)).statusCode(422);
        // a NUL character cannot be stored: an invalid event (422), not a 500 the case system would retry forever
        String nul = body.replace("\"مقبولة\"", "\"a\\u0000b\"");
        post(nul, sign(CaseEventsProfile.SECRET, now, nul)).statusCode(422)
                .body("detail", equalTo("statusLabel.ar contains a NUL character"));
        String notAList = body.replace("\"contacts\":[", "\"contacts\":\"x\",\"was\":[");
        post(notAList, sign(CaseEventsProfile.SECRET, now, notAList)).statusCode(400)
                .body("detail", equalTo("Malformed JSON: \"contacts\" has the wrong type"));
        String nulId = body.replace("\"evt-forged\"", "\"evt-\\u0000x\"");
        post(nulId, sign(CaseEventsProfile.SECRET, now, nulId)).statusCode(422)
                .body("detail", equalTo("eventId contains a NUL character"));
        assertThat(TestDb.value("select count(*) from case_event")).isEqualTo(0L);

        // the previous secret is still valid (rotation), 4 minutes old is within the window
        post(body, sign(CaseEventsProfile.OLD_SECRET, now - 240, body)).statusCode(202);
        assertThat(TestDb.value("select count(*) from case_event")).isEqualTo(1L);
    }

    @Test
    void atMostThreeUpdatesOfACasePerDayReachAnAddress() {
        for (int step = 1; step <= 4; step++) {
            int i = step;
            postSigned(event("evt-cap-" + i, CASE, "STEP_" + i, "مرحلة " + i, "Step " + i, CITIZEN))
                    .statusCode(202);
            int expected = Math.min(i, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == expected);
            await().atMost(Duration.ofSeconds(5)).until(() -> (Long) TestDb.value(
                    "select count(*) from notification where state = 'SENT' or reason = 'CAP'") == expected
                    + (expected < i ? 1 : 0));
        }
        pause(Duration.ofMillis(800));
        assertThat(smsCalls(twilio)).hasSize(3);
        assertThat(TestDb.value("select state || ' ' || reason from notification n join case_event e "
                + "on e.id = n.case_event_id where e.event_id = 'evt-cap-4'")).isEqualTo("PENDING CAP");
    }

    @Test
    void atMostTenUpdatesOfAllCasesPerDayReachAnAddressTheEleventhWaits() {
        for (int i = 1; i <= 11; i++) {
            postSigned(event("evt-addr-cap-" + i, "1446-0009%02d".formatted(i), "APPROVED", "مقبولة", "Approved",
                    CITIZEN)).statusCode(202);
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> smsCalls(twilio).size() == 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> "PENDING ADDRESS_CAP".equals(TestDb.value(
                "select state || ' ' || coalesce(reason, '') from notification where case_number = '1446-000911'")));
        pause(Duration.ofMillis(1500));
        assertThat(smsCalls(twilio)).hasSize(10);
        assertThat(smsCalls(twilio).stream().map(c -> form(c).get("Body")).toList())
                .allMatch(b -> !b.contains("1446-000911"));
        double due = ((Number) TestDb.value("select extract(epoch from due_at) from notification "
                + "where case_number = '1446-000911'")).doubleValue();
        assertThat(Instant.ofEpochMilli((long) (due * 1000))).isAfter(clock.instant().plus(Duration.ofMinutes(50)));

        // a day later (the ten sent rows are older than 24 h) and past the hour's wait: it goes, once
        TestDb.execute("update notification set updated_at = updated_at - interval '25 hours' where state = 'SENT'");
        at(Instant.now().plus(Duration.ofMinutes(61)));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 11);
        assertThat(form(smsCalls(twilio).get(10)).get("Body")).contains("1446-000911");
        pause(Duration.ofMillis(1000));
        assertThat(smsCalls(twilio)).hasSize(11);
    }

    @Test
    void duringQuietHoursSmsWaitsForSevenAndOnlyTheNewestStatusIsSent() {
        riyadhTime(23, 0);
        postSigned(event("evt-night-1", CASE, "UNDER_REVIEW", "قيد الدراسة", "Under review", CITIZEN))
                .statusCode(202);
        postSigned(event("evt-night-2", CASE, "APPROVED", "مقبولة", "Approved", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> (Long) TestDb.value(
                "select count(*) from notification where state = 'PENDING'") == 2L);
        Instant seven = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(7, 0).atZone(ZoneId.of("Asia/Riyadh"))
                .toInstant();
        assertThat(TestDb.value("select count(*) from notification where due_at = ?",
                seven.atOffset(ZoneOffset.UTC))).isEqualTo(2L);
        pause(Duration.ofMillis(800));
        assertThat(smsCalls(twilio)).isEmpty();

        at(seven.plusSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 1);
        assertThat(form(smsCalls(twilio).get(0)).get("Body")).contains("المعاملة \u20661446-000123\u2069 أصبحت: مقبولة.");
        pause(Duration.ofMillis(800));
        assertThat(smsCalls(twilio)).hasSize(1);
        assertThat(TestDb.value("select n.state from notification n join case_event e on e.id = n.case_event_id "
                + "where e.event_id = 'evt-night-1'")).isEqualTo("SUPERSEDED");
    }

    @Test
    void stopCaseUnfollowsThatCaseOnly() {
        postSigned(event("evt-stop-1", CASE, "APPROVED", "مقبولة", "Approved", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 1);

        smsFromCitizen("SM0000000000000000000000000000st01", "STOP " + CASE);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 2);
        assertThat(form(smsCalls(twilio).get(1)).get("Body"))
                .isEqualTo("You will no longer get updates on case 1446-000123 here.");
        assertThat(TestDb.value("select stopped_at is not null from case_follower where case_number = ?", CASE))
                .isEqualTo(true);

        postSigned(event("evt-stop-2", CASE, "COMPLETED", "مكتملة", "Completed", CITIZEN)).statusCode(202);
        postSigned(event("evt-other-1", "1446-000999", "APPROVED", "مقبولة", "Approved", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 3);
        pause(Duration.ofMillis(800));
        assertThat(smsCalls(twilio)).hasSize(3);
        assertThat(form(smsCalls(twilio).get(2)).get("Body")).isEqualTo("""
                المعاملة \u20661446-000999\u2069 أصبحت: مقبولة.
                الخطوة التالية: راجع الفرع لاستلام الوثيقة""");
    }

    @Test
    void plainStopOptsTheNumberOutOfEveryUpdate() {
        postSigned(event("evt-optout-1", CASE, "APPROVED", "مقبولة", "Approved", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 1);

        // Twilio's own STOP: the number is opted out (Twilio confirms it; the bot says nothing)
        smsFromCitizen("SM0000000000000000000000000000so01", "STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from opt_out where citizen_address = ?", CITIZEN) == 1L);

        postSigned(event("evt-optout-2", CASE, "COMPLETED", "مكتملة", "Completed", CITIZEN)).statusCode(202);
        postSigned(event("evt-optout-3", "1446-000998", "APPROVED", "مقبولة", "Approved", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from notification where state = 'REFUSED' and reason = 'OPTED_OUT'") == 2L);
        pause(Duration.ofMillis(800));
        assertThat(smsCalls(twilio)).hasSize(1);
        assertThat(TestDb.value("select count(*) from outbound_message where origin = 'NOTIFICATION'")).isEqualTo(1L);
    }

    @Test
    void aRegisteredContactWhoAsksFollowsTheCaseAndIsToldSoOnceInEnglish() {
        smsFromCitizen("SM0000000000000000000000000000ask1", "Status of case 12345?");
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 1);
        assertThat(form(smsCalls(twilio).get(0)).get("Body")).startsWith("Case 12345: Under review.")
                .endsWith("\n\nWe will tell you here when case 12345 changes; reply STOP 12345 to stop.");
        assertThat(TestDb.value("select source || ' ' || locale || ' ' || bot_address from case_follower"))
                .isEqualTo("ASKER en +15555550199");

        smsFromCitizen("SM0000000000000000000000000000ask2", "Status of case 12345?");
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 2);
        assertThat(form(smsCalls(twilio).get(1)).get("Body")).doesNotContain("We will tell you here");

        postSigned(event("evt-ask-1", "12345", "APPROVED", "مقبولة", "Approved", CITIZEN)).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsCalls(twilio).size() == 3);
        assertThat(form(smsCalls(twilio).get(2)).get("Body")).isEqualTo("""
                Case 12345 is now: Approved.
                Next step: Collect the document at the branch""");
    }

    /** Plans by a clock that reads {@code hour:minute} in Riyadh today (UTC date) and ticks on from there. */
    private void riyadhTime(int hour, int minute) {
        at(LocalDate.now(ZoneOffset.UTC).atTime(hour, minute).atZone(ZoneId.of("Asia/Riyadh")).toInstant());
    }

    private void at(Instant instant) {
        clock.use(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), instant)));
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
