package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioFixtures;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake Twilio Messages API for the burst: every fifth call is answered 429 with Twilio's error 20429, the others
 * 201 with a fresh SID; counts the accepted messages per recipient ({@link #ACCEPTED}) and the throttled calls.
 */
public class BurstTwilioResource implements QuarkusTestResourceLifecycleManager {

    /** Accepted messages per {@code To}. */
    static final Map<String, AtomicLong> ACCEPTED = new ConcurrentHashMap<>();
    /** Calls answered 429. */
    static final AtomicLong THROTTLED = new AtomicLong();
    /** All calls. */
    static final AtomicLong CALLS = new AtomicLong();

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(64).extensions(new OneInFive()));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)));
        return Map.of(
                "tawasul.twilio.api-url", server.baseUrl(),
                "tawasul.twilio.account-sid", TwilioApiStubs.ACCOUNT_SID,
                "tawasul.twilio.auth-token", TwilioFixtures.FIXTURE_TOKEN,
                "tawasul.public-url", TwilioWireMockResource.PUBLIC_URL);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every fifth call 429/20429, else 201. */
    static final class OneInFive implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            long n = CALLS.incrementAndGet();
            if (n % 5 == 0) {
                THROTTLED.incrementAndGet();
                return TwilioApiStubs.error(429, 20429, "Too Many Requests").build();
            }
            String to = null;
            for (String pair : event.getRequest().getBodyAsString().split("&")) {
                if (pair.startsWith("To=")) {
                    to = URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
                }
            }
            ACCEPTED.computeIfAbsent(String.valueOf(to), k -> new AtomicLong()).incrementAndGet();
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            return TwilioApiStubs.created(sid, to, "+15555550199", "update").build();
        }

        @Override
        public String getName() {
            return "one-in-five-429";
        }
    }
}
