package gov.tawasul.channels.email;

import gov.tawasul.engine.inbox.InboundRejectedException;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.inbox.InboxResult;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.reply.EmailAddresses;
import gov.tawasul.engine.store.ReplyThreads;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Hands one mail to the engine, the only way mail enters it: the conversation of the thread it answers is looked up
 * ({@link ReplyThreads#citizenOfOurMessage}: one of our {@code Message-ID}s in its {@code In-Reply-To}/{@code
 * References}; else the sender's own), then its {@link InboundBatch} goes to {@link Inbox#accept}, which stores it
 * once per {@code Message-ID} and commits before this returns. Blocking: called on the mailbox reader's thread, it
 * runs the engine's work on a new Vert.x duplicated context and waits for it
 * ({@link VertxContextSupport#subscribeAndAwait}); the reader flags and moves the mail only after that returned.
 */
@ApplicationScoped
public class MailboxDelivery {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(MailboxDelivery.class);

    private final Inbox inbox;
    private final ReplyThreads threads;
    private final Address us;

    @Inject
    MailboxDelivery(Inbox inbox, ReplyThreads threads, EmailConfig config) {
        this.inbox = inbox;
        this.threads = threads;
        this.us = new Address(Channel.EMAIL, EmailAddresses.canonical(config.address().orElse("tawasul@localhost")));
    }

    /** @return our address, as the engine stores it */
    Address us() {
        return us;
    }

    /**
     * Stores the mail (blocking until it is committed).
     *
     * @return one result per message of its batch (none for a bounce that became a receipt, or for a mail with a
     *         value wider than its column, which is logged and left: reading it again would fail again)
     * @throws IllegalStateException when the engine failed (database unreachable): the mail was not stored
     */
    List<InboxResult> deliver(InboundEmail mail) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> accept(mail)
                    .onFailure(InboundRejectedException.class).recoverWithItem(e -> {
                        // a value no column can hold (an address over 128 characters): reading it again fails again
                        LOG.warnf("mail %s not stored, it cannot be: %s", mail.providerId(), e.getMessage());
                        return List.of();
                    }));
        } catch (Throwable e) {
            throw new IllegalStateException("mail " + mail.providerId() + " not stored: " + e.getMessage(), e);
        }
    }

    private Uni<List<InboxResult>> accept(InboundEmail mail) {
        if (mail.isReceipt()) {
            InboundBatch batch = mail.toBatch(us, null);
            return batch.isEmpty() ? Uni.createFrom().item(List.of()) : inbox.accept(batch);
        }
        return threads.citizenOfOurMessage(Channel.EMAIL, mail.threadIds())
                .chain((Optional<Address> citizen) -> inbox.accept(mail.toBatch(us, citizen.orElse(null))));
    }
}
