package com.acme.chat;

import dev.llmretry.testing.FakeLlmServer;
import dev.llmretry.testing.FakeResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Makes the fake endpoints misbehave, for the demo's curl session: {@code POST /demo/iag/fail?status=504&times=3},
 * {@code POST /demo/iag/down} (503 until further notice), {@code POST /demo/iag/up}.
 */
@RestController
@ConditionalOnBooleanProperty(name = "demo.fake-endpoints", matchIfMissing = true)
public class DemoController {
    private final FakeEndpoints fakes;

    public DemoController(FakeEndpoints fakes) {
        this.fakes = fakes;
    }

    @PostMapping("/demo/{endpoint}/fail")
    public ResponseEntity<String> fail(@PathVariable String endpoint, @RequestParam(defaultValue = "503") int status,
                                       @RequestParam(defaultValue = "1") int times) {
        return on(endpoint, s -> s.enqueue(FakeResponse.status(status).times(times)),
                "the next " + times + " request(s) to " + endpoint + " get " + status);
    }

    @PostMapping("/demo/{endpoint}/down")
    public ResponseEntity<String> down(@PathVariable String endpoint) {
        return on(endpoint, s -> s.always(FakeResponse.status(503)), endpoint + " answers 503 until /up");
    }

    @PostMapping("/demo/{endpoint}/up")
    public ResponseEntity<String> up(@PathVariable String endpoint) {
        return on(endpoint, FakeLlmServer::reset, endpoint + " answers again");
    }

    private ResponseEntity<String> on(String endpoint, java.util.function.Consumer<FakeLlmServer> change, String done) {
        FakeLlmServer server = fakes.server(endpoint);
        if (server == null) return ResponseEntity.status(404).body("no fake endpoint '" + endpoint + "'\n");
        change.accept(server);
        return ResponseEntity.ok(done + "\n");
    }
}
