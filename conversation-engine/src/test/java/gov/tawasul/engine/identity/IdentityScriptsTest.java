package gov.tawasul.engine.identity;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static gov.tawasul.engine.identity.PrivacyFixtures.RUN;
import static gov.tawasul.engine.identity.PrivacyFixtures.codeIn;
import static gov.tawasul.engine.identity.PrivacyFixtures.newId;
import static gov.tawasul.engine.identity.PrivacyFixtures.newPhone;
import static gov.tawasul.engine.testing.ConversationScript.containing;
import static gov.tawasul.engine.testing.ConversationScript.notContaining;
import static org.assertj.core.api.Assertions.allOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verified identity by one-time code, one line per turn, on every kind of sender (no channel: recording senders).
 * The case's registered SMS number gets the code; the sender who sends it back sees the case where they asked.
 */
@QuarkusTest
@TestProfile(PrivacyTestProfile.class)
class IdentityScriptsTest {

    static final String PAGE = "111111111111111";
    static final String OFFER = "if this number is a case registered to you";
    static final String DETAILS = "In progress";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    StatefulRedisConnection<String, String> redis;
    @Inject
    MeterRegistry metrics;
    @Inject
    CodeChallenges challenges;

    ConversationScript script;

    @BeforeAll
    static void noPendingState() {
        TestDb.execute("delete from identity_link where case_number like ?", "66" + RUN + "-%");
    }

    @BeforeEach
    void script() {
        PrivacyFixtures.clearRedis(redis);
        script = new ConversationScript(inbox, sender, "+15555550188");
    }

    private static String newCase(String contact) {
        String number = "66" + RUN + "-" + (100000 + (int) (Math.random() * 899999));
        PrivacyFixtures.insertCase(number, contact, false);
        return number;
    }

