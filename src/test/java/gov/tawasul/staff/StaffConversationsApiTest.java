package gov.tawasul.staff;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff API over conversations with real sessions (form login, CSRF), real PostgreSQL and Redis, SMS
 * conversations made by signed Twilio webhooks and a WireMock Twilio receiving the agents' replies.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class StaffConversationsApiTest {

    private static final String JSON = "application/json";

    @InjectTwilioApi
    WireMockServer twilio;

    @BeforeEach
    void clean() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    @Test
    void agentsSeeAddressesMaskedAndSupervisorsWhole() {
        new SmsCitizen("+966500001001").says("help");
        new SmsCitizen("+966500001002").says("مرحبا");
        awaitReplies(2);

        JsonPath agent = StaffSession.loginAs(StaffRole.AGENT).given().get("/api/staff/conversations")
                .then().statusCode(200).extract().jsonPath();
        assertThat(agent.getList("conversations.citizen", String.class))
                .containsExactlyInAnyOrder("+9665••••1001", "+9665••••1002");
        assertThat(agent.getList("conversations.channel", String.class)).containsOnly("sms");
        assertThat(agent.getList("conversations.state", String.class)).containsOnly("BOT");
        assertThat(agent.getString("next")).isNull();

        JsonPath supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR).given().get("/api/staff/conversations")
                .then().statusCode(200).extract().jsonPath();
        assertThat(supervisor.getList("conversations.citizen", String.class))
                .containsExactlyInAnyOrder("+966500001001", "+966500001002");
    }

    @Test
    void theListPagesByCursorAndFilters() {
        for (int i = 1; i <= 5; i++) {
            new SmsCitizen("+96650000200" + i).says("help");
        }
        awaitReplies(5);
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        JsonPath first = agent.given().queryParam("limit", 3).get("/api/staff/conversations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("conversations")).hasSize(3);
        JsonPath second = agent.given().queryParam("limit", 3).queryParam("before", first.getString("next"))
                .get("/api/staff/conversations").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("conversations")).hasSize(2);
        assertThat(second.getString("next")).isNull();
        List<Long> all = new java.util.ArrayList<>(first.getList("conversations.id", Long.class));
        all.addAll(second.getList("conversations.id", Long.class));
        assertThat(all).doesNotHaveDuplicates().hasSize(5);

        assertThat(agent.given().queryParam("q", "+966500002003").get("/api/staff/conversations").then()
                .statusCode(200).extract().jsonPath().getList("conversations.citizen", String.class))
                .containsExactly("+9665••••2003");
        assertThat(agent.given().queryParam("state", "WITH_AGENT").get("/api/staff/conversations").then()
                .statusCode(200).extract().jsonPath().getList("conversations")).isEmpty();
        assertThat(agent.given().queryParam("channel", "facebook").get("/api/staff/conversations").then()
                .statusCode(200).extract().jsonPath().getList("conversations")).isEmpty();
        agent.given().queryParam("state", "NOPE").get("/api/staff/conversations").then().statusCode(400)
                .contentType("application/problem+json");
        agent.given().queryParam("before", "garbage").get("/api/staff/conversations").then().statusCode(400);
        agent.given().queryParam("limit", 1000).get("/api/staff/conversations").then().statusCode(400);
    }

    @Test
    void aTranscriptShowsEveryMessageWithItsDeliveryAndIsAudited() {
        SmsCitizen citizen = new SmsCitizen("+966500003001");
        citizen.says("help");
        String replySid = awaitReplies(1).get(0);
        citizen.receiptOf(replySid, "undelivered", "30003");
        long id = conversationOf("+966500003001");

        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        JsonPath t = agent.given().get("/api/staff/conversations/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(t.getString("conversation.citizen")).isEqualTo("+9665••••3001");
        assertThat(t.getBoolean("conversation.failedDelivery")).isTrue();
        assertThat(t.getList("messages.direction", String.class)).containsExactly("inbound", "outbound");
        assertThat(t.getList("messages.from", String.class)).containsExactly("citizen", "bot");
        assertThat(t.getString("messages[0].text")).isEqualTo("help");
        assertThat(t.getString("messages[1].status")).isEqualTo("UNDELIVERED");
        assertThat(t.getString("messages[1].errorCode")).isEqualTo("30003");
        assertThat(t.getString("messages[1].errorMeaning")).isEqualTo("الجوال غير متاح (مغلق أو خارج التغطية)");
        assertThat(TestDb.value("select count(*) from audit_event where actor = ? and action = 'TRANSCRIPT_VIEWED'"
                + " and target_id = ?", agent.username(), Long.toString(id))).isEqualTo(1L);

        assertThat(agent.given().queryParam("failed", true).get("/api/staff/conversations").then().statusCode(200)
                .extract().jsonPath().getList("conversations.id", Long.class)).containsExactly(id);
        agent.given().get("/api/staff/conversations/999999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void oneHolderAtATimeRepliesGoOutAsTheAgentAndHandBackTellsTheCitizen() {
        SmsCitizen citizen = new SmsCitizen("+966500004001");
        citizen.says("help");
        awaitReplies(1);
        long id = conversationOf("+966500004001");
        StaffSession sara = StaffSession.loginAs("sara", StaffRole.AGENT);
        StaffSession omar = StaffSession.loginAs("omar", StaffRole.AGENT);

        JsonPath taken = sara.given().post("/api/staff/conversations/" + id + "/takeover").then().statusCode(200)
                .extract().jsonPath();
        assertThat(taken.getString("state")).isEqualTo("WITH_AGENT");
        assertThat(taken.getString("assignedAgent")).isEqualTo("sara");
        omar.given().post("/api/staff/conversations/" + id + "/takeover").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(omar.given().contentType(JSON).body("{\"text\":\"hello\"}")
                .post("/api/staff/conversations/" + id + "/messages").then().statusCode(409).extract().jsonPath()
                .getString("heldBy")).isEqualTo("sara");

        long outboundId = sara.given().contentType(JSON).body("{\"text\":\"أهلاً، معك سارة من خدمة العملاء\"}")
                .post("/api/staff/conversations/" + id + "/messages").then().statusCode(202).extract().jsonPath()
                .getLong("outboundId");
        List<String> bodies = awaitBodies(2);
        assertThat(bodies.get(1)).isEqualTo("أهلاً، معك سارة من خدمة العملاء");
        assertThat(TestDb.value("select origin || '/' || sent_by from outbound_message where id = ?", outboundId))
                .isEqualTo("AGENT/sara");
        assertThat(TestDb.value("select count(*) from audit_event where actor = 'sara' and action in "
                + "('TAKEOVER', 'REPLY') and target_id = ?", Long.toString(id))).isEqualTo(2L);

        JsonPath transcript = omar.given().get("/api/staff/conversations/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(transcript.getList("messages.from", String.class)).containsExactly("citizen", "bot", "agent");
        assertThat(transcript.getString("messages[2].agent")).isEqualTo("Test agent");

        sara.given().contentType(JSON).body("{\"text\":\"" + "x".repeat(1601) + "\"}")
                .post("/api/staff/conversations/" + id + "/messages").then().statusCode(422)
                .contentType("application/problem+json").body("limit", org.hamcrest.Matchers.equalTo(1600));
        sara.given().contentType(JSON).body("{\"text\":\"   \"}")
                .post("/api/staff/conversations/" + id + "/messages").then().statusCode(422);
        // a number or a boolean is not taken for a text (Jackson would coerce it to "5")
        for (String notText : List.of("{\"text\":5}", "{\"text\":true}", "{\"text\":1.5}")) {
            sara.given().contentType(JSON).body(notText).post("/api/staff/conversations/" + id + "/messages")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.equalTo("Malformed JSON body: \"text\" must be a string."));
        }
        // a NUL character (PostgreSQL cannot store it) is refused before anything is done, not a 500 after
        sara.given().contentType(JSON).body("{\"text\":\"a\\u0000b\"}").post("/api/staff/conversations/" + id
                + "/messages").then().statusCode(400).contentType("application/problem+json").body("detail",
                org.hamcrest.Matchers.equalTo("Malformed JSON body: \"text\" must not contain a NUL character."));
        // the wrong shape is said in JSON's words, without our class names
        sara.given().contentType(JSON).body("[]").post("/api/staff/conversations/" + id + "/messages").then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.equalTo(
                        "Malformed JSON body: the body must be an object."));
        assertThat(TestDb.value("select count(*) from outbound_message where origin = 'AGENT' and conversation_id = ?",
                id)).isEqualTo(1L);
        assertThat(TestDb.value("select count(*) from audit_event where actor = 'sara' and action = 'REPLY' "
                + "and target_id = ?", Long.toString(id))).isEqualTo(1L);
        sara.given().contentType(JSON).body("{\"text\":\"hi\"}")
                .post("/api/staff/conversations/999999999/messages").then().statusCode(404);

        JsonPath back = sara.given().post("/api/staff/conversations/" + id + "/handback").then().statusCode(200)
                .extract().jsonPath();
        assertThat(back.getString("state")).isEqualTo("BOT");
        assertThat(back.getString("assignedAgent")).isNull();
        assertThat(awaitBodies(3)).hasSize(3);
    }

    @Test
    void aSupervisorReassignsAndAnOptedOutCitizenGetsNothing() {
        SmsCitizen citizen = new SmsCitizen("+966500005001");
        citizen.says("help");
        awaitReplies(1);
        long id = conversationOf("+966500005001");
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        agent.given().post("/api/staff/conversations/" + id + "/takeover").then().statusCode(200);
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        assertThat(supervisor.given().queryParam("reassign", true).post("/api/staff/conversations/" + id + "/takeover")
                .then().statusCode(200).extract().jsonPath().getString("assignedAgent")).isEqualTo(supervisor.username());
        assertThat(TestDb.value("select count(*) from audit_event where action = 'REASSIGN' and target_id = ?",
                Long.toString(id))).isEqualTo(1L);

        citizen.says("STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from opt_out where citizen_address = '+966500005001'") == 1L);
        supervisor.given().contentType(JSON).body("{\"text\":\"are you there?\"}")
                .post("/api/staff/conversations/" + id + "/messages").then().statusCode(422)
                .body("reason", org.hamcrest.Matchers.equalTo("OPTED_OUT"));
        assertThat(awaitBodies(1)).hasSize(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheStaffApi() {
        String doc = io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        assertThat(doc).contains("/api/staff/conversations/{id}/messages").contains("/api/staff/conversations/{id}/takeover")
                .contains("/api/staff/events");
    }

    private List<String> awaitReplies(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> calls().size() >= count);
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from outbound_message where provider_message_id is not null") >= count);
        return TestDb.rows("select provider_message_id from outbound_message order by id").stream()
                .map(r -> (String) r.get("provider_message_id")).toList();
    }

    private List<String> awaitBodies(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> calls().size() >= count);
        return calls().stream().map(c -> form(c.getBodyAsString(), "Body")).toList();
    }

    private List<LoggedRequest> calls() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH)));
    }

    private static long conversationOf(String citizen) {
        return (Long) TestDb.value("select id from conversation where citizen_address = ?", citizen);
    }

    private static String form(String body, String name) {
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
                return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    @Test
    void longArabicTextsAreTakenWholeFromCitizensAndStaff() {
        String arabic = "ب".repeat(1589) + " 1446-000123";
        new SmsCitizen("+966500007001").says(arabic);
        awaitReplies(1);
        assertThat(TestDb.value("select length(text) from inbound_message")).isEqualTo(1601);
        long id = conversationOf("+966500007001");
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        agent.given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("text", "ت".repeat(1600))
                .post("/console/conversations/" + id + "/reply").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("id=\"notice\""));
        assertThat(awaitBodies(2).get(1)).hasSize(1600);
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        supervisor.given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("locale", "ar")
                .formParam("title", "ترحيب طويل").formParam("text", "ث".repeat(2000))
                .post("/console/supervision/canned").then().statusCode(200);
        assertThat(TestDb.value("select length(text) from canned_reply where title = 'ترحيب طويل'")).isEqualTo(2000);
    }

    @Test
    void agentsFindAConversationByAWholeAddressOnlyAndARefusedReplyChangesNothing() {
        SmsCitizen citizen = new SmsCitizen("+966500008001");
        citizen.says("help");
        awaitReplies(1);
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        assertThat(agent.given().queryParam("q", "+966500008001").get("/api/staff/conversations").then().statusCode(200)
                .extract().jsonPath().getList("conversations")).hasSize(1);
        assertThat(agent.given().queryParam("q", "96650000800").get("/api/staff/conversations").then().statusCode(200)
                .extract().jsonPath().getList("conversations")).isEmpty();
        // an unknown channel or state is said in the API's words, not our class names
        agent.given().queryParam("channel", "bogus").get("/api/staff/conversations").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.startsWith("Bad list parameter: channel must be one of [sms,"));
        agent.given().queryParam("state", "bogus").get("/api/staff/conversations").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("gov.tawasul")));
        // a NUL character in a search (as %00) is dropped, not a 500 from PostgreSQL
        assertThat(agent.given().queryParam("q", "+9665000\u000008001").queryParam("department", "\u0000")
                .get("/api/staff/conversations").then().statusCode(200).extract().jsonPath()
                .getList("conversations")).hasSize(1);
        assertThat(StaffSession.loginAs(StaffRole.SUPERVISOR).given().queryParam("q", "96650000800")
                .get("/api/staff/conversations").then().statusCode(200).extract().jsonPath()
                .getList("conversations")).hasSize(1);

        long id = conversationOf("+966500008001");
        agent.given().contentType(JSON).body("{\"text\":\"hello\"}").post("/api/staff/conversations/" + id + "/messages")
                .then().statusCode(202);
        assertThat(TestDb.value("select string_agg(action, ',' order by id) from audit_event where target_id = ?"
                + " and action in ('TAKEOVER', 'REPLY')", Long.toString(id))).isEqualTo("TAKEOVER,REPLY");
        agent.given().post("/api/staff/conversations/" + id + "/handback").then().statusCode(200);
        citizen.says("STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from opt_out where citizen_address = '+966500008001'") == 1L);
        agent.given().contentType(JSON).body("{\"text\":\"still there?\"}")
                .post("/api/staff/conversations/" + id + "/messages").then().statusCode(422);
        assertThat(TestDb.value("select state from conversation where id = ?", id)).isEqualTo("BOT");
    }
}
