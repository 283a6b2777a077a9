/** Scale checks: many async calls waiting at once, memory per endpoint, and loading a large retry.yaml. */
package dev.llmretry.benchmarks.scale;
