package gov.tawasul.staff.privacy;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.privacy.CitizenDataPart;
import gov.tawasul.engine.store.CaseEvents;
import gov.tawasul.engine.store.CaseFollowers;
import gov.tawasul.engine.store.CitizenRecords;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.store.Notifications;
import gov.tawasul.engine.store.OptOuts;
import gov.tawasul.engine.store.OutboundMessages;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import gov.tawasul.staff.view.AddressMask;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A citizen's data rights (Saudi PDPL): everything held about one address, exported (supervisors) or erased
 * (admins), each audited ({@code CITIZEN_DATA_EXPORTED}, {@code CITIZEN_DATA_ERASED}; the audit row names the
 * address by its keyed hash and masked form, never whole). Every further {@link CitizenDataPart} bean (e.g. identity
 * links) is exported and erased with the engine's tables. Erasure keeps rows, states and times (reports) and the
 * opt-outs under the hash (STOP stays honoured); it is idempotent: after a failure, erasing again finishes it.
 */
@ApplicationScoped
public class CitizenData {

    private final CitizenRecords records;
    private final Conversations conversations;
    private final InboundMessages inbound;
    private final OutboundMessages outbound;
    private final OptOuts optOuts;
    private final CaseFollowers followers;
    private final Notifications notifications;
    private final CaseEvents caseEvents;
    private final AuditLog audit;
    private final Instance<CitizenDataPart> parts;

    @Inject
    CitizenData(CitizenRecords records, Conversations conversations, InboundMessages inbound,
                OutboundMessages outbound, OptOuts optOuts, CaseFollowers followers, Notifications notifications,
                CaseEvents caseEvents, AuditLog audit, @Any Instance<CitizenDataPart> parts) {
        this.records = records;
        this.conversations = conversations;
        this.inbound = inbound;
        this.outbound = outbound;
        this.optOuts = optOuts;
        this.followers = followers;
        this.notifications = notifications;
        this.caseEvents = caseEvents;
        this.audit = audit;
        this.parts = parts;
    }

    /**
     * @return {@code {"channel", "address", "exportedAt", "conversations": […], "optOuts": […], "follows": […],
     *         "notifications": […], <part name>: […]}} (see {@link CitizenRecords#export}); audited for {@code actor}
     */
    public Uni<JsonObject> export(Address citizen, String actor) {
        Uni<JsonObject> doc = records.export(citizen).map(held -> new JsonObject()
                .put("channel", citizen.channel().wireName()).put("address", citizen.value())
                .put("exportedAt", java.time.Instant.now().toString()).mergeIn(held));
        for (CitizenDataPart part : parts) {
            doc = doc.call(d -> part.export(citizen).invoke(rows -> d.put(part.name(), new JsonArray(List.copyOf(rows)))));
        }
        return doc.call(d -> audited(AuditAction.CITIZEN_DATA_EXPORTED, citizen, actor, Map.of(
                "conversations", d.getJsonArray("conversations").size())));
    }

    /**
     * Erases what is held about {@code citizen}: texts of every message of their conversations and to them,
     * addresses (kept as the keyed hash), their follower rows, their notifications' addresses (pending ones
     * skipped), their address in the case events' contacts; opt-outs are kept under the hash. Audited.
     *
     * @return rows changed per table ({@code inbound}, {@code outbound}, {@code conversations}, {@code optOuts},
     *         {@code followers}, {@code notifications}, {@code caseEvents}, and each part's name)
     */
    public Uni<Map<String, Integer>> erase(Address citizen, String actor) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Uni<Void> chain = conversations.idsOf(citizen).chain(ids -> inbound.erase(ids)
                .invoke(n -> counts.put("inbound", n))
                .chain(() -> outbound.erase(ids, citizen)).invoke(n -> counts.put("outbound", n))
                .chain(() -> optOuts.erase(citizen)).invoke(n -> counts.put("optOuts", n))
                .chain(() -> followers.erase(citizen)).invoke(n -> counts.put("followers", n))
                .chain(() -> notifications.erase(citizen)).invoke(n -> counts.put("notifications", n))
                .chain(() -> caseEvents.eraseContact(citizen)).invoke(n -> counts.put("caseEvents", n))
                .replaceWithVoid());
        for (CitizenDataPart part : parts) {
            chain = chain.chain(() -> part.erase(citizen)).invoke(n -> counts.put(part.name(), n)).replaceWithVoid();
        }
        // the conversations last: until then a failed erasure can be repeated with the same address
        return chain.chain(() -> conversations.idsOf(citizen)).chain(conversations::erase)
                .invoke(n -> counts.put("conversations", n))
                .call(() -> audited(AuditAction.CITIZEN_DATA_ERASED, citizen, actor, new LinkedHashMap<String, Object>(counts)))
                .replaceWith(counts);
    }

    private Uni<Void> audited(AuditAction action, Address citizen, String actor, Map<String, Object> detail) {
        return records.hashOf(citizen).chain(hash -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("channel", citizen.channel().wireName());
            d.put("address", AddressMask.mask(citizen.value()));
            d.putAll(detail);
            return audit.record(actor, action, "citizen", hash, d);
        });
    }
}
