package gov.tawasul.engine.model;

import java.util.Objects;

/**
 * An endpoint on a channel: an E.164 phone number for {@link Channel#SMS} (e.g. {@code +966500000001}),
 * a page-scoped id (PSID) or Page id for {@link Channel#FACEBOOK}, a numeric user id for {@link Channel#TWITTER},
 * an e-mail address in {@link gov.tawasul.engine.reply.EmailAddresses#canonical canonical form} for
 * {@link Channel#EMAIL} (e.g. {@code citizen@mail.example.com}).
 *
 * @param channel the channel the address belongs to
 * @param value   the provider's identifier, never blank
 */
public record Address(Channel channel, String value) {
    public Address {
        Objects.requireNonNull(channel, "channel");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("address value must not be blank");
        }
    }

    @Override
    public String toString() {
        return channel.wireName() + ":" + value;
    }
}
