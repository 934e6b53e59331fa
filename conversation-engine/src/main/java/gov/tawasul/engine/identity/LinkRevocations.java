package gov.tawasul.engine.identity;

import gov.tawasul.engine.intent.Intent;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.IdentityLink;
import gov.tawasul.engine.store.IdentityLinks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * Ends identity links: the citizen's {@code STOP} (the SMS opt-out, or the word alone on any channel) revokes every
 * live link of the address, "STOP &lt;case&gt;" the link to that case (revoked by {@code citizen}, reason
 * {@code STOP}); staff revoke one link ({@code staff:<username>}, with their reason; the staff API audits it).
 */
@ApplicationScoped
public class LinkRevocations {

    private static final Logger LOG = Logger.getLogger(LinkRevocations.class);

    private final IdentityLinks links;
    private final IdentityMetrics metrics;

    LinkRevocations(IdentityLinks links, IdentityMetrics metrics) {
        this.links = links;
        this.metrics = metrics;
    }

    /**
     * Revokes what the citizen's message asks to stop, if anything.
     *
     * @param citizen        the sender
     * @param normalizedText the normalised text
     * @param intent         its intent
     */
    public Uni<Void> onCitizenMessage(Address citizen, String normalizedText, Intent intent) {
        Uni<Integer> revoked;
        if (intent instanceof Intent.Unfollow unfollow) {
            revoked = links.revokeCase(citizen, unfollow.caseNumber(), "citizen", "STOP");
        } else if (intent instanceof Intent.OptOut
                || "STOP".equals(normalizedText.strip().toUpperCase(Locale.ROOT))) {
            revoked = links.revokeAll(citizen, "citizen", "STOP");
        } else {
            return Uni.createFrom().voidItem();
        }
        return revoked.invoke(n -> {
            if (n > 0) {
                metrics.revoked("citizen", n);
                LOG.infof("%s stopped %d identity link(s)", SenderKey.masked(citizen), n);
            }
        }).replaceWithVoid();
    }

    /**
     * Staff revoke one link.
     *
     * @param username the staff member
     * @param reason   why, not blank
     * @return the revoked link, or empty when there is none live with that id
     */
    public Uni<Optional<IdentityLink>> byStaff(long linkId, String username, String reason) {
        return links.revoke(linkId, "staff:" + username, reason).invoke(revoked -> {
            if (revoked.isPresent()) {
                metrics.revoked("staff", 1);
            }
        });
    }
}
