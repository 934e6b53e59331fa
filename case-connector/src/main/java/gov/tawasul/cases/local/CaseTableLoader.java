package gov.tawasul.cases.local;

import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.notify.CaseEventIntake;
import io.smallrye.mutiny.Multi;
import java.util.HashMap;
import java.util.Map;

import gov.tawasul.cases.CasesConfig;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fills the local {@code cases} table at start ({@code tawasul.cases.connector=local}): the bundled sample cases
 * ({@value #SEED}, inserted only where the case number is absent; {@code tawasul.cases.local.seed}), which are public
 * demo data ({@code cases.demo}: disclosed to anyone, so that the web chat answers a new user), then the file
 * {@code tawasul.cases.local.import-file} if set (upsert by case number, never demo: an imported row with a sample
 * case's number becomes a real, private case; a case whose status or update time the
 * file changes becomes a case event, {@code IMPORT}, whose followers are told). CSV columns: {@link CaseCsv}.
 * Runs on the start-up thread and waits for the reactive writes; a bad file fails start-up.
 */
@ApplicationScoped
public class CaseTableLoader {

    /** Classpath resource of the sample cases. */
    public static final String SEED = "cases/seed-cases.csv";

    private static final Logger LOG = Logger.getLogger(CaseTableLoader.class);

    private final CaseTable table;
    private final CaseEventIntake intake;

    /**
     * @param table  where the cases are written
     * @param intake where a case an import changed becomes an event
     */
    public CaseTableLoader(CaseTable table, CaseEventIntake intake) {
        this.table = table;
        this.intake = intake;
    }

    /** Seeds and imports as configured; blocks the calling (non-event-loop) thread until done. */
    public void load(CasesConfig.Local config) {
        if (config.seed()) {
            List<CaseEntity> seed = readSeed();
            int inserted = await(() -> table.insertSeed(seed));
            LOG.infof("cases: %d sample cases (public demo data) in %s, %d newly inserted or marked demo", seed.size(),
                    SEED, inserted);
        }
        config.importFile().ifPresent(this::importFile);
    }

    /** Imports {@code file} (upsert by case number); blocks until done. @return rows written */
    public int importFile(Path file) {
        List<CaseEntity> cases;
        try (InputStream in = Files.newInputStream(file)) {
            cases = CaseCsv.read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("tawasul.cases.local.import-file: cannot read " + file + ": " + e, e);
        }
        List<String> numbers = cases.stream().map(c -> c.caseNumber).toList();
        Map<String, CaseEntity> before = new HashMap<>();
        for (int from = 0; from < numbers.size(); from += 1000) {
            List<String> slice = numbers.subList(from, Math.min(numbers.size(), from + 1000));
            VertxSupport.awaitList(() -> table.find(slice)).forEach(c -> before.put(c.caseNumber, c));
        }
        int written = await(() -> table.upsert(cases));
        List<CaseRecord> changed = cases.stream().filter(c -> before.containsKey(c.caseNumber)
                && changed(before.get(c.caseNumber), c)).map(CaseEntity::toRecord).toList();
        int events = await(() -> Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(r -> intake.accept(
                        CaseEventIntake.eventIdFor(CaseEventIntake.Source.IMPORT, r), CaseEventIntake.Source.IMPORT, r))
                .collect().asList().map(List::size));
        LOG.infof("cases: imported %d cases from %s, %d changed (case events)", written, file, events);
        return written;
    }

    /** A changed status or update time is a change citizens hear of; labels and contacts alone are not. */
    private static boolean changed(CaseEntity before, CaseEntity after) {
        return !java.util.Objects.equals(before.status, after.status)
                || !java.util.Objects.equals(before.updatedAt, after.updatedAt);
    }

    /** Awaits a list on a Vert.x context. */
    private static final class VertxSupport {
        static <T> List<T> awaitList(java.util.function.Supplier<io.smallrye.mutiny.Uni<List<T>>> read) {
            try {
                return VertxContextSupport.subscribeAndAwait(read);
            } catch (Throwable e) {
                throw new IllegalStateException("cases: reading the local case table failed: " + e, e);
            }
        }
    }

    private static List<CaseEntity> readSeed() {
        InputStream stream = CaseTableLoader.class.getClassLoader().getResourceAsStream(SEED);
        if (stream == null) {
            throw new IllegalStateException("classpath resource " + SEED + " missing");
        }
        try (stream) {
            List<CaseEntity> cases = CaseCsv.read(stream, SEED);
            cases.forEach(c -> c.demo = true);
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SEED + ": " + e, e);
        }
    }

    private static int await(java.util.function.Supplier<io.smallrye.mutiny.Uni<Integer>> write) {
        try {
            return VertxContextSupport.subscribeAndAwait(write);
        } catch (Throwable e) {
            throw new IllegalStateException("cases: writing the local case table failed: " + e, e);
        }
    }
}
