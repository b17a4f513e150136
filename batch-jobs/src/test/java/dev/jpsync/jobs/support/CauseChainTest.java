package dev.jpsync.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

class CauseChainTest {

    @Test
    void listsTheChainOutermostFirstAndFindsByType() {
        IOException root = new IOException("connection reset");
        UncheckedIOException middle = new UncheckedIOException("reading /posts", root);
        IllegalStateException top = new IllegalStateException("step failed", middle);

        assertThat(CauseChain.of(top)).containsExactly(top, middle, root);
        assertThat(CauseChain.find(top, IOException.class)).containsSame(root);
        assertThat(CauseChain.find(top, IllegalArgumentException.class)).isEmpty();
        assertThat(CauseChain.root(top)).isSameAs(root);
        assertThat(CauseChain.rootMessage(top)).isEqualTo("IOException: connection reset");
        assertThat(CauseChain.rootMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(CauseChain.rootReason(top)).isEqualTo("connection reset");
        assertThat(CauseChain.rootReason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void endsACyclicChain() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);

        assertThat(CauseChain.of(a)).containsExactly(a, b);
        assertThat(CauseChain.root(a)).isSameAs(b);
    }
}
