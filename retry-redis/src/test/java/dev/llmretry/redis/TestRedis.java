package dev.llmretry.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary embedded-redis ships) on a free port of 127.0.0.1, which a test can stop and start
 * again on the same port, and a plain Lettuce connection to look at or tamper with its keys.
 */
final class TestRedis implements AutoCloseable {
    private final int port;
    private RedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    TestRedis() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    int port() { return port; }

    String uri() { return "redis://127.0.0.1:" + port; }

    void start() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        if (connection != null) {
            connection.close();
            client.shutdown();
            connection = null;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commands to inspect or tamper with the server's keys. */
    RedisCommands<String, String> commands() {
        if (connection == null) {
            client = RedisClient.create(uri());
            connection = client.connect();
        }
        return connection.sync();
    }

    @Override
    public void close() {
        stop();
    }
}
