package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.BootstrapAdmin;
import gov.tawasul.staff.account.StaffMember;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start with no staff creates one admin and prints its generated password once to the console — never to
 * the log; two instances starting at the same time create it once.
 */
@QuarkusTest
class BootstrapAdminTest {

    static final Pattern LINE = Pattern.compile(
            "Console admin account created: (\\S+) / (\\S+) — change it after first login");

    @Inject
    BootstrapAdmin bootstrap;

    @Test
    void withNoStaffOneAdminIsCreatedOnceAndItsPasswordPrintedOnceToTheConsoleOnly() throws Exception {
        TestDb.execute("delete from staff_user");
        long before = ((Number) TestDb.value("select coalesce(max(id), 0) from audit_event")).longValue();
        ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        ByteArrayOutputStream consoleA = new ByteArrayOutputStream();
        ByteArrayOutputStream consoleB = new ByteArrayOutputStream();
        List<Optional<StaffMember>> created;
        try {
            // two instances starting together: both see an empty table, one creates the admin
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Optional<StaffMember>> a = CompletableFuture.supplyAsync(() -> start(together, consoleA));
            CompletableFuture<Optional<StaffMember>> b = CompletableFuture.supplyAsync(() -> start(together, consoleB));
            created = List.of(a.get(), b.get());
        } finally {
            root.removeHandler(capture);
        }

        assertThat(created.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(TestDb.rows("select username, role, enabled, bootstrap from staff_user")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("username")).isEqualTo("admin");
                    assertThat(row.get("role")).isEqualTo("ADMIN");
                    assertThat(row.get("enabled")).isEqualTo(true);
                    assertThat(row.get("bootstrap")).isEqualTo(true);
                });
        String printed = consoleA.toString(StandardCharsets.UTF_8) + consoleB.toString(StandardCharsets.UTF_8);
        Matcher line = LINE.matcher(printed);
        assertThat(line.find()).as("printed: %s", printed).isTrue();
        assertThat(line.find()).as("printed once").isFalse();
        line.reset().find();
        String password = line.group(2);
        assertThat(line.group(1)).isEqualTo("admin");
        assertThat(password).hasSizeGreaterThanOrEqualTo(16).matches("[A-Za-z0-9]+");
        assertThat(logged).noneMatch(message -> message.contains(password));
        assertThat(TestDb.rows("select actor, detail::text as detail from audit_event where id > ? and action = 'USER_CREATED'"
                + " and target_id = 'admin'", before)).singleElement().satisfies(row -> {
                    assertThat(row.get("actor")).isEqualTo("system");
                    assertThat(row.get("detail").toString()).contains("\"bootstrap\": true").doesNotContain(password);
                });

        // the printed password signs in as that admin
        StaffSession admin = StaffSession.login("admin", password);
        admin.given().get("/api/staff/users").then().statusCode(200);

        // a later start with staff present creates nothing and prints nothing
        ByteArrayOutputStream later = new ByteArrayOutputStream();
        assertThat(bootstrap.createIfNoStaff(new PrintStream(later, true, StandardCharsets.UTF_8))).isEmpty();
        assertThat(later.size()).isZero();
        StaffSession.ensureAccount("test-admin", StaffRole.ADMIN, "Test admin", "ar");
    }

    private Optional<StaffMember> start(CyclicBarrier together, ByteArrayOutputStream console) {
        try {
            together.await();
            return bootstrap.createIfNoStaff(new PrintStream(console, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
