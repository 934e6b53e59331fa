package gov.tawasul.cases.local;

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
 * ({@value #SEED}, inserted only where the case number is absent; {@code tawasul.cases.local.seed}), then the file
 * {@code tawasul.cases.local.import-file} if set (upsert by case number). CSV columns: {@link CaseCsv}.
 * Runs on the start-up thread and waits for the reactive writes; a bad file fails start-up.
 */
@ApplicationScoped
public class CaseTableLoader {

    /** Classpath resource of the sample cases. */
    public static final String SEED = "cases/seed-cases.csv";

    private static final Logger LOG = Logger.getLogger(CaseTableLoader.class);

    private final CaseTable table;

    /** @param table where the cases are written */
    public CaseTableLoader(CaseTable table) {
        this.table = table;
    }

    /** Seeds and imports as configured; blocks the calling (non-event-loop) thread until done. */
    public void load(CasesConfig.Local config) {
        if (config.seed()) {
            List<CaseEntity> seed = readSeed();
            int inserted = await(() -> table.insertMissing(seed));
            LOG.infof("cases: %d sample cases in %s, %d newly inserted", seed.size(), SEED, inserted);
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
        int written = await(() -> table.upsert(cases));
        LOG.infof("cases: imported %d cases from %s", written, file);
        return written;
    }

    private static List<CaseEntity> readSeed() {
        InputStream stream = CaseTableLoader.class.getClassLoader().getResourceAsStream(SEED);
        if (stream == null) {
            throw new IllegalStateException("classpath resource " + SEED + " missing");
        }
        try (stream) {
            return CaseCsv.read(stream, SEED);
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
