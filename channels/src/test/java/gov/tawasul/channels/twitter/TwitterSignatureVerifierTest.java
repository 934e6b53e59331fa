package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** CRC tokens and webhook signatures against the published and fixture vectors. */
class TwitterSignatureVerifierTest {

    @Test
    void crcFieldCaseF17() {
        assertThat(TwitterSignatureVerifier.crcResponseToken("fake_consumer_secret", "crc_test_token_123"))
                .isEqualTo("sha256=bAoXvsNHyeZH/1kfV/v0AwnxwpDGBUZZ5x5gtmy0zzU=");
    }

    @Test
    void crcPublishedAndFixtureVectors() {
        JsonNode crc = TwitterFixtures.json("twitter-signature-vectors.json").get("crc");
        int checked = 0;
        for (JsonNode v : crc.get("published_vectors")) {
            assertThat(TwitterSignatureVerifier.crcResponseToken(v.get("consumer_secret").asText(), v.get("crc_token").asText()))
                    .isEqualTo(v.get("expected_response_token").asText());
            checked++;
        }
        JsonNode f = crc.get("fixture_fake_secret");
        assertThat(TwitterSignatureVerifier.crcResponseToken(f.get("consumer_secret").asText(), f.get("crc_token").asText()))
                .isEqualTo(f.get("response_token").asText());
        assertThat(checked).isEqualTo(2);
    }

    @Test
    void crcOfTheQuickstartRequestFile() {
        String txt = TwitterFixtures.text("twitter-aaa-crc.txt");
        Matcher token = Pattern.compile("crc_token=([^&\\s]+)").matcher(txt);
        Matcher expected = Pattern.compile("\\{\"response_token\":\"([^\"]+)\"}").matcher(txt);
        assertThat(token.find()).isTrue();
        assertThat(expected.find()).isTrue();
        assertThat(token.group(1)).isEqualTo("fixture-crc-token-0001");
        assertThat(TwitterSignatureVerifier.crcResponseToken(TwitterFixtures.SECRET, token.group(1)))
                .isEqualTo(expected.group(1))
                .isEqualTo("sha256=pzXeGRl6uxsxALQkSdcshMLd+aX7nzB5o3CkqT6UpXQ=");
    }

    @Test
    void publishedPostSignatureVectors() {
        JsonNode sig = TwitterFixtures.json("twitter-signature-vectors.json").get("signature");
        int checked = 0;
        for (JsonNode v : sig.get("published_vectors")) {
            byte[] body = v.get("raw_body").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(TwitterSignatureVerifier.isValid(v.get("consumer_secret").asText(), body, v.get("expected").asText()))
                    .as(v.get("source").asText()).isTrue();
            checked++;
        }
        assertThat(checked).isEqualTo(5);
    }

    @Test
    void everyFixtureSignatureIsValidOverTheRawBytesAndForgeriesAreNot() {
        JsonNode fixtures = TwitterFixtures.json("twitter-signature-vectors.json").get("signature").get("fixture_signatures");
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = fixtures.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!TwitterFixtures.exists(e.getKey())) {
                continue; // listed in SOURCES.md but not shipped
            }
            byte[] body = TwitterFixtures.bytes(e.getKey());
            String header = e.getValue().get("x_twitter_webhooks_signature").asText();
            assertThat(body).as(e.getKey()).hasSize(e.getValue().get("body_bytes").asInt());
            assertThat(TwitterSignatureVerifier.isValid(TwitterFixtures.SECRET, body, header)).as(e.getKey()).isTrue();
            assertThat(TwitterSignatureVerifier.isValid("fake_consumer_secret", body, header)).as(e.getKey()).isFalse();
            byte[] tampered = body.clone();
            tampered[tampered.length - 2] ^= 1;
            assertThat(TwitterSignatureVerifier.isValid(TwitterFixtures.SECRET, tampered, header)).as(e.getKey()).isFalse();
            assertThat(TwitterSignatureVerifier.isValid(TwitterFixtures.SECRET, body, null)).isFalse();
            assertThat(TwitterSignatureVerifier.isValid(TwitterFixtures.SECRET, body, header.replace("sha256=", "")))
                    .isFalse();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    @Test
    void reSerialisedUnicodeBodyDoesNotVerify() throws Exception {
        byte[] raw = TwitterFixtures.bytes("twitter-aaa-dm-event-unicode.json");
        String header = "sha256=qtRO0sJ7EcmpQKscOsj4Ix5cAGnaCjKbt5xcsh/X9ys=";
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] reSerialised = mapper.writeValueAsBytes(mapper.readTree(raw));
        assertThat(TwitterSignatureVerifier.isValid(TwitterFixtures.SECRET, raw, header)).isTrue();
        assertThat(TwitterSignatureVerifier.isValid(TwitterFixtures.SECRET, reSerialised, header)).isFalse();
    }
}
