package gov.tawasul.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import gov.tawasul.cases.local.CaseTableLoader;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The chat socket and the history, with a plain WebSocket client: a visitor asks a demo case in Arabic-Indic digits
 * and reads the answer, acknowledges it (delivered, read), resumes with its token, and finds an agent's message sent
 * while it was offline in its history; and the abuse cases — a foreign or missing Origin, an oversized frame, a flood,
 * another visitor's message ids and tokens.
 */
@QuarkusTest
class WebchatSocketTest {

    private static final String ORIGIN = "http://localhost:8081";

    @TestHTTPResource("/")
    URI base;
    @Inject
    CaseTableLoader loader;

    @Test
    void aVisitorAsksReadsAcknowledgesAndResumes() throws Exception {
        String token;
        String replyId;
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            JsonNode welcome = chat.hello(null);
            assertThat(welcome.path("resumed").asBoolean()).isFalse();
            token = welcome.path("token").asText();
            chat.send(ChatClient.message("c-1", "حالة ٤٥١٢٨٧٣"));
            assertThat(chat.next("ack").path("duplicate").asBoolean()).isFalse();
            JsonNode reply = chat.next("message");
            // a demo case: told to anyone, the visitor is no registered contact
            assertThat(reply.path("text").asText()).contains("4512873").contains("بانتظار المستندات");
            assertThat(reply.path("origin").asText()).isEqualTo("bot");
            assertThat(reply.path("quickReplies")).isNotEmpty();
            replyId = reply.path("id").asText();
            // the same client id again (a resend after a reconnect) is the same message
            chat.send(ChatClient.message("c-1", "حالة ٤٥١٢٨٧٣"));
            assertThat(chat.next("ack").path("duplicate").asBoolean()).isTrue();
            chat.send(ChatClient.status(replyId, "delivered"));
            chat.send(ChatClient.status(replyId, "read"));
        }
        String visitor = token.split("\\.")[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> "READ".equals(TestDb.value(
                "select status from outbound_message where channel = 'WEBCHAT' and recipient = ?", visitor)));
        assertThat(TestDb.value("select count(*) from inbound_message where channel = 'WEBCHAT' and provider_message_id like ?",
                visitor + ":%")).isEqualTo(1L);

