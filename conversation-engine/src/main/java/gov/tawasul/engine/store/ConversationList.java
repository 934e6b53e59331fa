package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.ConversationSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the staff's conversation list: conversations waiting for a person first, then newest activity first,
 * filtered, one page at a time by keyset (never OFFSET, so a page costs the same on a year of traffic). Read-only.
 */
@ApplicationScoped
public class ConversationList {

    private static final String COLUMNS = """
            c.id, c.channel, c.citizen_address, c.bot_address, c.citizen_name, c.state, c.assigned_agent,
            c.waiting_since, c.last_activity_at, c.case_numbers, c.departments, c.locale, c.last_inbound_at,
            (c.state = 'WAITING_FOR_AGENT') as waiting,
            %s as opted_out,
            exists (select 1 from outbound_message f where f.conversation_id = c.id
                    and f.status in ('FAILED', 'UNDELIVERED')) as failed,
            lm.text as last_text, lm.inbound as last_inbound
            """.formatted(OptOuts.existsFor("c"));

    private static final String LATEST_MESSAGE = """
            left join lateral (
              select * from (
                (select i.text, true as inbound, i.received_at as at from inbound_message i
                 where i.conversation_id = c.id order by i.id desc limit 1)
                union all
                (select o.text, false, o.created_at from outbound_message o
                 where o.conversation_id = c.id order by o.id desc limit 1)) m
              order by m.at desc limit 1) lm on true""";

    private static final String PAGE = "select " + COLUMNS + " from conversation c\n" + LATEST_MESSAGE + """

            where ($1::varchar is null or c.channel = $1)
              and ($2::varchar is null or c.state = $2)
              and ($3::varchar is null or $3 = any (c.departments))
              and (not $4 or exists (select 1 from outbound_message f where f.conversation_id = c.id
                                     and f.status in ('FAILED', 'UNDELIVERED')))
              and (not $5 or %s)
              and ($6::varchar is null or c.assigned_agent = $6)
              and (not $7 or c.assigned_agent is null)
              and ($8::varchar is null or $8 = any (c.case_numbers) or c.citizen_address in ($8, '+' || $8)
                   or c.citizen_name ilike '%%' || $8 || '%%'
                   or ($13 and c.citizen_address ilike '%%' || $8 || '%%'))
              and ($9::timestamptz is null
                   or ((c.state = 'WAITING_FOR_AGENT')::int, c.last_activity_at, c.id) < ($10::int, $9, $11))
            order by (c.state = 'WAITING_FOR_AGENT')::int desc, c.last_activity_at desc, c.id desc
            limit $12""".formatted(OptOuts.existsFor("c"));

    private static final String ONE = "select " + COLUMNS + " from conversation c\n" + LATEST_MESSAGE
            + "\nwhere c.id = $1";

    private final Db db;

    ConversationList(@Reporting Db db) {
        this.db = db;
    }

    /**
     * What to list. Null or false fields do not filter.
     *
     * @param channel    only this channel
     * @param state      only this state
     * @param department only conversations about a case of this department
     * @param failed     only conversations with a failed delivery
     * @param optedOut   only citizens who opted out
     * @param assignedTo only conversations held by this staff member
     * @param unassigned only conversations nobody holds
     * @param query      a case number, a citizen's whole address, or a part of their name; with {@code partial},
     *                   also a part of the address
     * @param partial    whether {@code query} may match a part of an address (supervisors: agents see
     *                   addresses masked, and a partial search would let them rebuild one digit by digit)
     * @param after      the cursor of the previous page's last line, or null for the first page
     * @param limit      lines per page, 1–200
     */
    public record Filter(Channel channel, ConversationState state, String department, boolean failed,
                         boolean optedOut, String assignedTo, boolean unassigned, String query, boolean partial,
                         Cursor after, int limit) {
        public Filter {
            if (limit < 1 || limit > 200) {
                throw new IllegalArgumentException("limit must be 1-200, was " + limit);
            }
            query = cleaned(query, true);
            department = cleaned(department, true);
            assignedTo = cleaned(assignedTo, false);
        }

        /**
         * @return {@code value} without NUL characters (PostgreSQL cannot store one, so it matches nothing; as a
         *         parameter it fails the statement), stripped if asked; null when nothing is left
         */
        private static String cleaned(String value, boolean strip) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String kept = value.replace("\u0000", "");
            kept = strip ? kept.strip() : kept;
            return kept.isBlank() ? null : kept;
        }
    }

    /**
     * A position in the list order: waiting first, then latest activity, then id, all descending.
     *
     * @param waiting whether the line was waiting for a person
     * @param at      its last activity
     * @param id      its id
     */
    public record Cursor(boolean waiting, Instant at, long id) {

        /** @return the cursor as one URL-safe token, {@code w|micros|id} */
        public String token() {
            long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
            return (waiting ? "1" : "0") + "." + micros + "." + id;
        }

        /**
         * @return the cursor written by {@link #token()}
         * @throws IllegalArgumentException when {@code token} is not one
         */
        public static Cursor parse(String token) {
            String[] parts = token.split("\\.");
            if (parts.length != 3 || !(parts[0].equals("0") || parts[0].equals("1"))) {
                throw new IllegalArgumentException("not a list cursor: " + token);
            }
            try {
                long micros = Long.parseLong(parts[1]);
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L);
                return new Cursor(parts[0].equals("1"), at, Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a list cursor: " + token, e);
            }
        }
    }

    /** @return one page of the list, in list order */
    public Uni<List<ConversationSummary>> page(Filter f) {
        Cursor after = f.after();
        return db.list(PAGE, ConversationList::summary,
                f.channel() == null ? null : f.channel().name(), f.state() == null ? null : f.state().name(),
                f.department(), f.failed(), f.optedOut(), f.assignedTo(), f.unassigned(), f.query(),
                after == null ? null : after.at().atOffset(ZoneOffset.UTC), after != null && after.waiting() ? 1 : 0,
                after == null ? 0L : after.id(), f.limit(), f.partial());
    }

    /** @return the list line of one conversation, or empty when there is none with this id */
    public Uni<Optional<ConversationSummary>> one(long conversationId) {
        return db.first(ONE, ConversationList::summary, conversationId);
    }

    private static ConversationSummary summary(Row r) {
        Channel channel = Channel.valueOf(r.getString("channel"));
        return new ConversationSummary(r.getLong("id"), new Address(channel, r.getString("citizen_address")),
                new Address(channel, r.getString("bot_address")), r.getString("citizen_name"),
                ConversationState.valueOf(r.getString("state")), r.getString("assigned_agent"),
                instant(r.getOffsetDateTime("waiting_since")), instant(r.getOffsetDateTime("last_activity_at")),
                strings(r.getArrayOfStrings("case_numbers")), strings(r.getArrayOfStrings("departments")),
                r.getBoolean("opted_out"), r.getBoolean("failed"), r.getString("last_text"),
                Boolean.TRUE.equals(r.getBoolean("last_inbound")), r.getString("locale"),
                instant(r.getOffsetDateTime("last_inbound_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
