package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads everything the bot holds about one citizen address, for a citizen's request to see their data (export):
 * their conversations with every message in both directions, opt-outs, the cases they follow and the notifications
 * queued for them. Read-only; the keyed hash of an address ({@code tawasul_address_hash}, migration V17) is computed
 * here for the audit trail. Must be called on a Vert.x context (or a thread that may await).
 */
@ApplicationScoped
public class CitizenRecords {

    /** $1 channel name, $2 address. One JSON document (shape: {@link #export}). */
    private static final String EXPORT = """
            select jsonb_build_object(
              'conversations', coalesce((select jsonb_agg(jsonb_build_object(
                  'id', c.id, 'ourAddress', c.bot_address, 'name', c.citizen_name, 'locale', c.locale,
                  'state', c.state, 'createdAt', c.created_at, 'lastActivityAt', c.last_activity_at,
                  'caseNumbers', to_jsonb(c.case_numbers),
                  'messages', coalesce((select jsonb_agg(x.m order by x.at, x.inbound desc, x.id) from (
                      select i.received_at as at, true as inbound, i.id, jsonb_build_object('direction', 'in',
                             'id', i.id, 'at', i.received_at, 'kind', i.kind, 'text', i.text, 'payload', i.payload,
                             'state', i.state, 'intent', i.intent, 'caseNumbers', i.case_numbers) as m
                      from inbound_message i where i.conversation_id = c.id
                      union all
                      select o.created_at, false, o.id, jsonb_build_object('direction', 'out', 'id', o.id,
                             'at', o.created_at, 'origin', o.origin, 'text', o.text, 'status', o.status,
                             'errorCode', o.error_code, 'sentBy', o.sent_by)
                      from outbound_message o where o.conversation_id = c.id) x), '[]'::jsonb))
                order by c.id) from conversation c where c.channel = $1 and c.citizen_address = $2), '[]'::jsonb),
              'optOuts', coalesce((select jsonb_agg(jsonb_build_object('ourAddress', bot_address, 'reason', reason,
                  'at', opted_out_at) order by opted_out_at)
                from opt_out where channel = $1 and citizen_address = $2), '[]'::jsonb),
              'follows', coalesce((select jsonb_agg(jsonb_build_object('caseNumber', case_number, 'source', source,
                  'since', created_at, 'stoppedAt', stopped_at) order by id)
                from case_follower where channel = $1 and citizen_address = $2), '[]'::jsonb),
              'notifications', coalesce((select jsonb_agg(jsonb_build_object('caseNumber', case_number,
                  'state', state, 'reason', reason, 'dueAt', due_at, 'createdAt', created_at) order by id)
                from notification where channel = $1 and citizen_address = $2), '[]'::jsonb)) as doc""";

    private static final String HASH = "select " + Redaction.hash("$1", "$2") + " as h";

    private final Db db;

    CitizenRecords(@Reporting Db db) {
        this.db = db;
    }

    /**
     * @return {@code {"conversations":[{id, ourAddress, name, locale, state, createdAt, lastActivityAt,
     *         caseNumbers, messages:[{direction:"in"|"out", id, at, text, …}]}], "optOuts":[{ourAddress, reason,
     *         at}], "follows":[{caseNumber, source, since, stoppedAt}], "notifications":[{caseNumber, state, reason,
     *         dueAt, createdAt}]}} (times ISO-8601 with offset; empty arrays when nothing is held)
     */
    public Uni<JsonObject> export(Address citizen) {
        return db.first(EXPORT, r -> r.getJsonObject("doc"), citizen.channel().name(), citizen.value())
                .map(doc -> doc.orElseGet(JsonObject::new));
    }

    /** @return the keyed hash that stands for {@code citizen} once erased ({@code h:} + 64 hex digits) */
    public Uni<String> hashOf(Address citizen) {
        return db.first(HASH, r -> r.getString("h"), citizen.channel().name(), citizen.value())
                .map(h -> h.orElseThrow());
    }
}
