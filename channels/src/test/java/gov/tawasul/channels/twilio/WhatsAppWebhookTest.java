package gov.tawasul.channels.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookHarness;
import gov.tawasul.channels.common.WebhookRequest;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.twilio.TwilioApiStubs.MESSAGES_PATH;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.BOT;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.CITIZEN;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WhatsApp through Twilio in the running app (WhatsApp on: {@code tawasul.whatsapp.from}, templates for {@code agent}
 * and {@code notification} in English), real PostgreSQL and Redis, a WireMock Twilio whose Messages POST form is
 * asserted: the table ({@link WhatsAppWebhookCases}), then what the bot sends — {@code From}/{@code To} with the
 * {@code whatsapp:} prefix, {@code Body} inside the 24-hour window, {@code ContentSid} + {@code ContentVariables}
 * outside it, refused without a template —, media answered "type the number", a registered WhatsApp contact told the
 * status, 63016 from the API, and keyword opt-out and opt-in confirmed by the bot (F09: no carrier STOP on WhatsApp).
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "tawasul.whatsapp.from", value = "whatsapp:+15555550199"),
        @ResourceArg(name = "tawasul.whatsapp.templates.agent.en", value = WhatsAppWebhookTest.AGENT_TEMPLATE),
        @ResourceArg(name = "tawasul.whatsapp.templates.notification.en", value = "HX00000000000000000000000000000002")})
class WhatsAppWebhookTest {

    static final String AGENT_TEMPLATE = "HX00000000000000000000000000000001";
    private static final String CASE = "9007-000001";

    @InjectTwilioApi
    WireMockServer twilio;
    @Inject
    Outbox outbox;
    @Inject
    Conversations conversations;

