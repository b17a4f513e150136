package dev.jpsync.jobs.importjob;

import dev.jpsync.domain.FieldRule;
import tools.jackson.databind.JsonNode;

/**
 * One element of the remote's JSON array, as read, with its 0-based position in the array.
 * The accessors validate: a missing field, one of the wrong type or one that breaks its {@link FieldRule} is an
 * {@link InvalidRecordException}.
 */
public record RemoteRecord(long index, JsonNode json) {

    static final int RAW_LIMIT = 4000;

    /** The record's own id on the remote. */
    long requiredId() {
        return id("id", FieldRule.USER_ID); // the same rule as every id: a whole number, at least 1
    }

    /** An id field such as {@code userId}. */
    long required(FieldRule rule) {
        if (!rule.isId()) {
            throw new IllegalArgumentException(rule + " is not an id");
        }
        return id(rule.field(), rule);
    }

    /** A text field such as {@code title}. */
    String requiredText(FieldRule rule) {
        JsonNode value = field(rule.field());
        if (!value.isString()) {
            throw new InvalidRecordException("field '" + rule.field() + "' must be a string, got " + describe(value));
        }
        String text = value.stringValue();
        String problem = rule.problem(text);
        if (problem != null) {
            throw new InvalidRecordException("field '" + rule.field() + "' " + problem);
        }
        return text;
    }

    private long id(String field, FieldRule rule) {
        JsonNode value = field(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException("field '" + field + "' must be a whole number, got " + describe(value));
        }
        long id = value.longValue();
        String problem = rule.problem(id);
        if (problem != null) {
            throw new InvalidRecordException("field '" + field + "' " + problem + ", got " + id);
        }
        return id;
    }

    /** The upstream id if the record has a usable one, for the skip record. */
    Long idOrNull() {
        JsonNode id = json.isObject() ? json.get("id") : null;
        return id != null && id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : null;
    }

    /** The record as JSON text, cut to what {@code import_skip.raw_item} holds. */
    String raw() {
        String raw = json.toString();
        return raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT - 3) + "...";
    }

    private JsonNode field(String field) {
        if (!json.isObject()) {
            throw new InvalidRecordException("not a JSON object: " + describe(json));
        }
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRecordException("field '" + field + "' is missing");
        }
        return value;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
