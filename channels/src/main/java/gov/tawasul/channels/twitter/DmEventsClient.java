package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.model.Verb;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads pages of the agency account's DM events from the X API v2, non-blocking:
 * {@code GET <api-v2-url>/2/dm_events?dm_event.fields=created_at,sender_id,text,dm_conversation_id
 * &event_types=MessageCreate&expansions=sender_id&max_results=100[&pagination_token=…]}, OAuth 1.0a user context
 * (https://docs.x.com/x-api/direct-messages/get-dm-events), signed by {@link UserContextSigner}. Rate limits come in
 * {@code x-rate-limit-remaining} and {@code x-rate-limit-reset} (epoch seconds),
 * https://docs.x.com/x-api/fundamentals/rate-limits.
 */
@ApplicationScoped
public class DmEventsClient {

    static final String FIELDS = "created_at,sender_id,text,dm_conversation_id";
    static final String EVENT_TYPES = "MessageCreate";
    static final String EXPANSIONS = "sender_id";
    static final int MAX_RESULTS = 100;

    /**
     * The outcome of one request.
     *
     * @param status    HTTP status (0 for a network failure)
     * @param page      the page when the status is 200, else null
     * @param remaining {@code x-rate-limit-remaining}, or null
     * @param reset     {@code x-rate-limit-reset} as an instant, or null
     * @param error     body or exception text of a failure, or null
     */
    public record Result(int status, DmEventsPage page, Integer remaining, Instant reset, String error) {
        /** @return true for a 200 with a parsed page */
        public boolean ok() {
            return status == 200 && page != null;
        }
    }

    private final TwitterConfig config;
    private final ObjectMapper json;
    private volatile DmEventsApi api;
    private volatile UserContextSigner signer;

    public DmEventsClient(TwitterConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** @return whether the four OAuth credentials are configured */
    public boolean configured() {
        return config.consumerKey().isPresent() && config.consumerSecret().isPresent()
                && config.accessToken().isPresent() && config.accessTokenSecret().isPresent();
    }

    /**
     * Fetches one page; never fails (errors come back as a {@link Result} with their status).
     *
     * @param paginationToken {@code meta.next_token} of the previous page, or null for the newest events
     */
    public Uni<Result> page(String paginationToken) {
        List<Map.Entry<String, String>> params = new ArrayList<>(List.of(
                Map.entry("dm_event.fields", FIELDS), Map.entry("event_types", EVENT_TYPES),
                Map.entry("expansions", EXPANSIONS), Map.entry("max_results", Integer.toString(MAX_RESULTS))));
        if (paginationToken != null) {
            params.add(Map.entry("pagination_token", paginationToken));
        }
        String authorization = signer().authorization(Verb.GET, baseUrl() + "/2/dm_events", params);
        return api().list(authorization, FIELDS, EVENT_TYPES, EXPANSIONS, MAX_RESULTS, paginationToken)
                .map(this::toResult)
                .onFailure().recoverWithItem(e -> new Result(0, null, null, null, e.toString()));
    }

    private Result toResult(Response response) {
        try (response) {
            Integer remaining = intHeader(response, "x-rate-limit-remaining");
            Integer reset = intHeader(response, "x-rate-limit-reset");
            Instant resetAt = reset == null ? null : Instant.ofEpochSecond(reset);
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() != 200) {
                return new Result(response.getStatus(), null, remaining, resetAt, body);
            }
            try {
                return new Result(200, json.readValue(body, DmEventsPage.class), remaining, resetAt, null);
            } catch (IOException e) {
                return new Result(200, null, remaining, resetAt, "malformed dm_events page: " + e.getMessage());
            }
        }
    }

    private static Integer intHeader(Response response, String name) {
        String value = response.getHeaderString(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String baseUrl() {
        String url = config.apiV2Url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private UserContextSigner signer() {
        if (signer == null) {
            signer = new UserContextSigner(config.consumerKey().orElse(""), config.consumerSecret().orElse(""),
                    config.accessToken().orElse(""), config.accessTokenSecret().orElse(""));
        }
        return signer;
    }

    private DmEventsApi api() {
        if (api == null) {
            synchronized (this) {
                if (api == null) {
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(URI.create(baseUrl()))
                            .disableDefaultMapper(true)
                            .connectTimeout(10, TimeUnit.SECONDS)
                            .readTimeout(30, TimeUnit.SECONDS)
                            .build(DmEventsApi.class);
                }
            }
        }
        return api;
    }
}
