package gov.tawasul.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared provider fixtures ({@code shared/fixtures}, beside the repository: CI clones the repository next to a
 * copy of {@code shared/}), found by walking up from the working directory; a clone without {@code shared/} beside
 * it uses the copy in {@code src/test/fixtures} (refresh it with {@code cp ../shared/fixtures/* src/test/fixtures/}).
 * Files are read byte for byte: signatures are over these bytes.
 */
public final class SharedFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = locate();

    private SharedFixtures() {
    }

    private static Path locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path copy = Path.of("src", "test", "fixtures").toAbsolutePath();
        if (Files.isDirectory(copy)) {
            return copy;
        }
        throw new IllegalStateException("no shared/fixtures above " + Path.of("").toAbsolutePath()
                + " and no copy in src/test/fixtures");
    }

    /** @return the fixture folder */
    public static Path dir() {
        return DIR;
    }

    /** @return whether the fixture exists (SOURCES.md lists a few files that are not shipped) */
    public static boolean exists(String name) {
        return Files.exists(DIR.resolve(name));
    }

    /** @return the file's bytes exactly as stored */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the file as UTF-8 text */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** @return the file parsed as JSON */
    public static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
