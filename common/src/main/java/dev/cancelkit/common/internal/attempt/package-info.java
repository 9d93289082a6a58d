/**
 * Sending one request until its answer is final: the {@link
 * dev.cancelkit.common.internal.attempt.AttemptEngine} and each call's {@link
 * dev.cancelkit.common.internal.attempt.Exchange}, the retry policy and {@code Retry-After}, the
 * call's deadline, interrupts of a blocking caller, the client's concurrency slots, the budget of
 * answer bytes held at once, and the {@link dev.cancelkit.common.internal.attempt.Gate} through
 * which a bulk run paces the attempts it starts.
 *
 * <p>Floor 3: it may use {@code client} and {@code text}. It never reads a body itself: an {@code
 * AnswerReader} from a floor above does.
 */
package dev.cancelkit.common.internal.attempt;
