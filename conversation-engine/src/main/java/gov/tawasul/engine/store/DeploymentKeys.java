package gov.tawasul.engine.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads {@code deployment_key}: one random secret per name, shared by every instance of the deployment
 * because it lives in the database they share. The first instance that asks for a name makes it (96 hex digits from
 * three {@code gen_random_uuid()}, i.e. 366 random bits; {@code insert … on conflict do nothing} then a read, so two
 * instances asking at once get the same value: the one that lost the race reads the winner's row); later reads come from this instance's memory. A failed read (database
 * down) fails the {@link Uni} and is tried again on the next call.
 */
@ApplicationScoped
public class DeploymentKeys {

    private static final String ENSURE = """
            with made as (
                insert into deployment_key (name, secret)
                values ($1, replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
                on conflict (name) do nothing
                returning secret)
            select secret from made
            union all
            select secret from deployment_key where name = $1
            limit 1""";

    private static final String READ = "select secret from deployment_key where name = $1";

    private final Db db;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    DeploymentKeys(Db db) {
        this.db = db;
    }

    /**
     * @param name what the key is for, e.g. {@code identity-code} (at most 64 characters)
     * @return the key's bytes (UTF-8 of its hex text), the same on every instance and across restarts
     */
    public Uni<byte[]> key(String name) {
        byte[] cached = known.get(name);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        // an instance that lost the race to make the key may not see the winner's row in its statement's snapshot:
        // then one more read, in a statement of its own, does
        return db.first(ENSURE, r -> r.getString("secret"), name)
                .chain(made -> made.isPresent() ? Uni.createFrom().item(made)
                        : db.first(READ, r -> r.getString("secret"), name))
                .map(secret -> secret.orElseThrow(() -> new IllegalStateException("deployment key " + name + " not made"))
                        .getBytes(StandardCharsets.UTF_8))
                .invoke(bytes -> known.put(name, bytes));
    }
}
