package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a threaded channel (e-mail) needs to keep a conversation in one thread: which conversation a citizen's
 * message answers (by the provider ids of our messages it names: e-mail {@code In-Reply-To}/{@code References}), and
 * which inbound message one of our messages answers (its attributes: the citizen's {@code Message-ID}, subject,
 * references). Read-only: it writes no table. Results complete on the calling Vert.x context, or on a pool thread
 * when called from a worker thread (the e-mail sender awaits them there).
 */
@ApplicationScoped
public class ReplyThreads {

    private static final String CITIZEN_OF_OURS = """
            select c.citizen_address from outbound_message o join conversation c on c.id = o.conversation_id
            where o.channel = $1 and o.provider_message_id = any($2)
            order by o.id desc limit 1""";

    private static final String ANSWERED = """
            select i.attributes, i.case_numbers from outbound_message o
            join inbound_message i on i.id = coalesce(o.inbound_message_id,
                 (select j.id from inbound_message j where j.conversation_id = o.conversation_id
                  order by j.state = 'IGNORED', j.id desc limit 1))
            where o.id = $1""";

    /** The notification an outbound row carries, and our newest earlier mail of the same case to the same address. */
    private static final String NOTIFIED = """
            select n.case_number, p.provider_message_id as previous_message_id from notification n
            left join lateral (
              select po.provider_message_id from notification pn
              join outbound_message po on po.id = pn.outbound_message_id
              where pn.channel = n.channel and pn.citizen_address = n.citizen_address and pn.id < n.id
                and pn.case_number = n.case_number and pn.state = 'SENT' and po.provider_message_id is not null
              order by pn.id desc limit 1) p on true
            where n.outbound_message_id = $1""";

    private final Db db;

    ReplyThreads(Db db) {
        this.db = db;
    }

    /**
     * What one of our messages answers.
     *
     * @param attributes  the inbound message's attributes as its channel stored them; never null
     * @param caseNumbers the case numbers asked about in it, space-separated, or null
     */
    public record Answered(Map<String, String> attributes, String caseNumbers) {
    }

    /**
     * @param channel           the channel
     * @param providerMessageIds provider ids a citizen's message refers to (newest reference last or first: the
     *                           newest of our messages among them wins)
     * @return the citizen of the conversation our newest message among those ids belongs to; empty when none of the
     *         ids is one of ours
     */
    public Uni<Optional<Address>> citizenOfOurMessage(Channel channel, List<String> providerMessageIds) {
        if (providerMessageIds.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return db.first(CITIZEN_OF_OURS, r -> new Address(channel, r.getString("citizen_address")), channel.name(),
                providerMessageIds.toArray(String[]::new));
    }

    /**
     * @param outboundId {@code outbound_message.id}
     * @return the inbound message the bot reply answers, or for a message that answers none (an agent's), the newest
     *         inbound message of its conversation that was not ignored (an out-of-office answer is no thread to answer
     *         in), else the newest; empty when the conversation has none (the citizen never wrote)
     */
    public Uni<Optional<Answered>> answeredBy(long outboundId) {
        return db.first(ANSWERED, r -> new Answered(Attributes.fromJson(r.getString("attributes")),
                r.getString("case_numbers")), outboundId);
    }

    /**
     * The case-status update one of our messages carries.
     *
     * @param caseNumber        the case it tells of
     * @param previousMessageId our provider id (e-mail: {@code Message-ID}) of the newest earlier update of the same
     *                          case sent to the same address, or null when this is the first
     */
    public record Notified(String caseNumber, String previousMessageId) {
    }

    /**
     * @param outboundId {@code outbound_message.id}
     * @return the notification the message carries; empty when it carries none (a reply, an agent's message)
     */
    public Uni<Optional<Notified>> notified(long outboundId) {
        return db.first(NOTIFIED, r -> new Notified(r.getString("case_number"), r.getString("previous_message_id")),
                outboundId);
    }
}
