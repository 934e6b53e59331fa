package gov.tawasul.engine.store;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@link Db} of the statements whose best plan depends on their parameters' values: the reports and
 * their rollups (date ranges from a day to a year), the console's filtered conversation list (optional filters written
 * {@code $n is null or …}) and a citizen's export. They run on the pool of the named datasource {@code reporting},
 * whose connections plan each execution for its own parameters (PostgreSQL's {@code plan_cache_mode = auto}), while
 * the default and {@link Ingest} pools run the fixed short statements of the message path with one generic plan per
 * prepared statement ({@code force_generic_plan}: no planning on each call). Only the stores use it.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Reporting {
}
