package gov.tawasul.staff;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.IdentityLink;
import gov.tawasul.engine.store.IdentityLinks;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * Staff revoke a citizen's identity link: the API (list, revoke with a reason, audited; 404/409/422 as
 * problem+json) and the transcript panel's control (the htmx fragment with its revoke button).
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class StaffIdentityLinksTest {

    private static final String JSON = "application/json";

    @InjectTwilioApi
    WireMockServer twilio;
    @Inject
    IdentityLinks links;

    @Test
    void anAgentRevokesALinkWithAReasonAndItIsAudited() throws Throwable {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        String phone = "+96650" + (1000000 + (int) (Math.random() * 8999999));
        new SmsCitizen(phone).says("help");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) TestDb.value(
                "select count(*) from conversation where citizen_address = ?", phone) == 1L);
        long conversation = ((Number) TestDb.value("select id from conversation where citizen_address = ?", phone))
                .longValue();
        IdentityLink link = VertxContextSupport.subscribeAndAwait(() -> links.link("1446-000123",
                new Address(Channel.SMS, phone), Duration.ofDays(90)));

        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        String base = "/api/staff/conversations/" + conversation + "/identity-links";
        assertThat(agent.given().get(base).then().statusCode(200).extract().jsonPath()
                .getList("caseNumber", String.class)).containsExactly("1446-000123");
        agent.given().get("/console/conversations/" + conversation + "/identity-links").then().statusCode(200)
                .body(containsString("1446-000123"), containsString("/identity-links/" + link.id() + "/revoke"));

        agent.given().contentType(JSON).body("{\"reason\":\"  \"}").post(base + "/" + link.id() + "/revoke")
                .then().statusCode(422).contentType("application/problem+json");
        agent.given().contentType(JSON).body("{\"reason\":\"x\"}").post(base + "/" + (link.id() + 100000) + "/revoke")
                .then().statusCode(404).contentType("application/problem+json");
        agent.given().contentType(JSON).body("{\"reason\":\"citizen called: lost phone\"}")
                .post(base + "/" + link.id() + "/revoke").then().statusCode(200)
                .body("live", org.hamcrest.Matchers.is(false))
                .body("revokedBy", org.hamcrest.Matchers.is("staff:test-agent"));
        agent.given().contentType(JSON).body("{\"reason\":\"again\"}").post(base + "/" + link.id() + "/revoke")
                .then().statusCode(409);
        assertThat(TestDb.value("select count(*) from audit_event where action = 'IDENTITY_LINK_REVOKED' "
                + "and target_type = 'identity_link' and target_id = ?", Long.toString(link.id()))).isEqualTo(1L);
        assertThat(TestDb.value("select reason from identity_link where id = ?", link.id()))
                .isEqualTo("citizen called: lost phone");
        agent.given().get("/console/conversations/" + conversation + "/identity-links").then().statusCode(200)
                .body(not(containsString("/revoke")));
        agent.given().get("/api/staff/conversations/" + Long.MAX_VALUE + "/identity-links").then().statusCode(404);
    }
}
