package dev.llmretry.internal.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelt keys and names: the closest known one within a small edit distance. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * The known word closest to {@code given}, comparing case-insensitively with {@code _} and {@code -} as equal
     * (and also with dashes dropped, for camelCase), if it is at most two edits away (one for words of up to three
     * letters) or shares all but the last letter of the shorter word ({@code retries} and {@code retry}).
     */
    static Optional<String> closest(String given, Collection<String> known) {
        String wanted = normalize(given);
        int limit = wanted.length() <= 3 ? 1 : MAX_DISTANCE;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String known1 = normalize(candidate);
            int distance = Math.min(distance(wanted, known1, limit),
                    distance(wanted.replace("-", ""), known1.replace("-", ""), limit));
            if (distance > limit && sharesStem(wanted, known1)) distance = limit;
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ", did you mean 'x'?"} or {@code ""}. */
    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(k -> ", did you mean '" + k + "'?").orElse("");
    }

    /** "retries" and "retry": equal but for the last letter of the shorter word, which has at least four. */
    private static boolean sharesStem(String a, String b) {
        int stem = Math.min(a.length(), b.length()) - 1;
        return stem >= 3 && a.regionMatches(0, b, 0, stem);
    }

    private static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance, giving up (returning limit + 1) once it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) return limit + 1;
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
