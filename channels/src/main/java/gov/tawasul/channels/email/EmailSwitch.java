package gov.tawasul.channels.email;

import gov.tawasul.channels.common.ChannelStatus;
import gov.tawasul.channels.common.ChannelSwitch;
import gov.tawasul.channels.common.Secrets;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * E-mail is on when the agency's address and the IMAP host are set ({@link EmailConfig#enabled()}, docs/email.md);
 * one without the other, or a placeholder IMAP password, is a problem.
 */
@ApplicationScoped
public class EmailSwitch implements ChannelSwitch {

    private final ChannelStatus status;

    EmailSwitch(EmailConfig config) {
        List<String> problems = new ArrayList<>();
        boolean address = Secrets.value(config.address()).isPresent();
        boolean host = Secrets.value(config.imap().host()).isPresent();
        if (address != host) {
            problems.add((address ? "tawasul.email.imap.host (TAWASUL_EMAIL_IMAP_HOST)"
                    : "tawasul.email.address (TAWASUL_EMAIL_ADDRESS)") + ": not set (both or neither)");
        }
        Secrets.value(config.imap().password()).ifPresent(p -> Secrets.check(
                "tawasul.email.imap.password (TAWASUL_EMAIL_IMAP_PASSWORD)", p, null, "", problems));
        this.status = new ChannelStatus(Channel.EMAIL, config.enabled(),
                "set TAWASUL_EMAIL_ADDRESS and TAWASUL_EMAIL_IMAP_HOST; docs/email.md", problems);
    }

    @Override
    public ChannelStatus status() {
        return status;
    }
}
