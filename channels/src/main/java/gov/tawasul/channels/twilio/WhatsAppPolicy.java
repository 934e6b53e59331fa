package gov.tawasul.channels.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.engine.EngineConfig;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.ConversationView;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.outbox.TextLimits;
import gov.tawasul.engine.policy.ChannelPolicy;
import gov.tawasul.engine.policy.SendDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * WhatsApp's rule of when a business may write to a person: the 24-hour customer-service window, counted from the
 * citizen's last message in the conversation ({@link ConversationView#lastInboundAt()}).
 * <ul>
 *   <li>up to {@link #WINDOW} after it (inclusive): any origin, free text as it is (no GSM-7 folding, no segments:
 *       WhatsApp counts none), no options;</li>
 *   <li>after that, or when the citizen never wrote: only an approved template. The template of the message's
 *       origin and locale ({@code tawasul.whatsapp.templates.<origin>.<locale>}, {@link WhatsAppConfig#templates()})
 *       is sent with the options {@link #CONTENT_SID} and {@link #CONTENT_VARIABLES} ({@code {"1":"<text>"}}: the
 *       text on one line — template variables may hold no new line, no tab and no more than four spaces in a row —,
 *       at most {@link #MAX_VARIABLE_LENGTH} characters); without one the message is refused
 *       ({@link SendDecision.Reason#OUTSIDE_WINDOW}, so that the notification queue falls back to SMS as it does for
 *       Messenger).</li>
 * </ul>
 * The bot confirms opt-out and opt-in keywords itself ({@link #botConfirmsOptOut()}): WhatsApp has no carrier STOP and
 * Twilio confirms nothing there.
 * Sources: https://developers.facebook.com/docs/whatsapp/pricing#customer-service-windows (24 hours after the
 * user's last message; templates outside it), https://www.twilio.com/docs/whatsapp/key-concepts#the-24-hour-window-or-24-hour-session,
 * https://www.twilio.com/docs/content/send-templates-created-with-the-content-template-builder,
 * https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates (variables, 1,024-character
 * body). Pure and fast: no I/O.
 */
@ApplicationScoped
public class WhatsAppPolicy implements ChannelPolicy {

    /** The customer-service window after the citizen's last message. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** Send option: the Content SID ({@code HX…}) of the approved template, sent as {@code ContentSid}. */
    public static final String CONTENT_SID = "ContentSid";
    /** Send option: the template's variables as a JSON object, sent as {@code ContentVariables}. */
    public static final String CONTENT_VARIABLES = "ContentVariables";
    /**
     * Longest text put into the template's variable, in UTF-16 units: a template's body holds at most 1,024
     * characters, its own words included, so the variable leaves room for them.
     */
    public static final int MAX_VARIABLE_LENGTH = 900;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, String>> templates;
    private final String defaultLocale;

    @Inject
    WhatsAppPolicy(WhatsAppConfig config, EngineConfig engine) {
        this(config.templates(), engine.defaultLocale());
    }

    /**
     * @param templates     Content SIDs by origin name (lower case) and locale
     * @param defaultLocale the locale of a message that has none
     */
    public WhatsAppPolicy(Map<String, Map<String, String>> templates, String defaultLocale) {
        this.templates = Map.copyOf(templates);
        this.defaultLocale = defaultLocale;
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public boolean botConfirmsOptOut() {
        return true;
    }

    /** In the conversation's language; see {@link #decide(Origin, String, String, ConversationView, Instant)}. */
    @Override
    public SendDecision decide(Origin origin, String text, ConversationView conversation, Instant now) {
        return decide(origin, text, conversation.locale(), conversation, now);
    }

    /**
     * @param locale the message's language; null: {@code tawasul.engine.default-locale}
     * @return allow as free text inside the window, allow as the origin's template outside it, or refuse
     *         {@link SendDecision.Reason#OUTSIDE_WINDOW} naming the setting that would allow it
     */
    @Override
    public SendDecision decide(Origin origin, String text, String locale, ConversationView conversation,
                               Instant now) {
        Instant last = conversation.lastInboundAt();
        if (last != null && !now.isAfter(last.plus(WINDOW))) {
            return SendDecision.Allow.as(text);
        }
        String name = templateName(origin);
        String lang = locale == null || locale.isBlank() ? defaultLocale : locale;
        String contentSid = templates.getOrDefault(name, Map.of()).get(lang);
        if (contentSid == null || contentSid.isBlank()) {
            return new SendDecision.Refuse(SendDecision.Reason.OUTSIDE_WINDOW, (last == null
                    ? "the citizen never wrote on WhatsApp"
                    : "the citizen last wrote at " + last + ", more than 24 hours ago")
                    + ": outside WhatsApp's customer-service window only an approved template may be sent, and none "
                    + "is configured for " + origin + " messages in " + lang + " (tawasul.whatsapp.templates." + name
                    + "." + lang + ")");
        }
        return new SendDecision.Allow(text, null, Map.of(CONTENT_SID, contentSid.strip(),
                CONTENT_VARIABLES, variables(text)));
    }

    /** @return the template name of an origin: {@code notification}, {@code agent}, {@code system}, {@code bot} */
    public static String templateName(Origin origin) {
        return origin.name().toLowerCase(Locale.ROOT);
    }

    /** @return {@code {"1":"<text on one line, cut to MAX_VARIABLE_LENGTH>"}} */
    static String variables(String text) {
        String oneLine = text.strip().replaceAll("\\s*[\\r\\n\\t\\u2028\\u2029]+\\s*", " ").replaceAll(" {2,}", " ");
        try {
            return JSON.writeValueAsString(Map.of("1", TextLimits.fit(oneLine, MAX_VARIABLE_LENGTH)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
