package gov.tawasul.engine.notify;

import gov.tawasul.engine.model.CaseRecord;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.reply.ReplyTemplates;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;

/**
 * The texts of case-status updates, from the Qute templates {@code replies/<locale>/notification-*.txt}:
 * the update itself ({@code notification-status}), the first message to an address (the service's name
 * {@code tawasul.service-name.ar|en} first, how to stop last: {@code notification-first}), the notice to a citizen
 * who now follows a case ({@code notification-following}) and the answer to "STOP &lt;case&gt;"
 * ({@code notification-unfollowed}).
 */
@ApplicationScoped
public class NotificationTexts {

    private final String serviceAr;
    private final String serviceEn;
    private final ReplyTemplates replyTemplates;

    @Inject
    NotificationTexts(Engine qute,
                      @ConfigProperty(name = "tawasul.service-name.ar", defaultValue = "تواصل") String serviceAr,
                      @ConfigProperty(name = "tawasul.service-name.en", defaultValue = "Tawasul") String serviceEn) {
        this.replyTemplates = new ReplyTemplates(qute);
        this.serviceAr = serviceAr;
        this.serviceEn = serviceEn;
    }

    /**
     * @param record  the case after the change
     * @param channel where it goes (on SMS the first message also names plain STOP)
     * @param locale  {@code ar}/{@code en}
     * @param first   whether the bot never wrote to this address before
     * @return the text of the update
     */
    public String status(CaseRecord record, Channel channel, String locale, boolean first) {
        Map<String, Object> data = new HashMap<>();
        data.put("caseNumber", record.caseNumber());
        data.put("statusLabel", record.statusLabel() == null || record.statusLabel().in(locale) == null
                ? record.status() : record.statusLabel().in(locale));
        data.put("nextStep", record.nextStep() == null ? null : record.nextStep().in(locale));
        data.put("service", "en".equals(locale) ? serviceEn : serviceAr);
        data.put("sms", channel == Channel.SMS);
        String status = render(locale, "notification-status", data);
        if (!first) {
            return status;
        }
        data.put("status", status);
        return render(locale, "notification-first", data);
    }

    /** @return the notice that the citizen now follows the case on this channel */
    public String following(String caseNumber, String locale) {
        return render(locale, "notification-following", Map.of("caseNumber", caseNumber));
    }

    /** @return the answer to "STOP &lt;case&gt;" */
    public String unfollowed(String caseNumber, String locale) {
        return render(locale, "notification-unfollowed", Map.of("caseNumber", caseNumber));
    }

    private String render(String locale, String name, Map<String, Object> data) {
        return replyTemplates.render(locale, name, data);
    }
}
