package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The {@code case_follower} table: who is told of a case's changes, on which channel and address. A registered
 * contact who asked about the case follows it where they asked ({@code ASKER}); the case's registered SMS contacts
 * follow it by default ({@code REGISTERED}, {@code tawasul.notifications.default-follow}). "STOP &lt;case&gt;" stops
 * one follower ({@code stopped_at}); asking about the case again there follows it again.
 */
@ApplicationScoped
public class CaseFollowers {

    /** New, or stopped before: following (again); the row comes back only then. */
    private static final String FOLLOW_AS_ASKER = """
            insert into case_follower (case_number, channel, citizen_address, bot_address, locale, source)
            values ($1, $2, $3, $4, $5, 'ASKER')
            on conflict (case_number, channel, citizen_address) do update
              set stopped_at = null, source = 'ASKER', bot_address = excluded.bot_address, locale = excluded.locale
              where case_follower.stopped_at is not null
            returning id""";

    /**
     * CTE {@code followed(case_number)}: {@link #FOLLOW_AS_ASKER} inside another statement (the bot's reply, so that
     * its text can say "you follow it now" only when this row is new or stopped before); nothing when the case
     * number is null.
     *
     * @param caseNumber, channel, citizen, bot, locale the statement's parameter references
     */
    static String followAsAskerOf(String caseNumber, String channel, String citizen, String bot, String locale) {
        return """
                followed as (
                  insert into case_follower (case_number, channel, citizen_address, bot_address, locale, source)
                  select cast(%1$s as varchar), %2$s, %3$s, %4$s, %5$s, 'ASKER' where cast(%1$s as varchar) is not null
                  on conflict (case_number, channel, citizen_address) do update
                    set stopped_at = null, source = 'ASKER', bot_address = excluded.bot_address, locale = excluded.locale
                    where case_follower.stopped_at is not null
                  returning case_number)""".formatted(caseNumber, channel, citizen, bot, locale);
    }

    private static final String STOP = """
            update case_follower set stopped_at = now()
            where case_number = $1 and channel = $2 and citizen_address = $3 and stopped_at is null""";

    private static final String FOLLOWED_CASES = """
            select distinct case_number from case_follower where stopped_at is null and case_number > $1
            order by case_number limit $2""";

    /**
     * CTE part {@code reg}: the registered SMS numbers ({@code "sms:<number>"} in {@code contacts}, written from
     * {@code smsFromParam}) and, when {@code emailFromParam} is not null, e-mail addresses ({@code "email:<address>"},
     * canonical, written from it) of the events of CTE {@code events} (columns {@code case_number},
     * {@code contacts}) follow their case, when {@code enabledParam}; returns the new followers' {@code case_number, channel, citizen_address, bot_address, locale}.
     */
    static String followRegisteredOf(String events, String enabledParam, String smsFromParam, String emailFromParam,
                                     String localeParam) {
        return "reg as (insert into case_follower (case_number, channel, citizen_address, bot_address, locale, source)"
                + " select distinct e.case_number, ct.channel, ct.address, ct.bot, " + localeParam + ", 'REGISTERED'"
                + " from " + events + " e, unnest(e.contacts) c, lateral (select"
                + " case when c like 'sms:%' then 'SMS' else 'EMAIL' end as channel,"
                + " btrim(substr(c, case when c like 'sms:%' then 5 else 7 end)) as address,"
                + " case when c like 'sms:%' then cast(" + smsFromParam + " as varchar) else cast(" + emailFromParam
                + " as varchar) end as bot) ct"
                + " where " + enabledParam + " and (c like 'sms:%' or (c like 'email:%' and cast(" + emailFromParam
                + " as varchar) is not null)) and ct.address <> ''"
                + " on conflict (case_number, channel, citizen_address) do nothing"
                + " returning case_number, channel, citizen_address, bot_address, locale)";
    }

    private static final String FOLLOWED_COUNT =
            "select count(distinct case_number) as n from case_follower where stopped_at is null";

    private static final String ERASE = "delete from case_follower where channel = $1 and citizen_address = $2";

    private static final String DROP_STOPPED =
            "delete from case_follower where channel = $1 and stopped_at is not null and stopped_at < $2";

    private final Db db;

    CaseFollowers(Db db) {
        this.db = db;
    }

    /**
     * The citizen who asked about the case in the conversation ({@code citizen}, {@code bot}) follows it there.
     *
     * @return true when they follow it from now on (new, or stopped before): they are to be told so once
     */
    public Uni<Boolean> followAsAsker(String caseNumber, Address citizen, Address bot, String locale) {
        return db.first(FOLLOW_AS_ASKER, r -> true, caseNumber, citizen.channel().name(), citizen.value(),
                bot.value(), locale).map(found -> found.orElse(false));
    }

    /** @return true when the citizen followed the case on that address and no longer does */
    public Uni<Boolean> stop(String caseNumber, Channel channel, String citizen) {
        return db.update(STOP, caseNumber, channel.name(), citizen).map(n -> n > 0);
    }

    /** A citizen's erasure: the address follows no case any more. @return rows removed */
    public Uni<Integer> erase(Address citizen) {
        return db.update(ERASE, citizen.channel().name(), citizen.value());
    }

    /** Retention: followers of {@code channel} stopped before {@code before} are removed. @return rows removed */
    public Uni<Integer> dropStoppedBefore(Channel channel, java.time.Instant before) {
        return db.update(DROP_STOPPED, channel.name(), InboundMessages.utc(before));
    }

    /** @return how many cases have at least one active follower */
    public Uni<Long> followedCaseCount() {
        return db.first(FOLLOWED_COUNT, r -> r.getLong("n")).map(n -> n.orElse(0L));
    }

    /**
     * Followed cases in case-number order, a page at a time (the watch mode).
     *
     * @param after the last case number of the previous page, "" for the first
     * @param limit page size
     */
    public Uni<List<String>> followedCases(String after, int limit) {
        return db.list(FOLLOWED_CASES, r -> r.getString("case_number"), after, limit);
    }
}