        // a reload: the same visitor, its history
        try (ChatClient again = ChatClient.open(base, ORIGIN)) {
            assertThat(again.hello(token).path("resumed").asBoolean()).isTrue();
        }
        List<String> texts = RestAssured.given().header(WebchatHistoryResource.TOKEN_HEADER, token)
                .get("/chat/api/history").then().statusCode(200).extract().jsonPath().getList("messages.text");
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).isEqualTo("حالة ٤٥١٢٨٧٣");
        RestAssured.given().header(WebchatHistoryResource.TOKEN_HEADER, token).get("/chat/api/history").then()
                .body("messages[1].id", equalTo(replyId)).body("messages[1].status", equalTo("READ"));

        // an agent's message while the visitor is offline: kept, SENT, shown in the history on return
        long conversation = (Long) TestDb.value("select id from conversation where channel = 'WEBCHAT' "
                + "and citizen_address = ?", visitor);
        StaffSession.loginAs(StaffRole.AGENT).given().contentType("application/json")
                .body("{\"text\":\"مرحباً، معك سارة من خدمة العملاء\"}")
                .post("/api/staff/conversations/" + conversation + "/messages").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(TestDb.value(
                "select status from outbound_message where conversation_id = ? and origin = 'AGENT'", conversation)));
        RestAssured.given().header(WebchatHistoryResource.TOKEN_HEADER, token).get("/chat/api/history").then()
                .body("messages[2].origin", equalTo("agent")).body("messages[2].status", equalTo("SENT"));
    }

    @Test
    void typingIsShownOnlyWhenTheBotWillAnswerAndHeldWhileAPersonHasTheConversation() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            String visitor = chat.hello(null).path("token").asText().split("\\.")[1];
            chat.send(ChatClient.message("h-1", "مساعدة"));
            assertThat(chat.next().path("type").asText()).isEqualTo("ack");
            assertThat(chat.next().path("type").asText()).isEqualTo("typing");
            chat.next("message");
            long conversation = (Long) TestDb.value("select id from conversation where channel = 'WEBCHAT' "
                    + "and citizen_address = ?", visitor);
            StaffSession.loginAs(StaffRole.AGENT).given().post("/api/staff/conversations/" + conversation
                    + "/takeover").then().statusCode(200);
            // an agent holds it: the bot will not answer, so no typing; the page is told a person will
            chat.send(ChatClient.message("h-2", "هل من أحد؟"));
            assertThat(chat.next().path("type").asText()).isEqualTo("ack");
            assertThat(chat.next().path("type").asText()).isEqualTo("held");
            await().atMost(Duration.ofSeconds(10)).until(() -> "HANDED_OFF".equals(TestDb.value(
                    "select state from inbound_message where provider_message_id = ?", visitor + ":h-2")));
        }
    }

    @Test
    void aRealCaseIsWithheldFromAVisitor() throws Exception {
        Path file = Files.createTempFile("cases", ".csv");
        Files.writeString(file, "case_number,status,status_label_ar,status_label_en,updated_at,contacts\n"
                + "9410-000001,APPROVED,مقبولة,Approved,2026-11-25T09:30:00+03:00,sms:+966500094101\n",
                StandardCharsets.UTF_8);
        loader.importFile(file);
        Files.delete(file);
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            chat.hello(null);
            chat.send(ChatClient.message("r-1", "حالة 9410-000001"));
            // an imported case is real: the contact-match rule applies to a visitor (offered a one-time code, the
            // same reply whether or not the case exists)
            assertThat(chat.next("message").path("text").asText()).contains("9410-000001")
                    .contains("إن كان هذا الرقم لقضية مسجلة لك").doesNotContain("مقبولة");
        } finally {
            TestDb.execute("delete from cases where case_number = '9410-000001'");
        }
    }

    @Test
    void aKioskMessageCarriesTheKioskId() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            String visitor = chat.send("{\"type\":\"hello\",\"kiosk\":\"airport-t1\"}").next("welcome")
                    .path("token").asText().split("\\.")[1];
            chat.send(ChatClient.message("k-1", "Case 1446-000123"));
            chat.next("ack");
            assertThat(chat.next("message").path("text").asText()).contains("Under review");
            assertThat((String) TestDb.value("select attributes from inbound_message where provider_message_id like ?", visitor + ":%"))
                    .contains("\"kiosk\":\"airport-t1\"");
        }
    }

    @Test
    void theDeclaredPageLanguageAnswersANumberAloneFromTheFirstMessage() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            // the widget's data-lang="en" (or /chat?lang=en) says hello with lang en
            chat.send("{\"type\":\"hello\",\"lang\":\"en\"}").next("welcome");
            chat.send(ChatClient.message("l-1", "1446-000123"));
            assertThat(chat.next("message").path("text").asText()).startsWith("Case 1446-000123: Under review.");
            // Arabic text still gets Arabic, and digits alone the page's language again
            chat.send(ChatClient.message("l-2", "حالة 1446-000123"));
            assertThat(chat.next("message").path("text").asText()).startsWith("القضية رقم \u20661446-000123\u2069:");
            chat.send(ChatClient.message("l-3", "٤٥١٢٨٧٣"));
            assertThat(chat.next("message").path("text").asText()).startsWith("Case 4512873:");
        }
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            chat.send("{\"type\":\"hello\",\"lang\":\"ar\"}").next("welcome");
            chat.send(ChatClient.message("l-4", "4512873"));
            assertThat(chat.next("message").path("text").asText()).startsWith("القضية رقم \u20664512873\u2069:");
        }
    }

    @Test
    void aForeignOrMissingOriginIsRefused() {
        assertThatThrownBy(() -> ChatClient.open(base, "https://evil.example.com"))
                .isInstanceOf(ExecutionException.class).hasStackTraceContaining("403");
        assertThatThrownBy(() -> ChatClient.open(base, null))
                .isInstanceOf(ExecutionException.class).hasStackTraceContaining("403");
    }

    @Test
    void anAllowedSiteMayEmbedTheWidget() throws Exception {
        try (ChatClient chat = ChatClient.open(base, "http://allowed.example.test")) {
            assertThat(chat.hello(null).path("token").asText()).startsWith("v1.");
        }
        RestAssured.given().header("Origin", "http://allowed.example.test").options("/chat/api/history").then()
                .statusCode(204).header("Access-Control-Allow-Origin", "http://allowed.example.test")
                .header("Access-Control-Allow-Headers", WebchatHistoryResource.TOKEN_HEADER);
        RestAssured.given().header("Origin", "https://evil.example.com").options("/chat/api/history").then()
                .statusCode(204).header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void framesOverTwoThousandCharactersAreRefused() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            String visitor = chat.hello(null).path("token").asText().split("\\.")[1];
            String frame = ChatClient.message("big", "ا".repeat(2000));
            assertThat(frame.length()).isGreaterThan(WebchatParser.MAX_FRAME_CHARS);
            chat.send(frame);
            assertThat(chat.next("error").path("code").asText()).isEqualTo(FrameRefused.TOO_LARGE);
            // the socket stays usable
            chat.send(ChatClient.message("small", "help"));
            assertThat(chat.next("ack").path("id").asText()).isEqualTo("small");
            assertThat(TestDb.value("select count(*) from inbound_message where provider_message_id like ?", visitor + ":%")).isEqualTo(1L);
        }
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            chat.hello(null);
            chat.send(ChatClient.message("huge", "x".repeat(20_000)));
            // Vert.x cuts it at max-message-size and closes the socket (1011, or 1009 "message too big")
            assertThat(chat.closeCode()).isIn(1009, 1011);
        }
    }

    @Test
    void aFloodIsCutByTheRateLimit() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            String visitor = chat.hello(null).path("token").asText().split("\\.")[1];
            int limited = 0;
            for (int i = 0; i < 12; i++) {
                chat.send(ChatClient.message("f-" + i, "help " + i));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(chat.next("error").path("code").asText()).isEqualTo(FrameRefused.RATE_LIMITED);
                limited++;
            }
            assertThat(limited).isEqualTo(4);
            // tawasul.webchat.rate-limit=8 in tests
            await().atMost(Duration.ofSeconds(5)).until(() -> (Long) TestDb.value(
                    "select count(*) from inbound_message where provider_message_id like ?", visitor + ":%") == 8L);
        }
        // frames of any kind beyond the socket's budget close it
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            chat.hello(null);
            for (int i = 0; i < WebchatEndpoint.FRAME_BUDGET + 5; i++) {
                chat.send("{\"type\":\"typing\"}");
            }
            assertThat(chat.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void aVisitorCannotReadOrTouchAnothersConversation() throws Exception {
        String tokenA;
        String replyToA;
        try (ChatClient a = ChatClient.open(base, ORIGIN)) {
            tokenA = a.hello(null).path("token").asText();
            a.send(ChatClient.message("a-1", "حالة 2024/12345"));
            replyToA = a.next("message").path("id").asText();
        }
        String visitorA = tokenA.split("\\.")[1];
        try (ChatClient b = ChatClient.open(base, ORIGIN)) {
            String tokenB = b.hello(null).path("token").asText();
            // A's message id, and guessed ids, are not B's to acknowledge
            b.send(ChatClient.status(replyToA, "read"));
            assertThat(b.next("error").path("code").asText()).isEqualTo(FrameRefused.UNKNOWN_MESSAGE);
            long outboundA = Long.parseLong(replyToA.substring(0, replyToA.indexOf('.')));
            b.send(ChatClient.status(outboundA + ".AAAAAAAAAAAAAAAA", "read"));
            assertThat(b.next("error").path("code").asText()).isEqualTo(FrameRefused.UNKNOWN_MESSAGE);
            // B's history is B's only
            RestAssured.given().header(WebchatHistoryResource.TOKEN_HEADER, tokenB).queryParam("visitor", visitorA)
                    .queryParam("conversation", 1).get("/chat/api/history").then().statusCode(200)
                    .body("messages.size()", equalTo(0));
            // A's visitor id with B's signature, or with none, opens nothing and is not A
            String forged = "v1." + visitorA + "." + tokenB.split("\\.")[2];
            RestAssured.given().header(WebchatHistoryResource.TOKEN_HEADER, forged).get("/chat/api/history").then()
                    .statusCode(401).contentType(org.hamcrest.Matchers.containsString("problem+json"));
            RestAssured.given().header(WebchatHistoryResource.TOKEN_HEADER, visitorA).get("/chat/api/history")
                    .then().statusCode(401);
            RestAssured.get("/chat/api/history").then().statusCode(401);
        }
        try (ChatClient c = ChatClient.open(base, ORIGIN)) {
            JsonNode welcome = c.hello("v1." + visitorA + ".forgedsignatureforgedsignatureforgedsignat");
            assertThat(welcome.path("resumed").asBoolean()).isFalse();
            assertThat(welcome.path("token").asText()).doesNotContain(visitorA);
        }
        assertThat(TestDb.value("select status from outbound_message where recipient = ?", visitorA))
                .isEqualTo("SENT");
    }

    @Test
    void framesBeforeHelloAndMalformedOnesGetAnError() throws Exception {
        try (ChatClient chat = ChatClient.open(base, ORIGIN)) {
            chat.send(ChatClient.message("early", "help"));
            assertThat(chat.next("error").path("code").asText()).isEqualTo(FrameRefused.HELLO_FIRST);
            chat.hello(null);
            chat.send("not json");
            assertThat(chat.next("error").path("code").asText()).isEqualTo(FrameRefused.MALFORMED);
            chat.send("{\"type\":\"message\",\"id\":\"bad id!\",\"text\":\"x\"}");
            assertThat(chat.next("error").path("code").asText()).isEqualTo(FrameRefused.MALFORMED);
            chat.send("{\"type\":\"hello\"}");
            assertThat(chat.next("error").path("code").asText()).isEqualTo(FrameRefused.HELLO_FIRST);
        }
    }
}
