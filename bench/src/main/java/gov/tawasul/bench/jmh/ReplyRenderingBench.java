package gov.tawasul.bench.jmh;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.reply.DisclosurePolicy;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.reply.ReplyComposer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reply rendering: the app's {@link ReplyComposer} with a standalone Qute engine reading the app's templates
 * ({@code templates/replies/{ar,en}/*.txt} from the app jar): a found case with details (Arabic replies carry the
 * Hijri Umm al-Qura and Gregorian dates), and a not-found case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplyRenderingBench {

    @Param({"ar", "en"})
    public String locale;

    private ReplyComposer composer;
    private Intent intent;
    private List<CaseLookupResult> found;
    private List<CaseLookupResult> notFound;
    private Address sender;

    @Setup
    public void setUp() {
        Engine qute = Engine.builder().addDefaults().addLocator(ReplyRenderingBench::locate).build();
        EngineConfig config = (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(),
                new Class<?>[]{EngineConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "disclosure" -> EngineConfig.Disclosure.CONTACT_MATCH;
                    case "defaultLocale" -> "ar";
                    case "maxCasesPerMessage" -> 3;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        composer = new ReplyComposer(qute, new DisclosurePolicy(config));
        sender = new Address(Channel.SMS, "+966500000001");
        CaseRecord record = new CaseRecord("1446-000123", "UNDER_REVIEW", new LocalizedText("قيد الدراسة", "Under review"),
                new LocalizedText("إدارة التراخيص", "Licensing department"),
                new LocalizedText("يرجى رفع صورة الهوية الوطنية", "Please upload a copy of your national ID"),
                OffsetDateTime.of(2026, 11, 20, 9, 30, 0, 0, ZoneOffset.ofHours(3)),
                List.of(new CaseContact(Channel.SMS, "+966500000001")));
        intent = new Intent.CaseStatus(List.of("1446-000123"), 0);
        found = List.of(new CaseLookupResult.Found(record));
        notFound = List.of(new CaseLookupResult.NotFound("1446-000123"));
        if (!render(found).text().contains("1446-000123")) {
            throw new IllegalStateException("reply set-up is wrong");
        }
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        URL url = ReplyRenderingBench.class.getClassLoader().getResource("templates/" + id + ".txt");
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                try {
                    return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.empty();
            }
        });
    }

    private Reply render(List<CaseLookupResult> results) {
        return composer.compose(intent, results, sender, locale);
    }

    @Benchmark
    public Reply caseFound() {
        return render(found);
    }

    @Benchmark
    public Reply caseNotFound() {
        return render(notFound);
    }
}
