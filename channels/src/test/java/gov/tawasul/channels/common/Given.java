package gov.tawasul.channels.common;

/**
 * A step that prepares a row's request, run in order on the cleaned channel before it: rows arranged with
 * {@link gov.tawasul.engine.testing.TestDb} (a reply already sent, in some status) or earlier requests of the
 * provider ({@link #posted}: a duplicate, a receipt that came first).
 */
@FunctionalInterface
public interface Given {

    void arrange(WebhookHarness harness);

    /** An earlier request, which must be answered {@code status}. */
    static Given posted(WebhookRequest request, Signing signing, int status) {
        return harness -> harness.post(request, signing).statusCode(status);
    }
}
