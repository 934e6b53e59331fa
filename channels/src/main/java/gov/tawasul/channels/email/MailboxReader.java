package gov.tawasul.channels.email;

import gov.tawasul.engine.redis.SingletonLease;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the agency's mailbox over IMAP (Angus Mail) on its own thread — never on a Vert.x event loop — while it
 * holds the {@link SingletonLease} {@code <prefix>email:imap-lease}, so that one instance at a time reads it:
 * <ol>
 *   <li>connect (TLS, STARTTLS or plain), open the folder read-write; a failure is retried after a backoff that
 *       doubles from {@code initial-backoff} up to {@code max-backoff} and starts again after a good connection;</li>
 *   <li>one pass: the messages after the last UID handled ({@link MailboxState}); when nothing is known of the folder
 *       (first start, or its UIDVALIDITY changed) the unread ones received within {@code initial-lookback} instead,
 *       so that old history is never answered. Message bodies are read with {@code BODY.PEEK} (nothing is flagged
 *       by reading), parsed ({@link EmailMessageParser}) and handed to the engine one by one
 *       ({@link MailboxDelivery}); only after they are committed are they flagged {@code \Seen} and moved to the
 *       processed folder ({@code MOVE}, or {@code COPY} + {@code \Deleted} + expunge), and the last UID stored. A
 *       crash in between costs a second reading, which the engine recognises by {@code Message-ID}: nothing is lost
 *       and nothing is answered twice;</li>
 *   <li>wait: IMAP IDLE (RFC 2177) until the server announces mail, at most {@code idle-renewal} (a timer ends the
 *       IDLE), or, without IDLE, {@code poll-interval}; renew the lease (and stop reading when it was lost); go to 2.
 *       A dropped connection ends the IDLE with an error: reconnect (1.). After
 *       {@value #RESYNC_AFTER_QUIET_ROUNDS} rounds without new mail the folder is selected anew, so that a server that
 *       failed to announce a message (GreenMail does, under load) cannot hide it for long.</li>
 * </ol>
 * Not thread-safe: {@link #start} and {@link #stop} once each.
 */
final class MailboxReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(MailboxReader.class);
    /** A message whose delivery failed this often in a row is left in the folder and skipped (logged). */
    static final int MAX_FAILURES_PER_MESSAGE = 20;
    /** Rounds (IDLE renewals or polls) without new mail after which the folder is selected anew. */
    static final int RESYNC_AFTER_QUIET_ROUNDS = 5;

    private final String name;
    private final EmailConfig.Imap imap;
    private final EmailMessageParser parser;
    private final MailboxDelivery delivery;
    /** Longest wait for Redis to answer a lease call (this thread blocks: it is the reader's own). */
    private static final java.time.Duration LEASE_CALL = java.time.Duration.ofSeconds(30);
    private final SingletonLease lease;
    private final MailboxState state;
    private final Clock clock;
    private final Map<Long, Integer> failures = new HashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger idles = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean idling;
    private volatile Thread thread;
    private volatile IMAPFolder current;
    private ScheduledExecutorService timer;

    MailboxReader(String name, EmailConfig.Imap imap, EmailMessageParser parser, MailboxDelivery delivery,
                  SingletonLease lease, MailboxState state, Clock clock) {
        this.name = name;
        this.imap = imap;
        this.parser = parser;
        this.delivery = delivery;
        this.lease = lease;
        this.state = state;
        this.clock = clock;
    }

    /** Starts reading on a new daemon thread {@code tawasul-email-<name>}. */
    void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tawasul-email-" + name + "-timer");
            t.setDaemon(true);
            return t;
        });
        Thread t = new Thread(this, "tawasul-email-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops reading: ends an IDLE, waits up to 10 s for the thread, gives the lease up. */
    void stop() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        // ends an IDLE from the timer's thread: on a dead connection the NOOP waits for the read timeout
        timer.execute(this::breakIdle);
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        try {
            lease.release().await().atMost(LEASE_CALL);
        } catch (RuntimeException e) {
            LOG.debug("mailbox lease not released", e);
        }
        thread = null;
    }

    /** @return connections opened so far (tests: a reconnection after a drop) */
    int connections() {
        return connections.get();
    }

    /** @return mails handed to the engine so far */
    long delivered() {
        return delivered.get();
    }

    /** @return whether the reader is in an IMAP IDLE now */
    boolean idling() {
        return idling;
    }

    /** @return how many IDLE commands were started so far */
    int idles() {
        return idles.get();
    }

    @Override
    public void run() {
        Duration backoff = imap.initialBackoff();
        while (running) {
            Store store = null;
            try {
                if (!lease.hold(imap.leaseTtl()).await().atMost(LEASE_CALL)) {
                    sleep(imap.idleRenewal());
                    continue;
                }
                store = connect();
                IMAPFolder folder = (IMAPFolder) store.getFolder(imap.folder());
                folder.open(Folder.READ_WRITE);
                current = folder;
                connections.incrementAndGet();
                backoff = imap.initialBackoff();
                LOG.infof("mailbox %s: reading %s on %s", name, imap.folder(), imap.host().orElse("?"));
                read((IMAPStore) store, folder);
            } catch (InterruptedException e) {
                break;
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("mailbox %s: %s: %s; reconnecting in %s", name, e.getClass().getSimpleName(),
                        e.getMessage(), backoff);
                try {
                    sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(imap.maxBackoff()) > 0 ? imap.maxBackoff()
                        : backoff.multipliedBy(2);
            } finally {
                current = null;
                idling = false;
                close(store);
            }
        }
        LOG.debugf("mailbox %s: stopped", name);
    }

    private Store connect() throws MessagingException {
        String protocol = imap.security() == EmailConfig.Security.SSL ? "imaps" : "imap";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", protocol);
        props.setProperty(p + "host", imap.host().orElseThrow());
        props.setProperty(p + "port", Integer.toString(imap.port()));
        props.setProperty(p + "connectiontimeout", Long.toString(imap.timeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(imap.timeout().toMillis()));
        props.setProperty(p + "peek", "true"); // reading a body never sets \Seen: that is done after the commit
        if (imap.security() == EmailConfig.Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (imap.security() != EmailConfig.Security.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        // -Dmail.debug=true prints the IMAP conversation (Angus Mail's protocol trace) to standard output
        props.setProperty("mail.debug", System.getProperty("mail.debug", "false"));
        Session session = Session.getInstance(props);
        Store store = session.getStore(protocol);
        store.connect(imap.host().orElseThrow(), imap.port(), imap.username().orElse(null),
                imap.password().orElse(null));
        return store;
    }

    private void read(IMAPStore store, IMAPFolder folder) throws MessagingException, InterruptedException {
        long uidValidity = folder.getUIDValidity();
        MailboxState.Position position = state.load();
        if (position != null && position.uidValidity() != uidValidity) {
            LOG.warnf("mailbox %s: UIDVALIDITY of %s changed from %d to %d: reading its unread mail again", name,
                    imap.folder(), position.uidValidity(), uidValidity);
            position = null;
        }
        Folder processed = processedFolder(store);
        boolean idle = imap.idle() && store.hasCapability("IDLE");
        int quiet = 0;
        while (running) {
            long before = delivered.get();
            position = pass(store, folder, processed, uidValidity, position);
            quiet = delivered.get() == before ? quiet + 1 : 0;
            if (!running || !lease.hold(imap.leaseTtl()).await().atMost(LEASE_CALL)) {
                LOG.infof("mailbox %s: lease lost or stopping: not reading", name);
                return;
            }
            if (quiet >= RESYNC_AFTER_QUIET_ROUNDS) {
                // select the folder anew: a server that missed telling this session of new mail (an EXISTS
                // lost) shows it again; costs one SELECT per RESYNC_AFTER_QUIET_ROUNDS quiet rounds
                quiet = 0;
                folder.close(false);
                folder.open(Folder.READ_WRITE);
                long validity = folder.getUIDValidity();
                if (validity != uidValidity) {
                    LOG.warnf("mailbox %s: UIDVALIDITY of %s changed from %d to %d: reading its unread mail again",
                            name, imap.folder(), uidValidity, validity);
                    uidValidity = validity;
                    position = null;
                }
                continue;
            }
            if (quiet == 0) {
                // this pass delivered mail: mail that arrived meanwhile may not wake an IDLE begun after it (the
                // server told of it before), so read again at once and idle only after a pass that found nothing
                continue;
            }
            if (idle) {
                idle(folder);
            } else {
                sleep(imap.pollInterval());
                folder.getMessageCount(); // NOOP: the server reports new mail
            }
        }
    }

    private Folder processedFolder(Store store) throws MessagingException {
        String name = imap.processedFolder().map(String::strip).orElse("");
        if (name.isEmpty()) {
            return null;
        }
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("processed folder " + name + " cannot be created");
        }
        return folder;
    }

    /** One IDLE, ended by new mail, the renewal timer, {@link #stop} or a dropped connection (an exception). */
    private void idle(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> renewal = timer.schedule(this::breakIdle, imap.idleRenewal().toMillis(),
                TimeUnit.MILLISECONDS);
        idling = true;
        idles.incrementAndGet();
        LOG.tracef("mailbox %s: IDLE", name);
        try {
            folder.idle(true);
        } finally {
            idling = false;
            renewal.cancel(false);
            LOG.tracef("mailbox %s: IDLE ended", name);
        }
    }

    /** Ends the current IDLE: another command on the folder (a NOOP) makes Angus send {@code DONE}. */
    private void breakIdle() {
        LOG.tracef("mailbox %s: ending IDLE (idling %s)", name, idling);
        IMAPFolder folder = current;
        if (folder != null && folder.isOpen()) {
            try {
                // any command ends the IDLE first (IMAPFolder.getProtocol waits for it to end)
                folder.doCommand(p -> {
                    p.simpleCommand("NOOP", null);
                    return null;
                });
            } catch (MessagingException | RuntimeException e) {
                LOG.debugf("mailbox %s: NOOP failed: %s", name, e.getMessage());
            }
        }
    }

    private MailboxState.Position pass(IMAPStore store, IMAPFolder folder, Folder processed, long uidValidity,
                                       MailboxState.Position position) throws MessagingException {
        long uidNext = folder.getUIDNext();
        boolean firstStart = position == null;
        Message[] found;
        if (position != null) {
            found = folder.getMessagesByUID(position.lastUid() + 1, UIDFolder.MAXUID);
        } else {
            found = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        }
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.ENVELOPE);
        folder.fetch(found, profile);
        Instant oldest = clock.instant().minus(imap.initialLookback());
        List<Message> todo = new ArrayList<>();
        for (Message m : found) {
            if (m == null || m.isExpunged() || m.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            long uid = folder.getUID(m);
            if (position != null ? uid <= position.lastUid()
                    : m.getReceivedDate() != null && m.getReceivedDate().toInstant().isBefore(oldest)) {
                continue;
            }
            todo.add(m);
        }
        todo.sort(Comparator.comparingLong(m -> uid(folder, m)));
        if (!todo.isEmpty()) {
            FetchProfile details = new FetchProfile();
            details.add(FetchProfile.Item.CONTENT_INFO); // BODYSTRUCTURE
            details.add(IMAPFolder.FetchProfileItem.HEADERS); // every header in one round trip, not one per header
            folder.fetch(todo.toArray(Message[]::new), details);
        }
        LOG.tracef("mailbox %s: pass after UID %s: %d to read", name, position == null ? "-" : position.lastUid(),
                todo.size());
        long last = position != null ? position.lastUid() : 0;
        for (int from = 0; from < todo.size() && running; from += imap.batchSize()) {
            List<Message> chunk = todo.subList(from, Math.min(todo.size(), from + imap.batchSize()));
            List<Message> handled = new ArrayList<>();
            long before = last;
            MessagingException failure = null;
            try {
                for (Message m : chunk) {
                    if (!running) {
                        break;
                    }
                    if (deliver(folder, (MimeMessage) m)) {
                        handled.add(m);
                    }
                    last = Math.max(last, uid(folder, m));
                }
            } catch (MessagingException e) {
                failure = e; // what was stored before the failure is still flagged and moved
            }
            if (last > before) {
                done(store, folder, processed, handled); // a failure here: read again, recognised as duplicates
                position = new MailboxState.Position(uidValidity, last);
                state.store(position);
            }
            if (failure != null) {
                throw failure;
            }
            if (!lease.hold(imap.leaseTtl()).await().atMost(LEASE_CALL)) {
                return position;
            }
        }
        if (firstStart && running) {
            // first start: everything that was in the folder before this pass is handled now, or history
            position = new MailboxState.Position(uidValidity, Math.max(last, uidNext - 1));
            state.store(position);
        }
        return position;
    }

    /**
     * @return true when the mail was stored (or was a duplicate); false when it is skipped after too many failures
     * @throws MessagingException when reading it failed (connection): the pass ends, the mail is read again later
     */
    private boolean deliver(IMAPFolder folder, MimeMessage message) throws MessagingException {
        long uid = folder.getUID(message);
        InboundEmail mail;
        try {
            Instant received = message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant();
            mail = parser.parse(message, received);
        } catch (RuntimeException e) {
            if (!folder.isOpen()) {
                throw new MessagingException("folder closed while reading UID " + uid, e);
            }
            return skipOrFail(uid, e);
        }
        if (!folder.isOpen()) {
            throw new MessagingException("folder closed while reading UID " + uid);
        }
        try {
            LOG.tracef("mailbox %s: UID %d %s: delivering", name, uid, mail.providerId());
            delivery.deliver(mail);
            LOG.tracef("mailbox %s: UID %d delivered", name, uid);
            failures.remove(uid);
            delivered.incrementAndGet();
            return true;
        } catch (IllegalStateException e) {
            return skipOrFail(uid, e);
        }
    }

    private boolean skipOrFail(long uid, RuntimeException e) throws MessagingException {
        int count = failures.merge(uid, 1, Integer::sum);
        if (count >= MAX_FAILURES_PER_MESSAGE) {
            LOG.errorf(e, "mailbox %s: UID %d failed %d times: left in %s, not read again", name, uid, count,
                    imap.folder());
            failures.remove(uid);
            return false;
        }
        throw new MessagingException("UID " + uid + ": " + e.getMessage(), e);
    }

    /** Flags the stored mails {@code \Seen} and moves them to the processed folder. */
    private void done(IMAPStore store, IMAPFolder folder, Folder processed, List<Message> handled)
            throws MessagingException {
        if (handled.isEmpty()) {
            return;
        }
        Message[] messages = handled.toArray(Message[]::new);
        folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
        if (processed == null) {
            return;
        }
        if (store.hasCapability("MOVE")) {
            folder.moveMessages(messages, processed);
        } else {
            folder.copyMessages(messages, processed);
            folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
            if (store.hasCapability("UIDPLUS")) {
                folder.expunge(messages);
            } else {
                folder.expunge();
            }
        }
        LOG.debugf("mailbox %s: %d moved to %s: %s", name, messages.length, processed.getFullName(),
                Arrays.stream(messages).map(m -> Long.toString(uid(folder, m))).toList());
    }

    private static long uid(IMAPFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            return -1;
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(Math.max(1, duration.toMillis()));
    }

    private static void close(Store store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone anyway
        }
    }
}
