package gov.tawasul.engine.reply;

import gov.tawasul.engine.identity.CaseAccess;
import gov.tawasul.engine.identity.DisclosureGate;
import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.intent.IntentRecognizer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.QuickReply;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders replies from the Qute templates in {@code src/main/resources/templates/replies/{ar,en}/} (through
 * {@link ReplyTemplates}: Arabic texts have their left-to-right values isolated).
 * Never calls out: case lookups are done before, and their results passed in.
 */
@ApplicationScoped
public class ReplyComposer {

    private final ReplyTemplates templates;
    private final DisclosurePolicy disclosure;

    public ReplyComposer(Engine qute, DisclosurePolicy disclosure) {
        this.templates = new ReplyTemplates(qute);
        this.disclosure = disclosure;
    }

    /**
     * @param intent  the recognised intent (not {@code OptOut}/{@code OptIn}: see {@link #optOutConfirmed}; not
     *                {@code AskForPerson}: see {@link #handoffWaiting}); a greeting, thanks, "status?" without a
     *                known case (asks for the number) and a near-miss number ("did you mean …?") get their short
     *                answers ({@code greeting}, {@code thanks}, {@code ask-number}, {@code near-miss}); help and
     *                anything else get the help text with a "talk to a person" button besides the usual ones
     * @param results for a case-status intent, one result per case number, in the same order; else empty
     * @param sender  the citizen, for the disclosure decision
     * @param locale  {@code "ar"} or {@code "en"}
     */
    public Reply compose(Intent intent, List<CaseLookupResult> results, Address sender, String locale) {
        return compose(intent, results, sender, locale, CaseAccess.NONE);
    }

    /**
     * As {@link #compose(Intent, List, Address, String)}, with what the disclosure gate decided for this sender: a
     * case it replaced (code offer, "try again after", over the lookup budget) is answered with that text; a linked
     * case is disclosed.
     */
    public Reply compose(Intent intent, List<CaseLookupResult> results, Address sender, String locale,
                         CaseAccess access) {
        String text;
        if (intent instanceof Intent.CaseStatus status) {
            text = caseStatus(status, results, sender, locale, access);
        } else if (intent instanceof Intent.AskForCaseNumber ask) {
            text = render(locale, ask.becauseNotText() ? "not-text" : "ask-number", Map.of());
        } else if (intent instanceof Intent.StatusOfLastCase) {
            // "status?" in a conversation without a case yet: which one?
            text = render(locale, "ask-number", Map.of());
        } else if (intent instanceof Intent.Greeting greeting) {
            text = render(locale, "greeting", Map.of("salam", greeting.salam()));
        } else if (intent instanceof Intent.Thanks) {
            return new Reply(render(locale, "thanks", Map.of()), locale, List.of());
        } else if (intent instanceof Intent.NearMiss nearMiss) {
            return nearMiss(nearMiss.suggestion(), locale);
        } else {
            return new Reply(render(locale, "help", Map.of()), locale, helpQuickReplies(locale));
        }
        return new Reply(text, locale, quickReplies(locale));
    }

    /**
     * The answer owed after a case-system outage: {@code case-follow-up} ("the case system is back, here is the answer
     * to your earlier question"), then each case as {@link #compose} would answer it. No buttons (the citizen did not
     * just write).
     *
     * @param caseNumbers the numbers owed, in the order asked
     * @param results     one fresh result per number, in the same order (none {@code Unavailable})
     */
    public Reply followUp(List<String> caseNumbers, List<CaseLookupResult> results, Address sender, String locale,
                          CaseAccess access) {
        String cases = caseStatus(new Intent.CaseStatus(caseNumbers, 0), results, sender, locale, access);
        return new Reply(render(locale, "case-follow-up", Map.of()) + "\n\n" + cases, locale, List.of());
    }

    /**
     * The bot's one answer to a request for a person: a staff member will answer, the office hours and, when the
     * office is closed, when staff are back and that a case number still gets its status meanwhile. No buttons
     * (while the conversation waits, only case numbers get the bot's answer).
     *
     * @param locale      {@code "ar"} or {@code "en"}
     * @param open        whether the office is open now
     * @param hours       the office hours in words, in {@code locale}
     * @param nextOpening when staff are back, in words ({@code on Sunday at 08:00}); used when closed
     */
    public Reply handoffWaiting(String locale, boolean open, String hours, String nextOpening) {
        String text = open ? render(locale, "handoff-waiting-open", Map.of("hours", hours))
                : render(locale, "handoff-waiting-closed", Map.of("hours", hours, "nextOpening", nextOpening));
        return new Reply(text, locale, List.of());
    }

