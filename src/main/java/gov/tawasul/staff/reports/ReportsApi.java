package gov.tawasul.staff.reports;

import gov.tawasul.staff.account.StaffIdentity;
import gov.tawasul.staff.account.StaffMember;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code GET /api/staff/reports/summary?from=yyyy-MM-dd&to=yyyy-MM-dd&channel=sms}: the reports page's figures as
 * JSON ({@link ReportSummary}), for supervisors and administrators (agents 403, no session 401, problem+json).
 * Days are {@code tawasul.staff.time-zone} days, both included; default the last 7 days. Bad dates, a channel
 * that does not exist, {@code to} before {@code from} or more than 366 days: 400.
 */
@Path("/api/staff/reports")
@RolesAllowed("SUPERVISOR")
@Tag(name = "Reports")
public class ReportsApi {

    @Inject
    Reports reports;
    @Inject
    SecurityIdentity identity;
    @ConfigProperty(name = "tawasul.staff.time-zone", defaultValue = "Asia/Riyadh")
    String timeZone;

    /**
     * @param from    first day, {@code yyyy-MM-dd} (default: six days before {@code to})
     * @param to      last day, included (default: today)
     * @param channel wire name of one channel, or absent for all
     * @return the figures; provider error meanings in the staff member's language
     */
    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report figures of a period",
            description = "Messages per channel and hour/day, conversations, citizens, bot answers and answer time, "
                    + "delivery success and provider errors, handoffs and SLA breaches (office time), case queries.")
    @APIResponse(responseCode = "200", description = "the figures")
    @APIResponse(responseCode = "400", description = "malformed date or channel, to before from, over 366 days")
    @APIResponse(responseCode = "401", description = "no staff session")
    @APIResponse(responseCode = "403", description = "not a supervisor or administrator")
    public Uni<ReportSummary> summary(
            @Parameter(description = "first day yyyy-MM-dd (Asia/Riyadh)") @QueryParam("from") String from,
            @Parameter(description = "last day yyyy-MM-dd, included") @QueryParam("to") String to,
            @Parameter(description = "sms, whatsapp, facebook, twitter, email or webchat") @QueryParam("channel") String channel) {
        ReportPeriod period = ReportPeriod.parse(from, to, channel, ZoneId.of(timeZone), Instant.now());
        String lang = StaffIdentity.member(identity).map(StaffMember::locale).orElse("ar");
        return reports.summary(period, lang);
    }
}
