package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Five failed logins for one username within 15 minutes lock it for 15 minutes, counted in Redis (shared by every
 * instance), for existing and unknown usernames alike; each attempt is in the audit log.
 */
@QuarkusTest
class LoginLockTest {

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Test
    void fiveWrongPasswordsLockTheUsernameAndEvenTheRightPasswordIsRefusedUntilTheLockEnds() {
        String username = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        StaffSession.ensureAccount(username, StaffRole.AGENT, "Locked Out", "en");
        long before = lastAuditId();
        for (int i = 1; i <= 4; i++) {
            assertThat(location(StaffSession.postLogin(username, "wrong-password-" + i)))
                    .as("attempt %d", i).endsWith("/console/login?error=failed");
        }
        // the fifth failure locks (and says so)
        assertThat(location(StaffSession.postLogin(username, "wrong-password-5"))).endsWith("/console/login?error=locked");
        // the right password is refused while locked; the page tells why
        Response refused = StaffSession.postLogin(username.toUpperCase(), StaffSession.PASSWORD);
        assertThat(location(refused)).endsWith("/console/login?error=locked");
        assertThat(refused.getCookie(StaffSession.SESSION_COOKIE)).isNull();
        given().get("/console/login?error=locked&lang=en").then().statusCode(200)
                .body(containsString("Too many failed sign-ins for this username. Try again in 15 minutes."));

        // in Redis: the lock, about 15 minutes
        long ttl = redis.sync().pttl(prefix() + "staff-login:lock:" + username);
        assertThat(ttl).isBetween(14 * 60_000L, 15 * 60_000L);

        List<Map<String, Object>> rows = TestDb.rows("""
                select action, actor, target_type, target_id, detail ->> 'reason' as reason,
                       (detail ->> 'failures')::int as failures, host(remote_address) as address
                from audit_event where id > ? and actor = ? order by id""", before, username);
        assertThat(rows).extracting(r -> r.get("action") + ":" + r.get("reason") + ":" + r.get("failures"))
                .containsExactly("LOGIN_FAILED:wrong-password:1", "LOGIN_FAILED:wrong-password:2",
                        "LOGIN_FAILED:wrong-password:3", "LOGIN_FAILED:wrong-password:4",
                        "LOGIN_FAILED:wrong-password:5", "LOGIN_LOCKED:null:5", "LOGIN_FAILED:locked:null");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("target_type")).isEqualTo("staff_user");
            assertThat(r.get("target_id")).isEqualTo(username);
            assertThat(r.get("address")).isEqualTo("127.0.0.1");
        });

        // the lock ends (its time passes: the key expires) → the right password works again
        redis.sync().pexpire(prefix() + "staff-login:lock:" + username, 1);
        StaffSession session = StaffSession.login(username, StaffSession.PASSWORD);
        session.given().get("/console/me/locale").then().statusCode(405);   // signed in: the route exists for POST only
        assertThat(TestDb.rows("select 1 from audit_event where id > ? and actor = ? and action = 'LOGIN'", before,
                username)).hasSize(1);
    }

    @Test
    void unknownUsernamesAreCountedAndLockedTheSameWay() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        long before = lastAuditId();
        for (int i = 1; i <= 4; i++) {
            assertThat(location(StaffSession.postLogin(nobody, "guess-" + i))).endsWith("?error=failed");
        }
        assertThat(location(StaffSession.postLogin(nobody, "guess-5"))).endsWith("?error=locked");
        assertThat(TestDb.rows("select action, detail ->> 'reason' as reason from audit_event where id > ? and actor = ?"
                + " order by id", before, nobody)).extracting(r -> r.get("action") + ":" + r.get("reason"))
                .containsExactly("LOGIN_FAILED:unknown-user", "LOGIN_FAILED:unknown-user", "LOGIN_FAILED:unknown-user",
                        "LOGIN_FAILED:unknown-user", "LOGIN_FAILED:unknown-user", "LOGIN_LOCKED:null");
    }

    @Test
    void aSuccessfulLoginForgetsEarlierFailures() {
        String username = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        StaffSession.ensureAccount(username, StaffRole.AGENT, "Resets", "ar");
        for (int i = 0; i < 4; i++) {
            StaffSession.postLogin(username, "wrong-" + i);
        }
        StaffSession.login(username, StaffSession.PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertThat(location(StaffSession.postLogin(username, "wrong-again-" + i))).endsWith("?error=failed");
        }
        StaffSession.login(username, StaffSession.PASSWORD);
        assertThat(redis.sync().exists(prefix() + "staff-login:lock:" + username)).isZero();
    }

    @Test
    void aPasswordResetByAnAdministratorLiftsTheLock() {
        String username = "unlock-" + UUID.randomUUID().toString().substring(0, 8);
        StaffSession.ensureAccount(username, StaffRole.AGENT, "Unlock Me", "ar");
        for (int i = 0; i < 5; i++) {
            StaffSession.postLogin(username, "wrong-" + i);
        }
        assertThat(location(StaffSession.postLogin(username, StaffSession.PASSWORD))).endsWith("?error=locked");
        StaffSession admin = StaffSession.loginAs(StaffRole.ADMIN);
        admin.given().contentType("application/json").body("{\"password\":\"a-brand-new-password\"}")
                .post("/api/staff/users/" + username).then().statusCode(200);
        StaffSession.login(username, "a-brand-new-password");
    }

    @Test
    void aDisabledAccountCannotSignInEvenWithItsPassword() {
        String username = "off-" + UUID.randomUUID().toString().substring(0, 8);
        StaffSession.ensureAccount(username, StaffRole.ADMIN, "Switched Off", "ar");
        TestDb.execute("update staff_user set enabled = false where username = ?", username);
        long before = lastAuditId();
        assertThat(location(StaffSession.postLogin(username, StaffSession.PASSWORD))).endsWith("?error=failed");
        assertThat(TestDb.value("select detail ->> 'reason' from audit_event where id > ? and actor = ?", before,
                username)).isEqualTo("disabled");
    }

    private static String location(Response response) {
        assertThat(response.statusCode()).isEqualTo(302);
        return response.getHeader("Location");
    }

    private static long lastAuditId() {
        return ((Number) TestDb.value("select coalesce(max(id), 0) from audit_event")).longValue();
    }

    private static String prefix() {
        return ConfigProvider.getConfig().getOptionalValue("tawasul.redis.key-prefix", String.class).orElse("tawasul:");
    }
}
