package gov.tawasul.engine.store;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.IdentityLink;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code identity_link} table (V16), its only writer: which (channel, address) proved with a one-time code that
 * it may see a case. A link is live until {@code expires_at} unless revoked; revoking keeps the row (the audit trail:
 * linked, verified, revoked when, by whom, why). Rows are deleted only by {@link #eraseAddress} (citizen-data erase).
 */
@ApplicationScoped
public class IdentityLinks {

    /** A new link, or the live one renewed (verified again: a new expiry). */
    private static final String LINK = """
            insert into identity_link (case_number, channel, address, expires_at)
            values ($1, $2, $3, now() + make_interval(secs => $4))
            on conflict (case_number, channel, address) where revoked_at is null
            do update set verified_at = now(), expires_at = excluded.expires_at
            returning *""";

    private static final String LIVE = """
            select case_number from identity_link
            where channel = $1 and address = $2 and case_number = any($3) and revoked_at is null and expires_at > now()""";

    private static final String OF_ADDRESS = """
            select * from identity_link where channel = $1 and address = $2 order by id desc limit 50""";

    private static final String REVOKE = """
            update identity_link set revoked_at = now(), revoked_by = $2, reason = $3
            where id = $1 and revoked_at is null returning *""";

    private static final String REVOKE_ALL = """
            update identity_link set revoked_at = now(), revoked_by = $3, reason = $4
            where channel = $1 and address = $2 and revoked_at is null and expires_at > now()""";

    private static final String REVOKE_CASE = """
            update identity_link set revoked_at = now(), revoked_by = $4, reason = $5
            where channel = $1 and address = $2 and case_number = $3 and revoked_at is null and expires_at > now()""";

    private static final String ERASE = "delete from identity_link where channel = $1 and address = $2";

    /**
     * SQL: whether the citizen of the conversation aliased {@code alias} holds any live link (a read for another
     * store's statement: the reply path skips {@link #liveCases} when there is none).
     */
    static String anyLiveFor(String alias) {
        return ("exists (select 1 from identity_link k where k.channel = %1$s.channel "
                + "and k.address = %1$s.citizen_address and k.revoked_at is null and k.expires_at > now())")
                .formatted(alias);
    }

    private final Db db;

    IdentityLinks(Db db) {
        this.db = db;
    }

    /**
     * Links {@code address} to the case for {@code ttl} from now (a live link is renewed, its {@code linked_at} kept).
     *
     * @return the link as stored
     */
    public Uni<IdentityLink> link(String caseNumber, Address address, Duration ttl) {
        return db.first(LINK, IdentityLinks::fromRow, caseNumber, address.channel().name(), address.value(),
                (double) ttl.toSeconds()).map(Optional::orElseThrow);
    }

    /** @return those of {@code caseNumbers} that {@code address} is linked to now (live, not revoked) */
    public Uni<List<String>> liveCases(Address address, List<String> caseNumbers) {
        if (caseNumbers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.list(LIVE, r -> r.getString("case_number"), address.channel().name(), address.value(),
                caseNumbers.toArray(String[]::new));
    }

    /** @return the newest 50 links of {@code address}, live, expired and revoked, newest first */
    public Uni<List<IdentityLink>> ofAddress(Address address) {
        return db.list(OF_ADDRESS, IdentityLinks::fromRow, address.channel().name(), address.value());
    }

    /**
     * Revokes one link.
     *
     * @param revokedBy who: {@code staff:<username>} or {@code citizen}
     * @param reason    why (shown in the trail), not blank
     * @return the revoked link, or empty when there is no such link or it was revoked already
     */
    public Uni<Optional<IdentityLink>> revoke(long id, String revokedBy, String reason) {
        return db.first(REVOKE, IdentityLinks::fromRow, id, revokedBy, reason);
    }

    /** Revokes every live link of {@code address} (the citizen's STOP); @return how many */
    public Uni<Integer> revokeAll(Address address, String revokedBy, String reason) {
        return db.update(REVOKE_ALL, address.channel().name(), address.value(), revokedBy, reason);
    }

    /** Revokes the live link of {@code address} to one case ("STOP &lt;case&gt;"); @return how many (0 or 1) */
    public Uni<Integer> revokeCase(Address address, String caseNumber, String revokedBy, String reason) {
        return db.update(REVOKE_CASE, address.channel().name(), address.value(), caseNumber, revokedBy, reason);
    }

    /**
     * Deletes every row of the address, trail included — for the citizen-data erase only (the lead wires it).
     *
     * @return how many rows were deleted
     */
    public Uni<Integer> eraseAddress(Channel channel, String address) {
        return db.update(ERASE, channel.name(), address);
    }

    private static IdentityLink fromRow(Row r) {
        return new IdentityLink(r.getLong("id"), r.getString("case_number"),
                new Address(Channel.valueOf(r.getString("channel")), r.getString("address")),
                instant(r.getOffsetDateTime("linked_at")), instant(r.getOffsetDateTime("verified_at")),
                instant(r.getOffsetDateTime("expires_at")), instant(r.getOffsetDateTime("revoked_at")),
                r.getString("revoked_by"), r.getString("reason"));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
