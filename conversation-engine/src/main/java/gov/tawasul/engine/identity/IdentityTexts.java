package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.reply.ReplyTemplates;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The texts of this package, from the Qute templates {@code replies/<locale>/identity-*.txt} and
 * {@code lookup-budget.txt}: the offer of a code (the same whether the number is a case or not), "try again after",
 * the lookup budget's refusal, the code message itself (the service's name {@code tawasul.service-name.ar|en}, the
 * channel it unlocks, "do not share"), and the answers to a code reply.
 */
@ApplicationScoped
public class IdentityTexts {

    private static final Map<Channel, String> CHANNEL_EN = Map.of(Channel.SMS, "SMS", Channel.FACEBOOK, "Messenger",
            Channel.TWITTER, "X", Channel.EMAIL, "e-mail", Channel.WHATSAPP, "WhatsApp", Channel.WEBCHAT, "web chat");
    private static final Map<Channel, String> CHANNEL_AR = Map.of(Channel.SMS, "الرسائل النصية",
            Channel.FACEBOOK, "ماسنجر", Channel.TWITTER, "إكس", Channel.EMAIL, "البريد الإلكتروني",
            Channel.WHATSAPP, "واتساب", Channel.WEBCHAT, "المحادثة على الموقع");

    private final Windows windows;
    private final IdentityConfig config;
    private final String serviceAr;
    private final String serviceEn;
    private final ReplyTemplates replyTemplates;

    @Inject
    IdentityTexts(Engine qute, Windows windows, IdentityConfig config,
                  @ConfigProperty(name = "tawasul.service-name.ar", defaultValue = "تواصل") String serviceAr,
                  @ConfigProperty(name = "tawasul.service-name.en", defaultValue = "Tawasul") String serviceEn) {
        this.replyTemplates = new ReplyTemplates(qute);
        this.windows = windows;
        this.config = config;
        this.serviceAr = serviceAr;
        this.serviceEn = serviceEn;
    }

    /** @return "if this number is a case registered to you, we have sent a code…" */
    public String offer(String caseNumber, String locale) {
        return render(locale, "identity-offer", Map.of("caseNumber", caseNumber,
                "minutes", Math.max(1, config.codeTtl().toMinutes())));
    }

    /** @return "we cannot send another code now; try again after {until}" */
    public String tryLater(String caseNumber, Instant until, String locale) {
        return render(locale, "identity-try-later", Map.of("caseNumber", caseNumber, "until", windows.local(until)));
    }

    /** @return the lookup budget's refusal: "ask about {caseNumber} again after {until}" */
    public String overBudget(String caseNumber, Instant until, String locale) {
        return render(locale, "lookup-budget", Map.of("caseNumber", caseNumber, "until", windows.local(until)));
    }

    /** @return the code message to the registered contact */
    public String code(String code, String caseNumber, Channel requestedOn, String locale) {
        Map<String, Object> data = new HashMap<>();
        data.put("code", code);
        data.put("caseNumber", caseNumber);
        data.put("service", "en".equals(locale) ? serviceEn : serviceAr);
        data.put("channel", ("en".equals(locale) ? CHANNEL_EN : CHANNEL_AR).get(requestedOn));
        return render(locale, "identity-code", data);
    }

    /** @return "you are verified: you may see the case here for {days} days" */
    public String verified(String caseNumber, String locale) {
        return render(locale, "identity-verified", Map.of("caseNumber", caseNumber,
                "days", Math.max(1, config.linkTtl().toDays())));
    }

    /** @return "that code is not right; tries left: {left}" */
    public String wrong(int left, String locale) {
        return render(locale, "identity-wrong", Map.of("left", left));
    }

    /** @return "that code can no longer be used; send the case number again" */
    public String voided(String locale) {
        return render(locale, "identity-void", Map.of());
    }

    private String render(String locale, String name, Map<String, Object> data) {
        return replyTemplates.render(locale, name, data);
    }
}
