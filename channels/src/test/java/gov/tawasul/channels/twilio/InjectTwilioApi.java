package gov.tawasul.channels.twilio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link com.github.tomakehurst.wiremock.WireMockServer} field of a {@code @QuarkusTest} into which
 * {@link TwilioWireMockResource} puts the Twilio API it serves, e.g. {@code @InjectTwilioApi WireMockServer twilio;}.
 * Set before each test, once the resource has started the server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectTwilioApi {
}
