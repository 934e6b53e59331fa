package gov.tawasul.bench.jmh;

import com.twilio.security.RequestValidator;
import gov.tawasul.bench.data.FormBody;
import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.data.TwilioSignature;
import gov.tawasul.channels.common.HmacSha256;
import gov.tawasul.channels.twilio.FormParams;
import gov.tawasul.channels.twilio.TwilioSignatureVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Webhook signature checks per request: Twilio's {@code X-Twilio-Signature} over an inbound SMS's 19 parameters,
 * both as the app's webhook does it ({@link FormParams#parse} of the raw body + {@link TwilioSignatureVerifier}, which
 * delegates to the SDK) and with the Twilio SDK's {@link RequestValidator} alone; and Meta's
 * {@code X-Hub-Signature-256} with {@link HmacSha256} over a Messenger text event's raw body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignatureBench {

    private static final String TOKEN = "be0c0ffeebe0c0ffeebe0c0ffee00001";
    private static final String URL = "https://bot.example.gov.sa/webhooks/twilio/sms";
    private static final String APP_SECRET = "e6af24be1d683c8c911949f897eea1f6";

    private RequestValidator twilio;
    private TwilioSignatureVerifier verifier;
    private byte[] twilioBody;
    private Map<String, String> params;
    private String twilioSignature;
    private byte[] metaBody;
    private String metaHeader;

    @Setup
    public void setUp() {
        twilio = new RequestValidator(TOKEN);
        params = new InboundWebhooks("AC0be0c0ffee000000000000000000000b", "+15555550199", URL, new TwilioSignature(TOKEN))
                .params("SM0123456789abcdef0123456789abcdef", "+966500000001", "ما حالة القضية ١٤٤٦-٠٠٠١٢٣؟");
        twilioSignature = new TwilioSignature(TOKEN).sign(URL, params);
        verifier = new TwilioSignatureVerifier(TOKEN);
        twilioBody = FormBody.encode(params).getBytes(StandardCharsets.UTF_8);
        metaBody = ("{\"object\":\"page\",\"entry\":[{\"id\":\"106000000000001\",\"time\":1764400000000,\"messaging\":"
                + "[{\"sender\":{\"id\":\"24000000000000001\"},\"recipient\":{\"id\":\"106000000000001\"},"
                + "\"timestamp\":1764400000000,\"message\":{\"mid\":\"m_AbCdEf0123456789\",\"text\":"
                + "\"\\u0645\\u0627 \\u062d\\u0627\\u0644\\u0629 1446-000123\"}}]}]}").getBytes(StandardCharsets.UTF_8);
        metaHeader = HmacSha256.hexHeader(APP_SECRET, metaBody);
        if (!twilio.validate(URL, params, twilioSignature) || !twilioWebhookVerifier() || !metaCheck()) {
            throw new IllegalStateException("signature set-up is wrong");
        }
    }

    @Benchmark
    public boolean twilioRequestValidator() {
        return twilio.validate(URL, params, twilioSignature);
    }

    @Benchmark
    public boolean twilioWebhookVerifier() {
        return verifier.isValid(URL, FormParams.parse(twilioBody), twilioSignature);
    }

    @Benchmark
    public boolean metaHmacSha256() {
        return metaCheck();
    }

    private boolean metaCheck() {
        return HmacSha256.matches(HmacSha256.hexHeader(APP_SECRET, metaBody), metaHeader);
    }
}
