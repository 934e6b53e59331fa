package gov.tawasul.engine.identity;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.notify.NotificationsConfig;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.reply.EmailAddresses;
import gov.tawasul.engine.reply.PhoneNumbers;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.OutboundMessages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Sends a one-time code for a case to its registered contact (none while a code for the same case and requester is
 * still pending: asking again does not void the code on its way): the first SMS contact (from
 * {@code tawasul.notifications.sms-from}, else from the number citizens last texted us on), else the first e-mail
 * contact (from {@code tawasul.email.address}); a case with neither gets none. The service's hourly cap is counted first ({@link CodeLimits#countSent}); the code's keyed
 * hash is kept ({@link CodeChallenges}) before the message leaves; the message is an {@code SYSTEM}
 * {@link Outbox#send} in the language of the contact's conversation with us (else {@code tawasul.engine.default-locale}).
 * Once the provider holds the message, its stored text has the code replaced by {@code ••••••}
 * ({@link OutboundMessages#redactSent}): the code is not readable in the transcript or the database afterwards.
 * Must run on a Vert.x context (the {@link DisclosureGate} gives it its own).
 */
@ApplicationScoped
public class CodeIssuer {

    private static final Logger LOG = Logger.getLogger(CodeIssuer.class);

    private final CodeLimits limits;
    private final CodeMac mac;
    private final CodeChallenges challenges;
    private final IdentityTexts texts;
    private final IdentityMetrics metrics;
    private final Conversations conversations;
    private final Outbox outbox;
    private final OutboundMessages messages;
    private final IdentityConfig config;
    private final Optional<String> smsFrom;
    private final Optional<String> emailFrom;
    private final String defaultLocale;

    @Inject
    CodeIssuer(CodeLimits limits, CodeMac mac, CodeChallenges challenges, IdentityTexts texts,
               IdentityMetrics metrics, Conversations conversations, Outbox outbox, OutboundMessages messages,
               IdentityConfig config,
               NotificationsConfig notifications, EngineConfig engine,
               @ConfigProperty(name = "tawasul.email.address") Optional<String> emailFrom) {
        this.limits = limits;
        this.mac = mac;
        this.challenges = challenges;
        this.texts = texts;
        this.metrics = metrics;
        this.conversations = conversations;
        this.outbox = outbox;
        this.messages = messages;
        this.config = config;
        this.smsFrom = notifications.smsFrom().map(String::strip).filter(s -> !s.isEmpty());
        this.emailFrom = emailFrom.map(String::strip).filter(s -> !s.isEmpty());
        this.defaultLocale = engine.defaultLocale();
    }

    /**
     * Sends a code that lets {@code requester} see {@code record} where they asked.
     *
     * @return completes when the code was handed to the outbox (or not sent: no contact, cap, refused)
     */
    public Uni<Void> issue(CaseRecord record, Address requester) {
        if (smsFrom.isEmpty() && hasSmsContact(record)) {
            // no tawasul.notifications.sms-from (TWILIO_FROM): the number citizens last texted is ours to send from
            return conversations.lastBotAddress(Channel.SMS)
                    .chain(bot -> issueBy(record, requester, route(record, bot)));
        }
        return issueBy(record, requester, route(record, smsFrom));
    }

    private Uni<Void> issueBy(CaseRecord record, Address requester, Optional<Address[]> route) {
        if (route.isEmpty()) {
            metrics.code("not-sent");
            LOG.debugf("case %s has no SMS or e-mail contact to send a code to", record.caseNumber());
            return Uni.createFrom().voidItem();
        }
        Address to = route.get()[0];
        Address from = route.get()[1];
        return challenges.pendingCase(requester).chain(pending -> {
            if (record.caseNumber().equals(pending)) {
                // asked again before typing the code: the code already sent still works, a new one would void it
                metrics.code("already-pending");
                return Uni.createFrom().voidItem();
            }
            return send(record, requester, to, from);
        });
    }

    /**
     * Keeps a pending code for {@code caseNumber}, which is no case, without sending anything: its hash is of a random
     * code nobody is told, so every answer is wrong, exactly as a wrong answer to a real code (no existence oracle).
     * Not kept while another code is pending for the requester.
     */
    public Uni<Void> decoy(String caseNumber, Address requester) {
        return challenges.pendingCase(requester).chain(pending -> pending != null ? Uni.createFrom().voidItem()
                : mac.mac(caseNumber, requester, mac.newCode())
                        .chain(hash -> challenges.put(requester, caseNumber, hash, config.codeTtl())));
    }

    private Uni<Void> send(CaseRecord record, Address requester, Address to, Address from) {
        return limits.countSent().chain(within -> {
            if (!within) {
                return Uni.createFrom().voidItem();
            }
            String code = mac.newCode();
            return mac.mac(record.caseNumber(), requester, code)
                    .chain(hash -> challenges.put(requester, record.caseNumber(), hash, config.codeTtl()))
                    .chain(() -> conversations.open(to, from))
                    .chain(view -> {
                        String locale = view.locale() != null ? view.locale() : defaultLocale;
                        String text = texts.code(code, record.caseNumber(), requester.channel(), locale);
                        return outbox.send(OutboundDraft.message(Origin.SYSTEM, view, text, locale))
                                .call(outcome -> outcome instanceof SendOutcome.Queued queued
                                        ? messages.redactSent(queued.outboundId(), text.replace(code, "••••••"))
                                        : Uni.createFrom().item(false));
                    })
                    .invoke(outcome -> {
                        if (outcome instanceof SendOutcome.Refused refused) {
                            metrics.code("refused");
                            LOG.infof("one-time code for case %s to %s refused: %s", record.caseNumber(),
                                    SenderKey.masked(to), refused.reason());
                        } else {
                            metrics.code("sent");
                            LOG.infof("one-time code for case %s sent to %s (asked on %s)", record.caseNumber(),
                                    SenderKey.masked(to), SenderKey.masked(requester));
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /** @return {to, from}: the case's first SMS contact (when we have an SMS number), else its first e-mail */
    private static boolean hasSmsContact(CaseRecord record) {
        return record.contacts().stream().anyMatch(c -> c.channel() == Channel.SMS
                && PhoneNumbers.toE164(c.address()).startsWith("+"));
    }

    private Optional<Address[]> route(CaseRecord record, Optional<String> smsFrom) {
        if (smsFrom.isPresent()) {
            for (CaseContact c : record.contacts()) {
                String number = c.channel() == Channel.SMS ? PhoneNumbers.toE164(c.address()) : "";
                if (number.startsWith("+")) {
                    return Optional.of(new Address[]{new Address(Channel.SMS, number),
                            new Address(Channel.SMS, smsFrom.get())});
                }
            }
        }
        if (emailFrom.isPresent()) {
            for (CaseContact c : record.contacts()) {
                if (c.channel() == Channel.EMAIL && !c.address().isBlank()) {
                    return Optional.of(new Address[]{new Address(Channel.EMAIL, EmailAddresses.canonical(c.address())),
                            new Address(Channel.EMAIL, EmailAddresses.canonical(emailFrom.get()))});
                }
            }
        }
        return Optional.empty();
    }
}
