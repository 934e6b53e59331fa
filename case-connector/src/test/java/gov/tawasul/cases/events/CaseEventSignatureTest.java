package gov.tawasul.cases.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static gov.tawasul.cases.events.CaseEventSignature.Verdict.INVALID;
import static gov.tawasul.cases.events.CaseEventSignature.Verdict.MISSING;
import static gov.tawasul.cases.events.CaseEventSignature.Verdict.STALE;
import static gov.tawasul.cases.events.CaseEventSignature.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

class CaseEventSignatureTest {

    private static final byte[] BODY = "{\"eventId\":\"evt-2026-000123\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_764_633_600L);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final List<String> SECRETS = List.of("new-secret", "old-secret");

    @Test
    void theReadmeExampleSignatureIsOpensslsHmac() {
        // printf '%s' "1764633600.{\"eventId\":\"evt-2026-000123\"}" | openssl dgst -sha256 -hmac new-secret
        assertThat(CaseEventSignature.header("new-secret", 1_764_633_600L, BODY)).isEqualTo(
                "t=1764633600,v1=" + java.util.HexFormat.of().formatHex(
                        CaseEventSignature.sign("new-secret", "1764633600", BODY)));
        assertThat(CaseEventSignature.header("new-secret", 1_764_633_600L, BODY)).hasSize(16 + 64);
    }

    @Test
    void verdicts() {
        long t = NOW.getEpochSecond();
        assertThat(verify(CaseEventSignature.header("new-secret", t, BODY))).isEqualTo(VALID);
        assertThat(verify(CaseEventSignature.header("old-secret", t, BODY))).isEqualTo(VALID);
        assertThat(verify(CaseEventSignature.header("new-secret", t, BODY).toUpperCase()
                .replace("T=", "t=").replace("V1=", "v1="))).isEqualTo(VALID);
        assertThat(verify(CaseEventSignature.header("new-secret", t - 300, BODY))).isEqualTo(VALID);
        assertThat(verify(CaseEventSignature.header("new-secret", t - 301, BODY))).isEqualTo(STALE);
        assertThat(verify(CaseEventSignature.header("new-secret", t + 301, BODY))).isEqualTo(STALE);
        assertThat(verify(CaseEventSignature.header("other", t, BODY))).isEqualTo(INVALID);
        // two v1 values during a rotation: one of them is enough
        assertThat(verify(CaseEventSignature.header("other", t, BODY) + ","
                + CaseEventSignature.header("old-secret", t, BODY).substring(("t=" + t + ",").length())))
                .isEqualTo(VALID);
        assertThat(verify(null)).isEqualTo(MISSING);
        assertThat(verify("")).isEqualTo(MISSING);
        assertThat(verify("v1=00")).isEqualTo(MISSING);
        assertThat(verify("t=abc,v1=00")).isEqualTo(MISSING);
        assertThat(verify("t=" + t + ",v1=xyz")).isEqualTo(MISSING);
        assertThat(verify("t=" + t)).isEqualTo(MISSING);
        assertThat(CaseEventSignature.verify(List.of(), CaseEventSignature.header("new-secret", t, BODY), BODY, NOW,
                WINDOW)).isEqualTo(INVALID);
    }

    private static CaseEventSignature.Verdict verify(String header) {
        return CaseEventSignature.verify(SECRETS, header, BODY, NOW, WINDOW);
    }
}
