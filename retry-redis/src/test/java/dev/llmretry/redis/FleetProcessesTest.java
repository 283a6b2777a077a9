package dev.llmretry.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import dev.llmretry.testing.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate JVMs ({@link FleetMember}) sharing one real Redis behave as one fleet: what one instance learns about a dead
 * {@code iag}, the others know without sending it a request; one of them probes it per recovery period; Redis going
 * away never stops a call, and sharing resumes when it is back. {@code -Dredis.fleet.skip=true} leaves this suite out.
 */
class FleetProcessesTest {
    @TempDir
    Path dir;
    private TestRedis redis;
    private FakeLlmServer iag;
    private FakeLlmServer oneapi;
    private final List<Member> members = new ArrayList<>();

    @BeforeEach
    void start() {
        Assumptions.assumeFalse(Boolean.getBoolean("redis.fleet.skip"), "redis.fleet.skip is set");
        redis = new TestRedis();
        iag = FakeLlmServer.start("iag").always(FakeResponse.status(503));
        oneapi = FakeLlmServer.start("oneapi").always(FakeResponse.ok("fine"));
    }

    @AfterEach
    void stop() {
        members.forEach(Member::close);
        if (iag != null) iag.close();
        if (oneapi != null) oneapi.close();
        if (redis != null) redis.close();
    }

    @Test
    void instanceAOpensIag_instanceB_nextCallGoesStraightToOneapiEvenWithGarbageInRedis() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            List<Member> fleet = fleet("30s", "a", "b");
            Member a = fleet.get(0);
            Member b = fleet.get(1);

            assertEquals("ok oneapi", a.send("call"));
            assertEquals("circuit_open", a.send("state"));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.send("state").equals("circuit_open"));
            int before = iag.requestCount();

            assertEquals("ok oneapi", b.send("call"));
            assertEquals(before, iag.requestCount(), "B sent iag no request");

            redis.commands().set(RedisCircuitStore.OPEN + "oneapi", "garbage");
            redis.commands().set(RedisCircuitStore.OUTCOMES + "iag", "not a hash");
            redis.commands().publish(RedisCircuitStore.CHANNEL, "open never x oneapi");
            assertEquals("ok oneapi", b.send("call"));
            redis.commands().flushall();
            assertEquals("ok oneapi", a.send("call"));
            assertEquals("ok oneapi", b.send("call"));
            assertEquals(before, iag.requestCount());
        });
    }

    @Test
    void deadIagAndThreeInstancesCalling_fleet_sendsOneProbePerRecoveryPeriod() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            List<Member> fleet = fleet("1s", "a", "b", "c");
            Member a = fleet.get(0);
            Member b = fleet.get(1);
            Member c = fleet.get(2);
            assertEquals("ok oneapi", a.send("call"));
            // open, or already past its 1 s (half_open): either way B and C learnt it without calling iag
            await().atMost(Duration.ofSeconds(10)).until(() -> !b.send("state").equals("healthy")
                    && !c.send("state").equals("healthy"));
            int opened = iag.requestCount();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (Member m : fleet) assertEquals("ok oneapi", m.send("call"));
                return iag.requestCount() >= opened + 3;
            });

            List<RecordedRequest> probes = iag.requests().subList(opened, iag.requestCount());
            List<Long> sent = probes.stream().map(r -> Long.parseLong(r.header("X-Sent-At"))).sorted().toList();
            for (int i = 1; i < sent.size(); i++) {
                assertTrue(sent.get(i) - sent.get(i - 1) >= 900, "two probes within one recovery period (1 s): "
                        + probes.stream().map(r -> r.header("X-Instance") + "@" + r.header("X-Sent-At")).toList());
            }
        });
    }

    @Test
    void redisKilledMidRun_callsGoOn_andSharingResumesWhenRedisIsBack() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            List<Member> fleet = fleet("30s", "a", "b");
            Member a = fleet.get(0);
            Member b = fleet.get(1);

            redis.stop();
            assertEquals("ok oneapi", a.send("call"));
            assertEquals("circuit_open", a.send("state"));
            assertEquals("healthy", b.send("state"), "without Redis, B cannot know");

            redis.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.send("state").equals("circuit_open"));
            int before = iag.requestCount();
            assertEquals("ok oneapi", b.send("call"));
            assertEquals(before, iag.requestCount());
        });
    }

    /**
     * One JVM per name, configured with {@code recovery} as recovery-time, returned once every member's store is
     * connected (as many subscribers on the channel as members).
     */
    private List<Member> fleet(String recovery, String... names) throws IOException {
        Path config = config(recovery);
        List<Member> fleet = new ArrayList<>();
        for (String name : names) fleet.add(member(name, config));
        long n = names.length;
        await().atMost(Duration.ofSeconds(20)).until(() ->
                redis.commands().pubsubNumsub(RedisCircuitStore.CHANNEL).getOrDefault(RedisCircuitStore.CHANNEL, 0L) == n);
        return fleet;
    }

    private Path config(String recovery) throws IOException {
        Path file = dir.resolve("retry-" + recovery + ".yaml");
        Files.writeString(file, """
                retry:
                  default: { max-attempts: 5, initial-backoff: 10ms, max-backoff: 1s, multiplier: 2, jitter: none }
                circuit-breaker:
                  default: { failure-threshold: 3, recovery-time: %s, min-recovery-time: %s }
                endpoints:
                  iag: { url: "%s" }
                  oneapi: { url: "%s" }
                health: { store: redis, redis-uri: "%s" }
                """.formatted(recovery, recovery, iag.baseUrl(), oneapi.baseUrl(), redis.uri()));
        return file;
    }

    private Member member(String name, Path config) throws IOException {
        Member m = new Member(name, config, dir.resolve(name + ".log"));
        members.add(m);
        return m;
    }

    /** One fleet member's JVM, spoken to line by line. */
    private static final class Member implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Member(String name, Path config, Path log) throws IOException {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", FleetMember.class.getName(), config.toString(), name)
                    .redirectError(log.toFile())
                    .start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not start: " + ready + "; its log:\n" + Files.readString(log));
            }
        }

        synchronized String send(String command) {
            try {
                in.write(command + "\n");
                in.flush();
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                send("quit");
            } catch (RuntimeException gone) {
                // already ended
            }
            process.destroy();
        }
    }
}
