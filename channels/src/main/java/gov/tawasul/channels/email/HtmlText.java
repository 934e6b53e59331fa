package gov.tawasul.channels.email;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The text a citizen typed in an HTML mail, with jsoup (https://jsoup.org): the quoted history and signatures the
 * mail clients mark are removed first — Gmail's {@code div.gmail_quote} and {@code gmail_signature}, every
 * {@code blockquote} (Apple Mail, Thunderbird, Yahoo), Thunderbird's {@code moz-cite-prefix}/{@code moz-signature},
 * Outlook's {@code #divRplyFwdMsg} / {@code #appendonsend} header block and everything after it (with the
 * {@code <hr>} above it), Outlook's {@code #Signature} — then the rest becomes text with a line break for
 * {@code <br>} and around block elements, whitespace collapsed as a browser does. The result then goes through
 * {@link QuotedText#cut} like a plain-text body. Pure.
 */
final class HtmlText {

    private static final String REMOVED = String.join(", ", "head", "style", "script", "title",
            "div.gmail_quote", "blockquote", ".gmail_signature", "[data-smartmail=gmail_signature]",
            ".moz-cite-prefix", ".moz-signature", ".yahoo_quoted", "#Signature", "div.OutlookMessageHeader");
    /** Markers from which on everything is the quoted message (Outlook desktop and web). */
    private static final String CUT_FROM = "#divRplyFwdMsg, #appendonsend, #mail-editor-reference-message-container";
    private static final Set<String> BLOCKS = Set.copyOf(Arrays.asList("p", "div", "li", "ul", "ol", "tr", "table",
            "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "address", "section", "article", "header", "footer",
            "dd", "dt", "dl", "center", "form", "fieldset", "main", "nav", "aside", "figure", "caption"));

    private HtmlText() {
    }

    /** @return the citizen's text of {@code html}, never null */
    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parse(html);
        Element marker = doc.selectFirst(CUT_FROM);
        if (marker != null) {
            cutFrom(marker, doc.body());
        }
        doc.select(REMOVED).remove();
        StringBuilder out = new StringBuilder();
        render(doc.body(), out);
        return QuotedText.tidy(lines(out));
    }

    /** Removes {@code marker}, an {@code <hr>} just before it, and everything after it in document order. */
    private static void cutFrom(Element marker, Element body) {
        Element previous = marker.previousElementSibling();
        if (previous != null && previous.normalName().equals("hr")) {
            previous.remove();
        }
        for (Node node = marker; node != null && node != body; node = node.parent()) {
            List<Node> after = new ArrayList<>();
            for (Node next = node.nextSibling(); next != null; next = next.nextSibling()) {
                after.add(next);
            }
            after.forEach(Node::remove);
        }
        marker.remove();
    }

    private static void render(Node node, StringBuilder out) {
        if (node instanceof TextNode text) {
            appendCollapsed(text.getWholeText(), out);
            return;
        }
        if (!(node instanceof Element element)) {
            return;
        }
        String name = element.normalName();
        if (name.equals("br")) {
            out.append('\n');
            return;
        }
        boolean block = BLOCKS.contains(name);
        if (block) {
            newline(out);
        }
        if (name.equals("pre")) {
            out.append(element.wholeText());
        } else {
            for (Node child : element.childNodes()) {
                render(child, out);
            }
        }
        if (block) {
            newline(out);
            if (name.equals("p")) {
                out.append('\n');
            }
        }
    }

    private static void appendCollapsed(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || c == '\u00A0';
            if (space) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static List<String> lines(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.toString().split("\n", -1)) {
            lines.add(line.strip());
        }
        return lines;
    }
}
