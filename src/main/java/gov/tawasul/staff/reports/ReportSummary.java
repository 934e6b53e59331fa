package gov.tawasul.staff.reports;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Every figure of the reports page, as {@code GET /api/staff/reports/summary} returns it (JSON). Times are seconds
 * (decimals), null where there is nothing to measure; rates are fractions 0–1, null without a denominator; channels
 * are wire names ({@code sms}, {@code whatsapp}, {@code facebook}, {@code twitter}, {@code email},
 * {@code webchat}).
 *
 * @param period   what was asked
 * @param traffic  messages per bucket (local hour or day) and channel
 * @param channels per channel totals
 * @param bot      the bot's part
 * @param errors   top provider error codes of final failures
 * @param handoffs requests for a person and how staff answered them
 * @param agents   the same per agent (the one who answered first)
 * @param cases    case lookups
 */
@Schema(description = "Report figures for a period (Asia/Riyadh days) and optionally one channel")
public record ReportSummary(Period period, List<Traffic> traffic, List<ChannelFigures> channels, Bot bot,
                            List<ProviderError> errors, Handoffs handoffs, List<Agent> agents, Cases cases) {

    /**
     * @param from    first day, {@code yyyy-MM-dd}
     * @param to      last day (included)
     * @param zone    the days' time zone
     * @param channel wire name, or null for all
     * @param bucket  {@code hour} (periods of up to 2 days) or {@code day}
     */
    public record Period(String from, String to, String zone, String channel, String bucket) {
    }

    /** @param bucket local start of the hour/day, {@code yyyy-MM-ddTHH:mm} */
    public record Traffic(String bucket, String channel, long inbound, long outbound) {
    }

    /**
     * @param citizens       distinct conversations that wrote (one citizen address with one of our addresses)
     * @param answeredByBot  inbound messages the bot answered itself (a request for a person is not one)
     * @param handedToPerson inbound messages handed to a person: requests for one, and messages that arrived while a
     *                       person held the conversation
     * @param optOuts        opt-out keywords received
     * @param finalCount     outbound messages in a final status (delivered, read, undelivered, failed)
     * @param delivered      of those, delivered or read
     * @param successRate    delivered / final
     * @param stuck          outbound messages still not final an hour after they were queued
     */
    public record ChannelFigures(String channel, long inbound, long outbound, long conversationsStarted,
                                 long citizens, long answeredByBot, long handedToPerson, long optOuts,
                                 long finalCount, long delivered, Double successRate, long stuck) {
    }

    /**
     * @param answered             inbound messages the bot answered itself (requests for a person excluded)
     * @param handedToPerson       inbound messages handed to a person (requests for one, and messages that came
     *                             while a person held the conversation)
     * @param replies              bot replies timed
     * @param answerTimeP50Seconds inbound received → reply sent, median: exact for a period read from the messages
     *                             only, estimated from fixed buckets (within 5 %, 100 ms below 100 ms) once the
     *                             period has days rolled up
     * @param answerTimeP95Seconds the same, 95th percentile
     */
    public record Bot(long answered, long handedToPerson, long replies, Double answerTimeP50Seconds,
                      Double answerTimeP95Seconds) {
    }

    /** @param meaning what the provider's documentation says the code means (in the language asked for) */
    public record ProviderError(String channel, String code, String meaning, long count) {
    }

    /**
     * @param requests                acknowledged requests for a person in the period
     * @param answered                of those, answered by an agent
     * @param waitingNow              conversations waiting for staff now
     * @param oldestWaitSeconds       how long the oldest of those has waited (wall time)
     * @param firstResponseP50Seconds request → first agent message, office time only, median
     * @param firstResponseP90Seconds the same, 90th percentile
     * @param resolutionP50Seconds    request → last agent message before the next request (wall time), median
     * @param resolutionP90Seconds    the same, 90th percentile
     * @param slaSeconds              {@code tawasul.staff.sla.first-response}, office time
     * @param breaches                requests whose first response (or, unanswered, the office time until now)
     *                                exceeded the SLA
     */
    public record Handoffs(long requests, long answered, long waitingNow, Double oldestWaitSeconds,
                           Double firstResponseP50Seconds, Double firstResponseP90Seconds,
                           Double resolutionP50Seconds, Double resolutionP90Seconds, long slaSeconds,
                           long breaches) {
    }

    /** One agent: requests they answered first, their times and SLA breaches. */
    public record Agent(String agent, long handoffs, Double firstResponseP50Seconds,
                        Double firstResponseP90Seconds, Double resolutionP50Seconds, long breaches) {
    }

    /**
     * @param queries      case numbers looked up
     * @param found        found (also from the last known event)
     * @param notFound     unknown to the case system
     * @param unavailable  the case system could not answer
     * @param notFoundRate notFound / queries
     * @param departments  found cases per department, most first
     * @param statuses     found cases per status code, most first
     */
    public record Cases(long queries, long found, long notFound, long unavailable, Double notFoundRate,
                        List<Count> departments, List<Count> statuses) {
    }

    /** A name and its count. */
    public record Count(String name, long count) {
    }
}
