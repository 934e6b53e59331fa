package gov.tawasul.engine.identity;

import gov.tawasul.engine.EngineContext;
import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.reply.DisclosurePolicy;
import gov.tawasul.engine.store.IdentityLinks;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disclosure path of a case-status query, around the lookup:
 * <ol>
 * <li>{@link #admit}: each number asked counts against the sender's {@link LookupBudget}; a number over it is not
 *     looked up and is answered with the polite refusal;</li>
 * <li>{@link #review}: after the lookup, the sender's live identity links to the numbers are read (for every number,
 *     found or not, so that the time taken does not tell); a case the {@link DisclosurePolicy} lets the sender see
 *     (registered contact, WhatsApp number of an SMS contact, linked, demo, open mode) is answered; under
 *     {@code contact-match} every other number — a case of someone else <em>or no case at all</em> — gets the same
 *     code offer ("if this number is a case registered to you…"), within the {@link CodeLimits}, else "try again
 *     after";</li>
 * <li>{@link #afterReply}: only then, and detached from the reply (its own Vert.x context), the {@link CodeIssuer}
 *     sends codes for the numbers that are cases, and keeps a code nobody knows for an offered number that is no case
 *     (no message), so that what follows — a six-digit answer is "not right, tries left" — is the same too.</li>
 * </ol>
 */
@ApplicationScoped
public class DisclosureGate {

    private static final Logger LOG = Logger.getLogger(DisclosureGate.class);

    private final LookupBudget budget;
    private final CodeLimits limits;
    private final IdentityLinks links;
    private final DisclosurePolicy policy;
    private final IdentityTexts texts;
    private final CodeIssuer issuer;
    private final EngineContext context;

    DisclosureGate(LookupBudget budget, CodeLimits limits, IdentityLinks links, DisclosurePolicy policy,
                   IdentityTexts texts, CodeIssuer issuer, EngineContext context) {
        this.budget = budget;
        this.limits = limits;
        this.links = links;
        this.policy = policy;
        this.texts = texts;
        this.issuer = issuer;
        this.context = context;
    }

    /** @return the access before the lookup: numbers over the sender's budget replaced by the refusal */
    public Uni<CaseAccess> admit(Address sender, Intent intent, String locale) {
        return admit(sender, intent, locale, n -> null);
    }

    /**
     * As {@link #admit(Address, Intent, String)}, reading for each admitted number the Redis hash
     * {@code prefetchKey} names (the case connector's cache entry, {@link gov.tawasul.engine.port.CaseLookup#prefetchKey})
     * in the budget's own round trip ({@link CaseAccess#prefetched}).
     *
     * @param prefetchKey case number → full Redis key, or null for none
     */
    public Uni<CaseAccess> admit(Address sender, Intent intent, String locale,
                                 java.util.function.Function<String, String> prefetchKey) {
        if (!(intent instanceof Intent.CaseStatus status)) {
            return Uni.createFrom().item(CaseAccess.NONE);
        }
        Map<String, String> refused = new HashMap<>();
        Map<String, Map<String, String>> prefetched = new HashMap<>();
        return Multi.createFrom().iterable(status.caseNumbers())
                .onItem().transformToUniAndConcatenate(n -> budget.take(sender, n, prefetchKey.apply(n)).invoke(taken -> {
                    if (taken.refusedUntil() != null) {
                        refused.put(n, texts.overBudget(n, taken.refusedUntil(), locale));
                    } else if (taken.prefetched() != null) {
                        prefetched.put(n, taken.prefetched());
                    }
                }).replaceWith(n))
                .collect().asList()
                .map(ignored -> new CaseAccess(Set.of(), refused, List.of(), List.of(), prefetched));
    }

    /** @return the access after the lookup: links, code offers and their limits (see the class) */
    public Uni<CaseAccess> review(CaseAccess admitted, Address sender, List<CaseLookupResult> results, String locale) {
        return review(admitted, sender, results, locale, true);
    }

    /**
     * As {@link #review(CaseAccess, Address, List, String)}; with {@code mayBeLinked} false (the sender held no live
     * link when its message was read) the links are not read: none is live.
     */
    public Uni<CaseAccess> review(CaseAccess admitted, Address sender, List<CaseLookupResult> results, String locale,
                                  boolean mayBeLinked) {
        List<String> numbers = new ArrayList<>();
        for (CaseLookupResult r : results) {
            String n = numberOf(r);
            if (admitted.mayLookUp(n)) {
                numbers.add(n);
            }
        }
        if (numbers.isEmpty()) {
            return Uni.createFrom().item(admitted);
        }
        Uni<List<String>> liveLinks = mayBeLinked ? links.liveCases(sender, numbers)
                : Uni.createFrom().item(List.of());
        return liveLinks.chain(live -> {
            Set<String> linked = new HashSet<>(live);
            Map<String, String> sections = new HashMap<>(admitted.sections());
            List<CaseRecord> codes = new ArrayList<>();
            List<String> decoys = new ArrayList<>();
            List<CaseLookupResult> toOffer = results.stream()
                    .filter(r -> admitted.mayLookUp(numberOf(r)) && needsCode(r, sender, linked)).toList();
            return Multi.createFrom().iterable(toOffer)
                    .onItem().transformToUniAndConcatenate(r -> limits.offer(sender, numberOf(r)).invoke(until -> {
                        String n = numberOf(r);
                        if (until != null) {
                            sections.put(n, texts.tryLater(n, until, locale));
                            return;
                        }
                        sections.put(n, texts.offer(n, locale));
                        if (r instanceof CaseLookupResult.Found found) {
                            codes.add(found.record());
                        } else {
                            decoys.add(n);
                        }
                    }).replaceWith(r))
                    .collect().asList()
                    .map(ignored -> new CaseAccess(linked, sections, codes, decoys));
        });
    }

    /**
     * Sends the codes {@link #review} decided, each on a context of its own, after the reply left: the reply's
     * content and timing are the same whether a code goes or not.
     */
    public void afterReply(CaseAccess access, Address requester) {
        if (access.codesToSend().isEmpty()) {
            // only when no real code goes: one code is pending per sender, a decoy must never replace a real one
            for (String number : access.decoys()) {
                context.runDetached(() -> issuer.decoy(number, requester),
                        e -> LOG.warnf("decoy code for %s could not be kept: %s", SenderKey.masked(requester), e));
            }
        }
        for (CaseRecord record : access.codesToSend()) {
            context.runDetached(() -> issuer.issue(record, requester),
                    e -> LOG.errorf(e, "one-time code for case %s to be seen on %s could not be sent",
                            record.caseNumber(), SenderKey.masked(requester)));
        }
    }

    /** Found and not to be seen, or no such case: under contact-match, both get the offer. */
    private boolean needsCode(CaseLookupResult r, Address sender, Set<String> linked) {
        if (policy.isOpen()) {
            return false;
        }
        if (r instanceof CaseLookupResult.Found found) {
            return !policy.mayDisclose(found.record(), sender, linked.contains(found.record().caseNumber()));
        }
        return r instanceof CaseLookupResult.NotFound;
    }

    /** @return the case number a result answers */
    public static String numberOf(CaseLookupResult r) {
        if (r instanceof CaseLookupResult.Found f) {
            return f.record().caseNumber();
        }
        if (r instanceof CaseLookupResult.NotFound n) {
            return n.caseNumber();
        }
        if (r instanceof CaseLookupResult.LastKnown l) {
            return l.record().caseNumber();
        }
        return ((CaseLookupResult.Unavailable) r).caseNumber();
    }
}
