package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Administrators create, re-role, disable and reset staff accounts, through the API and the page; all audited. */
@QuarkusTest
class UsersAdminTest {

    StaffSession admin;
    String name;
    long before;

    @BeforeEach
    void signIn() {
        admin = StaffSession.loginAs(StaffRole.ADMIN);
        name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        before = ((Number) TestDb.value("select coalesce(max(id), 0) from audit_event")).longValue();
    }

    @Test
    void anAdministratorCreatesAnAccountThatCanSignIn() {
        admin.given().contentType("application/json; charset=UTF-8")
                .body(Map.of("username", name.toUpperCase(), "displayName", "نورة العتيبي", "role", "supervisor",
                        "password", "correct horse 1", "locale", "en"))
                .post("/api/staff/users").then().statusCode(201)
                .header("Location", endsWith("/api/staff/users/" + name))
                .body("username", equalTo(name)).body("displayName", equalTo("نورة العتيبي"))
                .body("role", equalTo("SUPERVISOR")).body("enabled", equalTo(true)).body("locale", equalTo("en"))
                .body("passwordSet", equalTo(true)).body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
        assertThat((String) TestDb.value("select password_hash from staff_user where username = ?", name))
                .startsWith("$2").doesNotContain("correct horse");
        admin.given().get("/api/staff/users").then().statusCode(200).body("username", hasItems(name, "test-admin"));
        admin.given().get("/api/staff/users/" + name).then().statusCode(200).body("role", equalTo("SUPERVISOR"));

        StaffSession created = StaffSession.login(name, "correct horse 1");
        created.given().get("/console/supervision/audit").then().statusCode(200);
        created.given().get("/api/staff/users").then().statusCode(403);

        Map<String, Object> row = TestDb.rows("select actor, target_type, detail::text as detail from audit_event"
                + " where id > ? and action = 'USER_CREATED' and target_id = ?", before, name).get(0);
        assertThat(row.get("actor")).isEqualTo("test-admin");
        assertThat(row.get("target_type")).isEqualTo("staff_user");
        assertThat(row.get("detail").toString()).contains("\"role\": \"SUPERVISOR\"").doesNotContain("horse");
    }

