/** Woven services the reliability tests (soak, cancellation storms, secrets) drive under load and faults. */
package dev.llmretry.reliability;
