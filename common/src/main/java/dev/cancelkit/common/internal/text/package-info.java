/**
 * Text from outside made safe to show: {@code SafeText} cuts and escapes what a provider, a file or
 * a user sent (control characters, a long id, a hostile status) before it reaches a message, and
 * {@code ScrubbedCause} rebuilds an exception chain with every message passed through a scrubber.
 *
 * <p>The lowest floor of {@code common}'s internals: it imports nothing of cancelkit's, and every
 * other floor and the public API may use it.
 */
package dev.cancelkit.common.internal.text;
