package dev.jpsync.jobs.importjob;

import java.io.InputStream;
import java.util.Arrays;

import dev.jpsync.domain.FieldRule;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One element of the remote's JSON array, as read, with its 0-based position in the array.
 * The accessors validate: a missing field, one of the wrong type or one that breaks its {@link FieldRule} is an
 * {@link InvalidRecordException}.
 * <p>
 * An object's fields are kept as a short list of names and values rather than as an {@link ObjectNode}: a text as
 * its {@code String}, a whole number within {@code long} as a {@code Long}, anything else as the mapper's node.
 * The import reads each field once, and building and searching a tree per record was a large part of its reading
 * thread. {@link #json()} gives the tree that reading the element with the mapper gives, for the callers that
 * want one (the verify job, a skipped record's text). {@link Elements} reads an element either way.
 */
public final class RemoteRecord {

    static final int RAW_LIMIT = 4000;

    private final long index;
    private final String[] names;
    /** String, Long or JsonNode, by {@link #names}; both null when the element is not an object. */
    private final Object[] values;
    private final int size;
    private final JsonNodeFactory nodes;
    private JsonNode tree;

    private RemoteRecord(long index, String[] names, Object[] values, int size, JsonNodeFactory nodes, JsonNode tree) {
        this.index = index;
        this.names = names;
        this.values = values;
        this.size = size;
        this.nodes = nodes;
        this.tree = tree;
    }

    /** A record of an element already read as a tree. */
    public static RemoteRecord of(long index, JsonNode json) {
        if (!json.isObject()) {
            return new RemoteRecord(index, null, null, 0, null, json);
        }
        String[] names = json.propertyNames().toArray(String[]::new);
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            JsonNode value = json.get(names[i]);
            values[i] = value.isString() ? value.stringValue()
                    : value.isInt() || value.isLong() ? (Object) value.longValue() : value;
        }
        return new RemoteRecord(index, names, values, names.length, JsonNodeFactory.instance, json);
    }

    /** The element's 0-based position in the array. */
    public long index() {
        return index;
    }

    /** The element as the tree the mapper reads from it. */
    public JsonNode json() {
        if (tree == null) {
            ObjectNode object = nodes.objectNode();
            for (int i = 0; i < size; i++) {
                object.replace(names[i], node(values[i]));
            }
            tree = object;
        }
        return tree;
    }

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
        Object value = field(rule.field());
        if (!(value instanceof String text)) {
            throw new InvalidRecordException("field '" + rule.field() + "' must be a string, got " + describe(node(value)));
        }
        String problem = rule.problem(text);
        if (problem != null) {
            throw new InvalidRecordException("field '" + rule.field() + "' " + problem);
        }
        return text;
    }

    private long id(String field, FieldRule rule) {
        Object value = field(field);
        Long id = whole(value);
        if (id == null) {
            throw new InvalidRecordException("field '" + field + "' must be a whole number, got " + describe(node(value)));
        }
        String problem = rule.problem(id);
        if (problem != null) {
            throw new InvalidRecordException("field '" + field + "' " + problem + ", got " + id);
        }
        return id;
    }

    /** The upstream id if the record has a usable one, for the skip record. */
    Long idOrNull() {
        return values == null ? null : whole(get("id"));
    }

    /** The record as JSON text, cut to what {@code import_skip.raw_item} holds. */
    String raw() {
        String raw = json().toString();
        return raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT - 3) + "...";
    }

    private Object field(String field) {
        if (values == null) {
            throw new InvalidRecordException("not a JSON object: " + describe(tree));
        }
        Object value = get(field);
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            throw new InvalidRecordException("field '" + field + "' is missing");
        }
        return value;
    }

    private Object get(String field) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(field)) {
                return values[i];
            }
        }
        return null;
    }

    /** A whole number within {@code long}, or null. */
    private static Long whole(Object value) {
        if (value instanceof Long id) {
            return id;
        }
        return value instanceof JsonNode node && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    /** A value as the mapper's node: a text, an int or a long as the mapper reads them (IntNode within int). */
    private JsonNode node(Object value) {
        if (value instanceof String text) {
            return nodes.stringNode(text);
        }
        if (value instanceof Long number) {
            return number == number.intValue() ? nodes.numberNode(number.intValue()) : nodes.numberNode(number.longValue());
        }
        return (JsonNode) value;
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    @Override
    public String toString() {
        return "RemoteRecord[index=" + index + ", json=" + json() + "]";
    }

    /**
     * Reads array elements into records. A text and a whole number are taken from the parser here; any other value,
     * a nested one and an element that is not an object are read by the mapper, so that every record holds what the
     * mapper's tree would. Where the mapper is configured to read numbers or nulls differently from its defaults,
     * or to refuse repeated names, the whole element is read by the mapper.
     */
    static final class Elements {

        private final ObjectReader trees;
        private final JsonNodeFactory nodes;
        private final boolean byHand;

        /** @param trees the mapper's reader of {@link JsonNode} */
        Elements(ObjectReader trees) {
            // one element at a time: what follows it in the array is not "trailing" garbage
            this.trees = trees.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            this.nodes = trees.getConfig().getNodeFactory();
            this.byHand = !this.trees.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                    && !this.trees.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
                    && !this.trees.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                    && this.trees.getConfig().isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
        }

        /** A parser of an array's text, for {@link #read}. */
        JsonParser parser(InputStream body) {
            return trees.createParser(body);
        }

        /** The element whose first token the parser is at. */
        RemoteRecord read(long index, JsonParser parser) {
            if (!byHand || parser.currentToken() != JsonToken.START_OBJECT) {
                return of(index, trees.<JsonNode>readValue(parser));
            }
            String[] names = new String[6];
            Object[] values = new Object[6];
            int size = 0;
            fields:
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                Object value;
                if (token == JsonToken.VALUE_STRING) {
                    value = parser.getString();
                } else if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    value = parser.getLongValue();
                } else {
                    value = trees.<JsonNode>readValue(parser);
                }
                for (int i = 0; i < size; i++) {
                    if (names[i].equals(name)) {
                        values[i] = value; // a repeated name: the last value, in the first one's place
                        continue fields;
                    }
                }
                if (size == names.length) {
                    names = Arrays.copyOf(names, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                names[size] = name;
                values[size++] = value;
            }
            return new RemoteRecord(index, names, values, size, nodes, null);
        }
    }
}
