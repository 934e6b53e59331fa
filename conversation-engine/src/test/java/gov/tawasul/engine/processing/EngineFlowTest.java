package gov.tawasul.engine.processing;

import gov.tawasul.engine.inbox.InboundRejectedException;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.inbox.InboxResult;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine end to end, without any channel: inbox → intent → case lookup (local table) → reply → receipts. */
@QuarkusTest
@TestProfile(EngineTestProfile.class)
class EngineFlowTest {

    static final String BOT = "+15555550199";
    static final String CONTACT = "+966500009001";
    static final String CONTACT_2 = "+966500009002";
    static final String CONTACT_3 = "+966500009003";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;

    @BeforeAll
    static void cases() {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   next_step_ar, next_step_en, updated_at, updated_offset, contacts)
                values ('9001-000001', 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', 'إدارة التراخيص', 'Licensing',
                        'انتظر رسالة الموعد', 'Wait for the appointment message', '2026-11-20T06:30:00Z', '+03:00',
                        'sms:+966500009001;sms:+966500009002;sms:+966500009003')
                on conflict (case_number) do update set contacts = excluded.contacts""");
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, updated_offset, contacts)
                values ('9001-000002', 'COMPLETED', 'مكتملة', 'Completed', '2026-11-21T06:30:00Z', '+03:00',
                        'sms:+966500009001;sms:+966500009002;sms:+966500009003'),
                       ('9001-000003', 'COMPLETED', 'مكتملة', 'Completed', '2026-11-21T06:30:00Z', '+03:00',
                        'sms:+966500009001;sms:+966500009002;sms:+966500009003')
                on conflict (case_number) do update set contacts = excluded.contacts""");
    }

    private static String newCitizen() {
        return "+9665" + (10000000 + (int) (Math.random() * 89999999));
    }

    private static InboundMessage sms(String from, String text) {
        return new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, from), new Address(Channel.SMS, BOT), InboundKind.TEXT, text, null,
                Instant.now(), null, Map.of());
    }

    private InboxResult accept(InboundMessage message) {
        return onContext(() -> inbox.accept(InboundBatch.of(message))).get(0);
    }

    private static <T> T onContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** @return the {@code index}th reply to {@code to}, one-time codes ({@code SYSTEM}, sent for strangers' asks) aside */
    private OutboundMessage awaitReply(String to, int index) {
        await().atMost(Duration.ofSeconds(10)).until(() -> replies(to).size() > index);
        return replies(to).get(index);
    }

    private List<OutboundMessage> replies(String to) {
        return sender.sentTo(to).stream().filter(m -> m.origin() != Origin.SYSTEM).toList();
    }

    private OutboundMessage awaitCode(String to) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.sentTo(to).stream()
                .anyMatch(m -> m.origin() == Origin.SYSTEM));
        return sender.sentTo(to).stream().filter(m -> m.origin() == Origin.SYSTEM).findFirst().orElseThrow();
    }

    @Test
    void answersARegisteredContactInArabicWithHijriDate() {
        TestDb.execute("delete from case_follower where citizen_address = ?", CONTACT);
        InboundMessage in = sms(CONTACT, "\u200Fحالة القضية ٩٠٠١-٠٠٠٠٠١");
        assertThat(accept(in).outcome()).isEqualTo(InboxResult.Outcome.ACCEPTED);

        OutboundMessage reply = awaitReply(CONTACT, 0);
        assertThat(reply.locale()).isEqualTo("ar");
        assertThat(reply.text()).isEqualTo("""
                القضية رقم \u20669001-000001\u2069: قيد الدراسة.
                آخر تحديث: \u206610\u2069 جمادى الآخرة \u20661448\u2069هـ الموافق \u206620/11/2026\u2069م.
                الجهة: إدارة التراخيص.
                الخطوة التالية: انتظر رسالة الموعد

                سنخبرك هنا عند تغيّر حالة المعاملة \u20669001-000001\u2069؛ للإيقاف أرسل \u2066STOP 9001-000001\u2069.""");
        assertThat(reply.from().value()).isEqualTo(BOT);
        // the registered contact who asked follows the case here, told once
        assertThat(TestDb.value("select source || ' ' || locale || ' ' || bot_address from case_follower "
                + "where case_number = '9001-000001' and citizen_address = ?", CONTACT)).isEqualTo("ASKER ar " + BOT);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(TestDb.value(
                "select status from outbound_message where id = ?", reply.id())));
        Map<String, Object> inbound = TestDb.rows("select state, intent from inbound_message where channel = 'SMS' "
                + "and provider_message_id = ?", in.providerMessageId()).get(0);
        assertThat(inbound).containsEntry("state", "ANSWERED").containsEntry("intent", "CASE_STATUS");
    }

    @Test
    void aBatchItemWiderThanItsColumnIsSkippedAndTheRestStored_aBatchOfOnlySuchItemsIsRefused() {
        String citizen = newCitizen();
        InboundMessage good = sms(citizen, "help");
        InboundMessage longId = new InboundMessage(Channel.SMS, "SM" + "x".repeat(300), new Address(Channel.SMS, citizen),
                new Address(Channel.SMS, BOT), InboundKind.TEXT, "help", null, Instant.now(), null, Map.of());
        InboundMessage longName = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, citizen), new Address(Channel.SMS, BOT), InboundKind.TEXT, "thanks", null,
                Instant.now(), "ن".repeat(400), Map.of());
        InboundMessage longText = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, citizen), new Address(Channel.SMS, BOT), InboundKind.TEXT,
                "ن".repeat(300_000), null, Instant.now(), null, Map.of());
        List<InboxResult> results = onContext(() -> inbox.accept(InboundBatch.ofMessages(List.of(good, longId, longName,
                longText))));
        assertThat(results).extracting(InboxResult::outcome).containsExactly(InboxResult.Outcome.ACCEPTED,
                InboxResult.Outcome.REJECTED, InboxResult.Outcome.ACCEPTED, InboxResult.Outcome.ACCEPTED);
        assertThat(TestDb.value("select count(*) from inbound_message i join conversation c on c.id = i.conversation_id "
                + "where c.citizen_address = ?", citizen)).isEqualTo(3L);
        assertThat(TestDb.value("select length(text) from inbound_message where provider_message_id = ?",
                longText.providerMessageId())).as("a text is cut to 20,000 characters, not stored whole").isEqualTo(20_000);
        assertThat(TestDb.value("select length(citizen_name) from conversation where citizen_address = ?", citizen))
                .as("a display name is cut to its column, not refused").isEqualTo(256);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> onContext(() -> inbox.accept(InboundBatch.of(longId))));
        assertThat(refused).hasRootCauseInstanceOf(InboundRejectedException.class)
                .rootCause().hasMessage("message 0: provider message id of 302 characters (at most 256)");
        // a NUL character in an id (PostgreSQL cannot store it) is refused as well, not a 500 the provider retries
        InboundMessage nulId = new InboundMessage(Channel.SMS, "m_\u0000x", new Address(Channel.SMS, citizen),
                new Address(Channel.SMS, BOT), InboundKind.TEXT, "help", null, Instant.now(), null, Map.of());
        Throwable nul = org.assertj.core.api.Assertions.catchThrowable(
                () -> onContext(() -> inbox.accept(InboundBatch.of(nulId))));
        assertThat(nul).hasRootCauseInstanceOf(InboundRejectedException.class)
                .rootCause().hasMessage("message 0: provider message id contains a NUL character");
    }

    @Test
    void withoutAConfiguredSmsSenderTheCodeGoesFromTheNumberCitizensLastTexted() {
        // this profile sets no tawasul.notifications.sms-from (TWILIO_FROM): a code must still reach the contact
        String contact = newCitizen();
        String number = "9001-" + (100000 + (int) (Math.random() * 899999));
        TestDb.execute("insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, "
                + "updated_offset, contacts) values (?, 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', "
                + "'2026-11-20T06:30:00Z', '+03:00', ?)", number, "sms:" + contact);
        String stranger = newCitizen();
        accept(sms(stranger, "status " + number));
        assertThat(awaitReply(stranger, 0).text()).contains("if this number is a case registered to you");
        OutboundMessage code = awaitCode(contact);
        assertThat(code.from().value()).isEqualTo(BOT);
        assertThat(code.text()).containsPattern("[0-9]{6}");
        TestDb.execute("delete from cases where case_number = ?", number);
    }

    @Test
    void otherSendersLearnOnlyThatDetailsGoToTheRegisteredContact() {
        String stranger = newCitizen();
        accept(sms(stranger, "status of case 9001-000001 please"));
        OutboundMessage reply = awaitReply(stranger, 0);
        assertThat(reply.locale()).isEqualTo("en");
        // not a contact: offered a code to the registered number (the same offer as for a number that is no case)
        assertThat(reply.text()).startsWith("Case 9001-000001: if this number is a case registered to you")
                .doesNotContain("Under review")
                .doesNotContain("Licensing");
    }

    @Test
    void unknownCaseRepeatsTheNumberAsUnderstood() {
        String citizen = newCitizen();
        accept(sms(citizen, "case ۹۹۹۹-۹۹۹۹۹۹"));
        // under contact-match a number that is no case gets the offer any number gets (no existence oracle)
        assertThat(awaitReply(citizen, 0).text())
                .startsWith("Case 9999-999999: if this number is a case registered to you, we have just sent");
    }

    @Test
    void noNumberGetsTheHelpTextInTheConversationsLanguage() {
        String citizen = newCitizen();
        accept(sms(citizen, "مرحبا"));
        assertThat(awaitReply(citizen, 0).text()).contains("مثال: \u20661446-000123\u2069");
        accept(sms(citizen, "؟"));
        assertThat(awaitReply(citizen, 1).locale()).isEqualTo("ar");
    }

    @Test
    void aDuplicateDeliveredConcurrentlyIsStoredAndAnsweredOnce() {
        String citizen = newCitizen();
        InboundMessage in = sms(citizen, "9001-000001");
        CompletableFuture<InboxResult> first = CompletableFuture.supplyAsync(() -> accept(in));
        CompletableFuture<InboxResult> second = CompletableFuture.supplyAsync(() -> accept(in));
        List<InboxResult.Outcome> outcomes = List.of(first.join().outcome(), second.join().outcome());
        assertThat(outcomes).containsExactlyInAnyOrder(InboxResult.Outcome.ACCEPTED, InboxResult.Outcome.DUPLICATE);

        awaitReply(citizen, 0);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> sender.sentTo(citizen).size() == 1);
        assertThat(TestDb.value("select count(*) from inbound_message where provider_message_id = ?",
                in.providerMessageId())).isEqualTo(1L);
    }

    @Test
    void messagesOfOneConversationAreAnsweredInArrivalOrder() {
        List<String> numbers = List.of("9001-000001", "9001-000002", "9001-000003", "9999-000004");
        for (String number : numbers) {
            accept(sms(CONTACT_3, "order test " + number));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.sentTo(CONTACT_3).stream()
                .filter(m -> m.text().contains("9999-000004")).count() == 1);
        List<String> replies = sender.sentTo(CONTACT_3).stream().map(OutboundMessage::text)
                .filter(t -> numbers.stream().anyMatch(t::contains)).toList();
        List<String> tail = replies.subList(replies.size() - 4, replies.size());
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(tail.get(i)).contains(numbers.get(i));
        }
    }

    @Test
    void statusOnlyMovesForwardAndFailuresKeepTheirCode() {
        String citizen = newCitizen();
        accept(sms(citizen, "help"));
        OutboundMessage reply = awaitReply(citizen, 0);
        String providerId = "TEST-" + reply.id() + "-1";
        await().until(() -> providerId.equals(TestDb.value(
                "select provider_message_id from outbound_message where id = ?", reply.id())));

        record(providerId, DeliveryStatus.DELIVERED, null);
        record(providerId, DeliveryStatus.SENT, null);
        record(providerId, DeliveryStatus.SENDING, null);
        record(providerId, DeliveryStatus.UNDELIVERED, "30003");
        assertThat(status(reply.id())).isEqualTo("DELIVERED");
        record(providerId, DeliveryStatus.READ, null);
        assertThat(status(reply.id())).isEqualTo("READ");
        assertThat(TestDb.value("select count(*) from delivery_receipt where provider_message_id = ?", providerId))
                .isEqualTo(5L);
    }

    @Test
    void aReceiptThatOvertakesTheSendResponseIsAppliedLater() {
        String citizen = newCitizen();
        String providerId = "SM-early-" + UUID.randomUUID();
        record(providerId, DeliveryStatus.DELIVERED, null);
        sender.then(m -> SendResult.accepted(providerId, DeliveryStatus.QUEUED));
        accept(sms(citizen, "help"));
        OutboundMessage reply = awaitReply(citizen, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(status(reply.id())));
    }

    @Test
    void aTransientFailureIsRetriedAndSentOnce() {
        String citizen = newCitizen();
        sender.then(m -> SendResult.retry("20429", "Too Many Requests", null));
        accept(sms(citizen, "help"));
        OutboundMessage first = awaitReply(citizen, 0);
        OutboundMessage second = awaitReply(citizen, 1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(first.id())));
        assertThat(TestDb.value("select attempts from outbound_message where id = ?", first.id())).isEqualTo(2);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> sender.sentTo(citizen).size() == 2);
    }

    @Test
    void aRetryIsNotSentToACitizenWhoOptedOutMeanwhile() {
        String citizen = newCitizen();
        sender.then(m -> SendResult.retry("20429", "Too Many Requests", Duration.ofSeconds(2)));
        accept(sms(citizen, "help"));
        OutboundMessage first = awaitReply(citizen, 0);
        accept(sms(citizen, "STOP"));
        await().atMost(Duration.ofSeconds(2)).until(() -> Long.valueOf(1).equals(TestDb.value(
                "select count(*) from opt_out where citizen_address = ?", citizen)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(status(first.id())));
        assertThat(TestDb.value("select error_code from outbound_message where id = ?", first.id())).isEqualTo("OPTED_OUT");
        assertThat(TestDb.value("select attempts from outbound_message where id = ?", first.id())).isEqualTo(1);
        assertThat(sender.sentTo(citizen)).hasSize(1);
    }

    @Test
    void stopOptsOutUntilStartAndAnOptedOutSendErrorOptsOutToo() {
        String citizen = newCitizen();
        accept(sms(citizen, "STOP"));
        accept(sms(citizen, "9001-000001"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(2).equals(TestDb.value(
                "select count(*) from inbound_message i join conversation c on c.id = i.conversation_id "
                        + "where c.citizen_address = ? and i.state = 'IGNORED'", citizen)));
        assertThat(sender.sentTo(citizen)).isEmpty();
        assertThat(TestDb.value("select count(*) from opt_out where citizen_address = ?", citizen)).isEqualTo(1L);

        accept(sms(citizen, "START"));
        accept(sms(citizen, "help"));
        awaitReply(citizen, 0);
        assertThat(TestDb.value("select count(*) from opt_out where citizen_address = ?", citizen)).isEqualTo(0L);

        sender.then(m -> SendResult.optedOut("21610", "Attempt to send to unsubscribed recipient"));
        accept(sms(citizen, "help"));
        OutboundMessage refused = awaitReply(citizen, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> "FAILED".equals(status(refused.id())));
        assertThat(TestDb.value("select error_code from outbound_message where id = ?", refused.id())).isEqualTo("21610");
        assertThat(TestDb.value("select reason from opt_out where citizen_address = ?", citizen))
                .isEqualTo("SEND_ERROR_21610");
    }

    @Test
    void twilioAdvancedOptOutKeywordsAreHonoured() {
        String citizen = newCitizen();
        InboundMessage custom = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, citizen), new Address(Channel.SMS, BOT), InboundKind.TEXT, "ARRET", null,
                Instant.now(), null, Map.of(InboundMessage.ATTR_OPT_OUT_TYPE, "STOP"));
        accept(custom);
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(1).equals(TestDb.value(
                "select count(*) from opt_out where citizen_address = ?", citizen)));
        assertThat(TestDb.value("select intent from inbound_message where provider_message_id = ?",
                custom.providerMessageId())).isEqualTo("OPT_OUT");
        assertThat(sender.sentTo(citizen)).isEmpty();
    }

    @Test
    void aMessageThatCannotBeAnsweredIsMarkedFailedAndDoesNotBlockItsConversation() {
        String citizen = newCitizen();
        accept(sms(citizen, "help"));
        awaitReply(citizen, 0);
        // a conversation language without templates (e.g. set by hand by an operator) makes rendering throw
        TestDb.execute("update conversation set locale = 'fr' where citizen_address = ?", citizen);
        InboundMessage digitsOnly = sms(citizen, "12");
        accept(digitsOnly);
        accept(sms(citizen, "مساعدة"));
        assertThat(awaitReply(citizen, 1).locale()).isEqualTo("ar");
        assertThat(TestDb.value("select state from inbound_message where provider_message_id = ?",
                digitsOnly.providerMessageId())).isEqualTo("FAILED");
    }

    @Test
    void anEchoThatOvertakesTheSendResponseGivesWayToTheBotsMessage() {
        String citizen = newCitizen();
        String providerId = "SM-echo-" + UUID.randomUUID();
        accept((new InboundMessage(Channel.SMS, providerId, new Address(Channel.SMS, BOT),
                new Address(Channel.SMS, citizen), InboundKind.ECHO, "an echo of our reply", null, Instant.now(),
                null, Map.of())));
        assertThat(TestDb.value("select origin from outbound_message where provider_message_id = ?", providerId))
                .isEqualTo("AGENT");
        sender.then(m -> SendResult.accepted(providerId, DeliveryStatus.SENT));
        accept(sms(citizen, "help"));
        OutboundMessage reply = awaitReply(citizen, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(status(reply.id())));
        assertThat(TestDb.rows("select id, origin from outbound_message where provider_message_id = ?", providerId))
                .containsExactly(Map.of("id", reply.id(), "origin", "BOT"));
    }

    @Test
    void severalCaseNumbersInOneMessageAreAllLookedUp() {
        InboundMessage in = sms(CONTACT_2, "القضايا 9001-000001 9001-000002 ٩٠٠١-٠٠٠٠٠٣");
        accept(in);
        String text = awaitReply(CONTACT_2, 0).text();
        assertThat(text).contains("القضية رقم \u20669001-000001\u2069: قيد الدراسة.", "القضية رقم \u20669001-000002\u2069: مكتملة.",
                "القضية رقم \u20669001-000003\u2069: مكتملة.").doesNotContain("عذراً");
        assertThat(TestDb.value("select case_numbers from inbound_message where provider_message_id = ?",
                in.providerMessageId())).isEqualTo("9001-000001 9001-000002 9001-000003");
    }

    @Test
    void messagesFromOurOwnAddressesAreNeverAnswered() {
        String citizen = newCitizen();
        accept(sms(citizen, "help"));
        awaitReply(citizen, 0);
        InboundMessage toItself = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, BOT), new Address(Channel.SMS, BOT), InboundKind.TEXT, "9001-000001", null,
                Instant.now(), null, Map.of());
        InboundMessage toAnotherBotNumber = new InboundMessage(Channel.SMS,
                "SM" + UUID.randomUUID().toString().replace("-", ""), new Address(Channel.SMS, BOT),
                new Address(Channel.SMS, "+15555550198"), InboundKind.TEXT, "help", null, Instant.now(), null, Map.of());
        accept(toItself);
        accept(toAnotherBotNumber);
        for (InboundMessage m : List.of(toItself, toAnotherBotNumber)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> "IGNORED".equals(TestDb.value(
                    "select state from inbound_message where provider_message_id = ?", m.providerMessageId())));
            assertThat(TestDb.value("select intent from inbound_message where provider_message_id = ?",
                    m.providerMessageId())).isEqualTo("OWN_ADDRESS");
        }
        assertThat(sender.sentTo(BOT)).isEmpty();
    }

    private void record(String providerId, DeliveryStatus status, String code) {
        onContext(() -> inbox.accept(new InboundBatch(List.of(), List.of(new DeliveryReceipt(Channel.SMS, providerId, status, code, null, Instant.now())), List.of(), List.of())));
    }

    private static String status(long outboundId) {
        return (String) TestDb.value("select status from outbound_message where id = ?", outboundId);
    }
}