    /**
     * The bot's confirmation of an opt-out only it knows of (an Arabic keyword Twilio does not handle): no more
     * messages, and how to subscribe again ({@code opt-out-confirmed}). No buttons.
     */
    public Reply optOutConfirmed(String locale) {
        return new Reply(render(locale, "opt-out-confirmed", Map.of()), locale, List.of());
    }

    /** The bot's confirmation of an opt-in only it knows of ({@code opt-in-confirmed}), and how to stop. No buttons. */
    public Reply optInConfirmed(String locale) {
        return new Reply(render(locale, "opt-in-confirmed", Map.of()), locale, List.of());
    }

    /**
     * "Did you mean {@code suggestion}?" with the suggestion as the first button (payload
     * {@link IntentRecognizer#PAYLOAD_CASE_PREFIX}{@code <number>}: tapped, a query for it) and help.
     */
    private Reply nearMiss(String suggestion, String locale) {
        return new Reply(render(locale, "near-miss", Map.of("suggestion", suggestion)), locale, List.of(
                new QuickReply(suggestion, IntentRecognizer.PAYLOAD_CASE_PREFIX + suggestion),
                new QuickReply(render(locale, "quick-help", Map.of()), IntentRecognizer.PAYLOAD_HELP)));
    }

    /** @return the notice that staff handed the conversation back to the bot ({@code handoff-ended}) */
    public Reply handoffEnded(String locale) {
        return new Reply(render(locale, "handoff-ended", Map.of()), locale, List.of());
    }

    /** @return the notice that a silent conversation went back to the bot ({@code handoff-timeout}) */
    public Reply handoffTimedOut(String locale) {
        return new Reply(render(locale, "handoff-timeout", Map.of()), locale, List.of());
    }

    private String caseStatus(Intent.CaseStatus status, List<CaseLookupResult> results, Address sender, String locale,
                              CaseAccess access) {
        StringBuilder text = new StringBuilder();
        for (CaseLookupResult result : results) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            String replaced = access.section(DisclosureGate.numberOf(result));
            text.append(replaced != null ? replaced : caseSection(result, sender, locale, access));
        }
        if (status.omitted() > 0) {
            text.append("\n\n").append(render(locale, "omitted", Map.of("max", status.caseNumbers().size())));
        }
        return text.toString();
    }

    private String caseSection(CaseLookupResult result, Address sender, String locale, CaseAccess access) {
        if (result instanceof CaseLookupResult.Found found) {
            return disclosure.mayDisclose(found.record(), sender, access.linked(found.record().caseNumber()))
                    ? render(locale, "case-found", foundData(found.record(), locale))
                    : render(locale, "case-withheld", Map.of("caseNumber", found.record().caseNumber()));
        }
        if (result instanceof CaseLookupResult.LastKnown last) {
            return disclosure.mayDisclose(last.record(), sender, access.linked(last.record().caseNumber()))
                    ? render(locale, "case-last-known", foundData(last.record(), locale))
                    : render(locale, "case-unavailable", Map.of("caseNumber", last.record().caseNumber()));
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

    /** The help text's buttons: those of every reply, and "talk to a person". */
    private List<QuickReply> helpQuickReplies(String locale) {
        return List.of(
                new QuickReply(render(locale, "quick-another", Map.of()), IntentRecognizer.PAYLOAD_ANOTHER_CASE),
                new QuickReply(render(locale, "quick-help", Map.of()), IntentRecognizer.PAYLOAD_HELP),
                new QuickReply(render(locale, "quick-agent", Map.of()), IntentRecognizer.PAYLOAD_TALK_TO_AGENT));
    }

    /** @throws IllegalStateException for a locale without templates (only {@code ar} and {@code en} have them) */
    private String render(String locale, String name, Map<String, Object> data) {
        if (!"ar".equals(locale) && !"en".equals(locale)) {
            throw new IllegalStateException("missing reply template replies/" + locale + "/" + name);
        }
        return templates.render(locale, name, data);
    }
}
