package gov.tawasul.bench.chaos;

import java.util.Map;

/**
 * One webhook request as a provider sends it: path, headers (signature, content type), body bytes, and the citizen
 * address the bot should answer ({@code to} of the reply as the fake provider sees it; null for bodies that expect
 * no reply).
 */
record Inbound(String channel, String path, Map<String, String> headers, byte[] body, String citizen, String kind) {
}
