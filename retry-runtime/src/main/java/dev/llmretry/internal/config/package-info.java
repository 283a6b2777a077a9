/**
 * retry.yaml and everything else that configures llm-retry: {@link dev.llmretry.internal.config.ConfigLoader} finds and reads
 * the file safely (SnakeYAML node tree, no object construction, size, alias and depth limits), substitutes
 * {@code ${VAR}} values, and checks every key, type, range and name against the schema, reporting all problems at once
 * in an {@link dev.llmretry.config.LlmRetryConfigException} that names the file, the key path, the value and what was
 * expected, never a secret. The result is an immutable {@link dev.llmretry.internal.config.LlmRetryConfig} of resolved
 * policies, endpoints and overrides. {@link dev.llmretry.internal.config.SettingsPatch} is the single validation path that
 * YAML policies, {@code methods:} entries and annotation attributes all go through. The package depends only on the
 * JDK, SnakeYAML, the annotation enums and {@link dev.llmretry.classify.Decision}, so the annotation processor can
 * reuse it.
 */
package dev.llmretry.internal.config;
