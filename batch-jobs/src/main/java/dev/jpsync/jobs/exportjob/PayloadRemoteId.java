package dev.jpsync.jobs.exportjob;

import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code remoteId} out of a change-log payload (null when absent), for {@code NetChange.fold}. */
final class PayloadRemoteId implements Function<String, Long> {

    private final JsonMapper json;

    PayloadRemoteId(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Long apply(String payload) {
        JsonNode remoteId = json.readTree(payload).get("remoteId");
        return remoteId == null || remoteId.isNull() ? null : remoteId.asLong();
    }
}
