/**
 * One kind of webhook test for every channel, after nyaruka/courier's handler tests: a channel's webhook tests are
 * a table of {@link gov.tawasul.channels.common.WebhookCase} rows ("send this request, signed this way → expect this
 * status and these rows in PostgreSQL and these sends at the provider"), run by one
 * {@link gov.tawasul.channels.common.WebhookHarness} against the running {@code @QuarkusTest} app.
 * <p>
 * A channel supplies a {@link gov.tawasul.channels.common.WebhookChannel}: its name in the tables, how its
 * provider signs a webhook ({@link gov.tawasul.channels.common.WebhookSigner}, written in the channel's test
 * package), and its WireMock provider API ({@link gov.tawasul.channels.common.ProviderApi}, the server a Quarkus
 * test resource injected into the test). A new provider adds a table of rows, not a new kind of test.
 * Test code only.
 */
package gov.tawasul.channels.common;
