package gov.tawasul.channels.twitter;

import gov.tawasul.engine.testing.SharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the shared provider fixtures: the first {@code shared/fixtures} folder found walking up from the working directory. */
final class TwitterFixtures {

    /** Consumer secret the twitter-aaa fixtures are signed with (SOURCES.md). */
    static final String SECRET = "FakeConsumerSecret0123456789abcdefghijklmnopqrstuv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TwitterFixtures() {
    }
    static Path dir() {
        return SharedFixtures.dir();
    }
    static boolean exists(String name) {
        return SharedFixtures.exists(name);
    }
    static byte[] bytes(String name) {
        return SharedFixtures.bytes(name);
    }

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
    static JsonNode json(String name) {
        return SharedFixtures.json(name);
    }
}
