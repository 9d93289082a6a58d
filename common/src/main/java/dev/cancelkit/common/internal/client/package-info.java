/**
 * What a client is made of before it sends anything: the user's {@link
 * dev.cancelkit.common.internal.client.ClientOptions}, the provider's {@link
 * dev.cancelkit.common.internal.client.ProviderSpec} and id rule, the {@link
 * dev.cancelkit.common.internal.client.Endpoint} (base URL, API key and every redaction of it), the
 * daemon threads and the retry timer, the User-Agent's version.
 *
 * <p>Floor 2 of {@code common}'s internals: it may use {@code text}, nothing above it.
 */
package dev.cancelkit.common.internal.client;
