package dev.jpsync.api.web;

import java.util.ArrayList;
import java.util.List;

import dev.jpsync.api.problems.FieldProblem;
import dev.jpsync.api.problems.InvalidFieldsException;
import dev.jpsync.domain.FieldRule;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body strictly and collects every problem before refusing: a field of the
 * wrong JSON type is an error (no coercion of "1" to 1 or 1 to "1"), null is an error, unknown fields are
 * errors (a typo such as "tittle" must not be dropped silently), and lengths are counted in characters
 * (code points), as the database counts them. What a valid value is, the {@link FieldRule}s say: the import
 * applies the same ones to upstream records.
 * <p>
 * In {@link Mode#PATCH} absent fields are fine (they keep their value); otherwise every field is required.
 */
public final class BodyFields {

    /** How the body is used. */
    public enum Mode { CREATE, REPLACE, PATCH }

    private final JsonNode body;
    private final Mode mode;
    private final List<FieldProblem> problems = new ArrayList<>();

    private BodyFields(JsonNode body, Mode mode) {
        this.body = body;
        this.mode = mode;
    }

    /** Starts reading; refuses anything but a JSON object and fields other than {@code id} and the record's. */
    public static BodyFields read(JsonNode body, Mode mode, List<FieldRule> record) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldsException("The request body must be a JSON object.", List.of());
        }
        List<String> known = record.stream().map(FieldRule::field).toList();
        BodyFields fields = new BodyFields(body, mode);
        for (String name : body.propertyNames()) {
            if (!name.equals("id") && !known.contains(name)) {
                fields.problems.add(new FieldProblem(name, "unknown field; allowed: " + known));
            }
        }
        return fields;
    }

    /**
     * The {@code id} a client may repeat in the body: on create the server assigns ids, so none may be given;
     * on replace/patch it must be the id in the path.
     */
    public void checkId(Long pathId) {
        JsonNode value = body.get("id");
        if (value == null) {
            return;
        }
        if (pathId == null) {
            problems.add(new FieldProblem("id", "is assigned by the server; leave it out"));
        } else if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() != pathId) {
            problems.add(new FieldProblem("id", "must be the id in the path (" + pathId + ") or left out"));
        }
    }

    /** An id field such as {@code userId}; null when absent (PATCH) or invalid (then a problem is recorded). */
    public Long id(FieldRule rule) {
        String name = rule.field();
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            return invalid(name, "must be a whole number");
        }
        String problem = rule.problem(value.longValue());
        return problem == null ? value.longValue() : invalid(name, problem);
    }

    /** A text field such as {@code title}; null when absent (PATCH) or invalid (then a problem is recorded). */
    public String text(FieldRule rule) {
        String name = rule.field();
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            return invalid(name, "must be a string");
        }
        String text = value.stringValue();
        String problem = rule.problem(text);
        return problem == null ? text : invalid(name, problem);
    }

    /** Refuses the request if any field was invalid. */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems.size() == 1
                    ? "The request body has an invalid field: " + problems.get(0).field() + " "
                            + problems.get(0).message() + "."
                    : "The request body has " + problems.size() + " invalid fields; see errors.", problems);
        }
    }

    private JsonNode present(String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            if (mode != Mode.PATCH) {
                problems.add(new FieldProblem(name, "is required"));
            }
            return null;
        }
        if (value.isNull()) {
            return invalid(name, "must not be null");
        }
        return value;
    }

    private <T> T invalid(String name, String message) {
        problems.add(new FieldProblem(name, message));
        return null;
    }
}
