package gov.tawasul.staff.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Staff account settings ({@code tawasul.staff.accounts.*}, {@code tawasul.staff.bootstrap-admin.*}). */
public interface AccountsConfig {

    /** {@code tawasul.staff.bootstrap-admin.*}: the admin created on a first start with no staff at all. */
    @ConfigMapping(prefix = "tawasul.staff.bootstrap-admin")
    interface BootstrapAdmin {
        /** Username of the first admin ({@code TAWASUL_ADMIN_USER}). */
        @WithDefault("admin")
        String username();

        /**
         * Its password ({@code TAWASUL_ADMIN_PASSWORD}); when unset, a random one is generated and printed once to
         * the console.
         */
        Optional<String> password();
    }

    /** {@code tawasul.staff.password.*}: password rules and hashing. */
    @ConfigMapping(prefix = "tawasul.staff.password")
    interface Passwords {
        /** Shortest password accepted, in characters. */
        @WithDefault("10")
        int minLength();

        /** bcrypt cost (log2 of the rounds) of new hashes; 4 to 31. Existing hashes keep the cost they were made with. */
        @WithDefault("12")
        int bcryptCost();
    }
}
