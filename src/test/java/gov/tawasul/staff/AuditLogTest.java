package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditEvent;
import gov.tawasul.staff.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The append-only audit log: its store, its database rules, and the supervisors' page. */
@QuarkusTest
class AuditLogTest {

    @Inject
    AuditLog audit;

    @Test
    void eventsAreRecordedAndReadBackNewestFirstInPages() {
        String actor = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 1; i <= 3; i++) {
            audit.record(actor, AuditAction.TAKEOVER, "conversation", Integer.toString(40 + i),
                    Map.of("n", i, "nested", Map.of("ok", true)), i == 1 ? "10.1.2.3" : i == 2 ? "::1" : "not an ip")
                    .await().atMost(Duration.ofSeconds(5));
        }
        List<AuditEvent> newest = audit.recent(2, null).await().atMost(Duration.ofSeconds(5));
        assertThat(newest).extracting(AuditEvent::targetId).containsExactly("43", "42");
        AuditEvent third = newest.get(0);
        assertThat(third.actor()).isEqualTo(actor);
        assertThat(third.action()).isEqualTo(AuditAction.TAKEOVER);
        assertThat(third.targetType()).isEqualTo("conversation");
        assertThat(third.detail()).containsEntry("n", 3).containsEntry("nested", Map.of("ok", true));
        assertThat(third.remoteAddress()).isNull();
        assertThat(third.at()).isAfter(start).isBefore(Instant.now().plusSeconds(1));
        assertThat(newest.get(1).remoteAddress()).isEqualTo("::1");
        List<AuditEvent> older = audit.recent(2, newest.get(1).id()).await().atMost(Duration.ofSeconds(5));
        assertThat(older.get(0).targetId()).isEqualTo("41");
        assertThat(older.get(0).remoteAddress()).isEqualTo("10.1.2.3");
        // outside a request, no remote address; a long actor is cut to the column
        audit.record("x".repeat(80), AuditAction.CLOSE, null, null, null).await().atMost(Duration.ofSeconds(5));
        AuditEvent cut = audit.recent(1, null).await().atMost(Duration.ofSeconds(5)).get(0);
        assertThat(cut.actor()).hasSize(64);
        assertThat(cut.detail()).isEmpty();
        assertThat(cut.remoteAddress()).isNull();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveEvents() {
        audit.record("append-only", AuditAction.LOGIN, null, null, Map.of()).await().atMost(Duration.ofSeconds(5));
        long id = ((Number) TestDb.value("select max(id) from audit_event")).longValue();
        assertThatThrownBy(() -> TestDb.execute("update audit_event set actor = 'someone else' where id = ?", id))
                .hasMessageContaining("audit_event is append-only: UPDATE refused");
        assertThatThrownBy(() -> TestDb.execute("delete from audit_event where id = ?", id))
                .hasMessageContaining("audit_event is append-only: DELETE refused");
        assertThatThrownBy(() -> TestDb.execute("truncate audit_event"))
                .hasMessageContaining("audit_event is append-only: TRUNCATE refused");
        assertThat(TestDb.value("select actor from audit_event where id = ?", id)).isEqualTo("append-only");
    }

    @Test
    void theDatabaseAcceptsExactlyTheActionsOfTheEnum() {
        String check = (String) TestDb.value("select pg_get_constraintdef(oid) from pg_constraint"
                + " where conname = 'audit_event_action_check'");
        Matcher names = Pattern.compile("'([A-Z_]+)'").matcher(check);
        List<String> allowed = new java.util.ArrayList<>();
        while (names.find()) {
            allowed.add(names.group(1));
        }
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AuditAction.values()).map(Enum::name).toList());
        assertThatThrownBy(() -> TestDb.execute("insert into audit_event (actor, action) values ('x', 'HACKED')"))
                .hasMessageContaining("audit_event_action_check");
    }

    @Test
    void supervisorsReadTheLogInPagesAndAgentsCannot() {
        String actor = "page-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            audit.record(actor, AuditAction.REPLY, "conversation", "9" + i, Map.of("outboundId", i), "192.0.2.7")
                    .await().atMost(Duration.ofSeconds(5));
        }
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        String first = supervisor.given().get("/console/supervision/audit?limit=2").then().statusCode(200)
                .body(containsString("<html lang=\"ar\" dir=\"rtl\">")).body(containsString("سجل التدقيق"))
                .body(containsString("ردّ")).body(containsString("conversation 93"))
                .body(containsString("{&quot;outboundId&quot;:3}")).body(containsString("192.0.2.7"))
                .body(not(containsString("conversation 91")))
                .extract().asString();
        Matcher older = Pattern.compile("href=\"/console/supervision/audit\\?before=(\\d+)\"").matcher(first);
        assertThat(older.find()).isTrue();
        supervisor.given().get("/console/supervision/audit?limit=2&before=" + older.group(1)).then().statusCode(200)
                .body(containsString("conversation 91")).body(not(containsString("conversation 93")))
                .body(containsString("href=\"/console/supervision/audit\""));
        StaffSession.loginAs(StaffRole.AGENT).given().get("/console/supervision/audit").then().statusCode(403);
    }
}