    @Test
    void invalidFieldsAre422WithEachFieldNamed() {
        Response r = admin.given().contentType("application/json")
                .body(Map.of("username", "-bad name", "displayName", " ", "role", "BOSS", "password", "short",
                        "locale", "fr"))
                .post("/api/staff/users");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.jsonPath().getList("errors.field", String.class))
                .containsExactlyInAnyOrder("username", "displayName", "role", "password", "locale");
        // 72 bytes is bcrypt's limit: longer is refused, not cut
        admin.given().contentType("application/json")
                .body(Map.of("username", name, "displayName", "X", "role", "AGENT", "password", "ك".repeat(37)))
                .post("/api/staff/users").then().statusCode(422).body("errors[0].field", equalTo("password"))
                .body("errors[0].message", containsString("72 bytes"));
        admin.given().contentType("application/json")
                .body(Map.of("username", name, "displayName", "X", "role", "AGENT", "password", name))
                .post("/api/staff/users").then().statusCode(422);
        // not JSON, not an object
        admin.given().contentType("application/json").body("{\"username\": ").post("/api/staff/users")
                .then().statusCode(400).contentType("application/problem+json");
        admin.given().contentType("application/json").body("[1]").post("/api/staff/users").then().statusCode(400);
        assertThat(TestDb.rows("select 1 from staff_user where username = ?", name)).isEmpty();
    }

    @Test
    void aTakenUsernameIs409AndAnUnknownOneIs404() {
        Map<String, String> body = Map.of("username", name, "displayName", "One", "role", "AGENT",
                "password", "0123456789");
        admin.given().contentType("application/json").body(body).post("/api/staff/users").then().statusCode(201);
        admin.given().contentType("application/json").body(body).post("/api/staff/users").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("taken"));
        admin.given().contentType("application/json").body(Map.of("role", "ADMIN"))
                .post("/api/staff/users/no-such-" + name).then().statusCode(404).contentType("application/problem+json");
        admin.given().get("/api/staff/users/no-such-" + name).then().statusCode(404);
    }

    @Test
    void aValueOfTheWrongJsonTypeIs400AndChangesNothing() {
        StaffSession.ensureAccount(name, StaffRole.AGENT, "Old Name", "ar");
        admin.given().contentType("application/json").body("{\"enabled\":\"no\"}")
                .post("/api/staff/users/" + name).then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Malformed JSON body: \"enabled\" must be true or false."));
        admin.given().contentType("application/json").body("{\"displayName\":7}")
                .post("/api/staff/users/" + name).then().statusCode(400)
                .body("detail", equalTo("Malformed JSON body: \"displayName\" must be a string."));
        assertThat(TestDb.value("select display_name || '/' || enabled from staff_user where username = ?", name))
                .isEqualTo("Old Name/true");
    }

    @Test
    void changesAreAppliedAndAuditedFieldByFieldWithoutThePassword() {
        StaffSession.ensureAccount(name, StaffRole.AGENT, "Old Name", "ar");
        admin.given().contentType("application/json")
                .body(Map.of("role", "SUPERVISOR", "displayName", "New Name", "locale", "en",
                        "password", "new-secret-password"))
                .post("/api/staff/users/" + name).then().statusCode(200)
                .body("role", equalTo("SUPERVISOR")).body("displayName", equalTo("New Name"))
                .body("locale", equalTo("en")).body("enabled", equalTo(true));
        String detail = (String) TestDb.value("select detail::text from audit_event where id > ?"
                + " and action = 'USER_CHANGED' and target_id = ?", before, name);
        assertThat(detail).contains("\"role\": {\"to\": \"SUPERVISOR\", \"from\": \"AGENT\"}")
                .contains("\"displayName\": {\"to\": \"New Name\", \"from\": \"Old Name\"}")
                .contains("\"locale\": {\"to\": \"en\", \"from\": \"ar\"}")
                .contains("\"password\": \"reset\"").doesNotContain("new-secret-password")
                .doesNotContain("enabled");
        StaffSession.login(name, "new-secret-password");

        admin.given().contentType("application/json").body(Map.of("enabled", false))
                .post("/api/staff/users/" + name).then().statusCode(200).body("enabled", equalTo(false));
        assertThat(StaffSession.postLogin(name, "new-secret-password").getHeader("Location")).contains("error=failed");
        assertThat(TestDb.rows("select detail::text as d from audit_event where id > ? and action = 'USER_CHANGED'"
                + " and target_id = ? order by id", before, name)).extracting(r -> r.get("d").toString())
                .last().isEqualTo("{\"enabled\": {\"to\": false, \"from\": true}}");

        // the same values again: nothing changed, nothing recorded
        long count = count(name);
        admin.given().contentType("application/json").body(Map.of("enabled", false, "role", "SUPERVISOR"))
                .post("/api/staff/users/" + name).then().statusCode(200);
        assertThat(count(name)).isEqualTo(count);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledOrDemoted() {
        List<Map<String, Object>> others = TestDb.rows(
                "select username from staff_user where role = 'ADMIN' and enabled and username <> 'test-admin'");
        TestDb.execute("update staff_user set enabled = false where role = 'ADMIN' and username <> 'test-admin'");
        try {
            admin.given().contentType("application/json").body(Map.of("role", "AGENT"))
                    .post("/api/staff/users/test-admin").then().statusCode(409)
                    .body("detail", containsString("no enabled ADMIN"));
            admin.given().contentType("application/json").body(Map.of("enabled", false))
                    .post("/api/staff/users/test-admin").then().statusCode(409);
            assertThat(TestDb.value("select role from staff_user where username = 'test-admin'")).isEqualTo("ADMIN");
            // with a second admin, it can
            StaffSession.ensureAccount(name, StaffRole.ADMIN, "Second Admin", "ar");
            admin.given().contentType("application/json").body(Map.of("role", "SUPERVISOR"))
                    .post("/api/staff/users/test-admin").then().statusCode(200);
        } finally {
            for (Map<String, Object> other : others) {
                TestDb.execute("update staff_user set enabled = true where username = ?", other.get("username"));
            }
            StaffSession.ensureAccount("test-admin", StaffRole.ADMIN, "Test admin", "ar");
        }
    }

    @Test
    void thePageCreatesAndChangesAccountsWithPlainFormsAndHtmx() {
        // plain form: 303 back to the page, which confirms
        Response created = admin.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam(StaffSession.CSRF_FIELD, admin.csrfToken())
                .formParam("username", name).formParam("displayName", "فهد").formParam("role", "AGENT")
                .formParam("locale", "ar").formParam("password", "page-password-1")
                .post("/console/admin/users");
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.getHeader("Location")).endsWith("/console/admin/users?created=" + name);
        admin.given().get("/console/admin/users?created=" + name).then().statusCode(200)
                .body(containsString("أُنشئ الحساب " + name)).body(containsString("value=\"فهد\""))
                .body(containsString("<html lang=\"ar\" dir=\"rtl\">"));

        // htmx: the accounts fragment comes back (no layout), with the change applied
        admin.given().header("HX-Request", "true").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("displayName", "فهد السالم").formParam("role", "SUPERVISOR").formParam("enabled", "false")
                .formParam("locale", "en").formParam("password", "")
                .post("/console/admin/users/" + name).then().statusCode(200)
                .body(containsString("<section id=\"accounts\"")).body(not(containsString("<html")))
                .body(containsString("حُفظ الحساب " + name));
        Map<String, Object> row = TestDb.rows("select display_name, role, enabled, locale from staff_user where username = ?",
                name).get(0);
        assertThat(row).containsEntry("display_name", "فهد السالم").containsEntry("role", "SUPERVISOR")
                .containsEntry("enabled", false).containsEntry("locale", "en");
        // the password was kept (empty field)
        TestDb.execute("update staff_user set enabled = true where username = ?", name);
        StaffSession.login(name, "page-password-1");

        // errors come back on the form, in the admin's language
        admin.given().header("HX-Request", "true").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("username", name).formParam("displayName", "X").formParam("role", "AGENT")
                .formParam("password", "0123456789").post("/console/admin/users").then().statusCode(200)
                .body(containsString("اسم المستخدم هذا مستخدم من قبل")).body(containsString("aria-invalid=\"true\""));
        admin.given().header("HX-Request", "true").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("username", "new-" + name).formParam("displayName", "X").formParam("role", "AGENT")
                .formParam("password", "short").post("/console/admin/users").then().statusCode(200)
                .body(containsString("10 أحرف على الأقل")).body(containsString("value=\"new-" + name + "\""));
        admin.given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam(StaffSession.CSRF_FIELD, admin.csrfToken()).formParam("username", "x y")
                .formParam("displayName", "X").formParam("role", "AGENT").formParam("password", "0123456789")
                .post("/console/admin/users").then().statusCode(422).body(containsString("<html"));
    }

    @Test
    void staffSwitchTheirOwnLanguage() {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        agent.given().header("Referer", "http://evil.example/console/supervision/audit?x=1")
                .contentType("application/x-www-form-urlencoded").formParam("locale", "en")
                .post("/console/me/locale").then().statusCode(303)
                .header("Location", endsWith("/console/supervision/audit?x=1"));
        assertThat(TestDb.value("select locale from staff_user where username = 'test-agent'")).isEqualTo("en");
        agent.given().header("Referer", "http://localhost/elsewhere").contentType("application/x-www-form-urlencoded")
                .formParam("locale", "ar").post("/console/me/locale").then().statusCode(303)
                .header("Location", endsWith("/console"));
        agent.given().contentType("application/json").body("{\"locale\":\"en\"}").post("/console/me/locale")
                .then().statusCode(204);
        agent.given().header("HX-Request", "true").contentType("application/x-www-form-urlencoded")
                .formParam("locale", "ar").post("/console/me/locale").then().statusCode(204)
                .header("HX-Refresh", "true");
        agent.given().contentType("application/json").body("{\"locale\":\"fr\"}").post("/console/me/locale")
                .then().statusCode(422).body("errors[0].field", equalTo("locale"));
        assertThat(TestDb.rows("select detail::text as d from audit_event where id > ? and action = 'USER_CHANGED'"
                + " and actor = 'test-agent' and target_id = 'test-agent' order by id", before))
                .extracting(r -> r.get("d").toString())
                .containsExactly("{\"locale\": {\"to\": \"en\"}}", "{\"locale\": {\"to\": \"ar\"}}",
                        "{\"locale\": {\"to\": \"en\"}}", "{\"locale\": {\"to\": \"ar\"}}");
        // the next page is in the member's language
        agent.given().contentType("application/json").body("{\"locale\":\"en\"}").post("/console/me/locale");
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        supervisor.given().contentType("application/json").body("{\"locale\":\"en\"}").post("/console/me/locale");
        supervisor.given().get("/console/supervision/audit").then().statusCode(200)
                .body(containsString("<html lang=\"en\" dir=\"ltr\">")).body(containsString("Audit log"));
    }

    private long count(String target) {
        return ((Number) TestDb.value("select count(*) from audit_event where target_id = ?", target)).longValue();
    }
}
