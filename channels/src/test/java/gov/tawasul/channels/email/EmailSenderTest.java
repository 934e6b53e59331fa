package gov.tawasul.channels.email;

import gov.tawasul.engine.model.SendResult;
import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failed SMTP send is classified (the relay's answers as Vert.x mail reports them). */
class EmailSenderTest {

    @Test
    void aPermanentRefusalIsFinalWithTheEnhancedStatusCode() {
        SMTPException refused = new SMTPException("sending to mail.example.com failed", 550,
                List.of("550 5.1.1 <nobody.here@mail.example.com>: Recipient address rejected"), true);
        SendResult result = EmailSender.classify(new CompletionException(refused));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(result.errorCode()).isEqualTo("5.1.1");
        assertThat(result.errorMessage()).contains("Recipient address rejected");
    }

    @Test
    void aPermanentRefusalWithoutEnhancedCodeKeepsTheReplyCode() {
        SMTPException refused = new SMTPException("rcpt", 554, List.of("554 Transaction failed"), false);
        assertThat(EmailSender.classify(refused).errorCode()).isEqualTo("554");
        assertThat(EmailSender.classify(refused).outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
    }

    @Test
    void aTransientRefusalATimeoutAndAConnectionFailureAreRetried() {
        SMTPException greylisted = new SMTPException("rcpt", 451, List.of("451 4.7.1 Greylisted, try again later"),
                true);
        SendResult grey = EmailSender.classify(greylisted);
        assertThat(grey.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(grey.errorCode()).isEqualTo("4.7.1");
        assertThat(EmailSender.classify(new CompletionException(new TimeoutException("60s"))).outcome())
                .isEqualTo(SendResult.Outcome.RETRY);
        SendResult refused = EmailSender.classify(new RuntimeException(new java.net.ConnectException("refused")));
        assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.RETRY);
        assertThat(refused.errorCode()).isEqualTo("smtp-unavailable");
    }

    @Test
    void anAddressTheMailerRefusesIsFinal() {
        SendResult result = EmailSender.classify(new IllegalArgumentException("Unable to send an email, an email "
                + "address is invalid"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(result.errorCode()).isEqualTo("invalid-recipient");
    }
}
