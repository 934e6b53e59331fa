-- Finds our own addresses quickly: a message whose sender is one of them is never answered (reply loops).
create index conversation_bot_address on conversation (channel, bot_address);
