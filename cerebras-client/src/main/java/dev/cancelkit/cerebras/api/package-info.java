/**
 * Cerebras's Retrofit interfaces, generated at build time from {@code specs/cerebras/}. {@link
 * dev.cancelkit.cerebras.CerebrasClient} uses them to build requests; applications do not need
 * them.
 */
package dev.cancelkit.cerebras.api;
