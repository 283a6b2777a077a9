/**
 * The fleet simulation (issue 19): N instances, each with its own real {@code CircuitBreaker}s and
 * {@code FleetBridge}, sharing endpoint circuits through a store modelled in virtual time (or not sharing), while the
 * primary is dead for ten minutes. Run {@link dev.llmretry.benchmarks.fleet.FleetReport} for the table in
 * {@code docs/fleet.md}.
 */
package dev.llmretry.benchmarks.fleet;
