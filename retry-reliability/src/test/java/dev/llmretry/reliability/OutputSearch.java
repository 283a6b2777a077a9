package dev.llmretry.reliability;

import dev.llmretry.event.LlmRetryEvent;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects every text the library produced and reports where a secret shows up. */
final class OutputSearch {
    private final List<String> secrets;
    private final List<String> leaks = new ArrayList<>();

    OutputSearch(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Searches {@code text}, naming it {@code where} in the report. */
    OutputSearch text(String where, String text) {
        if (text == null) return this;
        for (String s : secrets) {
            if (text.contains(s)) leaks.add(where + " contains " + s + ": " + excerpt(text, s));
        }
        return this;
    }

    /** Searches an event's {@code toString()} and every String (or collection) component. */
    OutputSearch event(LlmRetryEvent e) {
        String name = e.getClass().getSimpleName();
        text(name + ".toString()", e.toString());
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(e);
                if (v instanceof String || v instanceof Collection) text(name + "." + c.getName(), String.valueOf(v));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return this;
    }

    List<String> leaks() { return leaks; }

    private static String excerpt(String text, String secret) {
        int i = text.indexOf(secret);
        return text.substring(Math.max(0, i - 120), Math.min(text.length(), i + secret.length() + 40)).replace('\n', ' ');
    }
}
