package dev.jpsync.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.jpsync.domain.FieldRule;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record read field by field ({@link RemoteRecord.Elements}) holds what the mapper's tree of the same element
 * holds, and its accessors answer what they answer on that tree. The specification is {@link TreeRule}: the
 * accessors as they were written against the tree, kept here to check the faster reading against.
 */
class RemoteRecordTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Elements that exercise every branch: each kind of value, nesting, repeated names, edges of int and long. */
    private static final List<String> CORNERS = List.of(
            "{\"userId\":1,\"id\":1,\"title\":\"sunt aut\",\"body\":\"quia et suscipit\\nsuscipit\"}",
            "{\"postId\":1,\"id\":1,\"name\":\"id labore\",\"email\":\"Eliseo@gardner.biz\",\"body\":\"laudantium\"}",
            "{}",
            "{\"id\":2147483647,\"userId\":2147483648,\"title\":\"edges of int\",\"body\":\"b\"}",
            "{\"id\":-2147483648,\"userId\":-2147483649,\"title\":\"t\",\"body\":\"b\"}",
            "{\"id\":9223372036854775807,\"userId\":9223372036854775808,\"title\":\"edges of long\",\"body\":\"b\"}",
            "{\"id\":-0,\"userId\":0,\"title\":\"\",\"body\":\"\"}",
            "{\"id\":1.0,\"userId\":1e2,\"title\":1,\"body\":true}",
            "{\"id\":\"1\",\"userId\":null,\"title\":null,\"body\":false}",
            "{\"id\":1,\"id\":2,\"title\":\"a\",\"title\":\"b\",\"userId\":3,\"body\":\"c\"}",
            "{\"id\":1,\"userId\":{\"n\":1,\"m\":[1,{\"k\":null}]},\"title\":[\"x\"],\"body\":{}}",
            "{\"id\":5,\"userId\":7,\"title\":\"\\u00e9\\t\\\"q\\\" \\\\ \\ud83d\\ude00\",\"body\":\"" + "x".repeat(70_000) + "\"}",
            "{\"postId\":1,\"id\":3,\"name\":\"n\",\"email\":\"not an address\",\"body\":\"b\"}",
            "{\"postId\":0,\"id\":-4,\"name\":\"n\",\"email\":\"a@b.c\",\"body\":\"b\"}",
            "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"id\":8,\"userId\":9,\"title\":\"t\",\"body\":\"b\"}",
            "7", "\"text\"", "null", "true", "[1,2]", "-3.5e-7", "123456789012345678901234567890");

    @Test
    void readsTheCornersAsTheTreeHasThem() {
        compare(CORNERS, MAPPER.readerFor(JsonNode.class));
    }

    @Test
    void readsGeneratedElementsAsTheTreeHasThem() {
        compare(generated(new Random(17), 20_000), MAPPER.readerFor(JsonNode.class));
    }

    @Test
    void leavesAMapperThatReadsNumbersOtherwiseToTheMapper() {
        ObjectReader longs = MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.USE_LONG_FOR_INTS);
        compare(CORNERS.stream().filter(element -> readable(longs, element)).toList(), longs);
        assertThat(read("[{\"id\":1}]", longs).get(0).json().get("id").isLong()).isTrue();
        ObjectReader strict = MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        assertThatThrownBy(() -> read("[{\"id\":1,\"id\":2}]", strict)).hasMessageContaining("Duplicate property");
    }

    @Test
    void aRecordOfATreeIsThatTree() {
        for (String element : CORNERS) {
            JsonNode tree = MAPPER.readTree(element);
            RemoteRecord record = RemoteRecord.of(3, tree);
            assertThat(record.json()).isSameAs(tree);
            assertThat(record.index()).isEqualTo(3);
            assertSameAnswers(record, tree, element);
        }
    }

    /** Whole numbers beyond {@code long} are refused by a mapper that reads every whole number as one. */
    private static boolean readable(ObjectReader trees, String element) {
        try {
            trees.readValue(element);
            return true;
        } catch (tools.jackson.core.JacksonException e) {
            return false;
        }
    }

    private static void compare(List<String> elements, ObjectReader trees) {
        List<RemoteRecord> records = read("[" + String.join(",", elements) + "]", trees);
        assertThat(records).hasSize(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            RemoteRecord record = records.get(i);
            JsonNode tree = trees.readValue(elements.get(i));
            assertThat(record.index()).isEqualTo(i);
            assertSameAnswers(record, tree, elements.get(i));
        }
    }

    private static void assertSameAnswers(RemoteRecord record, JsonNode tree, String element) {
        String what = element.length() > 200 ? element.substring(0, 200) + "..." : element;
        // equal trees of equal node classes: IntNode(1) and LongNode(1) are not equal
        assertThat(record.json()).as(what).isEqualTo(tree);
        assertThat(record.json().toString()).as(what).isEqualTo(tree.toString());
        assertThat(record.raw()).as(what).isEqualTo(TreeRule.raw(tree));
        assertThat(record.idOrNull()).as(what).isEqualTo(TreeRule.idOrNull(tree));
        assertSameOutcome(what, () -> record.requiredId(), () -> TreeRule.id(tree, "id", FieldRule.USER_ID));
        for (FieldRule rule : FieldRule.values()) {
            if (rule.isId()) {
                assertSameOutcome(what + " " + rule, () -> record.required(rule), () -> TreeRule.id(tree, rule.field(), rule));
            } else {
                assertSameOutcome(what + " " + rule, () -> record.requiredText(rule), () -> TreeRule.text(tree, rule));
            }
        }
    }

    /** Both give the same value, or both throw an {@link InvalidRecordException} with the same message. */
    private static void assertSameOutcome(String what, Function0 actual, Function0 expected) {
        Object want;
        try {
            want = expected.get();
        } catch (InvalidRecordException e) {
            assertThatThrownBy(actual::get).as(what).isInstanceOf(InvalidRecordException.class).hasMessage(e.getMessage());
            return;
        }
        assertThat(actual.get()).as(what).isEqualTo(want);
    }

    private interface Function0 {
        Object get();
    }

    private static List<RemoteRecord> read(String array, ObjectReader trees) {
        RemoteRecord.Elements elements = new RemoteRecord.Elements(trees);
        List<RemoteRecord> records = new ArrayList<>();
        try (JsonParser parser = trees.createParser(array)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            for (long index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                records.add(elements.read(index, parser));
            }
        }
        return records;
    }

    /** Random objects over the import's field names and a few others, with values of every kind. */
    private static List<String> generated(Random random, int count) {
        String[] names = {"id", "userId", "postId", "title", "body", "name", "email", "x", "Id"};
        List<String> elements = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            if (random.nextInt(20) == 0) {
                elements.add(value(random, 0));
                continue;
            }
            StringBuilder object = new StringBuilder("{");
            int fields = random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                object.append(f == 0 ? "" : ",").append('"').append(names[random.nextInt(names.length)]).append("\":")
                        .append(value(random, 0));
            }
            elements.add(object.append('}').toString());
        }
        return elements;
    }

    private static String value(Random random, int depth) {
        return switch (random.nextInt(depth > 1 ? 9 : 11)) {
            case 0, 1 -> String.valueOf(random.nextInt(1000) - 10);
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> random.nextBoolean() ? "9223372036854775808" : "-2147483649";
            case 4, 5 -> '"' + text(random) + '"';
            case 6 -> random.nextBoolean() ? "null" : String.valueOf(random.nextBoolean());
            case 7 -> String.valueOf(random.nextDouble() * 100);
            case 8 -> random.nextBoolean() ? "2147483647" : "2147483648";
            case 9 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
            default -> "{\"k\":" + value(random, depth + 1) + "}";
        };
    }

    private static String text(Random random) {
        String[] pieces = {"a", "Z", "@", ".", " ", "\\n", "\\t", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "x@y.z",
                "name@example.com"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return random.nextInt(50) == 0 ? text + "y".repeat(300) : text.toString();
    }

    /** The accessors as written against the mapper's tree: the specification of {@link RemoteRecord}'s. */
    private static final class TreeRule {

        static long id(JsonNode json, String field, FieldRule rule) {
            JsonNode value = field(json, field);
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

        static String text(JsonNode json, FieldRule rule) {
            JsonNode value = field(json, rule.field());
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

        static Long idOrNull(JsonNode json) {
            JsonNode id = json.isObject() ? json.get("id") : null;
            return id != null && id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : null;
        }

        static String raw(JsonNode json) {
            String raw = json.toString();
            return raw.length() <= RemoteRecord.RAW_LIMIT ? raw : raw.substring(0, RemoteRecord.RAW_LIMIT - 3) + "...";
        }

        private static JsonNode field(JsonNode json, String field) {
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
}
