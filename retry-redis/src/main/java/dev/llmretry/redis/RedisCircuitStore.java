package dev.llmretry.redis;

import dev.llmretry.store.CircuitStore;
import dev.llmretry.store.Fleet;
import dev.llmretry.store.Outcomes;
import dev.llmretry.store.StoreSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet's endpoint circuits in Redis. What is shared, per endpoint:
 * <ul>
 *   <li>{@code llmretry:open:<endpoint>} = {@code <until epoch ms> <instance>}, expiring at {@code until}: the circuit
 *       is open until then. Written when an instance opens the circuit (and after each failed trial), deleted when a
 *       trial answers; announced on channel {@code llmretry:circuits} at once, and read back by every instance once a
 *       second (so an instance that missed a message, or was cut off, catches up).</li>
 *   <li>{@code llmretry:probe:<endpoint>} = the instance that holds the probe lease ({@code SET NX PX}): only the
 *       holder sends the recovery trial; the others keep the circuit open until its outcome arrives, or until the
 *       lease expires (its holder died).</li>
 *   <li>{@code llmretry:streak:<endpoint>}: the fleet's failures in a row ({@code INCR} on each failure, deleted by
 *       the success that ends an instance's run, expiring after the health window): at {@code outage-threshold} the
 *       instance that counted the last one opens the circuit for the fleet, so a dead endpoint gets about
 *       {@code outage-threshold} requests from the whole fleet before it is isolated, not that many per instance.</li>
 *   <li>{@code llmretry:outcomes:<endpoint>}: a hash of each instance's requests and failures over the health window,
 *       written once a second; the opening rule's failure rate adds the other instances' counts.</li>
 * </ul>
 * Every call is answered from memory: changes are queued for this store's thread ({@code llm-retry-redis}), the
 * probe lease is asked for asynchronously (the first call after the open time fails over; a later one holds the
 * lease), every command times out after {@link Timing#commandTimeout}. When Redis is unreachable, slow or answers
 * nonsense, the store stops sharing ({@link #sharing()} false, one warning), each instance keeps its own circuit
 * state, and the store reconnects in the background (a lost connection is noticed by the next tick and made anew
 * every {@link Timing#reconnect}, not by Lettuce's own reconnection, which warns on every attempt); a value it cannot
 * parse is ignored.
 *
 * <pre>{@code
 * CircuitStore store = RedisCircuitStore.start(StoreSettings.of("redis", "redis://localhost:6379"), fleet, Timing.DEFAULT);
 * }</pre>
 */
final class RedisCircuitStore implements CircuitStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCircuitStore.class);
    static final String CHANNEL = "llmretry:circuits";
    static final String OPEN = "llmretry:open:";
    static final String PROBE = "llmretry:probe:";
    static final String OUTCOMES = "llmretry:outcomes:";
    static final String STREAK = "llmretry:streak:";

    /**
     * How long commands may take, how often state is synchronised, how long a probe lease lasts, how long another
     * instance's outcomes count after it wrote them.
     */
    record Timing(Duration commandTimeout, Duration tick, Duration reconnect, Duration lease, Duration freshness) {
        static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** This instance's lease decision for one endpoint. */
    private record Lease(boolean pending, boolean held, long atMillis, long untilMillis) {
    }

    private final Fleet fleet;
    private final Timing timing;
    private final String instance;
    private final String masked;
    private final List<String> secrets;
    private final RedisURI uri;
    private final ScheduledThreadPoolExecutor thread;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Outcomes> others = new ConcurrentHashMap<>();
    /** The last open circuit applied per endpoint ({@code <until> <instance>}): the tick re-reads it, applies it once. */
    private final ConcurrentHashMap<String, String> applied = new ConcurrentHashMap<>();
    private volatile ClientResources resources;
    private volatile RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean sharing;
    private volatile boolean warned;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger connectAttempts = new java.util.concurrent.atomic.AtomicInteger();

    private RedisCircuitStore(StoreSettings settings, Fleet fleet, Timing timing) {
        this.fleet = fleet;
        this.timing = timing;
        this.instance = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.masked = settings.toString();
        this.secrets = StoreSettings.secretsOf(settings.uri());
        this.uri = RedisURI.create(settings.uri().strip());
        this.uri.setTimeout(timing.commandTimeout());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "llm-retry-redis");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
    }

    /** A store that connects in the background (falling back to local state until it has) and synchronises every tick. */
    static RedisCircuitStore start(StoreSettings settings, Fleet fleet, Timing timing) {
        RedisCircuitStore store = new RedisCircuitStore(settings, fleet, timing);
        store.thread.execute(store::connect);
        long tick = timing.tick().toMillis();
        store.thread.scheduleWithFixedDelay(store::tick, tick, tick, TimeUnit.MILLISECONDS);
        return store;
    }

    /** How often this store tried to connect (tests). */
    int connectAttempts() { return connectAttempts.get(); }

    /** This instance's name in Redis values and messages. */
    String instance() { return instance; }

    @Override
    public boolean sharing() { return sharing; }

    @Override
    public void opened(String endpoint, Instant until) {
        submit(() -> {
            long ttl = until.toEpochMilli() - fleet.now().toEpochMilli();
            if (ttl <= 0) return;
            String value = until.toEpochMilli() + " " + instance;
            RedisCommands<String, String> redis = connection.sync();
            redis.set(OPEN + endpoint, value, SetArgs.Builder.px(ttl));
            redis.publish(CHANNEL, "open " + value + " " + endpoint);
        });
    }

    @Override
    public void closed(String endpoint) {
        Lease held = leases.remove(endpoint);
        submit(() -> {
            RedisCommands<String, String> redis = connection.sync();
            redis.del(OPEN + endpoint);
            if (held != null && held.held() && instance.equals(redis.get(PROBE + endpoint))) redis.del(PROBE + endpoint);
            redis.publish(CHANNEL, "closed 0 " + instance + " " + endpoint);
        });
    }

    /**
     * True when this instance holds the lease, or when Redis cannot tell (not connected, no answer in time); false
     * while another instance holds it or the answer is on its way (asked for here, asynchronously).
     */
    @Override
    public boolean mayProbe(String endpoint) {
        StatefulRedisConnection<String, String> c = connection;
        if (!sharing || c == null) return true;
        long now = fleet.now().toEpochMilli();
        Lease l = leases.get(endpoint);
        if (l != null && l.pending()) {
            return now - l.atMillis() > 2 * timing.commandTimeout().toMillis(); // no answer in time: cannot tell
        }
        if (l != null && now < l.untilMillis()) return l.held();
        Lease asked = new Lease(true, false, now, now);
        if (l == null ? leases.putIfAbsent(endpoint, asked) != null : !leases.replace(endpoint, l, asked)) return false;
        long lease = timing.lease().toMillis();
        String key = PROBE + endpoint;
        try {
            var redis = c.async();
            redis.set(key, instance, SetArgs.Builder.nx().px(lease))
                    .thenCompose(ok -> "OK".equals(ok) ? CompletableFuture.completedFuture(true)
                            : redis.get(key).thenCompose(holder -> !instance.equals(holder)
                                    ? CompletableFuture.completedFuture(false)            // another instance probes
                                    : redis.pexpire(key, lease).thenApply(extended -> true))) // still ours: keep it
                    .whenComplete((held, e) -> {
                        // an error: cannot tell, so probe as an instance alone would
                        leases.put(endpoint, new Lease(false, e != null || held, now, now + lease));
                        if (e != null) down(e);
                    });
        } catch (RuntimeException e) {
            leases.put(endpoint, new Lease(false, true, now, now + lease));
            down(e);
        }
        return false;
    }

    /** Adds one to the fleet's run (asynchronously; the answer tells the fleet its length). */
    @Override
    public void failed(String endpoint) {
        StatefulRedisConnection<String, String> c = connection;
        if (!sharing || c == null) return;
        String key = STREAK + endpoint;
        try {
            var redis = c.async();
            redis.incr(key).whenComplete((n, e) -> {
                if (e != null) {
                    if (!(e instanceof RedisCommandExecutionException)) down(e);
                    else redis.del(key); // not a number: start the run again
                    return;
                }
                fleet.fleetFailures(endpoint, n);
            });
            redis.pexpire(key, fleet.windowMillis());
        } catch (RuntimeException e) {
            down(e);
        }
    }

    @Override
    public void recovered(String endpoint) {
        StatefulRedisConnection<String, String> c = connection;
        if (!sharing || c == null) return;
        try {
            c.async().del(STREAK + endpoint);
        } catch (RuntimeException e) {
            down(e);
        }
    }

    @Override
    public Outcomes others(String endpoint) {
        Outcomes o = others.get(endpoint);
        return o == null || !sharing ? Outcomes.NONE : o;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        sharing = false;
        thread.shutdownNow();
        RedisClient c = client;
        ClientResources r = resources;
        try {
            if (c != null) c.shutdown(Duration.ZERO, timing.commandTimeout());
            if (r != null) r.shutdown(0, timing.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("Closing the Redis store: {}", mask(e.toString()));
        }
    }

    /** Connects (on this store's thread); on failure warns once and tries again after {@link Timing#reconnect}. */
    private void connect() {
        if (closed) return;
        connectAttempts.incrementAndGet();
        try {
            if (client == null) {
                resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
                RedisClient c = RedisClient.create(resources, uri);
                c.setOptions(ClientOptions.builder()
                        .autoReconnect(false) // reconnected here, so a long outage logs one warning, not one per attempt
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(timing.commandTimeout()))
                        .socketOptions(SocketOptions.builder().connectTimeout(timing.commandTimeout().multipliedBy(2)).build())
                        .build());
                client = c;
            }
            StatefulRedisConnection<String, String> c = client.connect();
            StatefulRedisPubSubConnection<String, String> p = null;
            try {
                p = client.connectPubSub();
                p.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        received(message);
                    }
                });
                p.sync().subscribe(CHANNEL);
            } catch (RuntimeException e) {
                c.close();
                if (p != null) p.close();
                throw e;
            }
            connection = c;
            pubsub = p;
            tick(); // reads what is open right now
        } catch (RuntimeException e) {
            down(e);
            if (!closed) thread.schedule(this::connect, timing.reconnect().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Once a tick: writes this instance's outcomes, reads the others' and every open circuit; marks the store
     * sharing again when Redis answers after an outage; a lost connection starts the connect loop.
     */
    private void tick() {
        StatefulRedisConnection<String, String> c = connection;
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        if (c == null || closed) return; // not connected: the connect loop is running
        if (!c.isOpen() || p == null || !p.isOpen()) {
            down(new IllegalStateException("connection lost"));
            drop(c, p);
            connect();
            return;
        }
        try {
            RedisCommands<String, String> redis = c.sync();
            List<String> endpoints = new ArrayList<>(fleet.endpoints());
            if (endpoints.isEmpty()) {
                redis.ping();
            } else {
                shareOutcomes(redis, endpoints);
                readOpen(redis, endpoints);
            }
            up();
        } catch (RuntimeException e) {
            down(e);
        }
    }

    private void shareOutcomes(RedisCommands<String, String> redis, List<String> endpoints) {
        long now = fleet.now().toEpochMilli();
        long keep = Math.max(fleet.windowMillis(), timing.freshness().toMillis()) * 2;
        for (String endpoint : endpoints) {
            String key = OUTCOMES + endpoint;
            try {
                Outcomes mine = fleet.local(endpoint);
                if (mine.requests() > 0) {
                    redis.hset(key, instance, mine.requests() + " " + mine.failures() + " " + now);
                    redis.pexpire(key, keep);
                }
                others.put(endpoint, sum(redis.hgetall(key), now));
            } catch (RedisCommandExecutionException wrongType) {
                unusable(redis, key, wrongType);
            }
        }
    }

    /** The other instances' fresh entries added up; entries that cannot be parsed are left out. */
    private Outcomes sum(Map<String, String> entries, long now) {
        Outcomes total = Outcomes.NONE;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (instance.equals(e.getKey())) continue;
            String[] parts = e.getValue().split(" ");
            try {
                if (parts.length == 3 && now - Long.parseLong(parts[2]) <= timing.freshness().toMillis()) {
                    total = total.plus(new Outcomes(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
                }
            } catch (NumberFormatException garbage) {
                LOG.debug("Ignoring unusable outcomes of instance {}", e.getKey());
            }
        }
        return total;
    }

    private void readOpen(RedisCommands<String, String> redis, List<String> endpoints) {
        String[] keys = endpoints.stream().map(e -> OPEN + e).toArray(String[]::new);
        try {
            List<KeyValue<String, String>> values = redis.mget(keys);
            for (int i = 0; i < values.size() && i < endpoints.size(); i++) {
                KeyValue<String, String> v = values.get(i);
                if (v.hasValue()) applyOpen(endpoints.get(i), v.getValue());
            }
        } catch (RedisCommandExecutionException e) {
            LOG.debug("Reading open circuits: {}", mask(e.toString()));
        }
    }

    /** A message on the channel: {@code open <until> <instance> <endpoint>} or {@code closed 0 <instance> <endpoint>}. */
    private void received(String message) {
        try {
            String[] parts = message.split(" ", 4);
            if (parts.length != 4 || parts[2].equals(instance)) return;
            if (parts[0].equals("open")) applyOpen(parts[3], parts[1] + " " + parts[2]);
            else if (parts[0].equals("closed")) {
                leases.remove(parts[3]);
                fleet.closedElsewhere(parts[3]);
            }
        } catch (RuntimeException e) {
            LOG.debug("Ignoring message {} on {}: {}", message, CHANNEL, e.toString());
        }
    }

    /** {@code <until epoch ms> <instance>} from another instance: open the local circuit until then. */
    private void applyOpen(String endpoint, String value) {
        String[] parts = value.split(" ", 2);
        if (parts.length != 2 || parts[1].equals(instance) || value.equals(applied.put(endpoint, value))) return;
        long until;
        try {
            until = Long.parseLong(parts[0]);
        } catch (NumberFormatException garbage) {
            LOG.debug("Ignoring unusable open circuit of {}: {}", endpoint, value);
            return;
        }
        fleet.openedElsewhere(endpoint, Instant.ofEpochMilli(until));
    }

    /** Forgets a lost connection pair (closing what is left of it); the connect loop makes a new one. */
    private void drop(StatefulRedisConnection<String, String> c, StatefulRedisPubSubConnection<String, String> p) {
        connection = null;
        pubsub = null;
        try {
            c.close();
            if (p != null) p.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing a lost Redis connection: {}", mask(e.toString()));
        }
    }

    /** A key of ours holding another type (written by hand, or by an older version): replaced. */
    private void unusable(RedisCommands<String, String> redis, String key, RuntimeException e) {
        LOG.warn("Redis key {} is not usable ({}); deleting it", key, mask(e.getMessage()));
        redis.del(key);
    }

    /** Runs {@code write} on this store's thread when connected; a failure there is the store's, never a caller's. */
    private void submit(Runnable write) {
        if (closed || connection == null) return;
        try {
            thread.execute(() -> {
                if (connection == null || closed) return;
                try {
                    write.run();
                } catch (RuntimeException e) {
                    down(e);
                }
            });
        } catch (RuntimeException rejected) {
            // closed meanwhile
        }
    }

    private void down(Throwable e) {
        sharing = false;
        if (closed || warned) return;
        warned = true;
        LOG.warn("Circuit store {} is not reachable ({}); each instance keeps its own circuit state until it is back"
                + " (reconnecting in the background)", masked, mask(String.valueOf(e)));
    }

    /** Redis answers: sharing (again); the circuits this instance opened meanwhile are announced. */
    private void up() {
        if (sharing) return;
        sharing = true;
        if (warned) LOG.info("Circuit store {} is reachable again; endpoint circuits are shared", masked);
        warned = false;
        fleet.openHere().forEach(this::opened);
    }

    private String mask(String text) {
        String out = text;
        for (String s : secrets) out = out.replace(s, "****");
        return out;
    }

    @Override
    public String toString() {
        return "RedisCircuitStore[" + masked + ", " + (sharing ? "sharing" : "local") + "]";
    }
}
