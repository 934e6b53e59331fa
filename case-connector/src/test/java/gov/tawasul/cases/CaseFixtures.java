package gov.tawasul.cases;

import gov.tawasul.engine.testing.SharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the shared provider fixtures ({@code shared/fixtures}, found by walking up from the working directory) for
 * the citizen addresses the case tests use as case contacts.
 */
public final class CaseFixtures {

    private CaseFixtures() {
    }

    /** @return the fixture folder */
    public static Path dir() {
        return SharedFixtures.dir();
    }

    /** @return the {@code From} of the basic Twilio inbound SMS fixture (the fixture citizen, E.164) */
    public static String twilioCitizenNumber() {
        return formParam("twilio-sms-inbound-basic.form", "From");
    }

    /** @return the sender PSID of the Messenger text fixture */
    public static String messengerCitizenPsid() {
        return json("fb-messenger-text.json").at("/entry/0/messaging/0/sender/id").asText();
    }

    /** @return the sender user id of the X Account Activity DM fixture */
    public static String twitterCitizenId() {
        return json("twitter-aaa-dm-event.json").at("/direct_message_events/0/message_create/sender_id").asText();
    }

    private static String formParam(String file, String name) {
        for (String pair : read(file).strip().split("&")) {
            int eq = pair.indexOf('=');
            if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(name + " not in " + file);
    }

    private static JsonNode json(String file) {
        try {
            return new ObjectMapper().readTree(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
