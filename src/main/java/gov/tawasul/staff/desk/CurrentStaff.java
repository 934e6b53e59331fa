package gov.tawasul.staff.desk;

import gov.tawasul.staff.account.StaffDirectory;
import gov.tawasul.staff.account.StaffMember;
import gov.tawasul.staff.console.ConsoleUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The staff member of the current request, as the console shows and checks them: the security identity's name
 * and roles, the display name and UI language from the staff directory (a single sign-on user who has no row yet
 * is shown by login name, in Arabic).
 */
@RequestScoped
public class CurrentStaff {

    private final SecurityIdentity identity;
    private final StaffDirectory directory;

    @Inject
    CurrentStaff(SecurityIdentity identity, StaffDirectory directory) {
        this.identity = identity;
        this.directory = directory;
    }

    /** @return the signed-in staff member (the request is authenticated: the security policy saw to it) */
    public Uni<ConsoleUser> get() {
        String username = identity.getPrincipal().getName();
        boolean admin = identity.hasRole("ADMIN");
        boolean supervisor = admin || identity.hasRole("SUPERVISOR");
        return directory.find(username).map(found -> found
                .map(m -> new ConsoleUser(username, displayName(m), supervisor, admin, lang(m)))
                .orElseGet(() -> new ConsoleUser(username, username, supervisor, admin, "ar")));
    }

    private static String displayName(StaffMember m) {
        return m.displayName() == null || m.displayName().isBlank() ? m.username() : m.displayName();
    }

    private static String lang(StaffMember m) {
        return "en".equals(m.locale()) ? "en" : "ar";
    }
}
