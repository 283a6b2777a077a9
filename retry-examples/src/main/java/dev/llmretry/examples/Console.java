package dev.llmretry.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Where the demo writes: a terminal gets colours, symbols and animated countdowns; anything else (a pipe, a CI log,
 * {@code NO_COLOR}, {@code TERM=dumb}) gets plain ASCII lines, one per event, so logs stay readable. Every write goes
 * through one lock, and a line being animated (a countdown) is finished before any other line is printed. A live line
 * always fits in one row of the terminal: a redraw with {@code \r} of a line that wrapped would leave a copy behind
 * at every frame. Thread-safe.
 */
public final class Console {
    /** The colours of the notifications. */
    public enum Style {
        PLAIN(""), DIM("\u001b[2m"), BOLD("\u001b[1m"), YELLOW("\u001b[33m"), CYAN("\u001b[36m"),
        RED("\u001b[1;31m"), GREEN("\u001b[32m"), MAGENTA("\u001b[35m");

        final String ansi;

        Style(String ansi) {
            this.ansi = ansi;
        }
    }

    private static final String RESET = "\u001b[0m";
    /** Where a countdown's bar starts when the line before it is too long to share its row. */
    static final String BAR_INDENT = "      ";

    private final PrintStream out;
    private final boolean fancy;
    private final boolean unicode;
    private final int columns;
    private final Object lock = new Object();
    private boolean midLine;          // guarded by lock: append() left a line without its newline
    private Object liveOwner;         // guarded by lock: who may redraw the live line, or null
    private Style liveStyle;          // guarded by lock
    private String livePrefix;        // guarded by lock: what stands before the bar on the live line
    private String liveFinal;         // guarded by lock: the bar once the live line is finished

    /**
     * A console with colours and animation if {@code fancy}, using Unicode symbols if also {@code unicode}, on a
     * terminal {@code columns} wide.
     */
    public Console(PrintStream out, boolean fancy, boolean unicode, int columns) {
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1, was " + columns);
        this.out = out;
        this.fancy = fancy;
        this.unicode = unicode;
        this.columns = columns;
    }

    /** A console with colours and animation if {@code fancy}, using Unicode symbols if also {@code unicode}. */
    public Console(PrintStream out, boolean fancy, boolean unicode) {
        this(out, fancy, unicode, Columns.FALLBACK);
    }

    /** A plain console, or a fancy one with Unicode symbols. */
    public Console(PrintStream out, boolean fancy) {
        this(out, fancy, fancy);
    }

    /**
     * The process's standard output as a console. It writes to file descriptor 1 directly, in the terminal's
     * encoding: under {@code mvn -B exec:java}, {@code System.out} is Maven's stream, which strips colours in
     * batch mode.
     */
    public static Console stdout(Boolean colourWanted, Map<String, String> env) {
        Charset charset = terminalCharset();
        boolean fancy = colourWanted != null ? colourWanted : terminalWantsColour(env);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        return new Console(out, fancy, fancy && charset.equals(StandardCharsets.UTF_8),
                fancy ? Columns.detect(env) : Columns.FALLBACK);
    }

    private static Charset terminalCharset() {
        for (String property : new String[] {"sun.stdout.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) return Charset.forName(name);
        }
        return Charset.defaultCharset();
    }

    /** Colours and animation when stdout is a terminal and neither {@code NO_COLOR} nor {@code TERM=dumb} is set. */
    public static boolean terminalWantsColour(Map<String, String> env) {
        return isTerminal() && env.get("NO_COLOR") == null
                && !"dumb".equals(env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT));
    }

    /** Java 17: a console exists only for a terminal. Java 22+ may return one anyway, and says so in isTerminal(). */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether this console uses colours, symbols and animation. */
    public boolean fancy() {
        return fancy;
    }

    /** Prints one finished line (on a fresh line, if a streamed answer left one open). */
    public void line(Style style, String text) {
        synchronized (lock) {
            endLiveLine();
            endPartialLine();
            out.println(paint(style, text));
            out.flush();
        }
    }

    /** Prints text without a newline (streamed chunks). */
    public void append(String text) {
        synchronized (lock) {
            endLiveLine();
            out.print(text);
            out.flush();
            if (!text.isEmpty()) midLine = !text.endsWith("\n");
        }
    }

    /**
     * Starts a live countdown (fancy mode only): {@code head}, then {@code bar}, which {@link #redraw} replaces in place;
     * the returned token identifies it. When head and bar do not fit in one row, the head is printed as a line of its
     * own and the bar goes on the next, indented. Printing anything else finishes the countdown first, showing
     * {@code finalBar}.
     */
    public Object startLive(Style style, String head, String bar, String finalBar) {
        synchronized (lock) {
            endLiveLine();
            endPartialLine();
            liveOwner = new Object();
            liveStyle = style;
            liveFinal = finalBar;
            if (fitsOneRow(head + " " + bar)) {
                livePrefix = head + " ";
            } else {
                out.println(paint(style, head));
                livePrefix = BAR_INDENT;
            }
            draw(bar);
            return liveOwner;
        }
    }

    /**
     * Replaces the bar of the live countdown ({@code \r}, the line clipped to the terminal's width, erase to the end
     * of the row); does nothing if the countdown of {@code token} was finished meanwhile. Returns whether it drew.
     */
    public boolean redraw(Object token, String bar) {
        synchronized (lock) {
            if (token == null || token != liveOwner) return false;
            draw(bar);
            return true;
        }
    }

    /** Whether {@code text} fits in one row with the cursor still on it (the last column stays free). */
    boolean fitsOneRow(String text) {
        return Columns.of(text) < columns;
    }

    private void draw(String bar) {
        out.print("\r" + paint(liveStyle, Columns.clip(livePrefix + bar, columns - 1, unicode)) + "\u001b[K");
        out.flush();
    }

    /** Finishes the live line, if any, in its final form; later output starts on a fresh line. */
    public void endLiveLine() {
        synchronized (lock) {
            if (liveOwner != null) {
                out.println("\r" + paint(liveStyle, Columns.clip(livePrefix + liveFinal, columns - 1, unicode))
                        + "\u001b[K");
                out.flush();
                liveOwner = null;
            }
        }
    }

    /** Ends a line that {@link #append} left open. */
    public void endPartialLine() {
        synchronized (lock) {
            if (midLine) {
                out.println();
                midLine = false;
            }
        }
    }

    /** Whether symbols and bars may use Unicode (a fancy console writing UTF-8). */
    public boolean unicode() {
        return unicode;
    }

    /** {@code symbol} on a Unicode console, {@code ascii} otherwise. */
    public String symbol(String symbol, String ascii) {
        return unicode ? symbol : ascii;
    }

    private String paint(Style style, String text) {
        return fancy && style != Style.PLAIN ? style.ansi + text + RESET : text;
    }
}