    private boolean pending(Address sender) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> challenges.pending(sender));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private OutboundMessage codeSmsTo(String phone, int index) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.sentTo(Channel.SMS, phone).size() > index);
        return sender.sentTo(Channel.SMS, phone).get(index);
    }

    private ConversationScript.Citizen on(Channel channel, String id) {
        Address bot = channel == Channel.SMS || channel == Channel.WHATSAPP ? new Address(channel, "+15555550188")
                : new Address(channel, PAGE);
        return script.citizen(new Address(channel, id), bot);
    }

    @Test
    void aMessengerSenderSeesTheCaseAfterTheCodeSentToTheRegisteredNumber() {
        String contact = newPhone();
        String caseNumber = newCase(contact);
        ConversationScript.Citizen psid = on(Channel.FACEBOOK, newId())
                .says("status " + caseNumber).botReplies(allOf(containing(OFFER, caseNumber), notContaining(DETAILS)));

        OutboundMessage sms = codeSmsTo(contact, 0);
        assertThat(sms.origin().name()).isEqualTo("SYSTEM");
        assertThat(sms.from().value()).isEqualTo(PrivacyTestProfile.SMS_FROM);
        assertThat(sms.text()).contains("تواصل", caseNumber, "ماسنجر", "لا تشارك هذا الرمز", "إن لم تطلبه فتجاهل");
        String code = codeIn(sms);
        // once the provider holds it, the code is not readable in the stored message
        await().atMost(Duration.ofSeconds(10)).until(() -> ((String) TestDb.value(
                "select text from outbound_message where id = ?", sms.id())).contains("••••••"));
        assertThat((String) TestDb.value("select text from outbound_message where id = ?", sms.id()))
                .doesNotContain(code);

        psid.says(code).botReplies(containing("you are verified", "Case " + caseNumber + ": " + DETAILS, "90 days"))
                .says("status " + caseNumber).botReplies(containing(DETAILS));
        assertThat(TestDb.rows("select channel, revoked_at, expires_at > now() + interval '89 days' as long "
                + "from identity_link where case_number = ?", caseNumber))
                .singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("channel", "FACEBOOK").containsEntry("long", true);
                    assertThat(row.get("revoked_at")).isNull();
                });

        // the citizen ends it: STOP <case>
        psid.says("STOP " + caseNumber).botReplies(containing("no longer get updates on case " + caseNumber))
                .says("status " + caseNumber).botReplies(allOf(containing(OFFER), notContaining(DETAILS)));
        assertThat(TestDb.value("select revoked_by from identity_link where case_number = ?", caseNumber))
                .isEqualTo("citizen");
    }

    @Test
    void aWebChatVisitorAndAnotherPhoneAreOfferedTheCodeToo() {
        String contact = newPhone();
        String caseNumber = newCase(contact);
        ConversationScript.Citizen visitor = on(Channel.WEBCHAT, "v-" + newId())
                .says("حالة " + caseNumber).botReplies(allOf(containing("إن كان هذا الرقم لقضية مسجلة لك")
                        , notContaining("قيد الإجراء")));
        String code = codeIn(codeSmsTo(contact, 0));
        assertThat(codeSmsTo(contact, 0).text()).contains("المحادثة على الموقع");
        visitor.says(code).botReplies(containing("تم التحقق", "قيد الإجراء"));

        on(Channel.SMS, newPhone()).says("status " + caseNumber).botReplies(allOf(containing(OFFER), notContaining(DETAILS)));
        assertThat(codeIn(codeSmsTo(contact, 1))).hasSize(6);
    }

    @Test
    void threeWrongCodesVoidTheCode() {
        String contact = newPhone();
        String caseNumber = newCase(contact);
        ConversationScript.Citizen x = on(Channel.TWITTER, newId())
                .says("status " + caseNumber).botReplies(containing(OFFER));
        String code = codeIn(codeSmsTo(contact, 0));
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        x.says(wrong).botReplies(containing("not right", "Tries left: 2"))
                .says(wrong).botReplies(containing("not right", "Tries left: 1"))
                .says(wrong).botReplies(containing("can no longer be used"))
                // the right code now is only six digits: no code is pending, nothing is disclosed
                .says(code).botReplies(notContaining(DETAILS, "verified"));
        assertThat(TestDb.value("select count(*) from identity_link where case_number = ?", caseNumber))
                .isEqualTo(0L);
    }

    @Test
    void sixDigitsAfterAnOfferForANumberThatIsNoCaseAreAWrongCodeAsForARealCase() {
        String notACase = "66" + RUN + "-9" + (10000 + (int) (Math.random() * 89999));
        TestDb.execute("delete from cases where case_number = ?", notACase);
        String psid = newId();
        ConversationScript.Citizen stranger = on(Channel.FACEBOOK, psid)
                .says("status " + notACase).botReplies(containing(OFFER, notACase));
        // the decoy is kept after the reply, as a real code is sent after it (a citizen types a code seconds later)
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(new Address(Channel.FACEBOOK, psid)));
        // the same answers as after an offer for a real case: the six digits are a code, and not the right one
        stranger.says("123456").botReplies(containing("not right", "Tries left: 2"))
                .says("654321").botReplies(containing("not right", "Tries left: 1"));

        String contact = newPhone();
        String realCase = newCase(contact);
        ConversationScript.Citizen other = on(Channel.FACEBOOK, newId())
                .says("status " + realCase).botReplies(containing(OFFER, realCase));
        codeSmsTo(contact, 0);
        other.says("123456").botReplies(containing("not right", "Tries left: 2"));
    }

    @Test
    void askingAgainBeforeTypingTheCodeSendsNoNewCodeAndTheFirstStillWorks() {
        String contact = newPhone();
        String caseNumber = newCase(contact);
        double alreadyPending = count("tawasul.identity.codes", "outcome", "already-pending");
        ConversationScript.Citizen psid = on(Channel.FACEBOOK, newId())
                .says("status " + caseNumber).botReplies(containing(OFFER, caseNumber));
        String code = codeIn(codeSmsTo(contact, 0));

        psid.says("status " + caseNumber).botReplies(allOf(containing(OFFER, caseNumber), notContaining(DETAILS)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("tawasul.identity.codes", "outcome", "already-pending") == alreadyPending + 1);
        assertThat(sender.sentTo(Channel.SMS, contact)).as("one code only").hasSize(1);

        psid.says(code).botReplies(containing("you are verified", "Case " + caseNumber + ": " + DETAILS));
    }

    @Test
    void whatsAppNumberOfTheRegisteredSmsContactAndDemoCasesNeedNoCode() {
        String contact = newPhone();
        String caseNumber = newCase(contact);
        on(Channel.WHATSAPP, contact).says("status " + caseNumber).botReplies(containing(DETAILS));

        String demo = "66" + RUN + "-000" + (100 + (int) (Math.random() * 899));
        PrivacyFixtures.insertCase(demo, newPhone(), true);
        try {
            on(Channel.TWITTER, newId()).says("status " + demo).botReplies(containing(DETAILS));
        } finally {
            // a demo row left behind would be counted among the bundled sample cases by other classes
            TestDb.execute("delete from cases where case_number = ?", demo);
        }
        assertThat(sender.sentTo(Channel.SMS, contact)).as("no code for the WhatsApp contact").isEmpty();
    }

    @Test
    void codesAreLimitedPerAddressAndPerCaseAndTheCitizenIsToldWhenToTryAgain() {
        double limitedBefore = count("tawasul.identity.limited", "limit", "address");
        ConversationScript.Citizen psid = on(Channel.FACEBOOK, newId());
        for (int i = 0; i < 5; i++) {
            psid.says("status " + newCase(newPhone())).botReplies(containing(OFFER));
        }
        psid.says("status " + newCase(newPhone())).botReplies(containing("cannot send another verification code now",
                "try again after"));
        assertThat(count("tawasul.identity.limited", "limit", "address")).isEqualTo(limitedBefore + 1);

        String contact = newPhone();
        String caseNumber = newCase(contact);
        for (int i = 0; i < 3; i++) {
            on(Channel.WEBCHAT, "v-" + newId()).says("status " + caseNumber).botReplies(containing(OFFER));
        }
        on(Channel.WEBCHAT, "v-" + newId()).says("status " + caseNumber).botReplies(containing("try again after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.sentTo(Channel.SMS, contact).size() == 3);
        // a number that is no case is limited the same way (the limit tells nothing)
        String none = "66" + RUN + "-999" + (100 + (int) (Math.random() * 899));
        for (int i = 0; i < 3; i++) {
            on(Channel.WEBCHAT, "v-" + newId()).says("status " + none).botReplies(containing(OFFER));
        }
        on(Channel.WEBCHAT, "v-" + newId()).says("status " + none).botReplies(containing("try again after"));
        assertThat(sender.sentTo(Channel.SMS, contact)).hasSize(3);
    }

    @Test
    void aSenderLooksUpAtMostTenNumbersAnHourAndOperatorsHearOfANumberAskedByMany() {
        ConversationScript.Citizen phone = on(Channel.SMS, newPhone());
        String first = "66" + RUN + "-888" + (100 + (int) (Math.random() * 899));
        phone.says("status " + first).botReplies(containing(OFFER));
        for (int i = 1; i < 10; i++) {
            phone.says("status 66" + RUN + "-777" + (100 + i)).botReplies(notContaining("many case numbers"));
        }
        phone.says("status 66" + RUN + "-777200").botReplies(containing("many case numbers", "again after"))
                .says("status " + first).botReplies(notContaining("many case numbers"));

        double before = count("tawasul.lookup.many-senders", null, null);
        String popular = "66" + RUN + "-555" + (100 + (int) (Math.random() * 899));
        for (int i = 0; i < 20; i++) {
            on(Channel.FACEBOOK, newId()).says(popular).botReplies(notContaining(DETAILS));
        }
        assertThat(count("tawasul.lookup.many-senders", null, null)).isEqualTo(before + 1);
    }

    private double count(String name, String tag, String value) {
        var search = metrics.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }
}
