package gov.tawasul.staff.privacy;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.reply.EmailAddresses;
import gov.tawasul.engine.reply.PhoneNumbers;
import jakarta.ws.rs.BadRequestException;

/**
 * The citizen address a staff member typed, in the form the bot stores it: phone numbers (SMS, WhatsApp) in E.164
 * ({@code 00966 50-000-0001} → {@code +966500000001}), e-mail addresses canonical, other ids trimmed.
 */
final class CitizenAddresses {

    private CitizenAddresses() {
    }

    /**
     * @param channel wire name ({@code sms}, {@code facebook}, {@code twitter}, {@code email}, {@code whatsapp},
     *                {@code webchat})
     * @param address the address as typed
     * @return the stored form
     * @throws BadRequestException (400 problem+json) for a missing or unknown channel, or a blank address
     */
    static Address parse(String channel, String address) {
        if (channel == null || channel.isBlank()) {
            throw new BadRequestException("channel is required (sms, facebook, twitter, email, whatsapp, webchat)");
        }
        Channel parsed;
        try {
            parsed = Channel.fromWireName(channel);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown channel: sms, facebook, twitter, email, whatsapp or webchat");
        }
        String value = address == null ? "" : address.strip();
        value = switch (parsed) {
            case SMS, WHATSAPP -> PhoneNumbers.toE164(value);
            case EMAIL -> EmailAddresses.canonical(value);
            default -> value;
        };
        if (value.isEmpty() || value.length() > 320) {
            throw new BadRequestException("address is required (at most 320 characters)");
        }
        return new Address(parsed, value);
    }
}
