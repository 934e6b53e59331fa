package gov.tawasul.channels.email;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link TestMailServer} field of a {@code @QuarkusTest} into which {@link GreenMailResource} puts the
 * mail server it runs, e.g. {@code @InjectMailServer TestMailServer mail;}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectMailServer {
}
