package dev.llmretry.benchmarks.jmh;

import dev.llmretry.LlmResilience;
import dev.llmretry.internal.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.embedded.RedisServer;

/**
 * The full-stack happy path ({@code @LlmRetry + @LlmCircuitBreaker + @Failover}, as {@link HappyPathBench#llmRetryFull})
 * with the local store and with the Redis store configured ({@code health.store: redis}, a real redis-server started
 * here on a free port): a success never touches the store, so both must cost the same.
 *
 * <pre>{@code
 * java -jar retry-benchmarks/target/benchmarks.jar FleetStoreBench -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FleetStoreBench {
    @Param({"local", "redis"})
    public String store;

    @Param("hello")
    public String q;

    private BenchService svc;
    private RedisServer redis;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String yaml;
        try (InputStream in = FleetStoreBench.class.getClassLoader().getResourceAsStream(ConfigLoader.RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (store.equals("redis")) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            redis.start();
            yaml += "health: { store: redis, redis-uri: \"redis://127.0.0.1:" + port + "\" }\n";
        }
        LlmResilience.useConfig("FleetStoreBench retry.yaml (" + store + ")", yaml);
        svc = new BenchService();
        if (svc.callFull(null, q) == null) throw new IllegalStateException("not woven");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        LlmResilience.shutdown();
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code @LlmRetry + @LlmCircuitBreaker + @Failover} over three endpoints, with {@link #store}. */
    @Benchmark
    public String llmRetryFull() {
        return svc.callFull(null, q);
    }
}
