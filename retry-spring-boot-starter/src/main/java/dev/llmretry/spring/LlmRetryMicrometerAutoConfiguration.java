package dev.llmretry.spring;

import dev.llmretry.micrometer.LlmRetryMicrometer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Binds retry-micrometer to the application's {@link MeterRegistry} and {@link ObservationRegistry} when it has them
 * (Actuator brings both): the meters {@code llmretry.*} and one {@code llmretry.call} observation per protected call.
 * Switched off with {@code llmretry.metrics.enabled=false}.
 */
@AutoConfiguration(after = LlmRetryAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = {"llmretry.enabled", "llmretry.metrics.enabled"}, matchIfMissing = true)
public class LlmRetryMicrometerAutoConfiguration {
    @Bean
    LlmRetryMicrometerBinding llmRetryMicrometerBinding(ObjectProvider<MeterRegistry> meters,
                                                        ObjectProvider<ObservationRegistry> observations) {
        return new LlmRetryMicrometerBinding(meters, observations);
    }

    /** Binds once every singleton (the registries included) exists; unbinds when the context closes. */
    static final class LlmRetryMicrometerBinding implements SmartInitializingSingleton, DisposableBean {
        private final ObjectProvider<MeterRegistry> meters;
        private final ObjectProvider<ObservationRegistry> observations;
        private volatile LlmRetryMicrometer.Binding binding;

        LlmRetryMicrometerBinding(ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
            this.meters = meters;
            this.observations = observations;
        }

        @Override
        public void afterSingletonsInstantiated() {
            MeterRegistry m = meters.getIfUnique();
            ObservationRegistry o = observations.getIfUnique();
            if (m != null || o != null) binding = LlmRetryMicrometer.bind(m, o);
        }

        @Override
        public void destroy() {
            LlmRetryMicrometer.Binding b = binding;
            if (b != null) b.close();
        }
    }
}
