package dev.llmretry.aspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * AspectJ can rebind the {@code Endpoint} argument only at a position fixed in a pointcut, so each advice exists once
 * per position. These tests keep the copies honest: every sync variant is the executor's one loop
 * ({@code SyncCall}, statement for statement, with {@code proceed} for the lambda), and every shaped variant is the
 * same one line. A fix made to one copy and not the others fails here.
 */
class AdviceShapeTest {
    private static final Path ASPECTS = Path.of("src/main/aspect/dev/llmretry/aspect");
    private static final Path SYNC_CALL = Path.of("src/main/java/dev/llmretry/internal/exec/SyncCall.java");
    private static final Pattern ADVICE = Pattern.compile("\\n    Object around\\(([^)]*)\\): (\\w+)\\(\\)(.*?)\\{\\n(.*?)\\n    }\\n",
            Pattern.DOTALL);

    @Test
    void everySyncVariant_isTheExecutorsLoop_withProceedForTheAttempt() throws IOException {
        String sync = Files.readString(SYNC_CALL);
        String loop = sync.substring(sync.indexOf("// loop: begin\n") + 15, sync.indexOf("        // loop: end"))
                .replace("attempt.apply(plan.endpoint(permit))", "PROCEED");
        List<String> bodies = new ArrayList<>();
        for (Advice a : advices("SyncAdvice.aj")) {
            if (!a.body.contains("MethodPlan plan")) continue; // the "Endpoint too far right" guard
            String body = a.body.replace("        MethodPlan plan = MethodPlan.of(thisJoinPointStaticPart);\n", "")
                    .replace(a.injects ? "proceed(plan.endpoint(permit))" : "proceed()", "PROCEED");
            assertEquals(loop.strip(), body.strip(), "the SyncAdvice variant for " + a.pointcutTail);
            bodies.add(body);
        }
        assertEquals(7, bodies.size(), "no Endpoint parameter, and Endpoint at positions 1 to 6");
    }

    @Test
    void everyShapedVariant_isTheSameLine_atTheSamePositionsAsSync() throws IOException {
        List<String> syncPositions = advices("SyncAdvice.aj").stream().filter(a -> a.body.contains("MethodPlan plan"))
                .map(a -> a.pointcutTail).toList();
        List<Advice> shaped = advices("ShapedAdvice.aj").stream().filter(a -> a.body.contains("ResultShape.start"))
                .toList(); // not the unsupported-result and "Endpoint too far right" guards
        assertEquals(List.of("shaped"), shaped.stream().map(a -> a.kind).distinct().toList(),
                "one advice per position for every result shape: ResultShape picks the shell");
        assertEquals(syncPositions, shaped.stream().map(a -> a.pointcutTail).toList(), "the positions");
        String first = shaped.get(0).body.replace("proceed()", "proceed(ep)");
        for (Advice a : shaped) {
            assertEquals(first, a.body.replace("proceed()", "proceed(ep)"), "the shaped variant for " + a.pointcutTail);
            assertTrue(a.injects == a.body.contains("proceed(ep)"), "an injecting variant proceeds with the endpoint");
        }
    }

    private record Advice(String kind, String pointcutTail, boolean injects, String body) {
    }

    private static List<Advice> advices(String file) throws IOException {
        String text = Files.readString(ASPECTS.resolve(file));
        List<Advice> out = new ArrayList<>();
        Matcher m = ADVICE.matcher(text);
        while (m.find()) {
            out.add(new Advice(m.group(2), m.group(3).strip(), m.group(1).contains("Endpoint injected"), m.group(4)));
        }
        return out;
    }
}
