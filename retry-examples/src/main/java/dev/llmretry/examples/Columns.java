package dev.llmretry.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Terminal columns: how wide the terminal is, and how many columns a text takes in it. A line redrawn in place with
 * {@code \r} must fit in one row, or every redraw leaves a wrapped copy behind. Stateless; thread-safe.
 *
 * <pre>{@code
 * int width = Columns.detect(System.getenv());     // 80 in a tmux pane of 80x24
 * String shown = Columns.clip(text, width - 1);
 * }</pre>
 */
final class Columns {
    /** The width assumed when the terminal does not say. */
    static final int FALLBACK = 80;

    private Columns() {
    }

    /**
     * The terminal's width: {@code stty size} on {@code /dev/tty} (the real size, also under Maven, whose
     * standard streams are not the terminal), else the {@code COLUMNS} variable, else {@link #FALLBACK}.
     */
    static int detect(Map<String, String> env) {
        Integer fromTty = fromStty();
        if (fromTty != null) return fromTty;
        Integer fromEnv = parse(env.get("COLUMNS"));
        return fromEnv != null ? fromEnv : FALLBACK;
    }

    private static Integer fromStty() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            String[] rowsCols = out.split("\\s+");
            return p.exitValue() == 0 && rowsCols.length == 2 ? parse(rowsCols[1]) : null;
        } catch (IOException e) {
            return null;           // no sh or no stty (Windows): the environment decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A positive number of columns, or null. */
    static Integer parse(String value) {
        if (value == null || !value.trim().matches("\\d{1,4}")) return null;
        int n = Integer.parseInt(value.trim());
        return n > 0 ? n : null;
    }

    /** The columns {@code text} takes: one per character, two for wide ones (East Asian wide, emoji such as ⌛ ⚡). */
    static int of(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            columns += width(cp);
            i += Character.charCount(cp);
        }
        return columns;
    }

    /** {@code text} cut to at most {@code max} columns, its last column an ellipsis when something was cut. */
    static String clip(String text, int max, boolean unicode) {
        if (of(text) <= max) return text;
        if (max < 1) return "";
        String ellipsis = unicode ? "\u2026" : "~";
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = width(cp);
            if (used + w > max - 1) break;
            sb.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return sb.append(ellipsis).toString();
    }

    private static int width(int cp) {
        if (cp == 0 || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.ENCLOSING_MARK || cp == 0x200B) return 0;
        return wide(cp) ? 2 : 1;
    }

    private static boolean wide(int cp) {
        return cp == 0x231A || cp == 0x231B || cp == 0x26A1 || cp == 0x23F3 || cp == 0x2705 || cp == 0x274C
                || (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
