package dev.llmretry.spring;

import dev.llmretry.LlmResilience;
import dev.llmretry.health.EndpointStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The Actuator endpoint {@code /actuator/llmretry}: {@code GET} returns {@code LlmResilience.health().toJson()} (the
 * health JSON of SPEC §7, secrets masked); {@code POST /actuator/llmretry/{name}/reset} closes the circuit of an
 * endpoint or named breaker, answering 404 with the known names for an unknown one. Expose it with
 * {@code management.endpoints.web.exposure.include=health,llmretry}; it can close circuits, so secure it as you
 * secure the other write endpoints. Thread-safe.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/llmretry
 * curl -X POST localhost:8080/actuator/llmretry/iag/reset
 * }</pre>
 */
@WebEndpoint(id = "llmretry")
public class LlmRetryEndpoint {
    private static final String RESET = "reset";

    /** The health JSON of every endpoint and named circuit breaker. */
    @ReadOperation(produces = "application/json")
    public String health() {
        return LlmResilience.health().toJson();
    }

    /** {@code POST /actuator/llmretry/{name}/reset}: closes {@code name}'s circuit; 404 for an unknown name. */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> operation(@Selector String name, @Selector String action) {
        if (!RESET.equals(action)) {
            return notFound("No operation '" + action + "' on " + name + "; POST /actuator/llmretry/" + name
                    + "/reset closes its circuit");
        }
        try {
            LlmResilience.reset(name);
        } catch (IllegalArgumentException unknown) {
            return notFound(unknown.getMessage());
        }
        EndpointStatus status = LlmResilience.health().endpoint(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (status != null) body.putAll(LlmRetryHealthIndicator.details(status));
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
    }

    private static WebEndpointResponse<Map<String, Object>> notFound(String message) {
        List<String> known = LlmResilience.health().endpoints().values().stream()
                .filter(s -> s.state() != dev.llmretry.health.HealthState.CONFIG_ERROR).map(EndpointStatus::name).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("known", known);
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
