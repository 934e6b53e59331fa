package gov.tawasul.channels.twitter;

import java.time.Duration;
import java.util.Optional;

/** A {@link TwitterConfig} for tests that build components by hand. */
record TestTwitterConfig(String apiUrl, String apiV2Url) implements TwitterConfig {

    static final String CONSUMER_KEY = "FakeConsumerKey0123456789";
    static final String ACCESS_TOKEN = "1000000000000000001-FakeAccessToken";
    static final String ACCESS_TOKEN_SECRET = "FakeAccessTokenSecret0123456789";

    @Override
    public Mode mode() {
        return Mode.WEBHOOK;
    }

    @Override
    public Optional<String> consumerKey() {
        return Optional.of(CONSUMER_KEY);
    }

    @Override
    public Optional<String> consumerSecret() {
        return Optional.of(TwitterFixtures.SECRET);
    }

    @Override
    public Optional<String> accessToken() {
        return Optional.of(ACCESS_TOKEN);
    }

    @Override
    public Optional<String> accessTokenSecret() {
        return Optional.of(ACCESS_TOKEN_SECRET);
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Duration pollInitialLookback() {
        return Duration.ofHours(1);
    }

    @Override
    public Optional<String> userId() {
        return Optional.of("1000000000000000001");
    }
}
