package gov.tawasul.staff.account;

import java.util.List;

/** A staff account request with invalid fields: answered 422 with the list of {@link FieldError}s. */
public class StaffValidationException extends RuntimeException {

    /**
     * One invalid field.
     *
     * @param field   JSON property name ({@code username}, {@code password}, …)
     * @param message what is wrong with it (English)
     */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    /** @param errors the invalid fields (at least one) */
    public StaffValidationException(List<FieldError> errors) {
        super("Invalid fields: " + errors);
        this.errors = List.copyOf(errors);
    }

    /** @return the invalid fields */
    public List<FieldError> errors() {
        return errors;
    }
}
