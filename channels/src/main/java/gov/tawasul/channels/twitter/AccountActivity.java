package gov.tawasul.channels.twitter;

import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;

import java.util.List;

/**
 * What one Account Activity delivery means to the bot.
 *
 * @param messages DMs (citizens' messages and echoes of our own), in payload order; never null
 * @param reads    read receipts of citizens ({@code direct_message_mark_read_events}); never null
 */
public record AccountActivity(List<InboundMessage> messages, List<WatermarkReceipt> reads) {
    public AccountActivity {
        messages = List.copyOf(messages);
        reads = List.copyOf(reads);
    }
}
