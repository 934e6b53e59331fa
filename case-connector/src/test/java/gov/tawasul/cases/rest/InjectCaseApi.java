package gov.tawasul.cases.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link com.github.tomakehurst.wiremock.WireMockServer} field of a {@code @QuarkusTest} into which
 * {@link CaseApiWireMock} puts the case-management API it serves, e.g. {@code @InjectCaseApi WireMockServer caseApi;}.
 * Set before each test, once the test profile has started the server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectCaseApi {
}
