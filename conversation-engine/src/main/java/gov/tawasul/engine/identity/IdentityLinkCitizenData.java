package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.IdentityLink;
import gov.tawasul.engine.privacy.CitizenDataPart;
import gov.tawasul.engine.store.IdentityLinks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verified identity links of one citizen address in the citizen-data export and erasure
 * ({@code staff.privacy.CitizenData} collects every {@link CitizenDataPart}). Export: one map per link (case number,
 * linked/verified/expires/revoked times as ISO-8601 instants, who revoked and why); no code or code hash is ever
 * stored, so none is exported. Erase: every row of the address, its trail included ({@link IdentityLinks#eraseAddress}).
 */
@ApplicationScoped
public class IdentityLinkCitizenData implements CitizenDataPart {

    private final IdentityLinks links;

    IdentityLinkCitizenData(IdentityLinks links) {
        this.links = links;
    }

    @Override
    public String name() {
        return "identityLinks";
    }

    @Override
    public Uni<List<Map<String, Object>>> export(Address citizen) {
        return links.ofAddress(citizen).map(all -> all.stream().map(IdentityLinkCitizenData::row).toList());
    }

    @Override
    public Uni<Integer> erase(Address citizen) {
        return links.eraseAddress(citizen.channel(), citizen.value());
    }

    private static Map<String, Object> row(IdentityLink link) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("caseNumber", link.caseNumber());
        row.put("linkedAt", text(link.linkedAt()));
        row.put("verifiedAt", text(link.verifiedAt()));
        row.put("expiresAt", text(link.expiresAt()));
        row.put("revokedAt", text(link.revokedAt()));
        row.put("revokedBy", link.revokedBy());
        row.put("reason", link.reason());
        return row;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
