package gov.tawasul.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** Enforces the dependency table of DESIGN.md and that every class sits in the folder of its package. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("gov.tawasul");
    }

    @Test
    void engineDependsOnNoOtherComponent() {
        noClasses().that().resideInAPackage("gov.tawasul.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("gov.tawasul.channels..", "gov.tawasul.cases..",
                        "gov.tawasul.app..", "gov.tawasul.staff..")
                .check(classes);
    }

    @Test
    void channelsDependOnTheEngineOnly() {
        noClasses().that().resideInAPackage("gov.tawasul.channels..")
                .should().dependOnClassesThat().resideInAnyPackage("gov.tawasul.cases..", "gov.tawasul.app..",
                        "gov.tawasul.staff..")
                .check(classes);
    }

    @Test
    void caseConnectorDependsOnTheEngineOnly() {
        noClasses().that().resideInAPackage("gov.tawasul.cases..")
                .should().dependOnClassesThat().resideInAnyPackage("gov.tawasul.channels..", "gov.tawasul.app..",
                        "gov.tawasul.staff..")
                .check(classes);
    }

    @Test
    void channelsDoNotDependOnEachOther() {
        slices().matching("gov.tawasul.channels.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(),
                        JavaClass.Predicates.resideInAPackage("gov.tawasul.channels.common.."))
                .check(classes);
    }

    @Test
    void noCyclesBetweenComponents() {
        slices().matching("gov.tawasul.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * SQL runs only in the engine's stores and the staff stores ({@code StaffUsers}: {@code staff_user},
     * {@code AuditLog}: {@code audit_event}, {@code CannedReplies}: {@code canned_reply}); Hibernate (the local case table) only in the local connector.
     */
    @Test
    void onlyStoresTalkToTheDatabase() {
        noClasses().that().resideOutsideOfPackage("gov.tawasul.engine.store..")
                .and().doNotHaveFullyQualifiedName("gov.tawasul.staff.account.StaffUsers")
                .and().doNotHaveFullyQualifiedName("gov.tawasul.staff.audit.AuditLog")
                .and().doNotHaveFullyQualifiedName("gov.tawasul.staff.canned.CannedReplies")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..",
                        "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("gov.tawasul.engine.store.Db")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("gov.tawasul.cases.local..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "io.quarkus.hibernate..")
                .check(classes);
    }

    /**
     * Each table is written by one store: the SQL that inserts into, updates or deletes from a table appears in
     * its store's source only (statements that must be atomic across two tables take a CTE from the other
     * table's store). Every store is found writing its table, so that this test cannot pass by finding nothing.
     */
    @Test
    void onlyItsStoreWritesATable() throws IOException {
        Map<String, String> owners = Map.ofEntries(
                Map.entry("conversation", "conversation-engine/src/main/java/gov/tawasul/engine/store/Conversations.java"),
                Map.entry("inbound_message", "conversation-engine/src/main/java/gov/tawasul/engine/store/InboundMessages.java"),
                Map.entry("outbound_message", "conversation-engine/src/main/java/gov/tawasul/engine/store/OutboundMessages.java"),
                Map.entry("delivery_receipt", "conversation-engine/src/main/java/gov/tawasul/engine/store/DeliveryReceipts.java"),
                Map.entry("opt_out", "conversation-engine/src/main/java/gov/tawasul/engine/store/OptOuts.java"),
                Map.entry("staff_user", "src/main/java/gov/tawasul/staff/account/StaffUsers.java"),
                Map.entry("audit_event", "src/main/java/gov/tawasul/staff/audit/AuditLog.java"),
                Map.entry("canned_reply", "src/main/java/gov/tawasul/staff/canned/CannedReplies.java"),
                Map.entry("case_event", "conversation-engine/src/main/java/gov/tawasul/engine/store/CaseEvents.java"),
                Map.entry("case_follower", "conversation-engine/src/main/java/gov/tawasul/engine/store/CaseFollowers.java"),
                Map.entry("notification", "conversation-engine/src/main/java/gov/tawasul/engine/store/Notifications.java"),
                Map.entry("case_query", "conversation-engine/src/main/java/gov/tawasul/engine/store/CaseQueries.java"),
                Map.entry("case_follow_up", "conversation-engine/src/main/java/gov/tawasul/engine/store/CaseFollowUps.java"),
                Map.entry("identity_link", "conversation-engine/src/main/java/gov/tawasul/engine/store/IdentityLinks.java"),
                Map.entry("report_daily", "conversation-engine/src/main/java/gov/tawasul/engine/store/ReportRollups.java"),
                Map.entry("report_rolled_day", "conversation-engine/src/main/java/gov/tawasul/engine/store/ReportRollups.java"),
                Map.entry("report_citizen_days", "conversation-engine/src/main/java/gov/tawasul/engine/store/ReportRollups.java"),
                Map.entry("report_handoff", "conversation-engine/src/main/java/gov/tawasul/engine/store/ReportRollups.java"),
                Map.entry("report_citizen_last_day", "conversation-engine/src/main/java/gov/tawasul/engine/store/ReportRollups.java"));
        Pattern write = Pattern.compile("(?i)\\b(?:insert\\s+into|delete\\s+from|update)\\s+(\\w+)");
        Path root = Path.of("").toAbsolutePath();
        Map<String, Integer> found = new java.util.HashMap<>();
        List<Path> sources;
        try (Stream<Path> files = Stream.of("conversation-engine/src/main/java", "channels/src/main/java",
                "case-connector/src/main/java", "src/main/java").map(root::resolve).flatMap(ArchitectureTest::walk)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            Matcher m = write.matcher(Files.readString(source));
            while (m.find()) {
                String table = m.group(1).toLowerCase(java.util.Locale.ROOT);
                if (owners.containsKey(table)) {
                    assertThat(root.relativize(source).toString()).as("writes %s: %s", table, m.group())
                            .isEqualTo(owners.get(table));
                    found.merge(table, 1, Integer::sum);
                }
            }
        }
        assertThat(found).as("writes found per table").containsOnlyKeys(owners.keySet());
    }

    private static Stream<Path> walk(Path folder) {
        try {
            return Files.isDirectory(folder) ? Files.walk(folder).toList().stream() : Stream.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyClassSitsInTheFolderOfItsPackage() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        // src/main/java holds the app wiring (gov.tawasul.app) and the staff console (gov.tawasul.staff)
        Map<String, List<String>> folderPackage = Map.of(
                "conversation-engine/src/main/java", List.of("gov.tawasul.engine"),
                "conversation-engine/src/test/java", List.of("gov.tawasul.engine"),
                "channels/src/main/java", List.of("gov.tawasul.channels"),
                "channels/src/test/java", List.of("gov.tawasul.channels"),
                "case-connector/src/main/java", List.of("gov.tawasul.cases"),
                "case-connector/src/test/java", List.of("gov.tawasul.cases"),
                "src/main/java", List.of("gov.tawasul.app", "gov.tawasul.staff"),
                "src/test/java", List.of("gov.tawasul"));
        Pattern packageLine = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
        int checked = 0;
        for (var entry : folderPackage.entrySet()) {
            Path folder = root.resolve(entry.getKey());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> sources;
            try (Stream<Path> files = Files.walk(folder)) {
                sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                Matcher m = packageLine.matcher(Files.readString(source));
                assertThat(m.find()).as("package line in %s", source).isTrue();
                String pkg = m.group(1);
                assertThat(entry.getValue()).as("package %s of %s", pkg, root.relativize(source))
                        .anyMatch(prefix -> pkg.equals(prefix) || pkg.startsWith(prefix + "."));
                assertThat(folder.relativize(source.getParent()).toString().replace('/', '.'))
                        .as("folder of %s", root.relativize(source)).isEqualTo(pkg);
                if (entry.getKey().equals("src/main/java")) {
                    assertThat(pkg).doesNotStartWith("gov.tawasul.engine").doesNotStartWith("gov.tawasul.channels")
                            .doesNotStartWith("gov.tawasul.cases");
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }
}
