package dev.jpsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

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

    /**
     * The address rule as a regular expression, the way it was first written: one {@code @}, no whitespace, a dot in
     * the domain. The check itself is written out by hand (the import runs it on every comment, and the regex was
     * 8% of the import's reading thread); here both must agree on every string of the characters that matter.
     */
    private static final Pattern EMAIL_SPEC = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    @Test
    void anEmailIsWhatTheRegularExpressionSaysItIs() {
        String letters = "abé";
        String[] whitespace = {" ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0"};
        String[] separators = {"@", ".", ".", "", ".."};
        Random random = new Random(42);
        int addresses = 0;
        for (int i = 0; i < 200_000; i++) {
            // up to five runs of letters, with separators (now and then whitespace) between them
            StringBuilder text = new StringBuilder();
            for (int run = random.nextInt(1, 6), k = 0; k < run; k++) {
                if (k > 0) {
                    text.append(random.nextInt(10) == 0 ? whitespace[random.nextInt(whitespace.length)]
                            : separators[random.nextInt(separators.length)]);
                }
                for (int n = random.nextInt(3); n > 0; n--) {
                    text.append(letters.charAt(random.nextInt(letters.length())));
                }
            }
            String candidate = text.toString();
            boolean valid = EMAIL_SPEC.matcher(candidate).matches();
            addresses += valid ? 1 : 0;
            assertThat(FieldRule.isEmailAddress(candidate)).as("'%s'", candidate).isEqualTo(valid);
        }
        // the strings were varied enough to hold both answers
        assertThat(addresses).isBetween(1_000, 100_000);
        for (String edge : new String[] {"", "@", "a@b", "a@b.", "a@.b", "@b.c", "a@b..c", "a@b.c.", "a@@b.c", "a b@c.d",
                "a@b.c", "a.b@c.d.e", "é@ü.de", "a@b.c\n", "\u00A0@b.c"}) {
            assertThat(FieldRule.isEmailAddress(edge)).as("'%s'", edge).isEqualTo(EMAIL_SPEC.matcher(edge).matches());
        }
    }

    @Test
    void aRecordsFieldsAreNamedAsInJson() {
        assertThat(FieldRule.POST).extracting(FieldRule::field).containsExactly("userId", "title", "body");
        assertThat(FieldRule.COMMENT).extracting(FieldRule::field).containsExactly("postId", "name", "email", "body");
    }
}
