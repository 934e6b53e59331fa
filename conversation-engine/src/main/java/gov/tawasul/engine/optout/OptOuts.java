package gov.tawasul.engine.optout;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.persistence.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opt-outs reported by a provider after the fact (e.g. a Twilio status callback with error 21610, "the recipient
 * replied STOP"): the pair (citizen, our address) of the outbound message is opted out, as a STOP keyword would do.
 * Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class OptOuts {

    private static final String OPT_OUT_RECIPIENT = """
            insert into opt_out (channel, citizen_address, bot_address, reason)
            select channel, recipient, sender, ?3 from outbound_message where channel = ?1 and provider_message_id = ?2
            on conflict do nothing""";

    private final Sql sql;

    public OptOuts(Sql sql) {
        this.sql = sql;
    }

    /**
     * @param channel           the channel
     * @param providerMessageId the provider's id of the outbound message whose recipient opted out
     * @param reason            stored with the opt-out, e.g. {@code STATUS_ERROR_21610}
     * @return 1 when a new opt-out was stored, 0 when the message is unknown or the pair already opted out
     */
    public Uni<Integer> optOutRecipientOf(Channel channel, String providerMessageId, String reason) {
        return sql.update(OPT_OUT_RECIPIENT, channel.name(), providerMessageId, reason);
    }
}
