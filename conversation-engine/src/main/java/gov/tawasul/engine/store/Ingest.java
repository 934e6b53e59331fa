package gov.tawasul.engine.store;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@link Db} of the webhook acknowledgement path: the statements {@code inbox.Inbox} runs before a
 * provider gets its 2xx (messages stored, receipts, watermarks, reported opt-outs) run on the reactive pool of the
 * named datasource {@code ingest}, so that the reply path, which uses the default pool, can never make an
 * acknowledgement wait for a connection. Only the stores use it, each for its own table's ack-path statements.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Ingest {
}
