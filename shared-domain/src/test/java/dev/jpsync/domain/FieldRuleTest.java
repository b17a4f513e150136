package dev.jpsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one set of field rules the API's request bodies and the import's upstream records are checked against. */
class FieldRuleTest {

    @Test
    void idsAreAtLeastOne() {
        assertThat(FieldRule.USER_ID.problem(1)).isNull();
        assertThat(FieldRule.POST_ID.problem(0)).isEqualTo("must be at least 1");
        assertThat(FieldRule.POST_ID.problem(-5)).isEqualTo("must be at least 1");
    }

    @Test
    void textIsNotBlankAndFitsItsColumnCountedInCharacters() {
        assertThat(FieldRule.TITLE.problem("a title")).isNull();
        assertThat(FieldRule.BODY.problem(" \t\n")).isEqualTo("must not be blank");
        assertThat(FieldRule.TITLE.problem("x".repeat(255))).isNull();
        assertThat(FieldRule.TITLE.problem("x".repeat(256))).isEqualTo("must be at most 255 characters");
        // 255 characters outside the BMP are 510 UTF-16 units: still within the column
        assertThat(FieldRule.NAME.problem("😀".repeat(255))).isNull();
        assertThat(FieldRule.BODY.problem("x".repeat(10_000))).isNull();
        assertThat(FieldRule.BODY.problem("x".repeat(10_001))).isEqualTo("must be at most 10000 characters");
    }

    @Test
    void anEmailIsAnAddress() {
        assertThat(FieldRule.EMAIL.problem("Eliseo@gardner.biz")).isNull();
        assertThat(FieldRule.EMAIL.problem("Eliseo at gardner.biz")).isEqualTo("must be an email address such as Eliseo@gardner.biz");
        assertThat(FieldRule.EMAIL.problem("Eliseo@localhost")).isEqualTo("must be an email address such as Eliseo@gardner.biz");
        assertThat(FieldRule.NAME.problem("Eliseo at gardner.biz")).isNull();
    }

    @Test
    void aRecordsFieldsAreNamedAsInJson() {
        assertThat(FieldRule.POST).extracting(FieldRule::field).containsExactly("userId", "title", "body");
        assertThat(FieldRule.COMMENT).extracting(FieldRule::field).containsExactly("postId", "name", "email", "body");
    }
}
