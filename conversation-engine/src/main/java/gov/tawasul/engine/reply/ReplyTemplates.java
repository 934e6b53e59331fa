package gov.tawasul.engine.reply;

import gov.tawasul.engine.text.BidiIsolates;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Qute templates of the bot's texts, {@code src/main/resources/templates/replies/{ar,en}/<name>.txt}, looked up
 * once each and rendered with surrounding white space stripped. Any locale other than {@code en} renders Arabic, and an
 * Arabic text has its left-to-right values (case numbers, phone numbers, codes, times, {@code STOP <case>}) wrapped in
 * Unicode isolates ({@link BidiIsolates}), so that they show in their order on every channel; English texts are
 * as written. Shared by the reply composer, the notification texts and the identity texts (each holds one instance).
 */
public final class ReplyTemplates {

    private final Engine qute;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    /** @param qute the Qute engine the templates are read from */
    public ReplyTemplates(Engine qute) {
        this.qute = qute;
    }

    /**
     * @param locale {@code ar} or {@code en}
     * @param name   the template's name without extension, e.g. {@code help}
     * @param data   the template's data
     * @return the rendered text, stripped; in Arabic with its left-to-right values isolated
     * @throws IllegalStateException when there is no such template (a packaging bug)
     */
    public String render(String locale, String name, Map<String, Object> data) {
        boolean english = "en".equals(locale);
        String id = "replies/" + (english ? "en" : "ar") + "/" + name;
        Template template = templates.computeIfAbsent(id, key -> {
            Template t = qute.getTemplate(key);
            if (t == null) {
                throw new IllegalStateException("missing reply template " + key);
            }
            return t;
        });
        String text = template.data(data).render().strip();
        return english ? text : BidiIsolates.isolateLatinValues(text);
    }
}
