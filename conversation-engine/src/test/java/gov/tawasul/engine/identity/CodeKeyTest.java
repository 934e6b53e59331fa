package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.store.DeploymentKeys;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code tawasul.identity.code-secret} the codes' HMAC key is the deployment's own key in PostgreSQL, so that
 * two instances (two {@link CodeMac}s) hash a code alike and one can check what the other sent; a key another instance
 * made first is the one used.
 */
@QuarkusTest
class CodeKeyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    DeploymentKeys keys;

    @Test
    void twoInstancesWithoutASecretHashACodeAlikeWithTheDatabaseKey() throws Exception {
        Address requester = new Address(Channel.TWITTER, "99" + System.nanoTime());
        String first = new CodeMac(withoutSecret(), keys).mac("1446-000123", requester, "042917").await().atMost(WAIT);
        String second = new CodeMac(withoutSecret(), keys).mac("1446-000123", requester, "042917").await().atMost(WAIT);
        assertThat(first).isEqualTo(second).hasSize(64);

        String secret = (String) TestDb.value("select secret from deployment_key where name = ?", CodeMac.KEY_NAME);
        assertThat(secret).matches("[0-9a-f]{96}");
        String input = "1446-000123\nTWITTER:" + SenderKey.canonical(requester) + "\n042917";
        assertThat(first).isEqualTo(hmac(secret, input));
        assertThat(new CodeMac(withoutSecret(), keys).mac("1446-000123", requester, "042918").await().atMost(WAIT))
                .as("another code, another hash").isNotEqualTo(first);
    }

    @Test
    void aKeyAnotherInstanceMadeFirstIsTheOneUsed() {
        String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
        TestDb.execute("insert into deployment_key (name, secret) values (?, 'made-by-the-other-instance')", name);
        assertThat(new String(keys.key(name).await().atMost(WAIT), StandardCharsets.UTF_8))
                .isEqualTo("made-by-the-other-instance");

        String fresh = "test-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] made = keys.key(fresh).await().atMost(WAIT);
        assertThat(new String(made, StandardCharsets.UTF_8)).matches("[0-9a-f]{96}")
                .isEqualTo(TestDb.value("select secret from deployment_key where name = ?", fresh));
        TestDb.execute("delete from deployment_key where name in (?, ?)", name, fresh);
    }

    /** An {@link IdentityConfig} whose code secret is unset (the other settings are not read by {@link CodeMac}). */
    private static IdentityConfig withoutSecret() {
        return (IdentityConfig) Proxy.newProxyInstance(IdentityConfig.class.getClassLoader(),
                new Class<?>[] {IdentityConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("codeSecret")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String hmac(String key, String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
