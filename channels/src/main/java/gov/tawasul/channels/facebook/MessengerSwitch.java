package gov.tawasul.channels.facebook;

import gov.tawasul.channels.common.ChannelStatus;
import gov.tawasul.channels.common.ChannelSwitch;
import gov.tawasul.channels.common.Secrets;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Messenger is on when the App Secret (32 hex; key of {@code X-Hub-Signature-256},
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads), the Verify Token and the
 * Page access token are all set (docs/facebook.md).
 */
@ApplicationScoped
public class MessengerSwitch implements ChannelSwitch {

    static final String APP_SECRET = "tawasul.facebook.app-secret (TAWASUL_FACEBOOK_APP_SECRET)";
    static final String VERIFY_TOKEN = "tawasul.facebook.verify-token (TAWASUL_FACEBOOK_VERIFY_TOKEN)";
    static final String PAGE_TOKEN = "tawasul.facebook.page-access-token (TAWASUL_FACEBOOK_PAGE_ACCESS_TOKEN)";
    private static final Pattern SECRET_FORMAT = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern TOKEN_FORMAT = Pattern.compile("\\S{20,}");
    private static final Pattern VERIFY_FORMAT = Pattern.compile("\\S{8,}");

    private final ChannelStatus status;

    MessengerSwitch(MessengerConfig config) {
        this.status = status(config.appSecret(), config.verifyToken(), config.pageAccessToken());
    }

    /** @return the status for these settings */
    public static ChannelStatus status(Optional<String> appSecret, Optional<String> verifyToken, Optional<String> pageToken) {
        Map<String, Optional<String>> settings = Map.of(APP_SECRET, Secrets.value(appSecret),
                VERIFY_TOKEN, Secrets.value(verifyToken), PAGE_TOKEN, Secrets.value(pageToken));
        List<String> problems = new ArrayList<>();
        Secrets.value(appSecret).ifPresent(v -> Secrets.check(APP_SECRET, v, SECRET_FORMAT,
                "32 hexadecimal characters", problems));
        Secrets.value(verifyToken).ifPresent(v -> Secrets.check(VERIFY_TOKEN, v, VERIFY_FORMAT,
                "at least 8 characters without spaces", problems));
        Secrets.value(pageToken).ifPresent(v -> Secrets.check(PAGE_TOKEN, v, TOKEN_FORMAT,
                "a Page access token (20 or more characters without spaces)", problems));
        long set = settings.values().stream().filter(Optional::isPresent).count();
        if (set > 0 && set < settings.size()) {
            settings.forEach((name, value) -> {
                if (value.isEmpty()) {
                    problems.add(name + ": not set (the three Messenger settings go together)");
                }
            });
        }
        return new ChannelStatus(Channel.FACEBOOK, set == settings.size(), "set TAWASUL_FACEBOOK_APP_SECRET,"
                + " TAWASUL_FACEBOOK_VERIFY_TOKEN and TAWASUL_FACEBOOK_PAGE_ACCESS_TOKEN; docs/facebook.md",
                problems.stream().sorted().toList());
    }

    @Override
    public ChannelStatus status() {
        return status;
    }
}
