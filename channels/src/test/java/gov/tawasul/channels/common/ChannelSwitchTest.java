package gov.tawasul.channels.common;

import gov.tawasul.channels.facebook.MessengerSwitch;
import gov.tawasul.channels.twilio.TwilioSwitch;
import gov.tawasul.engine.model.Channel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which credentials turn a channel on, which stop a prod start-up, and the start-up line. */
class ChannelSwitchTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void smsIsOnWithBothTwilioCredentialsOffWithNeither() {
        assertThat(TwilioSwitch.status(Optional.of(SID), Optional.of(TOKEN)))
                .satisfies(s -> {
                    assertThat(s.on()).isTrue();
                    assertThat(s.problems()).isEmpty();
                });
        ChannelStatus off = TwilioSwitch.status(Optional.empty(), Optional.of(" "));
        assertThat(off.on()).isFalse();
        assertThat(off.problems()).isEmpty();
        assertThat(off.howToTurnOn()).contains("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN");
    }

    @Test
    void placeholdersWrongFormatsAndHalfPairsAreProblemsNamingTheSetting() {
        assertThat(TwilioSwitch.status(Optional.of(SID), Optional.of("change-me"))
                .problems()).containsExactly("tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN): a placeholder, not a real credential");
        assertThat(TwilioSwitch.status(Optional.of(SID), Optional.of("0123456789abcdef"))
                .problems()).containsExactly("tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN): not 32 hexadecimal characters");
        assertThat(TwilioSwitch.status(
                Optional.of("AC00000000000000000000000000000000"), Optional.of(TOKEN)).problems())
                .singleElement().asString().startsWith("tawasul.twilio.account-sid");
        assertThat(TwilioSwitch.status(Optional.empty(), Optional.of(TOKEN)).problems())
                .containsExactly("tawasul.twilio.account-sid (TWILIO_ACCOUNT_SID): not set (both or neither)");
        ChannelStatus messenger = MessengerSwitch.status(Optional.of(""),
                Optional.of("fixture-verify-token"), Optional.of("EAAG0123456789abcdefghij"));
        assertThat(messenger.on()).isFalse();
        assertThat(messenger.problems()).containsExactly(
                "tawasul.facebook.app-secret (TAWASUL_FACEBOOK_APP_SECRET): not set (the three Messenger settings go together)");
        assertThat(MessengerSwitch.status(Optional.of("not-hex-at-all"),
                Optional.of("fixture-verify-token"), Optional.of("EAAG0123456789abcdefghij")).problems())
                .containsExactly("tawasul.facebook.app-secret (TAWASUL_FACEBOOK_APP_SECRET): not 32 hexadecimal characters");
        assertThat(Secrets.isPlaceholder("your_auth_token")).isTrue();
        assertThat(Secrets.isPlaceholder("xxxxxxxxxxxx")).isTrue();
        assertThat(Secrets.isPlaceholder(TOKEN)).isFalse();
    }

    @Test
    void aProblemStopsAProdStartUpAndIsAWarningElsewhere() {
        List<ChannelStatus> bad = List.of(new ChannelStatus(Channel.SMS, true, "",
                List.of("tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN): a placeholder, not a real credential")));
        assertThatThrownBy(() -> ChannelsOn.verify(bad, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tawasul.twilio.auth-token");
        assertThat(ChannelsOn.verify(bad, false)).get().asString().contains("tawasul.twilio.auth-token");
        assertThat(ChannelsOn.verify(List.of(new ChannelStatus(Channel.SMS, false, "set X", List.of())), true)).isEmpty();
    }

    @Test
    void theStartUpLineSaysWhatIsOnAndHowToTurnTheOthersOn() {
        assertThat(ChannelsOn.line(List.of(new ChannelStatus(Channel.SMS, true, "", List.of()),
                new ChannelStatus(Channel.TWITTER, false, "set TAWASUL_TWITTER_CONSUMER_KEY", List.of()))))
                .isEqualTo("Channels on: SMS. Off: X (set TAWASUL_TWITTER_CONSUMER_KEY).");
        assertThat(ChannelsOn.line(List.of(new ChannelStatus(Channel.EMAIL, false, "set A", List.of()))))
                .isEqualTo("Channels on: none. Off: e-mail (set A).");
    }
}
