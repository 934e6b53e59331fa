package gov.tawasul.channels.twitter;

import gov.tawasul.channels.common.ChannelStatus;
import gov.tawasul.channels.common.ChannelSwitch;
import gov.tawasul.channels.common.Secrets;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * X direct messages are on when the app's consumer key and secret and the account's access token and secret (OAuth
 * 1.0a, https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/api-key-and-secret) are all set, and in
 * {@code poll} mode the account's user id too (docs/twitter.md).
 */
@ApplicationScoped
public class TwitterSwitch implements ChannelSwitch {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{18,}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{30,}");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("[0-9]+-[A-Za-z0-9]+");

    private final ChannelStatus status;

    TwitterSwitch(TwitterConfig config) {
        this.status = status(config);
    }

    /** @return the status for these settings */
    static ChannelStatus status(TwitterConfig config) {
        Map<String, Optional<String>> settings = new LinkedHashMap<>();
        settings.put("tawasul.twitter.consumer-key (TAWASUL_TWITTER_CONSUMER_KEY)", config.consumerKey());
        settings.put("tawasul.twitter.consumer-secret (TAWASUL_TWITTER_CONSUMER_SECRET)", config.consumerSecret());
        settings.put("tawasul.twitter.access-token (TAWASUL_TWITTER_ACCESS_TOKEN)", config.accessToken());
        settings.put("tawasul.twitter.access-token-secret (TAWASUL_TWITTER_ACCESS_TOKEN_SECRET)",
                config.accessTokenSecret());
        Pattern[] formats = {KEY, SECRET, ACCESS_TOKEN, SECRET};
        String[] words = {"an API key (18+ letters and digits)", "an API key secret (30+ letters and digits)",
                "an access token (<user id>-<letters and digits>)", "an access token secret (30+ letters and digits)"};
        List<String> problems = new ArrayList<>();
        int i = 0;
        long set = 0;
        for (Map.Entry<String, Optional<String>> e : settings.entrySet()) {
            Optional<String> value = Secrets.value(e.getValue());
            if (value.isPresent()) {
                set++;
                Secrets.check(e.getKey(), value.get(), formats[i], words[i], problems);
            }
            i++;
        }
        if (set > 0 && set < settings.size()) {
            settings.forEach((name, value) -> {
                if (Secrets.value(value).isEmpty()) {
                    problems.add(name + ": not set (the four X credentials go together)");
                }
            });
        }
        boolean on = set == settings.size();
        if (on && config.mode() == TwitterConfig.Mode.POLL && Secrets.value(config.userId()).isEmpty()) {
            problems.add("tawasul.twitter.user-id (TAWASUL_TWITTER_USER_ID): required in poll mode");
        }
        return new ChannelStatus(Channel.TWITTER, on, "set TAWASUL_TWITTER_CONSUMER_KEY, _CONSUMER_SECRET,"
                + " _ACCESS_TOKEN and _ACCESS_TOKEN_SECRET; docs/twitter.md", problems);
    }

    @Override
    public ChannelStatus status() {
        return status;
    }
}
