package gov.tawasul.engine.processing;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.intent.IntentRecognizer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.persistence.Attributes;
import gov.tawasul.engine.persistence.Columns;
import gov.tawasul.engine.persistence.Sql;
import gov.tawasul.engine.port.CaseLookup;
import gov.tawasul.engine.reply.LocaleResolver;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.reply.ReplyComposer;
import gov.tawasul.engine.text.TextNormalizer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Answers one inbound message: normalise the text, recognise the intent, look the cases up, compose the reply,
 * then store the reply row and mark the inbound message answered in one statement, then hand the reply to the
 * {@link Outbox}. Opt-outs, handed-off conversations and messages from one of our own addresses (a bot number
 * texting itself or another bot number, the Page or our X account appearing as a sender: reply loops) are
 * recorded and not answered. A message whose handling
 * throws (a bug, not a provider or case-system failure: those are classified) is marked {@code FAILED} so that it
 * cannot block its conversation; if even that fails (database down) the recovery job tries again later.
 */
@ApplicationScoped
public class InboundHandler {

    private static final Logger LOG = Logger.getLogger(InboundHandler.class);

    private static final String NEXT = """
            select i.id, i.channel, i.kind, i.text, i.payload, c.citizen_address, c.bot_address, c.locale,
                   c.last_inbound_at, c.state, i.attributes,
                   c.citizen_address = c.bot_address or exists (select 1 from conversation b
                           where b.channel = c.channel and b.bot_address = c.citizen_address),
                   exists (select 1 from opt_out o where o.channel = c.channel
                           and o.citizen_address = c.citizen_address and o.bot_address = c.bot_address),
                   exists (select 1 from inbound_message j where j.conversation_id = i.conversation_id
                           and j.state = 'RECEIVED' and j.id > i.id)
            from inbound_message i join conversation c on c.id = i.conversation_id
            where i.conversation_id = ?1 and i.state = 'RECEIVED'
            order by i.id limit 1""";

    private static final String MARK = """
            update inbound_message set state = ?2, intent = ?3, processed_at = now() where id = ?1 and state = 'RECEIVED'""";

    private static final String OPT_OUT = """
            with m as (update inbound_message set state = 'IGNORED', intent = 'OPT_OUT', processed_at = now()
                       where id = ?4 and state = 'RECEIVED')
            insert into opt_out (channel, citizen_address, bot_address, reason) values (?1, ?2, ?3, 'KEYWORD')
            on conflict do nothing""";

    private static final String OPT_IN = """
            with m as (update inbound_message set state = 'IGNORED', intent = 'OPT_IN', processed_at = now()
                       where id = ?4 and state = 'RECEIVED')
            delete from opt_out where channel = ?1 and citizen_address = ?2 and bot_address = ?3""";

    private final Sql sql;
    private final IntentRecognizer intents;
    private final LocaleResolver locales;
    private final CaseLookup cases;
    private final ReplyComposer composer;
    private final Outbox outbox;

    public InboundHandler(Sql sql, IntentRecognizer intents, LocaleResolver locales, CaseLookup cases,
                          ReplyComposer composer, Outbox outbox) {
        this.sql = sql;
        this.intents = intents;
        this.locales = locales;
        this.cases = cases;
        this.composer = composer;
        this.outbox = outbox;
    }

    /**
     * Answers the oldest unanswered message of the conversation, if any. Completes after the reply was handed to
     * the provider (or its failure stored), so that replies of one conversation leave in order.
     *
     * @return true when more messages were waiting behind the one handled (saves a query that would find none)
     */
    public Uni<Boolean> handleNext(long conversationId) {
        return sql.rows(NEXT, conversationId).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            PendingInbound pending = toPending(conversationId, rows.get(0));
            boolean more = Boolean.TRUE.equals(rows.get(0)[13]);
            return handle(pending).replaceWith(more)
                    .onFailure().recoverWithUni(e -> {
                        LOG.errorf(e, "inbound %d could not be answered; marked FAILED", pending.id());
                        return sql.update(MARK, pending.id(), "FAILED", "ERROR").replaceWith(more);
                    });
        });
    }

    private Uni<Void> handle(PendingInbound in) {
        String text = TextNormalizer.normalize(in.text());
        Intent intent = intents.recognize(in.channel(), in.kind(), text, in.payload(),
                in.attributes().get(InboundMessage.ATTR_OPT_OUT_TYPE));
        String[] key = {in.channel().name(), in.citizen().value(), in.bot().value()};
        if (intent instanceof Intent.OptOut) {
            return sql.update(OPT_OUT, key[0], key[1], key[2], in.id()).replaceWithVoid();
        }
        if (intent instanceof Intent.OptIn) {
            return sql.update(OPT_IN, key[0], key[1], key[2], in.id()).replaceWithVoid();
        }
        if (in.fromOwnAddress()) {
            return sql.update(MARK, in.id(), "IGNORED", "OWN_ADDRESS").replaceWithVoid();
        }
        if (in.optedOut()) {
            return sql.update(MARK, in.id(), "IGNORED", "OPTED_OUT").replaceWithVoid();
        }
        if ("HANDOFF".equals(in.state())) {
            return sql.update(MARK, in.id(), "HANDED_OFF", intent.name()).replaceWithVoid();
        }
        String locale = locales.resolve(text, in.lastLocale());
        return lookUp(intent).chain(results -> {
            Reply reply = composer.compose(intent, results, in.citizen(), locale);
            return outbox.reply(in.id(), in.conversationId(), in.citizen(), in.bot(), reply, intent,
                    in.lastInboundAt());
        });
    }

    private Uni<List<CaseLookupResult>> lookUp(Intent intent) {
        if (!(intent instanceof Intent.CaseStatus status)) {
            return Uni.createFrom().item(List.of());
        }
        // one after the other: lookups share this context's Hibernate Reactive session, which is not concurrent
        return Multi.createFrom().iterable(status.caseNumbers())
                .onItem().transformToUniAndConcatenate(cases::lookup)
                .collect().asList();
    }

    private static PendingInbound toPending(long conversationId, Object[] r) {
        Channel channel = Channel.valueOf((String) r[1]);
        return new PendingInbound(Columns.asLong(r[0]), conversationId, channel, InboundKind.valueOf((String) r[2]),
                (String) r[3], (String) r[4], new Address(channel, (String) r[5]), new Address(channel, (String) r[6]),
                (String) r[7], Columns.asInstant(r[8]), (String) r[9], Attributes.fromJson((String) r[10]),
                Boolean.TRUE.equals(r[11]), Boolean.TRUE.equals(r[12]));
    }
}
