package dev.migrationworkbench.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Text from the cloud (server names, fault messages, error bodies) made safe for a terminal:
 * control characters other than newline and tab, ESC sequences included, are shown as their code
 * point ({@code [U+001B]}) instead of being sent raw, where they could recolour, move the cursor
 * or retitle the terminal. The same notation as the PDF report.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** A writer that makes everything printed through it safe (for commands whose output is all text). */
    static PrintWriter writer(PrintWriter terminal) {
        return new PrintWriter(new FilterWriter(terminal) {
            @Override
            public void write(int c) throws IOException {
                out.write(safe(String.valueOf((char) c)));
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                out.write(safe(new String(cbuf, off, len)));
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                out.write(safe(str.substring(off, off + len)));
            }
        }, true);
    }

    static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || !(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029
                    || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("[U+%04X]", cp));
            }
        });
        return out.toString();
    }
}
