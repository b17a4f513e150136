package dev.jpsync.jobs.verifyjob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.jpsync.domain.EntityKind;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a record differs between the two sides (pure, no I/O). Both sides are in the remote's shape:
 * a local comment's {@code postId} is its post's remote id. Texts compare exactly; ids as numbers.
 */
public final class DriftClassifier {

    /** The fields that are synced, per kind, in the remote's names; {@code true} for numeric ones. */
    static final Map<EntityKind, Map<String, Boolean>> FIELDS = Map.of(
            EntityKind.POST, orderedFields("userId", true, "title", false, "body", false),
            EntityKind.COMMENT, orderedFields("postId", true, "name", false, "email", false, "body", false));

    private DriftClassifier() {
    }

    /**
     * @param remote  the remote record, null when the remote does not have it
     * @param local   the local record in the remote's shape, null when there is no local record
     * @param pending whether the local record has change-log entries not exported yet
     * @return empty when both sides agree
     */
    public static Optional<Drift> classify(EntityKind kind, JsonNode remote, JsonNode local, boolean pending) {
        if (remote == null && local == null) {
            return Optional.empty();
        }
        DriftKind disagreement;
        List<String> fields = List.of();
        if (remote == null) {
            disagreement = DriftKind.MISSING_REMOTE;
        } else if (local == null) {
            disagreement = DriftKind.MISSING_LOCAL;
        } else {
            fields = differingFields(kind, remote, local);
            if (fields.isEmpty()) {
                return Optional.empty();
            }
            disagreement = DriftKind.DIFFERS;
        }
        return Optional.of(new Drift(pending ? DriftKind.PENDING : disagreement, fields));
    }

    static List<String> differingFields(EntityKind kind, JsonNode remote, JsonNode local) {
        List<String> differing = new ArrayList<>();
        FIELDS.get(kind).forEach((field, numeric) -> {
            if (!Objects.equals(value(remote.get(field), numeric), value(local.get(field), numeric))) {
                differing.add(field);
            }
        });
        return differing;
    }

    /** A field's value to compare: a number as a long (1 and 1.0 agree), text as text, absent as null. */
    private static Object value(JsonNode node, boolean numeric) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (numeric && node.isNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    private static Map<String, Boolean> orderedFields(Object... pairs) {
        java.util.LinkedHashMap<String, Boolean> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Boolean) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(fields);
    }
}
