package dev.migrationworkbench.cli;

/**
 * Text from the cloud (server names, fault messages, error bodies) made safe for a terminal:
 * control characters other than newline and tab, ESC sequences included, are shown as their code
 * point ({@code [U+001B]}) instead of being sent raw, where they could recolour, move the cursor
 * or retitle the terminal. The same notation as the PDF report.
 */
final class TerminalText {

    private TerminalText() {
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
