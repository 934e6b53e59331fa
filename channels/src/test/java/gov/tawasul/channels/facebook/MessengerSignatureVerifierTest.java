package gov.tawasul.channels.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessengerSignatureVerifierTest {

    /** Field case F16: exactly these bytes, secret fake_app_secret. */
    static final String F16_BODY = "{\"object\":\"page\",\"entry\":[{\"id\":\"111111111111111\",\"time\":1700000000000,"
            + "\"messaging\":[{\"sender\":{\"id\":\"2222222222222222\"},\"recipient\":{\"id\":\"111111111111111\"},"
            + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_TEST1\",\"text\":\"\\u0631\\u0642\\u0645 "
            + "\\u0627\\u0644\\u0642\\u0636\\u064a\\u0629 \\u0661\\u0662\\u0663\"}}]}]}";
    static final String F16_SIGNATURE = "sha256=7bc3a2848e79ab7a0d64233a27ddb7ce96e2a764bd0443f7370c80b4bc26fecf";

    @Test
    void everyFixtureVerifiesWithItsPublishedSignature() {
        JsonNode sigs = FbFixtures.vectors().path("fixture_signatures");
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sigs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!FbFixtures.exists(e.getKey())) {
                continue; // fb-messenger-delivery.json is listed but not shipped
            }
            byte[] body = FbFixtures.bytes(e.getKey());
            assertThat(body).hasSize(e.getValue().path("body_bytes").asInt());
            assertThat(MessengerSignatureVerifier.verify(e.getValue().path("app_secret").asText(), body,
                    e.getValue().path("x_hub_signature_256").asText())).as(e.getKey()).isTrue();
            checked.add(e.getKey());
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(12).contains("fb-messenger-text-arabic-emoji.json");
    }

    @Test
    void publishedBodiesVerifyWithTheirSha256() {
        for (JsonNode v : FbFixtures.vectors().path("published_vectors")) {
            String secret = v.has("app_secret") ? v.path("app_secret").asText() : v.path("secret").asText();
            String expected = v.has("computed_here_x_hub_signature_256")
                    ? v.path("computed_here_x_hub_signature_256").asText()
                    : v.path("expected_x_hub_signature_256").asText();
            byte[] body = v.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(MessengerSignatureVerifier.verify(secret, body, expected)).as(v.path("source").asText()).isTrue();
        }
    }

    @Test
    void fieldCaseF16VerifiesOverRawBytes() {
        byte[] body = F16_BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(MessengerSignatureVerifier.verify("fake_app_secret", body, F16_SIGNATURE)).isTrue();
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, body, F16_SIGNATURE)).isFalse();
    }

    @Test
    void reserialisedBodiesFail() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // F16: decoded to UTF-8 and written back (same key order) is not what Meta signed
        byte[] f16 = json.writeValueAsBytes(json.readTree(F16_BODY));
        assertThat(new String(f16, StandardCharsets.UTF_8)).contains("رقم القضية ١٢٣");
        assertThat(MessengerSignatureVerifier.verify("fake_app_secret", f16, F16_SIGNATURE)).isFalse();

        for (String name : List.of("fb-messenger-text-arabic-emoji.json", "fb-messenger-attachment-sticker.json",
                "fb-messenger-echo-template.json")) {
            byte[] reserialised = json.writeValueAsBytes(json.readTree(FbFixtures.bytes(name)));
            JsonNode v = FbFixtures.vectors().path("fixture_signatures").path(name);
            assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, reserialised, FbFixtures.signature(name)))
                    .as(name).isFalse();
            // the value the vectors file gives for a re-serialised body never verifies what Meta sent
            assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, FbFixtures.bytes(name),
                    v.path("WRONG_if_body_is_parsed_and_reserialized_as_utf8").asText())).as(name).isFalse();
        }
    }

    @Test
    void forgedMissingOrUnconfiguredFail() {
        byte[] body = FbFixtures.bytes("fb-messenger-text.json");
        String good = FbFixtures.signature("fb-messenger-text.json");
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, body, good)).isTrue();
        String forged = good.substring(0, good.length() - 1) + (good.endsWith("6") ? "7" : "6");
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, body, forged)).isFalse();
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, body, null)).isFalse();
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, body, "")).isFalse();
        assertThat(MessengerSignatureVerifier.verify("another-secret", body, good)).isFalse();
        assertThat(MessengerSignatureVerifier.verify(null, body, good)).isFalse();
        // the legacy sha1 header value is not accepted as X-Hub-Signature-256
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, body,
                "sha1=20f58b19354aa551e43bbfb9e2fdf91f805b1d48")).isFalse();
        // one byte more (a trailing newline added by a proxy) breaks it
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
        longer[body.length] = '\n';
        assertThat(MessengerSignatureVerifier.verify(FbFixtures.APP_SECRET, longer, good)).isFalse();
    }
}
