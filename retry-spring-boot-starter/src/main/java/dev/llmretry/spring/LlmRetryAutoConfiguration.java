package dev.llmretry.spring;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Protects annotated beans through Spring AOP and ties the library to the context's lifecycle. Switched off with
 * {@code llmretry.enabled=false}.
 *
 * <pre>{@code
 * # application.yaml
 * llmretry:
 *   config: classpath:retry.yaml      # or file:/etc/app/retry.yaml
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "llmretry.enabled", matchIfMissing = true)
public class LlmRetryAutoConfiguration {
    /** Static: a post-processor must exist before the beans it proxies. */
    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LlmRetryConfigSource llmRetryConfigSource(Environment environment, ResourceLoader resources) {
        return new LlmRetryConfigSource(environment.getProperty(LlmRetryConfigSource.PROPERTY), resources);
    }

    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LlmRetryAdvisingPostProcessor llmRetryAdvisingPostProcessor(LlmRetryConfigSource llmRetryConfigSource) {
        return new LlmRetryAdvisingPostProcessor(llmRetryConfigSource);
    }
}
