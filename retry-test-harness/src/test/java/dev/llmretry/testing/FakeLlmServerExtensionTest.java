package dev.llmretry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small test classes through the JUnit engine (they are not run on their own: Surefire skips
 * nested classes) to check what {@code @RegisterExtension} does with a {@link FakeLlmServer}.
 */
class FakeLlmServerExtensionTest {

    @Test
    void staticField_twoTests_sameServerStartedOnceAndResetBetweenTestsThenClosed() {
        Events tests = run(StaticFieldTests.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertFalse(StaticFieldTests.server.isRunning());
    }

    @Test
    void instanceField_twoTests_freshServerPerTestClosedAfterEach() {
        InstanceFieldTests.seen.clear();

        Events tests = run(InstanceFieldTests.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        List<FakeLlmServer> seen = InstanceFieldTests.seen;
        assertEquals(2, seen.size());
        assertNotEquals(seen.get(0), seen.get(1));
        assertTrue(seen.stream().noneMatch(FakeLlmServer::isRunning));
    }

    @Test
    void staticFieldWithNestedClass_nestedClassEnds_serverKeepsRunningForOuterTests() {
        Events tests = run(NestedTests.class);

        tests.assertStatistics(stats -> stats.started(3).succeeded(3));
        assertFalse(NestedTests.server.isRunning());
    }

    @Test
    void namedButNotRegistered_baseUrl_explainsHowToStartIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FakeLlmServer.named("iag").baseUrl());

        assertTrue(e.getMessage().contains("FakeLlmServer.start(\"iag\")"), e.getMessage());
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StaticFieldTests {

        @RegisterExtension
        static FakeLlmServer server = FakeLlmServer.named("static");
        static int firstPort;

        @Test
        @Order(1)
        void first() throws Exception {
            firstPort = server.port();
            server.enqueue(FakeResponse.status(504).times(5));
            assertEquals(504, TestClient.chat(server, "q").statusCode());
        }

        @Test
        @Order(2)
        void second() throws Exception {
            assertEquals(firstPort, server.port());
            assertEquals(0, server.requestCount());
            assertEquals(0, server.pendingResponses());
            assertEquals(200, TestClient.chat(server, "q").statusCode());
        }
    }

    static class InstanceFieldTests {

        static final List<FakeLlmServer> seen = new CopyOnWriteArrayList<>();

        @RegisterExtension
        FakeLlmServer server = FakeLlmServer.named("instance");

        @Test
        void one() throws Exception {
            seen.add(server);
            assertEquals(200, TestClient.chat(server, "q").statusCode());
        }

        @Test
        void two() throws Exception {
            seen.add(server);
            assertEquals(200, TestClient.chat(server, "q").statusCode());
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class NestedTests {

        @RegisterExtension
        static FakeLlmServer server = FakeLlmServer.named("nested");

        @Test
        @Order(1)
        void outerBefore() throws Exception {
            assertEquals(200, TestClient.chat(server, "q").statusCode());
        }

        @Nested
        class Inner {
            @Test
            void inner() throws Exception {
                assertEquals(200, TestClient.chat(server, "q").statusCode());
            }
        }

        @Test
        @Order(2)
        void outerAfter() throws Exception {
            assertTrue(server.isRunning());
            assertEquals(200, TestClient.chat(server, "q").statusCode());
        }
    }
}
