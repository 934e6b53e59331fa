package gov.tawasul.channels.facebook;

import gov.tawasul.engine.testing.SharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the Messenger fixtures of {@code shared/fixtures}, found by walking up from the working directory. */
public final class FbFixtures {

    /** App secret all fb-messenger fixtures are signed with (SOURCES.md). */
    public static final String APP_SECRET = "fedcba9876543210fedcba9876543210";
    /** Verify token of fb-messenger-verify-request.txt. */
    public static final String VERIFY_TOKEN = "fixture-verify-token";
    public static final String PAGE_ID = "100000000000001";
    public static final String PSID_1 = "2000000000000001";
    public static final String PSID_2 = "2000000000000002";
    public static final String APP_ID = "100000000000099";

    private static final Path DIR = locate();

    private FbFixtures() {
    }
    private static Path locate() {
        return SharedFixtures.dir();
    }

    /** @return the file's bytes exactly as stored */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether a fixture file exists */
    public static boolean exists(String name) {
        return Files.exists(DIR.resolve(name));
    }

    /** @return the file as UTF-8 text */
    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return fb-messenger-signature-vectors.json */
    public static JsonNode vectors() {
        try {
            return new ObjectMapper().readTree(bytes("fb-messenger-signature-vectors.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the {@code X-Hub-Signature-256} the vectors file gives for a fixture */
    public static String signature(String name) {
        return vectors().path("fixture_signatures").path(name).path("x_hub_signature_256").asText();
    }
}
