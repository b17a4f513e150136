package dev.jpsync.api.drift;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.jpsync.api.problems.Problems;
import dev.jpsync.jobs.verifyjob.RepairScope;
import dev.jpsync.jobs.verifyjob.SourceOfTruth;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a repair: {@code {"sourceOfTruth": "LOCAL", "scope": "UPSERT_ONLY", "dryRun": true}}.
 *
 * @param sourceOfTruth required: LOCAL (queue the database's state for export) or REMOTE (write the remote's
 *                      version here)
 * @param scope         ALL (default), INSERT_ONLY or UPSERT_ONLY (no deletes)
 * @param dryRun        true: answer the plan, change nothing (default false)
 */
@Schema(example = "{\"sourceOfTruth\": \"LOCAL\", \"scope\": \"ALL\", \"dryRun\": true}")
public record RepairRequest(SourceOfTruth sourceOfTruth, RepairScope scope, boolean dryRun) {

    private static final Set<String> FIELDS = Set.of("sourceOfTruth", "scope", "dryRun");

    /** Checks the body; bad input is a 400 problem naming the field. */
    static RepairRequest of(Map<String, Object> body) {
        if (body == null) {
            throw invalid("A JSON body is required, e.g. {\"sourceOfTruth\": \"LOCAL\", \"dryRun\": true}.");
        }
        body.keySet().stream().filter(field -> !FIELDS.contains(field)).findFirst().ifPresent(field -> {
            throw invalid("Unknown field '" + field + "'; the fields are " + FIELDS + ".");
        });
        Object dryRun = body.getOrDefault("dryRun", false);
        if (!(dryRun instanceof Boolean)) {
            throw invalid("dryRun must be true or false.");
        }
        Object scope = body.get("scope");
        return new RepairRequest(
                value(SourceOfTruth.class, "sourceOfTruth", body.get("sourceOfTruth"), true),
                scope == null ? RepairScope.ALL : value(RepairScope.class, "scope", scope, false),
                (Boolean) dryRun);
    }

    private static <E extends Enum<E>> E value(Class<E> type, String field, Object given, boolean required) {
        if (given == null && required) {
            throw invalid(field + " is required: one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
        try {
            return Enum.valueOf(type, String.valueOf(given));
        } catch (IllegalArgumentException e) {
            throw invalid(field + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '" + given + "'.");
        }
    }

    private static ErrorResponseException invalid(String detail) {
        return Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid repair request", detail);
    }
}
