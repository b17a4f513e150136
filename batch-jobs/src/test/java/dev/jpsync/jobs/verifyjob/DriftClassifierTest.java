package dev.jpsync.jobs.verifyjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jpsync.domain.EntityKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DriftClassifierTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void equalRecordsAreNoDriftWhateverTheirIdsAndNumberForms() {
        assertThat(DriftClassifier.classify(EntityKind.POST,
                node("{\"id\": 3, \"userId\": 1.0, \"title\": \"t\", \"body\": \"b\"}"),
                node("{\"userId\": 1, \"title\": \"t\", \"body\": \"b\"}"), false)).isEmpty();
    }

    @Test
    void namesEachDifferingFieldInOrder() {
        Drift drift = DriftClassifier.classify(EntityKind.COMMENT,
                node("{\"id\": 3, \"postId\": 2, \"name\": \"n\", \"email\": \"e\", \"body\": \"B\"}"),
                node("{\"postId\": 1, \"name\": \"n\", \"email\": \"e\", \"body\": \"b\"}"), false).orElseThrow();
        assertThat(drift).isEqualTo(new Drift(DriftKind.DIFFERS, List.of("postId", "body")));
    }

    @Test
    void textsCompareExactly() {
        assertThat(DriftClassifier.classify(EntityKind.POST, node("{\"userId\": 1, \"title\": \"t \", \"body\": \"b\"}"),
                node("{\"userId\": 1, \"title\": \"t\", \"body\": \"b\"}"), false).orElseThrow().fields())
                .containsExactly("title");
    }

    @Test
    void aMissingSideAndPendingChangesClassify() {
        JsonNode post = node("{\"userId\": 1, \"title\": \"t\", \"body\": \"b\"}");
        assertThat(DriftClassifier.classify(EntityKind.POST, null, post, false).orElseThrow().kind())
                .isEqualTo(DriftKind.MISSING_REMOTE);
        assertThat(DriftClassifier.classify(EntityKind.POST, post, null, false).orElseThrow().kind())
                .isEqualTo(DriftKind.MISSING_LOCAL);
        assertThat(DriftClassifier.classify(EntityKind.POST, post, null, true).orElseThrow().kind())
                .isEqualTo(DriftKind.PENDING);
        assertThat(DriftClassifier.classify(EntityKind.POST, post, post, true)).isEmpty();
    }

    private static JsonNode node(String text) {
        return json.readTree(text);
    }
}
