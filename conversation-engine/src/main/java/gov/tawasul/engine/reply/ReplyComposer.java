package gov.tawasul.engine.reply;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.intent.IntentRecognizer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.QuickReply;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders replies from the Qute templates in {@code src/main/resources/templates/replies/{ar,en}/}.
 * Never calls out: case lookups are done before, and their results passed in.
 */
@ApplicationScoped
public class ReplyComposer {

    private final Engine qute;
    private final DisclosurePolicy disclosure;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    public ReplyComposer(Engine qute, DisclosurePolicy disclosure) {
        this.qute = qute;
        this.disclosure = disclosure;
    }

    /**
     * @param intent  the recognised intent (not {@code OptOut}/{@code OptIn}: those are never answered)
     * @param results for a case-status intent, one result per case number, in the same order; else empty
     * @param sender  the citizen, for the disclosure decision
     * @param locale  {@code "ar"} or {@code "en"}
     */
    public Reply compose(Intent intent, List<CaseLookupResult> results, Address sender, String locale) {
        String text;
        if (intent instanceof Intent.CaseStatus status) {
            text = caseStatus(status, results, sender, locale);
        } else if (intent instanceof Intent.AskForCaseNumber ask) {
            text = render(locale, ask.becauseNotText() ? "not-text" : "ask-number", Map.of());
        } else {
            text = render(locale, "help", Map.of());
        }
        return new Reply(text, locale, quickReplies(locale));
    }

    private String caseStatus(Intent.CaseStatus status, List<CaseLookupResult> results, Address sender, String locale) {
        StringBuilder text = new StringBuilder();
        for (CaseLookupResult result : results) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(caseSection(result, sender, locale));
        }
        if (status.omitted() > 0) {
            text.append("\n\n").append(render(locale, "omitted", Map.of("max", status.caseNumbers().size())));
        }
        return text.toString();
    }

    private String caseSection(CaseLookupResult result, Address sender, String locale) {
        if (result instanceof CaseLookupResult.Found found) {
            return disclosure.mayDisclose(found.record(), sender)
                    ? render(locale, "case-found", foundData(found.record(), locale))
                    : render(locale, "case-withheld", Map.of("caseNumber", found.record().caseNumber()));
        }
        if (result instanceof CaseLookupResult.NotFound notFound) {
            return render(locale, "case-not-found", Map.of("caseNumber", notFound.caseNumber()));
        }
        return render(locale, "case-unavailable",
                Map.of("caseNumber", ((CaseLookupResult.Unavailable) result).caseNumber()));
    }

    private static Map<String, Object> foundData(CaseRecord record, String locale) {
        Map<String, Object> data = new HashMap<>();
        data.put("caseNumber", record.caseNumber());
        data.put("statusLabel", record.statusLabel() == null || record.statusLabel().in(locale) == null
                ? record.status() : record.statusLabel().in(locale));
        data.put("updated", CaseDateFormatter.format(record.updatedAt(), locale));
        data.put("department", record.department() == null ? null : record.department().in(locale));
        data.put("nextStep", record.nextStep() == null ? null : record.nextStep().in(locale));
        return data;
    }

    private List<QuickReply> quickReplies(String locale) {
        return List.of(
                new QuickReply(render(locale, "quick-another", Map.of()), IntentRecognizer.PAYLOAD_ANOTHER_CASE),
                new QuickReply(render(locale, "quick-help", Map.of()), IntentRecognizer.PAYLOAD_HELP));
    }

    private String render(String locale, String name, Map<String, Object> data) {
        String id = "replies/" + locale + "/" + name;
        Template template = templates.computeIfAbsent(id, key -> {
            Template t = qute.getTemplate(key);
            if (t == null) {
                throw new IllegalStateException("missing reply template " + key);
            }
            return t;
        });
        return template.data(data).render();
    }
}
