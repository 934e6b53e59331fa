package gov.tawasul.engine.identity;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.store.IdentityLinks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * The citizen's answer to a code offer: a message that is six digits alone ({@code 123456}, Arabic-Indic digits
 * too: the text is normalised first) from a sender with a code pending is a code reply
 * ({@link Intent.VerificationCode}), not a case number. {@link #verify} counts the try, compares the keyed hashes in
 * constant time, and on success links the sender to the case ({@code identity_link}, for
 * {@code tawasul.identity.link-ttl}).
 */
@ApplicationScoped
public class CodeVerifier {

    private static final Logger LOG = Logger.getLogger(CodeVerifier.class);
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    private final CodeChallenges challenges;
    private final CodeMac mac;
    private final IdentityLinks links;
    private final IdentityMetrics metrics;
    private final IdentityConfig config;

    CodeVerifier(CodeChallenges challenges, CodeMac mac, IdentityLinks links, IdentityMetrics metrics,
                 IdentityConfig config) {
        this.challenges = challenges;
        this.mac = mac;
        this.links = links;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * @param sender         who wrote
     * @param normalizedText the normalised text
     * @param recognized     the intent recognised from the text
     * @return {@link Intent.VerificationCode} when the text is six digits and the sender has a code pending, else
     *         {@code recognized}
     */
    public Uni<Intent> asCodeReply(Address sender, String normalizedText, Intent recognized) {
        String text = normalizedText == null ? "" : normalizedText.strip();
        if (!(recognized instanceof Intent.CaseStatus) || !SIX_DIGITS.matcher(text).matches()) {
            return Uni.createFrom().item(recognized);
        }
        return challenges.pending(sender).map(pending -> pending ? new Intent.VerificationCode(text) : recognized);
    }

    /** @return what the code did: linked, wrong (tries left), or void */
    public Uni<Verification> verify(Address sender, String code) {
        return challenges.attempt(sender, config.maxTries()).chain(attempt -> {
            if (attempt == null) {
                metrics.verification("void");
                return Uni.createFrom().item(new Verification.Void());
            }
            return mac.mac(attempt.caseNumber(), sender, code).chain(hash -> outcome(sender, attempt, hash));
        });
    }

    private Uni<Verification> outcome(Address sender, CodeChallenges.Attempt attempt, String hash) {
        if (CodeMac.same(hash, attempt.mac())) {
            return challenges.consume(sender)
                    .chain(() -> links.link(attempt.caseNumber(), sender, config.linkTtl()))
                    .map(link -> {
                        metrics.verification("linked");
                        LOG.infof("%s verified for case %s (link %d, until %s)", SenderKey.masked(sender),
                                attempt.caseNumber(), link.id(), link.expiresAt());
                        return new Verification.Linked(attempt.caseNumber());
                    });
        }
        int left = config.maxTries() - attempt.triesUsed();
        metrics.verification(left > 0 ? "wrong" : "void");
        return Uni.createFrom().item(left > 0 ? new Verification.Wrong(left) : new Verification.Void());
    }
}
