package dev.llmretry.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator parts, when the application has Actuator: the health contributor {@code llmRetry}
 * ({@code management.health.llmretry.enabled}) and the endpoint {@code /actuator/llmretry} (exposed like any other:
 * {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = LlmRetryAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "llmretry.enabled", matchIfMissing = true)
public class LlmRetryActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("llmretry")
    static class Health {
        /** The bean name gives the contributor its name: {@code llmRetry}. */
        @Bean
        @ConditionalOnMissingBean(name = "llmRetryHealthIndicator")
        LlmRetryHealthIndicator llmRetryHealthIndicator() {
            return new LlmRetryHealthIndicator();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
    @ConditionalOnAvailableEndpoint(LlmRetryEndpoint.class)
    static class Endpoint {
        @Bean
        @ConditionalOnMissingBean
        LlmRetryEndpoint llmRetryEndpoint() {
            return new LlmRetryEndpoint();
        }
    }
}
