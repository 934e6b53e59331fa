package gov.tawasul.channels.common;

/**
 * An expected {@code inbound_message} row, read with its conversation's addresses and citizen's name: what the
 * webhook stored before it answered. Compared as committed at the response (the state it reaches later is a
 * scenario's business).
 */
public final class ExpectedInbound extends ExpectedRow<ExpectedInbound> {

    private ExpectedInbound() {
    }

    /** @return the message the provider identifies as {@code providerMessageId} */
    public static ExpectedInbound inbound(String providerMessageId) {
        return new ExpectedInbound().column("provider_message_id", providerMessageId);
    }

    /** @param kind {@code TEXT}, {@code POSTBACK}, {@code ATTACHMENT} */
    public ExpectedInbound kind(String kind) {
        return column("kind", kind);
    }

    public ExpectedInbound text(String text) {
        return column("text", text);
    }

    public ExpectedInbound payload(String payload) {
        return column("payload", payload);
    }

    /** @param citizen the citizen's address (the conversation's {@code citizen_address}) */
    public ExpectedInbound from(String citizen) {
        return column("citizen_address", citizen);
    }

    /** @param bot our address the citizen wrote to (the conversation's {@code bot_address}) */
    public ExpectedInbound to(String bot) {
        return column("bot_address", bot);
    }

    /** @param name the citizen's name or handle the provider gave (the conversation's {@code citizen_name}) */
    public ExpectedInbound citizenName(String name) {
        return column("citizen_name", name);
    }
}
