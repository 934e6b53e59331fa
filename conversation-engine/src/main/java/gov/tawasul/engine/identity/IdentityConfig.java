package gov.tawasul.engine.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Verified identity by one-time code, and the limits that keep it cheap and unguessable ({@code tawasul.identity.*}). */
@ConfigMapping(prefix = "tawasul.identity")
public interface IdentityConfig {

    /**
     * Key of the HMAC-SHA256 under which codes are kept in Redis (a code is never stored in clear). The same value on
     * every instance (a code sent by one is checked by another), 32 characters or more, e.g. {@code openssl rand
     * -base64 32}. Unset: the deployment's own random key, made once in PostgreSQL ({@code deployment_key}
     * {@code identity-code}) and shared by every instance through it.
     */
    Optional<String> codeSecret();

    /** How long a code may be used. */
    @WithDefault("5m")
    Duration codeTtl();

    /** Wrong attempts after which a code is void. */
    @WithDefault("3")
    int maxTries();

    /** How long a verified (channel, address) may see the case before it must verify again. */
    @WithDefault("90d")
    Duration linkTtl();

    /**
     * Codes offered for one case number per day (Asia/Riyadh day), counted whether or not the number is a case, so
     * that the limit tells nothing of which numbers exist.
     */
    @WithDefault("3")
    int maxCodesPerCasePerDay();

    /** Codes one requesting (channel, address) may ask for per day. */
    @WithDefault("5")
    int maxCodesPerAddressPerDay();

    /** Code SMS/e-mails the whole service sends per clock hour (against SMS pumping), all instances together. */
    @WithDefault("200")
    int maxCodesPerHour();

    /** Distinct senders asking about one case number within a clock hour from which operators are told (once). */
    @WithDefault("20")
    int lookupReportSenders();
}
