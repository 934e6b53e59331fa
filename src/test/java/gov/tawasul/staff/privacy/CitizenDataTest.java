package gov.tawasul.staff.privacy;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.SmsCitizen;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A citizen's data: exported by a supervisor (JSON through the API and the console, readable Arabic page), erased
 * by an admin (texts, addresses, followers, notifications), the opt-out kept as a hash so that STOP is still
 * honoured when the citizen writes again; both audited without the address in full; roles and bad input refused.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class CitizenDataTest {

    private static final String JSON = "application/json";
    private static final String CITIZEN = "+966500077001";

    @InjectTwilioApi
    WireMockServer twilio;

    @BeforeEach
    void clean() {
        TestDb.execute("truncate delivery_receipt, notification, case_follower, outbound_message, inbound_message,"
                + " opt_out, identity_link, conversation cascade");
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    @Test
    void aSupervisorExportsAndAnAdminErasesAndStopIsStillHonoured() {
        SmsCitizen citizen = new SmsCitizen(CITIZEN);
        citizen.says("مساعدة من فضلك");
        await().atMost(Duration.ofSeconds(15)).until(() -> sent() >= 1);
        citizen.says("STOP");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from opt_out where citizen_address = ?", CITIZEN) == 1L);
        TestDb.execute("insert into case_follower (case_number, channel, citizen_address, source)"
                + " values ('1446-000123', 'SMS', ?, 'ASKER')", CITIZEN);
        TestDb.execute("insert into identity_link (case_number, channel, address, expires_at)"
                + " values ('1446-000777', 'SMS', ?, now() + interval '90 days')", CITIZEN);

        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        // the staff API reads its bodies strictly: no number taken for an address, no NUL character (a 400, not a 500)
        supervisor.given().contentType(JSON).body("{\"channel\":\"sms\",\"address\":5}")
                .post("/api/staff/citizens/export").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("Malformed JSON body: \"address\" must be a string."));
        supervisor.given().contentType(JSON).body("{\"channel\":\"sms\",\"address\":\"+9665\\u00001\"}")
                .post("/api/staff/citizens/export").then().statusCode(400).body("detail", org.hamcrest.Matchers
                        .equalTo("Malformed JSON body: \"address\" must not contain a NUL character."));
        JsonPath export = supervisor.given().contentType(JSON)
                .body("{\"channel\":\"sms\",\"address\":\"00966 50 007 7001\"}")
                .post("/api/staff/citizens/export").then().statusCode(200).extract().jsonPath();
        assertThat(export.getString("address")).isEqualTo(CITIZEN);
        assertThat(export.getList("conversations")).hasSize(1);
        assertThat(export.getList("conversations[0].messages.text", String.class)).contains("مساعدة من فضلك", "STOP");
        assertThat(export.getList("conversations[0].messages.direction", String.class)).contains("in", "out");
        assertThat(export.getList("optOuts")).hasSize(1);
        assertThat(export.getList("follows.caseNumber", String.class)).containsExactly("1446-000123");
        assertThat(export.getList("identityLinks.caseNumber", String.class)).containsExactly("1446-000777");

        String page = supervisor.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("channel", "sms").formParam("address", CITIZEN).formParam("format", "html")
                .post("/console/supervision/citizen/export").then().statusCode(200).extract().asString();
        assertThat(page).contains("dir=\"rtl\"", "مساعدة من فضلك", "البيانات المحفوظة عن");
        // times in Asia/Riyadh as the console shows them (Hijri first), states by their Arabic labels
        String shown = page.replaceAll("datetime=\"[^\"]*\"", "");
        assertThat(shown).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")
                .doesNotContain(">ANSWERED<", ">BOT<", ">ASKER<", ">KEYWORD<")
                .contains(" هـ · ", "أجاب عنها الروبوت", "سأل عنها", "كلمة إيقاف", "الروبوت");
        StaffSession.ensureAccount("test-supervisor-en", StaffRole.SUPERVISOR, "Test supervisor (en)", "en");
        StaffSession.unlock("test-supervisor-en");
        String english = StaffSession.login("test-supervisor-en", StaffSession.PASSWORD).given()
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("channel", "sms").formParam("address", CITIZEN).formParam("format", "html")
                .post("/console/supervision/citizen/export").then().statusCode(200).extract().asString();
        assertThat(english.replaceAll("datetime=\"[^\"]*\"", ""))
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")
                .containsPattern("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}")
                .contains("Answered by the bot", "Asked about it", "Stop keyword");
        supervisor.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("channel", "sms").formParam("address", CITIZEN).formParam("format", "json")
                .post("/console/supervision/citizen/export").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .body(containsString("مساعدة من فضلك"));

        // agents export nothing, supervisors erase nothing
        StaffSession.loginAs(StaffRole.AGENT).given().contentType(JSON)
                .body("{\"channel\":\"sms\",\"address\":\"" + CITIZEN + "\"}")
                .post("/api/staff/citizens/export").then().statusCode(403).contentType("application/problem+json");
        supervisor.given().contentType(JSON).body("{\"channel\":\"sms\",\"address\":\"" + CITIZEN + "\"}")
                .post("/api/staff/citizens/erase").then().statusCode(403).contentType("application/problem+json");

        StaffSession admin = StaffSession.loginAs(StaffRole.ADMIN);
        JsonPath erased = admin.given().contentType(JSON).body("{\"channel\":\"sms\",\"address\":\"" + CITIZEN + "\"}")
                .post("/api/staff/citizens/erase").then().statusCode(200).extract().jsonPath();
        assertThat(erased.getInt("erased.inbound")).isEqualTo(2);
        assertThat(erased.getInt("erased.conversations")).isEqualTo(1);
        assertThat(erased.getInt("erased.optOuts")).isEqualTo(1);
        assertThat(erased.getInt("erased.followers")).isEqualTo(1);
        assertThat(erased.getInt("erased.identityLinks")).isEqualTo(1);
        assertThat(TestDb.value("select count(*) from identity_link")).isEqualTo(0L);

        assertThat(TestDb.value("select count(*) from inbound_message where text <> ''")).isEqualTo(0L);
        assertThat(TestDb.value("select count(*) from outbound_message where text <> '' or recipient = ?", CITIZEN))
                .isEqualTo(0L);
        assertThat(TestDb.value("select count(*) from conversation where citizen_address = ?", CITIZEN)).isEqualTo(0L);
        assertThat((String) TestDb.value("select citizen_address from opt_out")).matches("h:[0-9a-f]{64}");
        assertThat(TestDb.value("select count(*) from case_follower")).isEqualTo(0L);
        JsonPath after = admin.given().contentType(JSON).body("{\"channel\":\"sms\",\"address\":\"" + CITIZEN + "\"}")
                .post("/api/staff/citizens/export").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("conversations")).isEmpty();

        // the citizen writes again: a new conversation, still opted out (the hash matches), no reply
        int before = sent();
        citizen.says("حالة ١٤٤٦-٠٠٠١٢٣");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from inbound_message i join conversation c on c.id = i.conversation_id"
                        + " where c.citizen_address = ? and i.state <> 'RECEIVED'", CITIZEN) == 1L);
        assertThat(TestDb.value("select count(*) from outbound_message o join conversation c on c.id = o.conversation_id"
                + " where c.citizen_address = ?", CITIZEN)).isEqualTo(0L);
        assertThat(sent()).isEqualTo(before);

        // audited, by hash and masked address only
        assertThat(TestDb.rows("select action, target_id, detail->>'address' as address from audit_event"
                + " where action in ('CITIZEN_DATA_EXPORTED', 'CITIZEN_DATA_ERASED') order by id desc limit 2"))
                .allSatisfy(r -> {
                    assertThat((String) r.get("target_id")).matches("h:[0-9a-f]{64}");
                    assertThat(r.get("address")).isEqualTo("+9665••••7001");
                });
        assertThat(TestDb.value("select count(*) from audit_event where detail::text like ? or target_id = ?",
                "%" + CITIZEN + "%", CITIZEN)).isEqualTo(0L);
    }

    @Test
    void badInputIs400ProblemJsonAndTheConsoleAsksForConfirmation() {
        StaffSession admin = StaffSession.loginAs(StaffRole.ADMIN);
        admin.given().contentType(JSON).body("{\"channel\":\"pigeon\",\"address\":\"x\"}")
                .post("/api/staff/citizens/export").then().statusCode(400).contentType("application/problem+json");
        admin.given().contentType(JSON).body("{\"channel\":\"sms\"}")
                .post("/api/staff/citizens/erase").then().statusCode(400).contentType("application/problem+json");
        admin.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("channel", "sms").formParam("address", CITIZEN)
                .post("/console/admin/citizen/erase").then().statusCode(400)
                .body(containsString("يجب تأكيد المحو"));
        admin.given().get("/console/supervision/citizen").then().statusCode(200)
                .body(containsString("/console/admin/citizen/erase"));
        StaffSession.loginAs(StaffRole.SUPERVISOR).given().get("/console/supervision/citizen").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("/console/admin/citizen/erase")));
    }

    private int sent() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))).size();
    }
}
