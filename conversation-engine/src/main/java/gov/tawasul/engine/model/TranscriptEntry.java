package gov.tawasul.engine.model;

import java.time.Instant;

/**
 * One message of a conversation's transcript as staff see it, inbound or outbound.
 *
 * @param inbound      true for the citizen's message, false for ours
 * @param id           {@code inbound_message.id} or {@code outbound_message.id}
 * @param at           inbound: when we received it; outbound: when it was queued
 * @param text         the text ({@code ""} for a message without text, e.g. a picture)
 * @param kind         inbound only: {@code InboundKind} by name (TEXT, POSTBACK, MEDIA…), else null
 * @param intent       inbound only: the intent recognised, or null before the bot read it
 * @param inboundState inbound only: what became of it, else null
 * @param origin       outbound only: who sent it, else null
 * @param sentBy       outbound {@code AGENT} only: the staff member's username, or null (an echo from the
 *                     provider's own inbox names nobody)
 * @param fromEcho     outbound only: sent from the provider's own inbox, outside the bot
 * @param status       outbound only: delivery status, else null
 * @param errorCode    outbound only: the provider's error code as it came, or null
 * @param errorMessage outbound only: the provider's error text, or null
 * @param segments     outbound SMS only: segments billed, or null
 * @param deliveredAt  outbound only: when delivered, or null
 * @param readAt       outbound only: when read, or null
 */
public record TranscriptEntry(boolean inbound, long id, Instant at, String text, String kind, String intent,
                              InboundState inboundState, Origin origin, String sentBy, boolean fromEcho,
                              DeliveryStatus status, String errorCode, String errorMessage, Integer segments,
                              Instant deliveredAt, Instant readAt) {
}
