package gov.tawasul.engine.processing;

import gov.tawasul.engine.handoff.OfficeHours;
import gov.tawasul.engine.handoff.OfficeHoursText;
import gov.tawasul.engine.identity.CaseAccess;
import gov.tawasul.engine.identity.CodeReplies;
import gov.tawasul.engine.identity.CodeVerifier;
import gov.tawasul.engine.identity.DisclosureGate;
import gov.tawasul.engine.identity.LinkRevocations;
import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.intent.IntentRecognizer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseLookupResult;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.ConversationState;
import gov.tawasul.engine.model.LocalizedText;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.InboundState;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.policy.SendDecision;
import gov.tawasul.engine.policy.SendPolicy;
import gov.tawasul.engine.port.CaseLookup;
import gov.tawasul.engine.reply.LocaleResolver;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.reply.ReplyComposer;
import gov.tawasul.engine.redis.RedisOutage;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.DatabaseOutage;
import gov.tawasul.engine.store.InboundMessages;
import gov.tawasul.engine.store.OptOuts;
import gov.tawasul.engine.store.CaseFollowers;
import gov.tawasul.engine.notify.NotificationTexts;
import gov.tawasul.engine.notify.NotificationsConfig;
import gov.tawasul.engine.metrics.BotAnswerTime;
import gov.tawasul.engine.store.CaseEvents;
import gov.tawasul.engine.store.CaseQueries;
import gov.tawasul.engine.store.CaseFollowUps;
import gov.tawasul.engine.reply.DisclosurePolicy;
import gov.tawasul.engine.store.PendingInbound;
import gov.tawasul.engine.text.TextNormalizer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Handles one inbound message: a message its channel marked {@link InboundMessage#ATTR_NO_REPLY} (an auto-reply, a
 * bounce, a list) is marked {@code IGNORED} with that reason; else normalise the text, recognise the intent
 * ("status?" without a number becomes a query for the conversation's last case, when it has one),
 * {@linkplain InboundDecision#decide decide} (opt-out — confirmed by {@link OptOutConfirmations} when the provider does
 * not —, ignore, hand to a person, request a person, answer), and for an answer look the cases up, compose the
 * reply and hand it to the {@link Outbox} as a {@code BOT} message (with the case numbers and departments for the
 * conversation). A request for a person is answered once, by the reply that moves the conversation to
 * {@code WAITING_FOR_AGENT} (one statement), saying when staff answer ({@link OfficeHours}). A message whose handling throws (a bug, not a provider or
 * case-system failure: those are classified) is marked {@code FAILED} so that it cannot block its conversation;
 * if even that fails (database down) the recovery job tries again later.
 */
@ApplicationScoped
public class InboundHandler {

    private static final Logger LOG = Logger.getLogger(InboundHandler.class);
    /** The reason of the {@code Unavailable} a number over the sender's lookup budget gets (it is not looked up). */
    static final String OVER_BUDGET = "LOOKUP_BUDGET";

    private final InboundMessages inbound;
    private final OptOuts optOuts;
    private final IntentRecognizer intents;
    private final LocaleResolver locales;
    private final CaseLookup cases;
    private final ReplyComposer composer;
    private final SendPolicy policy;
    private final Outbox outbox;
    private final Conversations conversations;
    private final OfficeHours officeHours;
    private final CaseFollowers followers;
    private final NotificationTexts notificationTexts;
    private final CaseEvents caseEvents;
    private final boolean lastKnownStatus;
    private final OptOutConfirmations optOutConfirmations;
    @Inject
    CaseQueries caseQueries;
    @Inject
    BotAnswerTime answerTime;
    @Inject
    CaseFollowUps followUps;
    @Inject
    CaseFollowUpJob followUpJob;
    @Inject
    DatabaseOutage outage;
    @Inject
    RedisOutage redisOutage;
    private final Identity identity;

    /**
     * The identity package's parts on the disclosure path (one parameter, so that merges stay easy). A singleton,
     * not a normal-scoped bean: its fields are read directly, which a client proxy would not allow.
     */
    @jakarta.inject.Singleton
    static class Identity {
        final DisclosureGate gate;
        final CodeVerifier verifier;
        final CodeReplies codeReplies;
        final LinkRevocations revocations;

        Identity(DisclosureGate gate, CodeVerifier verifier, CodeReplies codeReplies, LinkRevocations revocations) {
            this.gate = gate;
            this.verifier = verifier;
            this.codeReplies = codeReplies;
            this.revocations = revocations;
        }
    }

    InboundHandler(InboundMessages inbound, OptOuts optOuts, IntentRecognizer intents, LocaleResolver locales,
                   CaseLookup cases, ReplyComposer composer, SendPolicy policy, Outbox outbox,
                   Conversations conversations, OfficeHours officeHours, CaseFollowers followers,
                   NotificationTexts notificationTexts, CaseEvents caseEvents, NotificationsConfig notifications,
                   OptOutConfirmations optOutConfirmations,
                   Identity identity) {
        this.identity = identity;
        this.inbound = inbound;
        this.optOuts = optOuts;
        this.intents = intents;
        this.locales = locales;
        this.cases = cases;
        this.composer = composer;
        this.policy = policy;
        this.outbox = outbox;
        this.conversations = conversations;
        this.officeHours = officeHours;
        this.followers = followers;
        this.notificationTexts = notificationTexts;
        this.caseEvents = caseEvents;
        this.lastKnownStatus = notifications.lastKnownStatus();
        this.optOutConfirmations = optOutConfirmations;
    }

    /**
     * What one {@link #handleNext} did.
     *
     * @param claimed       false when another instance holds the conversation's lease (nothing was handled)
     * @param handled       whether a message was handled
     * @param moreWaiting   whether more messages wait behind the one handled (saves a query that would find none)
     * @param leaseReleased whether the lease was given up already (with the reply to the last waiting message, or by
     *                      the read that found nothing waiting)
     */
    public record Turn(boolean claimed, boolean handled, boolean moreWaiting, boolean leaseReleased) {
    }

    /**
     * Claims the conversation's lease for {@code owner} and handles its oldest unhandled message, if any, in that
     * statement ({@link InboundMessages#nextPending}). Completes after its reply was handed to the provider (or its
     * failure stored), so that replies of one conversation leave in order. When the message is the last one waiting,
     * the statement that stores the provider's answer to the reply gives the lease up.
     *
     * @param owner this instance's lease owner id
     * @param lease how long the lease holds unless renewed or released
     */
    public Uni<Turn> handleNext(long conversationId, String owner, java.time.Duration lease) {
        return inbound.nextPending(conversationId, owner, lease).chain(next -> {
            if (!next.claimed()) {
                return Uni.createFrom().item(new Turn(false, false, false, false));
            }
            if (next.next().isEmpty()) {
                return Uni.createFrom().item(new Turn(true, false, false, true));
            }
            PendingInbound pending = next.next().get();
            return handle(pending).map(released -> new Turn(true, true, pending.moreWaiting(), released))
                    .onFailure(e -> !outage.absorbed(e) && !redisOutage.absorbed(e)).recoverWithUni(e -> {
                        // PostgreSQL or Redis away: nothing to mark; the recovery job schedules the message again
                        LOG.errorf(e, "inbound %d could not be answered; marked FAILED", pending.id());
                        return inbound.mark(pending.id(), InboundState.FAILED, "ERROR")
                                .replaceWith(new Turn(true, true, pending.moreWaiting(), false));
                    });
        });
    }

    /** @return a reply's link to its inbound message, ending the lease when no other message waits behind it */
    private static OutboundDraft.InReplyTo inReplyTo(PendingInbound in, OutboundDraft.InReplyTo reply) {
        return in.moreWaiting() ? reply : reply.releasingLeaseOf(in.claimedBy());
    }

    /** @return whether the send gave the conversation's lease up */
    private static boolean released(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Queued queued && queued.leaseReleased();
    }

    private static Uni<Boolean> kept(Uni<Void> work) {
        return work.replaceWith(false);
    }

    /** @return whether the conversation's lease was given up on the way */
    private Uni<Boolean> handle(PendingInbound in) {
        String noReply = in.attributes().get(InboundMessage.ATTR_NO_REPLY);
        if (noReply != null) {
            return kept(inbound.mark(in.id(), InboundState.IGNORED, noReply));
        }
        ConversationView c = in.conversation();
        String text = TextNormalizer.normalize(in.text());
        Intent recognized = intents.recognize(c.channel(), in.kind(), text, in.payload(),
                in.attributes().get(InboundMessage.ATTR_OPT_OUT_TYPE));
        // identity: STOP ends identity links; six digits while a code is pending are a code reply
        return identity.revocations.onCitizenMessage(c.citizen(), text, recognized)
                .chain(() -> identity.verifier.asCodeReply(c.citizen(), text, recognized))
                .chain(intent -> recognized(in, c, text, intent));
    }

    private Uni<Boolean> recognized(PendingInbound in, ConversationView c, String text, Intent intent) {
        if (intent instanceof Intent.Unfollow unfollow) {
            // whoever answers the conversation, "STOP <case>" stops that case's updates here at once
            return followers.stop(unfollow.caseNumber(), c.channel(), c.citizen().value())
                    .chain(() -> decided(in, c, text, intent));
        }
        if (intent instanceof Intent.StatusOfLastCase) {
            // "status?" without a number: the conversation's last case, answered as a query for it (same rules)
            return conversations.lastCaseNumber(c.id()).chain(last -> decided(in, c, text,
                    last.<Intent>map(n -> new Intent.CaseStatus(List.of(n), 0)).orElse(intent)));
        }
        return decided(in, c, text, intent);
    }

    private Uni<Boolean> decided(PendingInbound in, ConversationView c, String text, Intent intent) {
        InboundDecision decision = InboundDecision.decide(intent, in.fromOwnAddress(), c, policy);
        if (decision instanceof InboundDecision.RecordOptOut optOut) {
            return kept(optOuts.optOutByKeyword(c.channel(), c.citizen().value(), c.bot().value(), in.id())
                    .chain(isNew -> optOut.confirm() && isNew
                            ? optOutConfirmations.optedOut(c, localeOf(in, text))
                            : Uni.createFrom().voidItem()));
        }
        if (decision instanceof InboundDecision.LiftOptOut optIn) {
            return kept(optOuts.optInByKeyword(c.channel(), c.citizen().value(), c.bot().value(), in.id())
                    .chain(() -> optIn.confirm()
                            ? optOutConfirmations.optedIn(c, localeOf(in, text))
                            : Uni.createFrom().voidItem()));
        }
        if (decision instanceof InboundDecision.Ignore ignore) {
            return kept(inbound.mark(in.id(), InboundState.IGNORED, ignore.reason()));
        }
        if (decision instanceof InboundDecision.HandToPerson hand) {
            return kept(inbound.mark(in.id(), InboundState.HANDED_OFF, hand.intent().name()));
        }
        String locale = localeOf(in, text);
        if (decision instanceof InboundDecision.RequestHandoff) {
            return requestHandoff(in, locale);
        }
        return answer(in, ((InboundDecision.Answer) decision).intent(), locale);
    }

    /** The reply language: by the text's letters, else the page's declared language, else the conversation's. */
    private String localeOf(PendingInbound in, String text) {
        return locales.resolve(text, in.attributes().get(InboundMessage.ATTR_PAGE_LOCALE), in.conversation().locale());
    }

    /**
     * On a channel where nobody else confirms an opt-out or opt-in keyword ({@link SendPolicy#botConfirmsOptOut}:
     * WhatsApp), the bot answers it, after the opt-out was recorded (a crash in between loses the confirmation,
     * never the opt-out). The send policy lets this one reply reach a citizen who just opted out; it is refused like
     * any bot reply while a person holds the conversation (the opt-out stands, staff see it).
     */

    private Uni<Boolean> answer(PendingInbound in, Intent intent, String locale) {
        if (intent instanceof Intent.Unfollow unfollow) {
            Reply reply = new Reply(notificationTexts.unfollowed(unfollow.caseNumber(), locale), locale, List.of());
            OutboundDraft draft = OutboundDraft.reply(in.conversation(), inReplyTo(in, new OutboundDraft.InReplyTo(
                    in.id(), intent.name(), List.of(unfollow.caseNumber()), List.of(), false)), reply);
            return outbox.send(draft).chain(outcome -> outcome instanceof SendOutcome.Refused refused
                    ? kept(markRefused(in.id(), intent, refused))
                    : Uni.createFrom().item(released(outcome)));
        }
        if (intent instanceof Intent.VerificationCode code) {
            return identity.codeReplies.answer(in.conversation().citizen(), code.code(), locale).chain(a -> {
                List<String> numbers = a.caseNumber() == null ? List.of() : List.of(a.caseNumber());
                OutboundDraft draft = OutboundDraft.reply(in.conversation(), inReplyTo(in,
                        new OutboundDraft.InReplyTo(in.id(), intent.name(), numbers, List.of(), false)), a.reply());
                return outbox.send(draft).chain(outcome -> outcome instanceof SendOutcome.Refused refused
                        ? kept(markRefused(in.id(), intent, refused)) : Uni.createFrom().item(released(outcome)));
            });
        }
        // identity: the sender's lookup budget before the lookup, links and code offers after it (DisclosureGate)
        Address citizen = in.conversation().citizen();
        return identity.gate.admit(citizen, intent, locale, cases::prefetchKey)
                .chain(admitted -> lookUp(intent, admitted)
                        .call(results -> oweFollowUp(in, results, locale))
                        .chain(results -> identity.gate.review(admitted, citizen, results, locale, in.senderLinked())
                                .chain(access -> reply(in, intent, locale, results, access))));
    }

    /**
     * The numbers the case system could not answer (down, no last known status; not those over the lookup budget)
     * are owed an answer once it is back ({@link CaseFollowUpJob}); recorded before the apology leaves, so that a
     * crash cannot lose the debt (the job answers only a message whose reply was stored).
     */
    private Uni<Void> oweFollowUp(PendingInbound in, List<CaseLookupResult> results, String locale) {
        List<String> owed = results.stream()
                .filter(r -> r instanceof CaseLookupResult.Unavailable down && !OVER_BUDGET.equals(down.reason()))
                .map(r -> ((CaseLookupResult.Unavailable) r).caseNumber()).distinct().toList();
        return owed.isEmpty() ? Uni.createFrom().voidItem()
                : followUps.owe(in.id(), owed, locale, followUpJob.interval());
    }

    /**
     * Composes and sends the answer. The lookups and, for one case to follow (the common path), the follower are
     * stored by the reply's own statement, whose text says "you follow it now" only when the follower is new; several
     * cases to follow take a statement each first. A reply refused before it was stored stores them on its own.
     */
    private Uni<Boolean> reply(PendingInbound in, Intent intent, String locale, List<CaseLookupResult> results,
                               CaseAccess access) {
        List<String> toFollow = toFollow(in, results);
        Uni<List<String>> notices = toFollow.size() == 1 ? Uni.createFrom().item(List.of())
                : follow(in, toFollow, locale);
        return notices.chain(lines -> {
            Reply reply = composer.compose(intent, results, in.conversation().citizen(), locale, access);
            if (!lines.isEmpty()) {
                reply = new Reply(reply.text() + "\n\n" + String.join("\n", lines), reply.locale(),
                        reply.quickReplies());
            }
            if (in.conversation().state() == ConversationState.WAITING_FOR_AGENT) {
                // a case answered while waiting for staff: no buttons, they would lead to staff's silence
                reply = new Reply(reply.text(), reply.locale(), List.of());
            }
            OutboundDraft.Follow follow = null;
            if (toFollow.size() == 1) {
                String line = notificationTexts.following(toFollow.get(0), locale);
                follow = new OutboundDraft.Follow(toFollow.get(0),
                        line.isEmpty() ? reply.text() : reply.text() + "\n\n" + line);
            }
            OutboundDraft.Follow followed = follow;
            List<String> numbers = intent instanceof Intent.CaseStatus status ? status.caseNumbers() : List.of();
            OutboundDraft draft = OutboundDraft.reply(in.conversation(), inReplyTo(in,
                    new OutboundDraft.InReplyTo(in.id(), intent.name(), numbers, departments(results), false))
                    .storing(results, follow), reply);
            return outbox.send(draft).invoke(outcome -> answerTime.answered(in, outcome)).chain(outcome -> {
                if (outcome instanceof SendOutcome.Refused refused) {
                    return kept(storeBeside(in, results, followed, locale)
                            .chain(() -> markRefused(in.id(), intent, refused)));
                }
                identity.gate.afterReply(access, in.conversation().citizen()); // codes leave after the reply, detached
                return Uni.createFrom().item(released(outcome));
            });
        });
    }

    /**
     * What the reply's statement would have stored, for a reply refused (before it was stored, or by the statement
     * itself: both writes are idempotent): the lookups and the follower.
     */
    private Uni<Void> storeBeside(PendingInbound in, List<CaseLookupResult> results, OutboundDraft.Follow follow,
                                  String locale) {
        ConversationView c = in.conversation();
        Uni<Void> recorded = caseQueries.record(in.id(), results);
        return follow == null ? recorded : recorded.chain(() -> followers.followAsAsker(follow.caseNumber(),
                c.citizen(), c.bot(), locale).replaceWithVoid());
    }

    /** @return the found cases the sender is a registered contact of (they follow them here), in order */
    private static List<String> toFollow(PendingInbound in, List<CaseLookupResult> results) {
        ConversationView c = in.conversation();
        return results.stream()
                .filter(r -> r instanceof CaseLookupResult.Found found
                        && DisclosurePolicy.isRegisteredContact(found.record(), c.citizen()))
                .map(r -> ((CaseLookupResult.Found) r).record().caseNumber()).toList();
    }

    /**
     * A registered contact of found cases who asks about them follows them on this channel; the first time (or
     * again after "STOP &lt;case&gt;") the reply says so ({@code notification-following}). One statement per case.
     *
     * @return the notices to add to the reply, in the order of the cases
     */
    private Uni<List<String>> follow(PendingInbound in, List<String> numbers, String locale) {
        ConversationView c = in.conversation();
        if (numbers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(numbers)
                .onItem().transformToUniAndConcatenate(n -> followers.followAsAsker(n, c.citizen(), c.bot(), locale)
                        .map(now -> now ? notificationTexts.following(n, locale) : ""))
                .filter(t -> !t.isEmpty())
                .collect().asList();
    }

    /**
     * The citizen asked for a person: the acknowledgement and the move to {@code WAITING_FOR_AGENT} are one
     * statement. Refused because a person took it meanwhile: theirs. Refused by the channel: the conversation waits
     * for staff all the same (the citizen's request stands), the message is theirs.
     */
    private Uni<Boolean> requestHandoff(PendingInbound in, String locale) {
        Intent intent = new Intent.AskForPerson();
        Instant now = Instant.now();
        Reply reply = composer.handoffWaiting(locale, officeHours.isOpen(now), OfficeHoursText.hours(officeHours, locale),
                OfficeHoursText.nextOpening(officeHours, now, locale));
        OutboundDraft draft = OutboundDraft.reply(in.conversation(), inReplyTo(in,
                new OutboundDraft.InReplyTo(in.id(), intent.name(), List.of(), List.of(), true)), reply);
        return outbox.send(draft).invoke(outcome -> answerTime.answered(in, outcome)).chain(outcome -> {
            if (!(outcome instanceof SendOutcome.Refused refused)) {
                return Uni.createFrom().item(released(outcome));
            }
            if (refused.reason() == SendDecision.Reason.HELD_BY_PERSON) {
                return kept(inbound.mark(in.id(), InboundState.HANDED_OFF, intent.name()));
            }
            LOG.infof("inbound %d asks for a person; the acknowledgement was refused (%s: %s)", in.id(),
                    refused.reason(), refused.detail());
            return kept(conversations.requestHandoff(in.conversation().id())
                    .chain(() -> inbound.mark(in.id(), InboundState.HANDED_OFF, intent.name())));
        });
    }

    /**
     * @return the departments of the cases found, as the case system names them (English label, else Arabic), in
     *         the order of the results, without repeats
     */
    static List<String> departments(List<CaseLookupResult> results) {
        Set<String> departments = new LinkedHashSet<>();
        for (CaseLookupResult result : results) {
            if (result instanceof CaseLookupResult.Found found && found.record().department() != null) {
                LocalizedText d = found.record().department();
                String name = d.en() != null && !d.en().isBlank() ? d.en() : d.ar();
                if (name != null && !name.isBlank()) {
                    departments.add(name.strip());
                }
            }
        }
        return List.copyOf(departments);
    }

    /** A person took the conversation meanwhile: theirs; any other refusal: ignored with the reason. */
    private Uni<Void> markRefused(long inboundId, Intent intent, SendOutcome.Refused refused) {
        return refused.reason() == SendDecision.Reason.HELD_BY_PERSON
                ? inbound.mark(inboundId, InboundState.HANDED_OFF, intent.name())
                : inbound.mark(inboundId, InboundState.IGNORED, refused.reason().name());
    }

    /**
     * The case system is down: the case as last seen — the connector's cache or the newest case event, whichever
     * was updated later (the event on a tie) —, answered "as of" its time, when there is one.
     */
    private Uni<CaseLookupResult> orLastKnown(CaseLookupResult result) {
        if (!(result instanceof CaseLookupResult.Unavailable down) || !lastKnownStatus) {
            return Uni.createFrom().item(result);
        }
        return cases.lastSeen(down.caseNumber()).chain(seen -> caseEvents.latest(down.caseNumber()).map(latest -> {
            CaseRecord event = latest.map(CaseEvents.Stored::record).orElse(null);
            CaseRecord newest = newer(seen.orElse(null), event);
            return newest == null ? result : new CaseLookupResult.LastKnown(newest, down.reason());
        }));
    }

    /** @return the record updated later; {@code b} when both are equally new or a time is missing */
    static CaseRecord newer(CaseRecord a, CaseRecord b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.updatedAt() != null && b.updatedAt() != null && a.updatedAt().isAfter(b.updatedAt()) ? a : b;
    }

    private Uni<List<CaseLookupResult>> lookUp(Intent intent, CaseAccess access) {
        if (!(intent instanceof Intent.CaseStatus status)) {
            return Uni.createFrom().item(List.of());
        }
        // one after the other: lookups share this context's Hibernate Reactive session, which is not concurrent;
        // a number over the sender's lookup budget is not looked up (its answer is the gate's refusal)
        return Multi.createFrom().iterable(status.caseNumbers())
                .onItem().transformToUniAndConcatenate(number -> access.mayLookUp(number)
                        ? access.prefetched(number).map(fields -> cases.lookup(number, fields))
                                .orElseGet(() -> cases.lookup(number)).chain(this::orLastKnown)
                        : Uni.createFrom().<CaseLookupResult>item(new CaseLookupResult.Unavailable(number, OVER_BUDGET)))
                .collect().asList();
    }
}
