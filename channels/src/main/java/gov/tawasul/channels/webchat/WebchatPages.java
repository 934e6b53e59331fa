package gov.tawasul.channels.webchat;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat's own pages (Qute templates {@code templates/webchat/}); both load {@code /chat/widget.js} and
 * {@code /chat/chat.css} (static, {@code META-INF/resources/chat/}) and nothing from elsewhere.
 * <ul>
 *   <li>{@code GET /chat[?lang=en]}: the full-page chat, Arabic (right to left) unless {@code lang=en}. When the
 *       bundled sample cases are loaded (local connector with {@code tawasul.cases.local.seed}), the page suggests
 *       {@code tawasul.webchat.demo-cases} and says that they are public demo data.</li>
 *   <li>{@code GET /kiosk?kiosk=<id>[&lang=en]}: the kiosk screen; {@code id} (1–64 of {@code [A-Za-z0-9_-]},
 *       else {@code unnamed}) is stored on every message typed there (inbound attribute {@code kiosk}).</li>
 * </ul>
 */
@Path("/")
public class WebchatPages {

    private static final Pattern KIOSK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Template chat;
    private final Template kiosk;
    private final KioskConfig kioskConfig;
    private final List<String> demoCases;

    WebchatPages(@Location("webchat/chat.html") Template chat, @Location("webchat/kiosk.html") Template kiosk,
                 KioskConfig kioskConfig, WebchatConfig config,
                 @ConfigProperty(name = "tawasul.cases.connector", defaultValue = "local") String connector,
                 @ConfigProperty(name = "tawasul.cases.local.seed", defaultValue = "true") boolean seed) {
        this.chat = chat;
        this.kiosk = kiosk;
        this.kioskConfig = kioskConfig;
        this.demoCases = "local".equals(connector) && seed ? config.demoCases() : List.of();
    }

    /** @return the full-page chat */
    @GET
    @Path("chat")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance chat(@QueryParam("lang") String lang) {
        return chat.data("lang", locale(lang)).data("demo", String.join(" ", demoCases));
    }

    /** @return the kiosk screen */
    @GET
    @Path("kiosk")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance kiosk(@QueryParam("kiosk") String id, @QueryParam("lang") String lang) {
        long idle = Math.max(5, kioskConfig.idleTimeout().toSeconds());
        return kiosk.data("lang", locale(lang)).data("demo", String.join(" ", demoCases))
                .data("kiosk", id != null && KIOSK_ID.matcher(id).matches() ? id : "unnamed")
                .data("idle", idle);
    }

    private static String locale(String lang) {
        return "en".equals(lang) ? "en" : "ar";
    }
}
