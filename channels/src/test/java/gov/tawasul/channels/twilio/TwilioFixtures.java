package gov.tawasul.channels.twilio;

import gov.tawasul.engine.testing.SharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the shared provider fixtures: walks up from the working directory to a folder holding shared/fixtures. */
public final class TwilioFixtures {

    /** Auth token the twilio-* fixtures were signed with (SOURCES.md). */
    public static final String FIXTURE_TOKEN = "0123456789abcdef0123456789abcdef";
    /** Auth token of the SDK's documented vectors and the field cases. */
    public static final String DOCS_TOKEN = "12345";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TwilioFixtures() {
    }
    public static Path dir() {
        return SharedFixtures.dir();
    }
    public static boolean exists(String name) {
        return SharedFixtures.exists(name);
    }
    public static byte[] bytes(String name) {
        return SharedFixtures.bytes(name);
    }
    public static JsonNode json(String name) {
        return SharedFixtures.json(name);
    }

    /** The recorded X-Twilio-Signature of a twilio-* fixture (twilio-signature-vectors.json). */
    public static String signatureOf(String fixture) {
        return json("twilio-signature-vectors.json").path("fixture_signatures").path(fixture)
                .path("x_twilio_signature").asText();
    }
}
