package gov.tawasul.channels.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row a {@link WebhookCase} expects in a table of its channel: the named columns and their values. Only the
 * named columns are compared; the number of rows is always compared exactly. Built inline in a row of the table,
 * one fluent call per column.
 *
 * @param <T> the concrete kind, returned by the fluent calls
 */
public abstract class ExpectedRow<T extends ExpectedRow<T>> {

    private final Map<String, Object> columns = new LinkedHashMap<>();

    /** @return this row also expecting {@code value} (null included) in the column {@code name} */
    public T column(String name, Object value) {
        columns.put(name, value);
        @SuppressWarnings("unchecked") T self = (T) this;
        return self;
    }

    /** @return the expected columns, in the order they were named */
    public Map<String, Object> columns() {
        return Collections.unmodifiableMap(columns);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + columns;
    }
}
