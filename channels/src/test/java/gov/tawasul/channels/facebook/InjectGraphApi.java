package gov.tawasul.channels.facebook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link com.github.tomakehurst.wiremock.WireMockServer} field of a {@code @QuarkusTest} into which
 * {@link GraphApiMock} puts the Graph API it serves, e.g. {@code @InjectGraphApi WireMockServer graph;}.
 * Set before each test, once the resource has started the server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectGraphApi {
}
