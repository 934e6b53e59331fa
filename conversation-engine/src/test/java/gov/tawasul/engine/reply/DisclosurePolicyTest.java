package gov.tawasul.engine.reply;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.CaseContact;
import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DisclosurePolicyTest {

    private final CaseRecord record = new CaseRecord("1446-000123", "UNDER_REVIEW", null, null, null,
            OffsetDateTime.parse("2026-11-20T09:30:00+03:00"),
            List.of(new CaseContact(Channel.SMS, "+966 50 000 0001"),
                    new CaseContact(Channel.FACEBOOK, "2000000000000001")));

    private final DisclosurePolicy contactMatch = new DisclosurePolicy(false);

    @Test
    void registeredPhoneInAnyNotationMatchesInE164() {
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.SMS, "+966500000001"))).isTrue();
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.SMS, "00966500000001"))).isTrue();
    }

    @Test
    void otherSendersAreRefused() {
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.SMS, "+966500000002"))).isFalse();
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.FACEBOOK, "2000000000000002"))).isFalse();
        // a PSID that happens to equal digits of a phone contact does not match across channels
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.TWITTER, "2000000000000001"))).isFalse();
    }

    @Test
    void demoCasesArePublicAndRealOnesAreNot() {
        CaseRecord demo = new CaseRecord("1446-000123", "UNDER_REVIEW", null, null, null,
                OffsetDateTime.parse("2026-11-20T09:30:00+03:00"), List.of(), true);
        Address stranger = new Address(Channel.WEBCHAT, "visitor-7");
        assertThat(contactMatch.mayDisclose(demo, stranger)).isTrue();
        assertThat(contactMatch.mayDisclose(record, stranger)).isFalse();
        assertThat(record.demo()).isFalse();
    }

    @Test
    void aWhatsAppNumberMatchesTheCasesSmsContactsOnly() {
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.WHATSAPP, "+966500000001"))).isTrue();
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.WHATSAPP, "+966500000002"))).isFalse();
        // an SMS sender is not matched by a WhatsApp contact the other way round, nor a PSID by a number
        CaseRecord whatsAppOnly = new CaseRecord("1446-000124", "UNDER_REVIEW", null, null, null,
                OffsetDateTime.parse("2026-11-20T09:30:00+03:00"),
                List.of(new CaseContact(Channel.WHATSAPP, "+966500000003")));
        assertThat(contactMatch.mayDisclose(whatsAppOnly, new Address(Channel.SMS, "+966500000003"))).isFalse();
        assertThat(DisclosurePolicy.isRegisteredContact(record, new Address(Channel.WHATSAPP, "00966500000001")))
                .isTrue();
    }

    @Test
    void aSenderLinkedByCodeMaySeeTheCase() {
        Address psid = new Address(Channel.FACEBOOK, "2000000000000009");
        assertThat(contactMatch.mayDisclose(record, psid, false)).isFalse();
        assertThat(contactMatch.mayDisclose(record, psid, true)).isTrue();
    }

    @Test
    void psidMatchesExactly() {
        assertThat(contactMatch.mayDisclose(record, new Address(Channel.FACEBOOK, "2000000000000001"))).isTrue();
    }

    @Test
    void emailContactMatchesCaseInsensitivelyWithTheDomainInIdnaForm() {
        CaseRecord withEmail = new CaseRecord("1446-000123", "UNDER_REVIEW", null, null, null,
                OffsetDateTime.parse("2026-11-20T09:30:00+03:00"),
                List.of(new CaseContact(Channel.EMAIL, " Citizen.One@Bücher.Example ")));
        assertThat(contactMatch.mayDisclose(withEmail,
                new Address(Channel.EMAIL, EmailAddresses.canonical("citizen.one@xn--bcher-kva.example")))).isTrue();
        assertThat(contactMatch.mayDisclose(withEmail, new Address(Channel.EMAIL, "CITIZEN.ONE@BÜCHER.EXAMPLE.")))
                .isTrue();
        assertThat(contactMatch.mayDisclose(withEmail, new Address(Channel.EMAIL, "citizen.two@bücher.example")))
                .isFalse();
        assertThat(contactMatch.mayDisclose(withEmail, new Address(Channel.SMS, "citizen.one@bücher.example")))
                .isFalse();
        assertThat(EmailAddresses.canonical(" <Citizen.One@Bücher.Example.> "))
                .isEqualTo("citizen.one@xn--bcher-kva.example");
        assertThat(EmailAddresses.localPart("MAILER-DAEMON@mx.example")).isEqualTo("mailer-daemon");
        assertThat(EmailAddresses.same("", "")).isFalse();
    }

    @Test
    void openDisclosesToEveryone() {
        assertThat(new DisclosurePolicy(true).mayDisclose(record, new Address(Channel.SMS, "+15555550100"))).isTrue();
    }

    @Test
    void phoneNumberForms() {
        assertThat(PhoneNumbers.toE164("whatsapp:+15555550100")).isEqualTo("+15555550100");
        assertThat(PhoneNumbers.toE164("(555) 555-0100")).isEqualTo("5555550100");
        assertThat(PhoneNumbers.same("", "")).isFalse();
    }
}
