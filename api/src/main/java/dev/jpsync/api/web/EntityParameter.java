package dev.jpsync.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

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
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "entity must be POST or COMMENT, not '" + entity + "'.");
            problem.setTitle("Invalid entity");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
    }
}
