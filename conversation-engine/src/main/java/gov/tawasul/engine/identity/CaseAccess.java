package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.CaseRecord;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one message's sender may be told of each case number it asked about, decided by {@link DisclosureGate}
 * before the reply is composed: the numbers the sender is linked to (verified by code), and for the others a text
 * that takes the place of the case's answer (the code offer, "try again after", the lookup budget's refusal).
 * Immutable.
 */
public final class CaseAccess {

    /** Nothing linked, nothing replaced: the disclosure policy alone decides. */
    public static final CaseAccess NONE = new CaseAccess(Set.of(), Map.of(), List.of(), List.of());

    private final Set<String> linked;
    private final Map<String, String> sections;
    private final List<CaseRecord> codesToSend;
    private final List<String> decoys;
    private final Map<String, Map<String, String>> prefetched;

    CaseAccess(Set<String> linked, Map<String, String> sections, List<CaseRecord> codesToSend, List<String> decoys) {
        this(linked, sections, codesToSend, decoys, Map.of());
    }

    CaseAccess(Set<String> linked, Map<String, String> sections, List<CaseRecord> codesToSend, List<String> decoys,
               Map<String, Map<String, String>> prefetched) {
        this.linked = Set.copyOf(linked);
        this.sections = Map.copyOf(sections);
        this.codesToSend = List.copyOf(codesToSend);
        this.decoys = List.copyOf(decoys);
        Map<String, Map<String, String>> copy = new HashMap<>();
        prefetched.forEach((n, fields) -> copy.put(n, Collections.unmodifiableMap(new HashMap<>(fields))));
        this.prefetched = Collections.unmodifiableMap(copy);
    }

    /**
     * @return what the budget's round trip read of the case connector's {@link
     *         gov.tawasul.engine.port.CaseLookup#prefetchKey} for a number it admitted, or empty (not read)
     */
    public Optional<Map<String, String>> prefetched(String caseNumber) {
        return Optional.ofNullable(prefetched.get(caseNumber));
    }

    /** @return access for a sender just verified for {@code caseNumber} */
    public static CaseAccess linkedTo(String caseNumber) {
        return new CaseAccess(Set.of(caseNumber), Map.of(), List.of(), List.of());
    }

    /** @return whether the sender holds a live identity link to the case */
    public boolean linked(String caseNumber) {
        return linked.contains(caseNumber);
    }

    /** @return the text answering {@code caseNumber} in place of its details, or null when the usual answer applies */
    public String section(String caseNumber) {
        return sections.get(caseNumber);
    }

    /** @return whether the case may be looked up at all (not refused by the sender's lookup budget) */
    public boolean mayLookUp(String caseNumber) {
        return !sections.containsKey(caseNumber);
    }

    Set<String> linkedCases() {
        return linked;
    }

    Map<String, String> sections() {
        return sections;
    }

    /** @return the found cases whose registered contact gets a code once the reply is sent */
    List<CaseRecord> codesToSend() {
        return codesToSend;
    }

    /**
     * @return the offered numbers that are no case: each gets a pending code nobody can know (no message is sent),
     *         so that a six-digit answer is "not right" exactly as after an offer for a real case
     */
    List<String> decoys() {
        return decoys;
    }
}
