package dev.jpsync.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.jpsync.api.problems.Problems;

import dev.jpsync.domain.EntityKind;

/** The {@code entity} query parameter of the sync listings: POST or COMMENT, any case. */
public final class EntityParameter {

    private EntityParameter() {
    }

    /** @throws ErrorResponseException 400 problem details for anything else */
    public static EntityKind of(String entity) {
        try {
            return EntityKind.valueOf(entity.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid entity",
                    "entity must be POST or COMMENT, not '" + entity + "'.");
        }
    }
}
