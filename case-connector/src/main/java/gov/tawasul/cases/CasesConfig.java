package gov.tawasul.cases;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the case connector, prefix {@code tawasul.cases}. See the {@code tawasul.cases.*} block of
 * {@code application.properties} for each key's meaning.
 */
@ConfigMapping(prefix = "tawasul.cases")
public interface CasesConfig {

    /** @return {@code local} (the {@code cases} table, default) or {@code rest} (the case-management API). */
    @WithDefault("local")
    String connector();

    /** @return settings of the local table. */
    Local local();

    /** @return settings of the REST connector. */
    Rest rest();

    /** @return settings of case events pushed by the case system ({@code POST /api/case-events}). */
    Events events();

    /** @return settings of the watch mode (polling the REST connector for followed cases). */
    Watch watch();

    /**
     * @return how long a case the REST connector found is answered from the Redis cache without asking the case
     *         API again ({@code tawasul.cases.cache-ttl}); every case event replaces the entry at once, so this bounds
     *         only changes the case system does not push (contacts, next step, a system without events); {@code 0}
     *         = no cache
     */
    @WithDefault("5m")
    Duration cacheTtl();

    /**
     * @return how long a cached case is kept after it stopped being fresh ({@code tawasul.cases.cache-keep}), only to
     *         answer its last known status "as of" its update time while the case API is down
     */
    @WithDefault("24h")
    Duration cacheKeep();

    /** Settings of {@code tawasul.cases.watch}: for case systems that cannot push events. */
    interface Watch {
        /** @return whether followed cases are polled ({@code tawasul.cases.connector=rest} only). */
        @WithDefault("false")
        boolean enabled();

        /** @return every followed case is looked at once per interval, the calls spread over it. */
        @WithDefault("15m")
        Duration interval();

        /** @return most calls to the case API per minute the watch mode makes. */
        @WithDefault("60")
        int callsPerMinute();

        /** @return how often a slice of the followed cases is polled. */
        @WithDefault("60s")
        Duration tick();
    }

    /** Settings of {@code POST /api/case-events}. */
    interface Events {
        /**
         * @return the shared secrets an event may be signed with (several at once while one is rotated); none =
         *         the endpoint answers 404
         */
        Optional<java.util.List<String>> secrets();

        /** @return how far the signature's {@code t} may lie from our clock, either way (replay window). */
        @WithDefault("5m")
        Duration tolerance();

        /** @return largest body accepted, in bytes. */
        @WithDefault("65536")
        int maxBodyBytes();
    }

    /** Settings of {@code tawasul.cases.connector=local}. */
    interface Local {
        /** @return whether the bundled sample cases ({@code cases/seed-cases.csv}) are inserted at start (existing rows kept). */
        @WithDefault("true")
        boolean seed();

        /** @return a CSV file imported at start (upsert by case number); columns as {@link gov.tawasul.cases.local.CaseCsv}. */
        Optional<Path> importFile();
    }

    /** Settings of {@code tawasul.cases.connector=rest}. */
    interface Rest {
        /** @return base URL of the case-management API, e.g. {@code https://cases.example.gov/api}; required for rest. */
        Optional<URI> url();

        /** @return bearer token sent as {@code Authorization: Bearer …}; none when unset. */
        Optional<String> token();

        /** @return longest wait for an answer; after it the case system counts as unavailable. */
        @WithDefault("2s")
        Duration timeout();

        /** @return circuit breaker settings. */
        Circuit circuit();
    }

    /** Circuit breaker around the REST call: after too many failures, calls fail fast for {@link #delay()}. */
    interface Circuit {
        /** @return number of recent calls the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolume();

        /** @return failure ratio (0..1) over {@link #requestVolume()} calls that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** @return how long an open circuit fails fast before letting trial calls through. */
        @WithDefault("10s")
        Duration delay();
    }
}
