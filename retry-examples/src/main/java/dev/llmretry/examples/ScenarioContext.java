package dev.llmretry.examples;

import dev.llmretry.examples.Console.Style;
import dev.llmretry.testing.FakeLlmServer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a {@link Scenario} works with: the servers to script, and questions asked through the woven
 * {@link ChatClient} with their answers or failures printed. Counts what callers saw. Used by one thread.
 */
public final class ScenarioContext {
    private final DemoServers servers;
    private final ChatClient chat;
    private final Console console;
    private final Timings timings;
    private final List<String> failures = new ArrayList<>();
    private final List<String> streamed = new ArrayList<>();
    private int asked;
    private int answered;

    ScenarioContext(DemoServers servers, ChatClient chat, Console console, Timings timings) {
        this.servers = servers;
        this.chat = chat;
        this.console = console;
        this.timings = timings;
    }

    /** The fake server of endpoint {@code name}, to script. */
    public FakeLlmServer server(String name) {
        return servers.get(name);
    }

    /** Makes one endpoint healthy again. */
    public void heal(String name) {
        servers.heal(name);
    }

    /** The demo's timings (normal or short mode). */
    public Timings timings() {
        return timings;
    }

    /** A dim line that explains what comes next. */
    public void note(String text) {
        console.line(Style.DIM, "  " + text);
    }

    /**
     * Asks through {@link ChatClient#ask}; prints the answer, or the failure the caller got. Returns the answer
     * or null.
     */
    public String ask(String question) {
        return ask(question, q -> chat.ask(q, null));
    }

    /** Something that answers a question: the woven ChatClient, a LangChain4j AiService, ... */
    @FunctionalInterface
    public interface Asker {
        String ask(String question) throws Exception;
    }

    /** Asks through {@code via}; prints the answer, or the failure the caller got. Returns the answer or null. */
    public String ask(String question, Asker via) {
        asked++;
        console.line(Style.BOLD, console.symbol("  ? ", "  Q: ") + question);
        try {
            String answer = via.ask(question);
            answered++;
            console.line(Style.PLAIN, console.symbol("  \u2192 ", "  A: ") + answer);
            return answer;
        } catch (Exception e) {
            failed(e);
            return null;
        } finally {
            pause();
        }
    }

    /** Asks through {@link ChatClient#stream}; prints the chunks as they arrive. Returns what the reader received. */
    public String stream(String question) {
        asked++;
        console.line(Style.BOLD, console.symbol("  ? ", "  Q: ") + question + " (streamed)");
        StringBuilder text = new StringBuilder();
        try (Stream<String> chunks = chat.stream(question, null)) {
            console.append(console.symbol("  \u2192 ", "  A: "));
            for (Iterator<String> it = chunks.iterator(); it.hasNext(); ) {
                String chunk = it.next();
                text.append(chunk);
                console.append(chunk);
            }
            console.endPartialLine();
            answered++;
        } catch (UncheckedIOException e) {
            console.line(Style.RED, console.symbol("  \u2716 ", "  FAILED: ") + "the answer broke off after \""
                    + text + "\": " + Causes.brief(e));
            failures.add(e.getClass().getSimpleName());
        } catch (Exception e) {
            failed(e);
        } finally {
            streamed.add(text.toString());
            pause();
        }
        return text.toString();
    }

    /** Waits {@code duration} for real, drawing a countdown: {@code what} is happening meanwhile. */
    public void waitFor(String what, Duration duration) throws InterruptedException {
        Instant end = Instant.now().plus(duration);
        ProgressBar bar = new ProgressBar(20, console.unicode());
        String head = console.symbol("  \u231b ", "  WAIT      ") + what;
        if (!console.fancy()) {
            console.line(Style.DIM, head + " " + ProgressBar.seconds(duration));
            Thread.sleep(duration.toMillis());
            return;
        }
        Object token = console.startLive(Style.DIM, head, bar.render(duration, duration),
                bar.render(duration, Duration.ZERO));
        for (Duration left = duration; left.compareTo(Duration.ZERO) > 0; left = Duration.between(Instant.now(), end)) {
            console.redraw(token, bar.render(duration, left));
            Thread.sleep(Math.min(50, left.toMillis() + 1));
        }
        console.endLiveLine();
    }

    int asked() { return asked; }

    int answered() { return answered; }

    List<String> failures() { return List.copyOf(failures); }

    List<String> streamed() { return List.copyOf(streamed); }

    private void failed(Exception e) {
        failures.add(e.getClass().getSimpleName());
        console.line(Style.RED, console.symbol("  \u2716 ", "  FAILED: ") + e.getClass().getSimpleName() + ": "
                + Causes.brief(e));
    }

    private void pause() {
        if (timings.pause().isZero()) return;
        try {
            Thread.sleep(timings.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
