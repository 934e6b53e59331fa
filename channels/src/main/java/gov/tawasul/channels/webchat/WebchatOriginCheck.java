package gov.tawasul.channels.webchat;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * Refuses the chat socket's upgrade with 403 unless the browser's {@code Origin} is the bot's own (the page was
 * served by this host: the origin's host and port are the request's {@code Host}) or one of
 * {@code tawasul.webchat.allowed-origins} (the agency's sites that embed the widget). A missing {@code Origin} is
 * refused too: browsers always send it on a WebSocket upgrade. This stops other sites' pages from talking to the bot
 * as their visitors (cross-site WebSocket hijacking).
 */
@ApplicationScoped
public class WebchatOriginCheck implements HttpUpgradeCheck {

    private final List<String> allowed;

    WebchatOriginCheck(WebchatConfig config) {
        this.allowed = config.allowedOrigins().stream().map(WebchatOriginCheck::normalise).toList();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return WebchatEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        String host = context.httpRequest().getHeader("Host");
        return isAllowed(origin, host) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(403);
    }

    /** @return whether a browser page of {@code origin} may use the chat of the host {@code host} */
    public boolean isAllowed(String origin, String host) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return false;
        }
        String o = normalise(origin);
        if (allowed.contains(o)) {
            return true;
        }
        int scheme = o.indexOf("://");
        return host != null && scheme > 0 && o.substring(scheme + 3).equals(host.toLowerCase(Locale.ROOT));
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
