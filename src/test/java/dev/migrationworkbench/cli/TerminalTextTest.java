package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void escapeSequencesAndOtherControlsAreShownNotSent() {
        String hostile = "web\u001b[2J\u001b]0;owned\u0007-1\r\u0085\u202eevil\nnext\tline";
        String safe = TerminalText.safe(hostile);
        assertThat(safe).doesNotContain("\u001b", "\u0007", "\r", "\u0085", "\u202e")
                .isEqualTo("web[U+001B][2J[U+001B]]0;owned[U+0007]-1[U+000D][U+0085][U+202E]evil\nnext\tline");
        assertThat(TerminalText.safe("日本語 and Ελληνικά")).isEqualTo("日本語 and Ελληνικά");
    }
}
