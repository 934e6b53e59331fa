package gov.tawasul.channels.twilio;

import gov.tawasul.channels.common.ChannelStatus;
import gov.tawasul.channels.common.ChannelSwitch;
import gov.tawasul.channels.common.Secrets;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SMS is on when the Account SID ({@code AC} + 32 hex, TWILIO_ACCOUNT_SID) and the Auth Token (32 hex,
 * TWILIO_AUTH_TOKEN; https://www.twilio.com/docs/iam/api/authtoken) are both set; nothing is shipped for them.
 */
@ApplicationScoped
public class TwilioSwitch implements ChannelSwitch {

    static final String SID = "tawasul.twilio.account-sid (TWILIO_ACCOUNT_SID)";
    static final String TOKEN = "tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN)";
    private static final Pattern SID_FORMAT = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern TOKEN_FORMAT = Pattern.compile("[0-9a-fA-F]{32}");

    private final ChannelStatus status;

    TwilioSwitch(TwilioConfig config) {
        this.status = status(config.accountSid(), config.authToken());
    }

    /** @return the status for these settings */
    public static ChannelStatus status(Optional<String> accountSid, Optional<String> authToken) {
        Optional<String> sid = Secrets.value(accountSid);
        Optional<String> token = Secrets.value(authToken);
        List<String> problems = new ArrayList<>();
        sid.ifPresent(v -> Secrets.check(SID, v, SID_FORMAT, "AC followed by 32 hexadecimal characters", problems));
        token.ifPresent(v -> Secrets.check(TOKEN, v, TOKEN_FORMAT, "32 hexadecimal characters", problems));
        if (sid.isPresent() != token.isPresent()) {
            problems.add((sid.isPresent() ? TOKEN : SID) + ": not set (both or neither)");
        }
        return new ChannelStatus(Channel.SMS, sid.isPresent() && token.isPresent(),
                "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN", problems);
    }

    @Override
    public ChannelStatus status() {
        return status;
    }
}
