package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundBatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The store of table {@code opt_out}: (channel, citizen address, our address) pairs that receive nothing (SMS STOP
 * per (citizen, our number), a provider's report that the recipient opted out). Must be called on a Vert.x
 * event-loop context. An opt-out of an erased citizen is kept under the keyed hash of the address; every check
 * matches the address or its hash.
 */
@ApplicationScoped
public class OptOuts {

    private static final String OPT_OUT = "with " + InboundMessages.markHandled("$4", "'IGNORED'", "'OPT_OUT'") + """
            insert into opt_out (channel, citizen_address, bot_address, reason) values ($1, $2, $3, 'KEYWORD')
            on conflict do nothing""";

    private static final String OPT_IN = "with " + InboundMessages.markHandled("$4", "'IGNORED'", "'OPT_IN'") + """
            delete from opt_out where channel = $1 and citizen_address in ($2, %s) and bot_address = $3"""
            .formatted(Redaction.hash("$1", "$2"));

    private static final String OPT_OUT_RECIPIENT = """
            insert into opt_out (channel, citizen_address, bot_address, reason)
            select channel, recipient, sender, $3 from outbound_message where channel = $1 and provider_message_id = $2
            on conflict do nothing""";

    private static final String OPT_OUT_PAIR = """
            insert into opt_out (channel, citizen_address, bot_address, reason) values ($1, $2, $3, $4)
            on conflict do nothing""";

    /** The citizen's opt-outs are kept under the keyed hash of the address (STOP stays honoured after an erasure). */
    private static final String ERASE = """
            with hashed as (
              insert into opt_out (channel, citizen_address, bot_address, reason, opted_out_at)
              select channel, %s, bot_address, reason, opted_out_at from opt_out
              where channel = $1 and citizen_address = $2
              on conflict do nothing)
            delete from opt_out where channel = $1 and citizen_address = $2""".formatted(Redaction.hash("$1", "$2"));

    private final Db db;
    /** The acknowledgement path's pool: {@link #optOut}. */
    private final Db ingest;

    OptOuts(Db db, @Ingest Db ingest) {
        this.db = db;
        this.ingest = ingest;
    }

    /** SQL condition "the conversation aliased {@code alias} is opted out". */
    static String existsFor(String alias) {
        return ("exists (select 1 from opt_out o where o.channel = %1$s.channel and o.bot_address = %1$s.bot_address"
                + " and o.citizen_address in (%1$s.citizen_address, %2$s))")
                .formatted(alias, Redaction.hash(alias + ".channel", alias + ".citizen_address"));
    }

    /** SQL condition "the recipient of the outbound row aliased {@code alias} opted out of its sender". */
    static String existsForRecipientOf(String alias) {
        return ("exists (select 1 from opt_out x where x.channel = %1$s.channel and x.bot_address = %1$s.sender"
                + " and x.citizen_address in (%1$s.recipient, %2$s))")
                .formatted(alias, Redaction.hash(alias + ".channel", alias + ".recipient"));
    }

    /**
     * Statement tail: opts out the recipient of the outbound row returned by CTE {@code cte} (columns
     * {@code channel, recipient, sender}), with reason {@code reason} (an SQL expression).
     */
    static String insertForRecipientOf(String cte, String reason) {
        return """
                insert into opt_out (channel, citizen_address, bot_address, reason)
                select channel, recipient, sender, %s from %s on conflict do nothing""".formatted(reason, cte);
    }

    /**
     * Opts the pair out because the citizen sent an opt-out keyword (inbound {@code inboundId}, marked IGNORED).
     *
     * @return true when the opt-out is new, false when the pair had opted out before
     */
    public Uni<Boolean> optOutByKeyword(Channel channel, String citizen, String bot, long inboundId) {
        return db.update(OPT_OUT, channel.name(), citizen, bot, inboundId).map(rows -> rows == 1);
    }

    /**
     * Lifts the pair's opt-out because the citizen sent an opt-in keyword (inbound marked IGNORED).
     *
     * @return true when an opt-out was lifted, false when there was none
     */
    public Uni<Boolean> optInByKeyword(Channel channel, String citizen, String bot, long inboundId) {
        return db.update(OPT_IN, channel.name(), citizen, bot, inboundId).map(rows -> rows == 1);
    }

    /**
     * A citizen's erasure: their opt-outs stay, under the keyed hash of the address: every check of this store
     * ({@link #existsFor}, {@link #existsForRecipientOf}, the opt-in) matches the address or its hash.
     *
     * @return opt-outs moved to the hash
     */
    public Uni<Integer> erase(Address citizen) {
        return db.update(ERASE, citizen.channel().name(), citizen.value());
    }

    /**
     * Opts out the recipient of one of our messages, as the provider reported (Twilio 21610 on a status callback):
     * the pair the report names, else the pair of our message with that provider id.
     *
     * @return 1 when a new opt-out was stored, 0 when the message is unknown or the pair already opted out
     */
    public Uni<Integer> optOut(InboundBatch.RecipientOptOut report) {
        if (report.citizen() != null && report.bot() != null) {
            return ingest.update(OPT_OUT_PAIR, report.channel().name(), report.citizen(), report.bot(), report.reason());
        }
        return ingest.update(OPT_OUT_RECIPIENT, report.channel().name(), report.providerMessageId(), report.reason());
    }
}
