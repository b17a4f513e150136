package dev.jpsync.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.jpsync.api.problems.StaleEntityTagException;

class EntityTagTest {

    /**
     * Clients keep tags across restarts and upgrades (If-None-Match, If-Match), so the tag of the same fields must
     * never change: SHA-256 over each field's UTF-8 text followed by a zero byte, base64url, 22 characters. The
     * expected value is computed outside Java:
     * {@code sha256(b"post\0" b"1\0" b"1\0" b"sunt aut facere\0" "quia et suscipit\nsuscipit ü\0".encode())}.
     */
    @Test
    void aTagIsTheSameDigestItHasAlwaysBeen() {
        assertThat(EntityTag.of("post", 1L, 1L, "sunt aut facere", "quia et suscipit\nsuscipit ü"))
                .isEqualTo("\"sUpezFXy7Ii0t0flufuNxq\"");
    }

    @Test
    void everyFieldAndItsBoundaryCount() {
        String tag = EntityTag.of("post", 1L, 1L, "ab", "c");
        assertThat(EntityTag.of("post", 1L, 1L, "a", "bc")).isNotEqualTo(tag);
        assertThat(EntityTag.of("post", 1L, 2L, "ab", "c")).isNotEqualTo(tag);
        assertThat(EntityTag.of("comment", 1L, 1L, "ab", "c")).isNotEqualTo(tag);
        assertThat(EntityTag.of("post", 1L, 1L, "ab", "c")).isEqualTo(tag);
    }

    @Test
    void ifMatchAcceptsTheCurrentTagOrAStarAndRefusesAnyOther() {
        String current = EntityTag.of("post", 1L, 1L, "t", "b");
        EntityTag.checkIfMatch(null, current);
        EntityTag.checkIfMatch("*", current);
        EntityTag.checkIfMatch("\"other\", " + current, current);
        assertThatThrownBy(() -> EntityTag.checkIfMatch("\"other\"", current))
                .isInstanceOf(StaleEntityTagException.class);
        assertThatThrownBy(() -> EntityTag.checkIfMatch("W/" + current, current))
                .isInstanceOf(StaleEntityTagException.class);
    }
}
