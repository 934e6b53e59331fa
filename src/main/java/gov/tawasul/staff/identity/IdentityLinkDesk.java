package gov.tawasul.staff.identity;

import gov.tawasul.engine.identity.LinkRevocations;
import gov.tawasul.engine.store.Conversations;
import gov.tawasul.engine.store.IdentityLinks;
import gov.tawasul.staff.audit.AuditAction;
import gov.tawasul.staff.audit.AuditLog;
import gov.tawasul.staff.console.ConsoleUser;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staff and the identity links of a conversation's citizen (the API and the console's transcript panel use it):
 * the list (live, expired and revoked, newest first), and revoking one with a reason — audited as
 * {@code IDENTITY_LINK_REVOKED} (target {@code identity_link}, detail: conversation, case, reason).
 */
@ApplicationScoped
public class IdentityLinkDesk {

    private final Conversations conversations;
    private final IdentityLinks links;
    private final LinkRevocations revocations;
    private final AuditLog audit;

    IdentityLinkDesk(Conversations conversations, IdentityLinks links, LinkRevocations revocations, AuditLog audit) {
        this.conversations = conversations;
        this.links = links;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** @return the links of the conversation's citizen, or empty when there is no such conversation */
    public Uni<Optional<List<IdentityLinkView>>> list(long conversationId) {
        return conversations.find(conversationId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<List<IdentityLinkView>>empty());
            }
            Instant now = Instant.now();
            return links.ofAddress(found.get().citizen())
                    .map(all -> Optional.of(all.stream().map(l -> IdentityLinkView.of(l, now)).toList()));
        });
    }

    /** Revokes link {@code linkId} of the conversation's citizen for {@code me}, with {@code reason}. */
    public Uni<RevokeOutcome> revoke(ConsoleUser me, long conversationId, long linkId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            return Uni.createFrom().item(new RevokeOutcome.BadReason());
        }
        return list(conversationId).chain(found -> {
            Optional<IdentityLinkView> link = found.orElse(List.of()).stream().filter(l -> l.id() == linkId).findFirst();
            if (link.isEmpty()) {
                return Uni.createFrom().item(new RevokeOutcome.NotFound());
            }
            if (!link.get().live()) {
                return Uni.createFrom().item(new RevokeOutcome.NotLive());
            }
            return revocations.byStaff(linkId, me.username(), why).chain(revoked -> {
                if (revoked.isEmpty()) {
                    return Uni.createFrom().item(new RevokeOutcome.NotLive());
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("conversationId", conversationId);
                detail.put("caseNumber", revoked.get().caseNumber());
                detail.put("reason", why);
                return audit.record(me.username(), AuditAction.IDENTITY_LINK_REVOKED, "identity_link",
                                Long.toString(linkId), detail)
                        .replaceWith(new RevokeOutcome.Revoked(IdentityLinkView.of(revoked.get(), Instant.now())));
            });
        });
    }
}
