package gov.tawasul.channels.twitter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link com.github.tomakehurst.wiremock.WireMockServer} field of a {@code @QuarkusTest} into which
 * {@link XApiWireMock} puts the X API it serves, e.g. {@code @InjectXApi WireMockServer x;}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectXApi {
}