    WebhookHarness harness;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, updated_offset,
                                   contacts)
                values (?, 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', '2026-11-20T06:30:00Z', '+03:00',
                        'whatsapp:+15555550100')
                on conflict (case_number) do update set contacts = excluded.contacts""", CASE);
    }

    @BeforeEach
    void reset() {
        harness = new WebhookHarness(WhatsAppWebhooks.channel(twilio));
        harness.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gov.tawasul.channels.twilio.WhatsAppWebhookCases#cases")
    void webhook(WebhookCase row) {
        harness.run(row);
    }

    private List<LoggedRequest> sends() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    /** @return the form of the {@code n}th Messages POST (from 1), once it arrived */
    private Map<String, String> send(int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sends().size() >= n);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : sends().get(n - 1).getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private void says(String sid, String encodedBody) {
        harness.post(inbound(sid, encodedBody), now()).statusCode(200);
    }

    private void settle() {
        await().pollDelay(WebhookHarness.SETTLE).atMost(WebhookHarness.SETTLE.plusSeconds(1)).until(() -> true);
    }

    private static long count(String table, String condition) {
        return ((Number) TestDb.value("select count(*) from " + table + " where channel = 'WHATSAPP'"
                + (condition.isEmpty() ? "" : " and " + condition))).longValue();
    }

    @Test
    void theTextFixtureIsAnsweredAsFreeTextOnWhatsApp_profileNameAndWaIdKept() throws Exception {
        WebhookRequest request = TwilioWebhooks.fixture(TwilioWebhooks.MESSAGES, "twilio-whatsapp-inbound-text.form");
        harness.post(request, TwilioWebhooks.recordedSignatureOf("twilio-whatsapp-inbound-text.form")).statusCode(200);
        Map<String, String> form = send(1);
        assertThat(form).containsEntry("To", "whatsapp:+15555550100").containsEntry("From", "whatsapp:+15555550199")
                .containsEntry("StatusCallback", "https://bot.example.com/webhooks/twilio/status")
                .doesNotContainKeys("ContentSid", "ContentVariables", "MessagingServiceSid");
        // "order #1234": a case number the local table does not hold
        assertThat(form.get("Body")).contains("1234");
        Map<String, Object> in = TestDb.rows("select attributes::text as a, state from inbound_message "
                + "where channel = 'WHATSAPP'").get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = new ObjectMapper().readValue((String) in.get("a"), Map.class);
        assertThat(attributes).containsEntry("ProfileName", "مستخدم تجريبي").containsEntry("WaId", "15555550100")
                .containsEntry("MessageType", "text");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("inbound_message", "state = 'ANSWERED'") == 1);
        Map<String, Object> out = TestDb.rows("select recipient, sender, segments, send_options::text as o "
                + "from outbound_message where channel = 'WHATSAPP'").get(0);
        assertThat(out).containsEntry("recipient", CITIZEN).containsEntry("sender", BOT).containsEntry("segments", null);
    }

    @Test
    void mediaAndLocationAreAnsweredWithTypeTheNumber() {
        // the image's caption "Hu" is Latin: English; the location has no text: the default language, Arabic
        Map<String, String> answers = Map.of("twilio-whatsapp-inbound-image.form", "Please type the case",
                "twilio-whatsapp-inbound-location.form", "اكتب رقم القضية");
        for (Map.Entry<String, String> fixture : answers.entrySet()) {
            harness.reset();
            harness.post(TwilioWebhooks.fixture(TwilioWebhooks.MESSAGES, fixture.getKey()),
                    TwilioWebhooks.recordedSignatureOf(fixture.getKey())).statusCode(200);
            assertThat(send(1).get("Body")).as(fixture.getKey()).contains(fixture.getValue());
            await().atMost(Duration.ofSeconds(10)).until(() -> count("inbound_message", "intent = 'NOT_TEXT'") == 1);
        }
    }

    @Test
    void aRegisteredWhatsAppContactIsToldTheStatus() {
        says("SM0000000000000000000000000000c001", "status+" + CASE);
        assertThat(send(1).get("Body")).contains(CASE).contains("Under review");
    }

    @Test
    void aWhatsAppSenderWhoseNumberIsTheCasesSmsContactIsToldTheStatus() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, updated_offset,
                                   contacts)
                values ('9007-000002', 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', '2026-11-20T06:30:00Z', '+03:00',
                        'sms:+15555550100')
                on conflict (case_number) do update set contacts = excluded.contacts""");
        says("SM0000000000000000000000000000c002", "status+9007-000002");
        assertThat(send(1).get("Body")).contains("9007-000002").contains("Under review");
    }

    @Test
    void f09_stopIsRecordedAndConfirmedByTheBot_thenSilence_startLiftsItAndIsConfirmed() {
        says("SM0000000000000000000000000000c091", "STOP");
        assertThat(send(1)).containsEntry("To", "whatsapp:+15555550100").extractingByKey("Body").asString()
                .contains("START");
        assertThat(TestDb.value("select reason from opt_out where channel = 'WHATSAPP'")).isEqualTo("KEYWORD");

        says("SM0000000000000000000000000000c092", "status+" + CASE);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("inbound_message", "state <> 'RECEIVED'") == 2);
        settle();
        assertThat(sends()).hasSize(1);

        says("SM0000000000000000000000000000c093", "START");
        assertThat(send(2).get("Body")).contains("STOP");
        assertThat(count("opt_out", "")).isZero();
        says("SM0000000000000000000000000000c094", "status+" + CASE);
        assertThat(send(3).get("Body")).contains("Under review");
        assertThat(TestDb.rows("select intent, state from inbound_message where channel = 'WHATSAPP' order by id"))
                .extracting(r -> r.get("intent") + " " + r.get("state"))
                // the keywords are recorded (IGNORED: no answer to them), their confirmations are the bot's own SYSTEM messages
                .containsExactly("OPT_OUT IGNORED", "OPTED_OUT IGNORED", "OPT_IN IGNORED", "CASE_STATUS ANSWERED");
    }

    @Test
    void anAgentsLateAnswerOutsideTheWindowLeavesAsTheApprovedTemplate() throws Throwable {
        says("SM0000000000000000000000000000c101", "help");
        send(1);
        TestDb.execute("update conversation set last_inbound_at = now() - interval '25 hours' "
                + "where channel = 'WHATSAPP'");
        SendOutcome outcome = agentSays("Your file is ready.\nPlease come on Sunday.", "en");
        assertThat(outcome).isInstanceOf(SendOutcome.Queued.class);
        Map<String, String> form = send(2);
        assertThat(form).containsEntry("To", "whatsapp:+15555550100").containsEntry("From", "whatsapp:+15555550199")
                .containsEntry("ContentSid", AGENT_TEMPLATE)
                .containsEntry("ContentVariables", "{\"1\":\"Your file is ready. Please come on Sunday.\"}")
                .doesNotContainKey("Body");
        assertThat(TestDb.value("select cast(send_options as jsonb)->>'ContentSid' from outbound_message where channel = 'WHATSAPP' "
                + "and origin = 'AGENT'")).isEqualTo(AGENT_TEMPLATE);
    }

    @Test
    void outsideTheWindowWithoutATemplateOfTheLocaleTheMessageIsRefused_nothingSent() throws Throwable {
        says("SM0000000000000000000000000000c111", "help");
        send(1);
        TestDb.execute("update conversation set last_inbound_at = now() - interval '25 hours' "
                + "where channel = 'WHATSAPP'");
        SendOutcome outcome = agentSays("ملفك جاهز", "ar");
        assertThat(outcome).isInstanceOf(SendOutcome.Refused.class);
        assertThat(((SendOutcome.Refused) outcome).reason()).isEqualTo(SendDecision.Reason.OUTSIDE_WINDOW);
        assertThat(((SendOutcome.Refused) outcome).detail()).contains("tawasul.whatsapp.templates.agent.ar");
        settle();
        assertThat(sends()).hasSize(1);
        assertThat(count("outbound_message", "origin = 'AGENT'")).isZero();
    }

    @Test
    void insideTheWindowATextOverWhatsAppsLimitIsCutTo4096_noSegmentsCounted() throws Throwable {
        says("SM0000000000000000000000000000c121", "help");
        send(1);
        agentSays("x".repeat(5000), "en");
        assertThat(send(2).get("Body")).hasSize(WhatsAppSender.MAX_TEXT_LENGTH).endsWith("…");
        assertThat(TestDb.value("select segments from outbound_message where channel = 'WHATSAPP' "
                + "and origin = 'AGENT'")).isNull();
    }

    @Test
    void error63016FromTheApiIsAFinalFailureOutsideTheWindow_notRetried() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 63016,
                "Failed to send freeform message because you are outside the allowed window."));
        says("SM0000000000000000000000000000c131", "help");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("outbound_message", "status = 'FAILED'") == 1);
        assertThat(TestDb.value("select error_code from outbound_message where channel = 'WHATSAPP'"))
                .isEqualTo("63016");
        settle();
        assertThat(sends()).hasSize(1);
        assertThat(count("opt_out", "")).isZero();
    }

    private SendOutcome agentSays(String text, String locale) throws Throwable {
        Address citizen = new Address(Channel.WHATSAPP, CITIZEN);
        Address bot = new Address(Channel.WHATSAPP, BOT);
        return VertxContextSupport.subscribeAndAwait(() -> conversations.open(citizen, bot).chain(view ->
                outbox.send(new OutboundDraft(gov.tawasul.engine.model.Origin.AGENT, view, citizen, bot, text, locale,
                        List.of(), null, "test-agent", null))));
    }
}
