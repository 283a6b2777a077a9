package dev.llmretry.it;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls to iag block until released, so concurrent callers meet a half-open circuit whose trial slots are taken. */
public class GateService {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger inIag = new AtomicInteger();
    private final AtomicInteger inOneapi = new AtomicInteger();

    @Failover(endpoints = {"iag", "oneapi"})
    public String call(Endpoint endpoint) throws Exception {
        if (endpoint.name().equals("oneapi")) {
            inOneapi.incrementAndGet();
            return "oneapi";
        }
        inIag.incrementAndGet();
        if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        return "iag";
    }

    public void release() { release.countDown(); }

    public int inIag() { return inIag.get(); }

    public int inOneapi() { return inOneapi.get(); }
}
