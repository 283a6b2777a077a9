package dev.llmretry.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs a JUnit 5 test class (or one test method) against a fresh llm-retry runtime in virtual time: waits complete
 * at once and are recorded, every test starts with closed circuits and empty health, faults are scripted in-process,
 * and every event is recorded. Test and {@code @BeforeEach} methods may declare {@link Faults},
 * {@link RecordedEvents} and {@link VirtualClock} parameters. Before each test, the annotated classes reachable from
 * the test instance's fields are checked to be woven; a class that is not fails the test with the pom fix.
 *
 * <pre>{@code
 * @LlmRetryTest
 * class ChatServiceTest {
 *     ChatService service = new ChatService();
 *
 *     @Test
 *     void threeGatewayTimeouts_failsOverToOneapi(Faults faults, RecordedEvents events) throws Exception {
 *         faults.on("iag").fail(504).times(3);
 *         service.chat("hi", null);
 *         events.assertThat().attempted("iag", "iag", "iag", "oneapi").succeededOn("oneapi");
 *     }
 * }
 * }</pre>
 *
 * <p>The llm-retry runtime is process-global, so tests using it hold the {@value LlmRetryExtension#RUNTIME_LOCK}
 * resource lock: with JUnit's parallel execution enabled they run one at a time, while other tests still run in
 * parallel with them.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LlmRetryExtension.class)
@ResourceLock(LlmRetryExtension.RUNTIME_LOCK)
public @interface LlmRetryTest {
    /**
     * A classpath resource to use as retry.yaml for the test (e.g. {@code "retry-test.yaml"}); empty (the default)
     * means the normal lookup: system property {@code llmretry.config}, env {@code LLMRETRY_CONFIG}, then
     * {@code retry.yaml} at the classpath root.
     */
    String config() default "";

    /** Seed of the random source behind jitter: the same seed gives the same waits. */
    long seed() default 42;

    /** When true (the default), a declared fault that never fired fails the test. */
    boolean strictFaults() default true;

    /** Classes that must be woven, in addition to the annotated classes found in the test instance's fields. */
    Class<?>[] woven() default {};
}
