package com.acme.chat;

import dev.llmretry.testing.FakeLlmServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The demo's three LLM endpoints, {@code iag}, {@code oneapi} and {@code litellm}: FakeLlmServers on 127.0.0.1,
 * started before the context so that retry.yaml's {@code ${IAG_URL}}, {@code ${ONEAPI_URL}} and
 * {@code ${LITELLM_URL}} point at them. Off with {@code demo.fake-endpoints=false} (then set those three variables
 * to real endpoints). Registered in META-INF/spring.factories; closed with the context.
 */
public class FakeEndpoints implements ApplicationContextInitializer<ConfigurableApplicationContext>, AutoCloseable {
    private final Map<String, FakeLlmServer> servers = new LinkedHashMap<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty("demo.fake-endpoints", Boolean.class, true)) return;
        for (String name : new String[] {"iag", "oneapi", "litellm"}) {
            FakeLlmServer server = FakeLlmServer.start(name);
            servers.put(name, server);
            System.setProperty(name.toUpperCase(java.util.Locale.ROOT) + "_URL", server.baseUrl());
        }
        context.getBeanFactory().registerSingleton("fakeEndpoints", this);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) close();
        });
    }

    /** The fake server of {@code endpoint}, or {@code null}. */
    public FakeLlmServer server(String endpoint) {
        return servers.get(endpoint);
    }

    @Override
    public void close() {
        servers.values().forEach(FakeLlmServer::close);
    }
}
