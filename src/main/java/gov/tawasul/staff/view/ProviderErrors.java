package gov.tawasul.staff.view;

import gov.tawasul.engine.model.Channel;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The human meaning of a provider's delivery error code (Twilio 30003 "unreachable handset", Messenger #10
 * "outside the 24-hour window", X 349 "citizen does not accept DMs"…) and of our own refusal reasons, in Arabic or
 * English, from {@code console/provider-errors_<lang>.properties} (keys {@code <CHANNEL>.<code>}, and
 * {@code ANY.<reason>} for ours). Sources: https://www.twilio.com/docs/api/errors,
 * https://developers.facebook.com/docs/messenger-platform/error-codes,
 * https://developer.x.com/en/support/x-api/error-troubleshooting.
 */
public final class ProviderErrors {

    private ProviderErrors() {
    }

    /**
     * @param channel the message's channel
     * @param code    the error code as the provider gave it (or our reason), may be null
     * @param lang    {@code ar} or {@code en}
     * @return the meaning, or null when the code is null or not in the catalogue (the code is then shown as it is)
     */
    public static String meaning(Channel channel, String code, String lang) {
        if (code == null || code.isBlank()) {
            return null;
        }
        ResourceBundle bundle = ResourceBundle.getBundle("console.provider-errors", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        for (String key : new String[]{channel.name() + "." + code.strip(), "ANY." + code.strip()}) {
            try {
                return bundle.getString(key);
            } catch (MissingResourceException e) {
                // try the next key
            }
        }
        return null;
    }
}
