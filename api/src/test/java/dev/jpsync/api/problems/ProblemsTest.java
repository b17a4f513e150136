package dev.jpsync.api.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemsTest {

    @Test
    void theTitleIsTheReasonPhraseUnlessGiven() {
        assertThat(Problems.problem(HttpStatus.NOT_FOUND, "no post 7").getTitle()).isEqualTo("Not Found");
        ProblemDetail titled = Problems.problem(HttpStatus.CONFLICT, "Job already running", "export runs");
        assertThat(titled.getTitle()).isEqualTo("Job already running");
        assertThat(titled.getDetail()).isEqualTo("export runs");
        assertThat(Problems.refusal(HttpStatus.BAD_REQUEST, "Invalid page", "size 0").getBody().getTitle())
                .isEqualTo("Invalid page");
    }

    @Test
    void theFiltersBodyHasTheMembersSpringMvcWritesWithExtensionsAtTheTopLevel() {
        ProblemDetail problem = Problems.invalid(HttpStatus.BAD_REQUEST, "bad fields",
                List.of(new FieldProblem("title", "must not be blank")));
        problem.setInstance(URI.create("/posts"));

        assertThat(Problems.body(problem)).containsExactly(
                entry("type", "about:blank"),
                entry("title", "Bad Request"),
                entry("status", 400),
                entry("detail", "bad fields"),
                entry("instance", "/posts"),
                entry("errors", List.of(new FieldProblem("title", "must not be blank"))));
    }
}
