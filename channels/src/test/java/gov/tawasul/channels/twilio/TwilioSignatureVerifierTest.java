package gov.tawasul.channels.twilio;

import gov.tawasul.engine.PublicUrl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio signature checks against published SDK vectors, field cases F01–F04 and every twilio-* fixture. */
class TwilioSignatureVerifierTest {

    private static final String DOCS_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final List<FormParams.Pair> DOCS_PARAMS = List.of(
            new FormParams.Pair("CallSid", "CA1234567890ABCDE"), new FormParams.Pair("Caller", "+14158675309"),
            new FormParams.Pair("Digits", "1234"), new FormParams.Pair("From", "+14158675309"),
            new FormParams.Pair("To", "+18005551212"));

    private final TwilioSignatureVerifier docs = new TwilioSignatureVerifier(TwilioFixtures.DOCS_TOKEN);
    private final TwilioSignatureVerifier fixtures = new TwilioSignatureVerifier(TwilioFixtures.FIXTURE_TOKEN);

    @Test
    void f01_publicHttpsUrlBehindProxyIsValid_andTheInternalHttpUrlIsNot() {
        FormParams params = FormParams.of(DOCS_PARAMS);
        String publicUrl = PublicUrl.of("https://mycompany.com/").resolve("/myapp.php", "foo=1&bar=2");
        assertThat(publicUrl).isEqualTo(DOCS_URL);
        assertThat(docs.isValid(publicUrl, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        // what a server that trusts its own view (http, internal host) would check against
        assertThat(docs.isValid("http://mycompany.com/myapp.php?foo=1&bar=2", params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .isFalse();
        // a signature computed over the http URL (the bug) is not accepted for the public https URL
        assertThat(docs.isValid(publicUrl, params, "OyGYPqTF6ztdbRNCvuQO/oPvqQ4=")).isFalse();
        assertThat(docs.sign("http://mycompany.com/myapp.php?foo=1&bar=2", DOCS_PARAMS))
                .isEqualTo("OyGYPqTF6ztdbRNCvuQO/oPvqQ4=");
    }

    @Test
    void f02_portsAcceptedWithAndWithout() {
        FormParams params = FormParams.of(DOCS_PARAMS);
        assertThat(docs.isValid("https://mycompany.com:1234/myapp.php?foo=1&bar=2", params,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
        assertThat(docs.isValid(DOCS_URL, params, "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
        assertThat(docs.isValid("http://mycompany.com:1234/myapp.php?foo=1&bar=2", params,
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isTrue();
        assertThat(docs.isValid("http://mycompany.com/myapp.php?foo=1&bar=2", params,
                "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isTrue();
        assertThat(docs.isValid("https://mycompany.com:1234/myapp.php?foo=1&bar=2", params,
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isFalse();
    }

    @Test
    void f03_repeatedKeysSortedByKeyThenValue() {
        FormParams params = FormParams.parse("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(params.hasRepeatedNames()).isTrue();
        assertThat(docs.isValid(DOCS_URL, params, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isTrue();
        // also through the port variants, like the SDK
        assertThat(docs.isValid("https://mycompany.com:443/myapp.php?foo=1&bar=2", params,
                "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isTrue();
        // twilio-node de-duplicates identical pairs: [5678,1234,1234] gives the same signature
        FormParams tripled = FormParams.parse("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(docs.isValid(DOCS_URL, tripled, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isTrue();
        // a changed value breaks it
        FormParams changed = FormParams.parse("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1235"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(docs.isValid(DOCS_URL, changed, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isFalse();
        // the map-based SDK call would keep one Digits only and fail: the reason for the pair list
        assertThat(new com.twilio.security.RequestValidator("12345")
                .validate(DOCS_URL, params.asMap(), "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isFalse();
    }

    @Test
    void f03_repeatedNameVectorFromTwilioNode() {
        FormParams params = FormParams.parse(
                "MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(docs.isValid(DOCS_URL, params, "83O6e2vORAoJHUNzJjDWN1jz+BA=")).isTrue();
    }

    @Test
    void f04_plusOfE164SurvivesFormDecoding() {
        byte[] body = ("AccountSid=AC00000000000000000000000000000000&ApiVersion=2010-04-01&Body=STATUS+12345"
                + "&From=%2B14155550100&MessageSid=SM00000000000000000000000000000001&NumMedia=0&NumSegments=1"
                + "&SmsMessageSid=SM00000000000000000000000000000001&SmsSid=SM00000000000000000000000000000001"
                + "&SmsStatus=received&To=%2B14155550199").getBytes(StandardCharsets.UTF_8);
        FormParams params = FormParams.parse(body);
        assertThat(params.first("From")).isEqualTo("+14155550100");
        assertThat(params.first("Body")).isEqualTo("STATUS 12345");
        assertThat(docs.isValid("https://bot.example.com/twilio/sms", params, "b1wMa4bwJzw/Q3H4Rq01F5WGJYE="))
                .isTrue();
    }

    @Test
    void everyPublishedFormVectorValidates() {
        JsonNode vectors = TwilioFixtures.json("twilio-signature-vectors.json").path("published_vectors");
        int checked = 0;
        for (JsonNode v : vectors) {
            List<FormParams.Pair> pairs = new ArrayList<>();
            JsonNode params = v.path("params");
            if (params.isArray()) {
                params.forEach(p -> pairs.add(new FormParams.Pair(p.get(0).asText(), p.get(1).asText())));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    pairs.add(new FormParams.Pair(e.getKey(), e.getValue().asText()));
                }
            }
            TwilioSignatureVerifier verifier = new TwilioSignatureVerifier(v.path("auth_token").asText());
            assertThat(verifier.isValid(v.path("url").asText(), FormParams.of(pairs),
                    v.path("expected_x_twilio_signature").asText())).as(v.path("description").asText()).isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyTwilioFixtureValidatesWithItsOwnSignature_andFailsForAnotherUrl() {
        JsonNode sigs = TwilioFixtures.json("twilio-signature-vectors.json").path("fixture_signatures");
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = sigs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!TwilioFixtures.exists(e.getKey())) {
                continue; // listed in SOURCES.md but not shipped (twilio-sms-inbound-current.form)
            }
            byte[] body = TwilioFixtures.bytes(e.getKey());
            assertThat(body).as(e.getKey()).hasSize(e.getValue().path("body_bytes").asInt());
            FormParams params = FormParams.parse(body);
            String url = e.getValue().path("url").asText();
            String signature = e.getValue().path("x_twilio_signature").asText();
            assertThat(fixtures.isValid(url, params, signature)).as(e.getKey()).isTrue();
            assertThat(fixtures.isValid(url.replace("https://", "http://"), params, signature)).as(e.getKey())
                    .isFalse();
            assertThat(docs.isValid(url, params, signature)).as("wrong token " + e.getKey()).isFalse();
            checked++;
        }
        assertThat(checked).isEqualTo(16);
    }

    @Test
    void proxyAndPortMismatchDemo() {
        JsonNode demo = TwilioFixtures.json("twilio-signature-vectors.json").path("proxy_and_port_mismatch_demo");
        FormParams basic = FormParams.parse(TwilioFixtures.bytes("twilio-sms-inbound-basic.form"));
        String url = demo.path("public_url_signed_by_twilio").asText();
        assertThat(fixtures.isValid(url, basic, demo.path("correct_signature").asText())).isTrue();
        assertThat(fixtures.isValid(url, basic, demo.path("if_app_rebuilds_http_scheme").path("signature").asText()))
                .isFalse();
        assertThat(fixtures.isValid(url, basic,
                demo.path("if_app_rebuilds_internal_host_port").path("signature").asText())).isFalse();
        // signed with :443 is accepted for the port-less public URL (F02)
        assertThat(fixtures.isValid(url, basic, demo.path("if_app_adds_default_port_443").path("signature").asText()))
                .isTrue();
        // dropping the query string of the status URL changes the signature
        FormParams delivered = FormParams.parse(TwilioFixtures.bytes("twilio-status-callback-delivered.form"));
        assertThat(fixtures.isValid("https://bot.example.com/webhooks/twilio/status", delivered,
                TwilioFixtures.signatureOf("twilio-status-callback-delivered.form"))).isFalse();
        assertThat(fixtures.sign("https://bot.example.com/webhooks/twilio/status",
                sortedByName(delivered.pairs()))).isEqualTo(
                demo.path("if_app_drops_query_string_on_status_url").path("signature").asText());
    }

    @Test
    void missingOrBlankSignatureIsInvalid() {
        FormParams params = FormParams.of(DOCS_PARAMS);
        assertThat(docs.isValid(DOCS_URL, params, null)).isFalse();
        assertThat(docs.isValid(DOCS_URL, params, "")).isFalse();
        assertThat(docs.isValid(DOCS_URL, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8")).isFalse();
    }

    @Test
    void jsonBodiesWithBodySha256() {
        JsonNode file = TwilioFixtures.json("twilio-json-body-signature-vectors.json");
        int checked = 0;
        for (JsonNode v : file.path("vectors")) {
            TwilioSignatureVerifier verifier = new TwilioSignatureVerifier(v.path("auth_token").asText());
            String url = v.path("url").asText();
            String body = v.path("raw_body").asText();
            String sig = v.path("expected_x_twilio_signature").asText();
            assertThat(verifier.isValidJson(url, body, sig)).as(v.path("description").asText()).isTrue();
            assertThat(verifier.isValidJson(url, body + " ", sig)).as("tampered body").isFalse();
            checked++;
        }
        assertThat(checked).isEqualTo(3);
        JsonNode neg = file.path("negative");
        assertThat(docs.isValidJson(neg.path("url").asText(), neg.path("raw_body").asText(),
                neg.path("signature_that_must_not_validate").asText())).isFalse();
    }

    private static List<FormParams.Pair> sortedByName(List<FormParams.Pair> pairs) {
        List<FormParams.Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(java.util.Comparator.comparing(FormParams.Pair::name));
        return sorted;
    }
}
