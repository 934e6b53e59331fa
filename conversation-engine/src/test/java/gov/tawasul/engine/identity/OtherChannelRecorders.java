package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.port.ChannelSender;
import gov.tawasul.engine.testing.RecordingSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * Senders of the other channels for engine tests (enabled by {@link PrivacyTestProfile}): each records into the
 * {@link RecordingSender}, so that a script sees every channel's replies in one place, and no channel is involved.
 */
final class OtherChannelRecorders {

    private OtherChannelRecorders() {
    }

    /** Records instead of sending. */
    abstract static class Recorder implements ChannelSender {
        @Inject
        RecordingSender record;

        @Override
        public SendResult send(OutboundMessage message) {
            record.record(message);
            return SendResult.accepted("TEST-" + message.id() + "-" + message.attempt(), DeliveryStatus.SENT);
        }

        @Override
        public int maxTextLength() {
            return 2000;
        }
    }

    /** Messenger. */
    @Alternative
    @ApplicationScoped
    static class Messenger extends Recorder {
        @Override
        public Channel channel() {
            return Channel.FACEBOOK;
        }
    }

    /** X. */
    @Alternative
    @ApplicationScoped
    static class X extends Recorder {
        @Override
        public Channel channel() {
            return Channel.TWITTER;
        }
    }

    /** WhatsApp. */
    @Alternative
    @ApplicationScoped
    static class WhatsApp extends Recorder {
        @Override
        public Channel channel() {
            return Channel.WHATSAPP;
        }
    }

    /** Web chat. */
    @Alternative
    @ApplicationScoped
    static class WebChat extends Recorder {
        @Override
        public Channel channel() {
            return Channel.WEBCHAT;
        }
    }
}
