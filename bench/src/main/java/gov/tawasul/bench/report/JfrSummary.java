package gov.tawasul.bench.report;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the app's CPU time went during the full-pipeline steps: the JDK Flight Recorder's execution samples
 * ({@code jdk.ExecutionSample}, Java code only — no GC or JIT threads) of the app's recording, grouped by the
 * component running (the first non-JDK frame from the top of the stack: JDK code counts for its caller), a few
 * inclusive shares (anywhere on the stack), and the methods most often on top of the stack.
 */
public final class JfrSummary {

    /** Component → package or class prefixes, in the table's order. */
    private static final Map<String, String[]> COMPONENTS = new LinkedHashMap<>();
    /** Shares counted inclusively (anywhere on the stack). */
    private static final Map<String, String[]> INCLUSIVE = new LinkedHashMap<>();

    static {
        COMPONENTS.put("Hibernate ORM / Reactive (sessions, native queries)", new String[]{"org.hibernate."});
        COMPONENTS.put("Vert.x SQL / PostgreSQL client", new String[]{"io.vertx.sqlclient.", "io.vertx.pgclient."});
        COMPONENTS.put("Quarkus REST server", new String[]{"org.jboss.resteasy.reactive.server.",
                "io.quarkus.resteasy.reactive.server.", "org.jboss.resteasy.reactive.common."});
        COMPONENTS.put("REST client (case API)", new String[]{"org.jboss.resteasy.reactive.client.",
                "io.quarkus.rest.client."});
        COMPONENTS.put("Twilio SDK + Apache HttpClient (reply send)", new String[]{"com.twilio.", "org.apache.hc."});
        COMPONENTS.put("Jackson", new String[]{"com.fasterxml.jackson."});
        COMPONENTS.put("Mutiny", new String[]{"io.smallrye.mutiny."});
        COMPONENTS.put("SmallRye context propagation", new String[]{"io.smallrye.context."});
        COMPONENTS.put("SmallRye Fault Tolerance", new String[]{"io.smallrye.faulttolerance."});
        COMPONENTS.put("Lettuce (Redis)", new String[]{"io.lettuce."});
        COMPONENTS.put("Micrometer", new String[]{"io.micrometer."});
        COMPONENTS.put("Qute (reply templates)", new String[]{"io.quarkus.qute."});
        COMPONENTS.put("Tawasul code (gov.tawasul)", new String[]{"gov.tawasul."});
        COMPONENTS.put("Logging", new String[]{"org.jboss.logmanager.", "org.jboss.logging."});
        COMPONENTS.put("Vert.x core", new String[]{"io.vertx."});
        COMPONENTS.put("Netty (HTTP and socket I/O)", new String[]{"io.netty."});
        COMPONENTS.put("Quarkus / ArC / other", new String[]{"io.quarkus.", "org.jboss.", "io.smallrye."});
        INCLUSIVE.put("Hibernate ORM / Reactive", new String[]{"org.hibernate."});
        INCLUSIVE.put("Hibernate native-query plan cache lookup (`SelectInterpretationsKey.equals`)",
                new String[]{"org.hibernate.query.sql.spi.SelectInterpretationsKey.equals"});
        INCLUSIVE.put("Twilio SDK send (`TwilioSender.send`)", new String[]{"gov.tawasul.channels.twilio.TwilioSender.send"});
        INCLUSIVE.put("Twilio signature check (`TwilioSignatureVerifier`)",
                new String[]{"gov.tawasul.channels.twilio.TwilioSignatureVerifier"});
        INCLUSIVE.put("case lookup (`gov.tawasul.cases`)", new String[]{"gov.tawasul.cases."});
        INCLUSIVE.put("text normalisation + intents", new String[]{"gov.tawasul.engine.text.", "gov.tawasul.engine.intent."});
        INCLUSIVE.put("reply composition (`gov.tawasul.engine.reply`)", new String[]{"gov.tawasul.engine.reply."});
    }

    private JfrSummary() {
    }

    /**
     * @return a markdown section, or a one-line note when the recording cannot be read
     */
    public static String render(Path recording, Instant from, Instant to) {
        Map<String, Integer> inclusive = new LinkedHashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> byComponent = new HashMap<>();
        int total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName())
                        || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                byComponent.merge(owner(frames), 1, Integer::sum);
                Set<String> hit = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    INCLUSIVE.forEach((label, prefixes) -> {
                        if (matches(n, prefixes)) {
                            hit.add(label);
                        }
                    });
                }
                hit.forEach(c -> inclusive.merge(c, 1, Integer::sum));
            }
        } catch (IOException | RuntimeException e) {
            return "JFR recording not readable: " + e.getMessage() + "\n";
        }
        if (total == 0) {
            return "JFR recording has no execution samples in the full-pipeline steps.\n";
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d execution samples of the app's Java threads during the full-pipeline "
                + "steps (JFR `profile` settings).%n%n", total));
        md.append("| component running (self: the first non-JDK frame from the top of the stack) | share |\n|---|---:|\n");
        for (String component : COMPONENTS.keySet()) {
            md.append(row(component, byComponent.getOrDefault(component, 0), total));
        }
        md.append(row("JDK only / other", byComponent.getOrDefault(OTHER, 0), total));
        md.append("\n| on the stack (inclusive) | share |\n|---|---:|\n");
        for (String label : INCLUSIVE.keySet()) {
            md.append(row(label, inclusive.getOrDefault(label, 0), total));
        }
        md.append("\n| method on top of the stack (self) | share of samples |\n|---|---:|\n");
        int finalTotal = total;
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .forEach(en -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", en.getKey(),
                        100.0 * en.getValue() / finalTotal)));
        md.append('\n');
        return md.toString();
    }

    private static final String OTHER = "other";

    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")) {
                continue;
            }
            for (Map.Entry<String, String[]> c : COMPONENTS.entrySet()) {
                if (matches(n, c.getValue())) {
                    return c.getKey();
                }
            }
            return OTHER;
        }
        return OTHER;
    }

    private static boolean matches(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static String row(String label, int n, int total) {
        return String.format(Locale.ROOT, "| %s | %.1f %% |%n", label, 100.0 * n / total);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
