package gov.tawasul.engine.reply;

import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides whether a sender may learn a case's details ({@code tawasul.engine.disclosure}).
 * {@code contact-match}: only when the sender's address is one of the case's contacts on the same channel
 * (phone numbers compared in E.164, e-mail addresses case-insensitively with the domain in IDNA ASCII form, PSIDs and
 * X user ids exactly), or a {@code WHATSAPP} sender whose number is one of the case's {@code sms} contacts (WhatsApp
 * verifies possession of the number), or a sender linked to the case by a one-time code ({@code identity_link}: the
 * caller passes {@code linked}, see {@code gov.tawasul.engine.identity.DisclosureGate}). {@code open}: everyone.
 * The bundled demo cases ({@link CaseRecord#demo()}) are public in both modes; no switch makes a real case public
 * under {@code contact-match}.
 */
@ApplicationScoped
public class DisclosurePolicy {

    private final boolean open;

    @jakarta.inject.Inject
    public DisclosurePolicy(EngineConfig config) {
        this(config.disclosure() == EngineConfig.Disclosure.OPEN);
    }

    DisclosurePolicy(boolean open) {
        this.open = open;
    }

    /** @return true when the details of {@code record} may be sent to {@code sender} (no identity link known) */
    public boolean mayDisclose(CaseRecord record, Address sender) {
        return mayDisclose(record, sender, false);
    }

    /**
     * @param linked whether {@code sender} holds a live identity link to the case
     * @return true when the details of {@code record} may be sent to {@code sender}
     */
    public boolean mayDisclose(CaseRecord record, Address sender, boolean linked) {
        return open || record.demo() || linked || isRegisteredContact(record, sender);
    }

    /** @return whether every sender may see every case ({@code open}) */
    public boolean isOpen() {
        return open;
    }

    /**
     * @return true when {@code sender} is one of the case's registered contacts (whatever the disclosure mode): on
     *         the same channel, or a WhatsApp number that is one of its SMS contacts
     */
    public static boolean isRegisteredContact(CaseRecord record, Address sender) {
        for (CaseContact contact : record.contacts()) {
            if (contact.channel() == sender.channel() && matches(contact, sender)) {
                return true;
            }
            if (sender.channel() == Channel.WHATSAPP && contact.channel() == Channel.SMS
                    && PhoneNumbers.same(contact.address(), sender.value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(CaseContact contact, Address sender) {
        if (sender.channel() == Channel.SMS || sender.channel() == Channel.WHATSAPP) {
            return PhoneNumbers.same(contact.address(), sender.value());
        }
        if (sender.channel() == Channel.EMAIL) {
            return EmailAddresses.same(contact.address(), sender.value());
        }
        return contact.address().strip().equals(sender.value());
    }
}
