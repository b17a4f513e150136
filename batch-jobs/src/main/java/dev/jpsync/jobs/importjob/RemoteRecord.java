package dev.jpsync.jobs.importjob;

import tools.jackson.databind.JsonNode;

/**
 * One element of the remote's JSON array, as read, with its 0-based position in the array.
 * The accessors validate: a missing field or one of the wrong type is an {@link InvalidRecordException}.
 */
public record RemoteRecord(long index, JsonNode json) {

    static final int RAW_LIMIT = 4000;

    /** A positive integer field (ids). */
    long requiredId(String field) {
        JsonNode value = field(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException("field '" + field + "' must be an integer, got " + describe(value));
        }
        long id = value.longValue();
        if (id <= 0) {
            throw new InvalidRecordException("field '" + field + "' must be positive, got " + id);
        }
        return id;
    }

    /** A string field of at most {@code maxLength} characters; blank only if {@code blankAllowed}. */
    String requiredText(String field, int maxLength, boolean blankAllowed) {
        JsonNode value = field(field);
        if (!value.isString()) {
            throw new InvalidRecordException("field '" + field + "' must be a string, got " + describe(value));
        }
        String text = value.stringValue();
        if (!blankAllowed && text.isBlank()) {
            throw new InvalidRecordException("field '" + field + "' must not be blank");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new InvalidRecordException("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
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
