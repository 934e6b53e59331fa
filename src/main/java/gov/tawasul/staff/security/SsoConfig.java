package gov.tawasul.staff.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Single sign-on with the agency's OpenID Connect provider ({@code tawasul.staff.oidc.*}; the provider itself is
 * {@code quarkus.oidc.*}: auth-server-url, client-id, credentials.secret).
 */
@ConfigMapping(prefix = "tawasul.staff.oidc")
public interface SsoConfig {

    /** Whether {@code /console/login/sso} signs staff in through the provider (and the login page offers it). */
    @WithDefault("false")
    boolean enabled();

    /**
     * Claim of the ID token that holds the role: a string or a list of strings; values {@code AGENT},
     * {@code SUPERVISOR}, {@code ADMIN} in any case count, the highest wins, others are ignored. A path into nested
     * objects is written with {@code /} (e.g. {@code realm_access/roles}).
     */
    @WithDefault("groups")
    String roleClaim();

    /** Claim that becomes the username (lower case). */
    @WithDefault("preferred_username")
    String usernameClaim();

    /** Claim that becomes the display name (the username when absent). */
    @WithDefault("name")
    String displayNameClaim();
}
