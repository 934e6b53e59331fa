package gov.tawasul.engine.identity;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.port.CaseLookup;
import gov.tawasul.engine.reply.Reply;
import gov.tawasul.engine.reply.ReplyComposer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The bot's answer to a code reply: right → "you are verified" followed by the case's answer (looked up again, now
 * disclosed); wrong → the tries left; void → "send the case number again".
 */
@ApplicationScoped
public class CodeReplies {

    private final CodeVerifier verifier;
    private final CaseLookup cases;
    private final ReplyComposer composer;
    private final IdentityTexts texts;

    CodeReplies(CodeVerifier verifier, CaseLookup cases, ReplyComposer composer, IdentityTexts texts) {
        this.verifier = verifier;
        this.cases = cases;
        this.composer = composer;
        this.texts = texts;
    }

    /**
     * The answer to a code reply, and the case it was about.
     *
     * @param reply      the reply to send
     * @param caseNumber the case linked, or null when the code did not link one
     */
    public record Answer(Reply reply, String caseNumber) {
    }

    /** @return the answer to {@code code} from {@code sender}, in {@code locale} */
    public Uni<Answer> answer(Address sender, String code, String locale) {
        return verifier.verify(sender, code).chain(v -> {
            if (v instanceof Verification.Linked linked) {
                String n = linked.caseNumber();
                Intent.CaseStatus status = new Intent.CaseStatus(List.of(n), 0);
                return cases.lookup(n).map(result -> {
                    Reply details = composer.compose(status, List.of(result), sender, locale, CaseAccess.linkedTo(n));
                    return new Answer(new Reply(texts.verified(n, locale) + "\n\n" + details.text(), locale,
                            details.quickReplies()), n);
                });
            }
            String text = v instanceof Verification.Wrong wrong ? texts.wrong(wrong.triesLeft(), locale)
                    : texts.voided(locale);
            return Uni.createFrom().item(new Answer(new Reply(text, locale, List.of()), null));
        });
    }
}
