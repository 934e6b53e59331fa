package gov.tawasul.channels.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A provider's API as the app sees it in a test: the WireMock server a Quarkus test resource injected into the
 * test, the path the app posts a message to, how to read the recipient of such a request, and the stubs every test
 * starts from.
 */
public final class ProviderApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final String sendPath;
    private final Function<LoggedRequest, String> recipientOf;
    private final Consumer<WireMockServer> defaultStubs;

    /**
     * @param server       the running WireMock server
     * @param sendPath     path of the send call, e.g. {@code /2010-04-01/Accounts/AC…/Messages.json}
     * @param recipientOf  the recipient of one send request ({@link #formField}, {@link #jsonField})
     * @param defaultStubs the answers every test starts with (e.g. "every send is accepted")
     */
    public ProviderApi(WireMockServer server, String sendPath, Function<LoggedRequest, String> recipientOf,
                       Consumer<WireMockServer> defaultStubs) {
        this.server = Objects.requireNonNull(server, "WireMock server not injected");
        this.sendPath = sendPath;
        this.recipientOf = recipientOf;
        this.defaultStubs = defaultStubs;
    }

    /** Forgets recorded requests and custom stubs, then restores the default stubs. */
    public void reset() {
        server.resetAll();
        defaultStubs.accept(server);
    }

    /** @return the recipient of every send request received so far, in arrival order */
    public List<String> recipients() {
        return server.findAll(postRequestedFor(urlPathEqualTo(sendPath))).stream().map(recipientOf).toList();
    }

    /** @return the recipient read from a form-encoded body's field, e.g. Twilio's {@code To} */
    public static Function<LoggedRequest, String> formField(String name) {
        return request -> {
            for (String pair : request.getBodyAsString().split("&")) {
                String[] kv = pair.split("=", 2);
                if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
                    return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                }
            }
            return null;
        };
    }

    /** @return the recipient read from a JSON body at a JSON pointer, e.g. Meta's {@code /recipient/id} */
    public static Function<LoggedRequest, String> jsonField(String pointer) {
        return request -> {
            try {
                var node = JSON.readTree(request.getBody()).at(pointer);
                return node.isMissingNode() ? null : node.asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
