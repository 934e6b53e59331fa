package gov.tawasul.engine.privacy;

import gov.tawasul.engine.model.Address;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;

/**
 * A further table that holds data about a citizen address, beyond the engine's own (conversations, messages,
 * opt-outs, followers, notifications, case events), e.g. the identity links of verified senders. Every CDI bean of
 * this type is included in a citizen's export (under {@link #name()}) and erasure by the staff console's
 * {@code CitizenData}; its store does the reading and writing of its own table. Methods are called on a Vert.x
 * context.
 */
public interface CitizenDataPart {

    /** @return the key of this part in the export and the erasure counts, e.g. {@code identityLinks} */
    String name();

    /** @return the rows held about {@code citizen}, each a JSON-serialisable map (no secrets such as code hashes) */
    Uni<List<Map<String, Object>>> export(Address citizen);

    /** Erases (or reduces to the keyed hash) what is held about {@code citizen}. @return rows changed or removed */
    Uni<Integer> erase(Address citizen);
}
