/**
 * The HTTP stack of one client, wired once: {@link
 * dev.cancelkit.common.internal.runtime.ClientRuntime} builds OkHttp (timeouts, pool, dispatcher,
 * redirects off, proxy login, the debug log), Retrofit (which only builds requests: {@code
 * RequestOnlyCall}) and Moshi around the endpoint and the attempt engine.
 *
 * <p>Floor 5: it may use {@code answer}, {@code attempt}, {@code client} and {@code text}.
 */
package dev.cancelkit.common.internal.runtime;
