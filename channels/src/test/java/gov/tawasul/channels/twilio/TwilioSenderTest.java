package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.PublicUrl;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.SendResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static gov.tawasul.channels.twilio.TwilioApiStubs.ACCOUNT_SID;
import static gov.tawasul.channels.twilio.TwilioApiStubs.MESSAGES_PATH;
import static gov.tawasul.channels.twilio.TwilioApiStubs.REPLY_SID;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a WireMock Twilio: request on the wire, classification of answers (F09, F10). */
class TwilioSenderTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final Address CITIZEN = new Address(Channel.SMS, "+15555550100");
    private static final Address BOT = new Address(Channel.SMS, "+15555550199");

    private WireMockServer twilio;
    private SimpleMeterRegistry metrics;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
        metrics = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private TwilioSender sender(String from, String apiUrl) {
        TwilioConfig config = new TwilioConfig() {
            @Override
            public Optional<String> accountSid() {
                return Optional.of(ACCOUNT_SID);
            }

            @Override
            public Optional<String> authToken() {
                return Optional.of(TOKEN);
            }

            @Override
            public Optional<String> from() {
                return Optional.ofNullable(from);
            }

            @Override
            public String apiUrl() {
                return apiUrl;
            }

            @Override
            public int maxConnections() {
                return 4;
            }
        };
        return new TwilioSender(config, new TwilioMessages(config, PublicUrl.of("https://bot.example.com")), metrics);
    }

    private TwilioSender sender(String from) {
        return sender(from, twilio.baseUrl());
    }

    private static OutboundMessage message(String text) {
        return new OutboundMessage(7, Origin.BOT, Channel.SMS, CITIZEN, BOT, text, "en", List.of(), Map.of(), 1);
    }

    private static String formValue(LoggedRequest request, String name) {
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void acceptedMessageGoesToTheConfiguredApiRootWithStatusCallback() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.created(REPLY_SID, "+15555550100", "+15555550199", "Case"));
        SendResult result = sender(null).send(message("Case 1446-000123: Under review"));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(result.providerMessageId()).isEqualTo(REPLY_SID);
        assertThat(result.status()).isEqualTo(DeliveryStatus.QUEUED);
        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        assertThat(requests).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.getBodyAsString()).contains("To=%2B15555550100").contains("From=%2B15555550199")
                .contains("StatusCallback=https%3A%2F%2Fbot.example.com%2Fwebhooks%2Ftwilio%2Fstatus");
        assertThat(formValue(r, "Body")).isEqualTo("Case 1446-000123: Under review");
        assertThat(r.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((ACCOUNT_SID + ":" + TOKEN).getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(metrics.find("tawasul.sms.segments").tag("encoding", "GSM7").summary().count()).isEqualTo(1);
    }

    @Test
    void arabicBodyIsUtf8OnTheWire_andCountedAsUcs2() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.created(REPLY_SID, "+15555550100", "+15555550199", "x"));
        String text = "حالة الطلب ١٤٤٦-٠٠٠١٢٣: قيد الدراسة";
        assertThat(sender(null).send(message(text)).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        LoggedRequest r = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).get(0);
        assertThat(formValue(r, "Body")).isEqualTo(text);
        assertThat(metrics.find("tawasul.sms.segments").tag("encoding", "UCS2").summary().totalAmount()).isEqualTo(1);
    }

    @Test
    void configuredNumberAndMessagingServiceSid() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.created(REPLY_SID, "+15555550100", "+15555550188", "x"));
        sender("+15555550188").send(message("hi"));
        sender("MG00000000000000000000000000000001").send(message("hi"));
        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        assertThat(formValue(requests.get(0), "From")).isEqualTo("+15555550188");
        assertThat(formValue(requests.get(1), "MessagingServiceSid")).isEqualTo("MG00000000000000000000000000000001");
        assertThat(formValue(requests.get(1), "From")).isNull();
    }

    @Test
    void f10_rateLimit20429IsRetriedByTheEngine_notSilentlyBySdk() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(429, 20429, "Too Many Requests"));
        SendResult result = sender(null).send(message("hi"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(result.errorCode()).isEqualTo("20429");
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)))).hasSize(1);
    }

    @Test
    void serverErrorIsRetriedOnce_perAttempt() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(503, 20503, "Service unavailable"));
        SendResult result = sender(null).send(message("hi"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)))).hasSize(1);
    }

    @Test
    void noAnswerIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SendResult result = sender(null, "http://127.0.0.1:" + closedPort).send(message("hi"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
    }

    @Test
    void f09_unsubscribed21610IsOptedOut() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 21610,
                "Attempt to send to unsubscribed recipient"));
        SendResult result = sender(null).send(message("hi"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.OPTED_OUT);
        assertThat(result.errorCode()).isEqualTo("21610");
    }

    @Test
    void otherClientErrorsAreFinalWithTheirCode() {
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 21211,
                "The 'To' number +1555 is not a valid phone number."));
        SendResult invalid = sender(null).send(message("hi"));
        assertThat(invalid.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(invalid.errorCode()).isEqualTo("21211");
        assertThat(invalid.errorMessage()).contains("not a valid phone number");

        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 21614, "'To' number is not a valid mobile number"));
        assertThat(sender(null).send(message("hi")).errorCode()).isEqualTo("21614");
        TwilioApiStubs.answer(twilio, TwilioApiStubs.error(400, 21408, "Permission to send an SMS has not been enabled"));
        assertThat(sender(null).send(message("hi")).outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
    }

    @Test
    void apiUrlPathIsKeptAsPrefix() {
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        urlPathEqualTo("/twilio-proxy" + MESSAGES_PATH))
                .willReturn(TwilioApiStubs.created(REPLY_SID, "+15555550100", "+15555550199", "x")));
        SendResult result = sender(null, twilio.baseUrl() + "/twilio-proxy/").send(message("hi"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
    }

    @Test
    void limits() {
        assertThat(sender(null).maxTextLength()).isEqualTo(1600);
        assertThat(sender(null).channel()).isEqualTo(Channel.SMS);
    }
}
