package gov.tawasul.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * The reader of the staff API's JSON bodies ({@code @CustomDeserialization(StrictJson.class)} on a resource method):
 * Quarkus' {@link ObjectMapper} with Jackson's scalar coercions refused, so that {@code {"text": 5}} or
 * {@code {"supervisor": "yes"}} is a 400 (problem+json, {@link ProblemExceptionMappers#malformedJson}) naming the field,
 * not a text {@code "5"} sent to a citizen. Refused: a number or boolean where a string is expected, a string or
 * number where a boolean is, a string or a fraction where an integer is, a string where a fraction is. A string
 * holding a NUL character ({@code \u0000}, which PostgreSQL cannot store in text) is refused too, before anything is
 * done ({@code "text" must not contain a NUL character}); without it a reply's take-over was committed and its text
 * then failed with a 500. Providers'
 * webhooks and the case API keep the lenient mapper (their formats are theirs).
 * <p>
 * Jackson's coercion configuration: https://github.com/FasterXML/jackson-databind/issues/2113
 */
public final class StrictJson implements BiFunction<ObjectMapper, Type, ObjectReader> {

    /** What a string holding a NUL character is told ({@link ProblemExceptionMappers} names the field before it). */
    static final String NUL_REFUSED = "must not contain a NUL character";

    /** The strict copy of the last mapper Quarkus passed (there is one: the application's). */
    private static volatile Copy copy;

    private record Copy(ObjectMapper of, ObjectMapper strict) {
    }

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        Copy current = copy;
        if (current == null || current.of() != mapper) {
            current = new Copy(mapper, refusingCoercions(mapper.copy()));
            copy = current;
        }
        return current.strict().readerFor(current.strict().constructType(type));
    }

    static ObjectMapper refusingCoercions(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("tawasul-no-nul").addDeserializer(String.class, new NoNul()));
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /** Jackson's string reader, refusing a value with a NUL character ({@link InvalidFormatException}: a 400). */
    static final class NoNul extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, NUL_REFUSED, value, String.class);
            }
            return value;
        }
    }
}
