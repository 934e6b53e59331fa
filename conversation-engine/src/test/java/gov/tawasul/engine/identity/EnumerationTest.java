package gov.tawasul.engine.identity;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.testing.ConversationScript;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static gov.tawasul.engine.identity.PrivacyFixtures.RUN;
import static gov.tawasul.engine.identity.PrivacyFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The enumeration test of issue 12, with the shipped limits: 500 cases of this run and 500 numbers of the same
 * shape that are no case, shuffled. One sender tries all 1,000; then 200 senders try 5 each (every number once).
 * Nothing is disclosed; the reply at each step is the same text whether the number is a case or not (the case
 * number itself aside); the reply times of both kinds have medians within 50 ms; the code messages stay under the
 * limits. The figures are printed and appended to {@code target/privacy-enumeration.txt}.
 */
@QuarkusTest
@TestProfile(PrivacyTestProfile.class)
class EnumerationTest {

    static final int CASES = 500;
    static final String PREFIX = "44" + RUN + "-";
    static final List<String> NUMBERS = new ArrayList<>();
    static final Set<String> EXISTING = new java.util.HashSet<>();

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    StatefulRedisConnection<String, String> redis;

    ConversationScript script;

    @BeforeAll
    static void cases() {
        Random random = new Random(12);
        List<Integer> suffixes = new ArrayList<>();
        for (int i = 0; i < 2 * CASES; i++) {
            suffixes.add(100000 + i * 7);
        }
        Collections.shuffle(suffixes, random);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < suffixes.size(); i++) {
            String number = PREFIX + suffixes.get(i);
            NUMBERS.add(number);
            if (i < CASES) {
                EXISTING.add(number);
                values.append(values.isEmpty() ? "" : ",").append("('").append(number)
                        .append("', 'APPROVED', 'مقبولة', 'Approved', '2026-11-25T06:30:00Z', '+03:00', 'sms:+9665")
                        .append(RUN).append(String.format("%04d", i)).append("')");
            }
        }
        TestDb.execute("insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, "
                + "updated_offset, contacts) values " + values + " on conflict (case_number) do nothing");
        Collections.shuffle(NUMBERS, random);
    }

    @BeforeEach
    void script() {
        PrivacyFixtures.clearRedis(redis);
        script = new ConversationScript(inbox, sender, "+15555550188");
    }

    /** One turn: the reply's text with the case number replaced by {@code #}, and its time in ms. */
    record Turn(String number, boolean exists, String reply, double millis) {
    }

    private Turn ask(ConversationScript.Citizen citizen, String number) {
        long start = System.nanoTime();
        citizen.says("status " + number).botReplies(ConversationScript.notContaining("Approved", "مقبولة"));
        var reply = citizen.lastReply();
        double ms = (sender.sentAtNanos(reply.id()) - start) / 1e6;
        return new Turn(number, EXISTING.contains(number), reply.text().replace(number, "#"), ms);
    }

    private long codeMessagesSent() {
        return (Long) TestDb.value("select count(*) from outbound_message where origin = 'SYSTEM' "
                + "and text like ?", "%" + PREFIX + "%");
    }

    @Test
    void oneSenderTriesAThousandNumbers() throws IOException {
        long codesBefore = codeMessagesSent();
        ConversationScript.Citizen psid = script.citizen(new Address(Channel.FACEBOOK, newId()),
                new Address(Channel.FACEBOOK, "111111111111111"));
        List<Turn> turns = new ArrayList<>();
        for (String number : NUMBERS) {
            turns.add(ask(psid, number));
        }
        // at each step the same text whatever the number is: offer ×5, "try again" ×5 (codes per address), refusal
        for (int i = 0; i < turns.size(); i++) {
            String expected = i < 5 ? "if this number is a case registered to you"
                    : i < 10 ? "cannot send another verification code" : "many case numbers";
            assertThat(turns.get(i).reply()).as("reply %d", i + 1).contains(expected);
        }
        Set<String> distinct = new TreeSet<>();
        turns.forEach(t -> distinct.add(t.reply()));
        long existingInFive = turns.subList(0, 5).stream().filter(Turn::exists).count();
        await().atMost(Duration.ofSeconds(10)).until(() -> codeMessagesSent() - codesBefore == existingInFive);
        report("one sender × 1,000 numbers", turns, distinct.size(), codeMessagesSent() - codesBefore);
    }

    @Test
    void twoHundredSendersTryFiveNumbersEach() throws IOException {
        long codesBefore = codeMessagesSent();
        List<Turn> turns = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            Channel channel = s % 2 == 0 ? Channel.FACEBOOK : Channel.WEBCHAT;
            ConversationScript.Citizen citizen = script.citizen(new Address(channel, "s" + s + "-" + newId()),
                    new Address(channel, "111111111111111"));
            for (String number : NUMBERS.subList(s * 5, s * 5 + 5)) {
                turns.add(ask(citizen, number));
            }
        }
        Map<Boolean, Set<String>> byKind = new HashMap<>();
        turns.forEach(t -> byKind.computeIfAbsent(t.exists(), k -> new TreeSet<>()).add(t.reply()));
        assertThat(byKind.get(true)).as("replies about cases = replies about no case").isEqualTo(byKind.get(false));
        await().atMost(Duration.ofSeconds(20)).until(() -> codeMessagesSent() - codesBefore >= 200);
        Thread.onSpinWait();
        long codes = codeMessagesSent() - codesBefore;
        assertThat(codes).as("code messages within the hourly cap").isEqualTo(200);
        double p50Existing = median(turns, true);
        double p50None = median(turns, false);
        assertThat(Math.abs(p50Existing - p50None)).as("p50 difference, ms").isLessThan(50);
        Set<String> distinct = new TreeSet<>();
        turns.forEach(t -> distinct.add(t.reply()));
        report("200 senders × 5 numbers", turns, distinct.size(), codes);
    }

    private static double median(List<Turn> turns, boolean exists) {
        List<Double> ms = turns.stream().filter(t -> t.exists() == exists).map(Turn::millis).sorted().toList();
        return ms.get(ms.size() / 2);
    }

    private static void report(String title, List<Turn> turns, int distinct, long codes) throws IOException {
        long disclosed = turns.stream().filter(t -> t.reply().contains("Approved") || t.reply().contains("مقبولة")).count();
        long existing = turns.stream().filter(Turn::exists).count();
        String line = String.format("%s: numbers tried %d (%d cases, %d no case), details disclosed %d, distinct "
                        + "replies %d (the same set for cases and non-cases), reply p50 case %.1f ms / no case %.1f ms "
                        + "(difference %.1f ms), code messages sent %d%n", title, turns.size(), existing,
                turns.size() - existing, disclosed, distinct, median(turns, true), median(turns, false),
                Math.abs(median(turns, true) - median(turns, false)), codes);
        System.out.print(line);
        Files.writeString(Path.of("target", "privacy-enumeration.txt"), line, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        assertThat(disclosed).isZero();
    }
}
