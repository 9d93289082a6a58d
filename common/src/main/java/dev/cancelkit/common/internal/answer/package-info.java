/**
 * Turning one HTTP answer into a value or an exception: the {@link
 * dev.cancelkit.common.internal.answer.ResponseMapper} (the one place where a status becomes a
 * result or one of the {@code errors}), the providers' error bodies, and their creation times.
 *
 * <p>Floor 4: it may use {@code attempt}, {@code client} and {@code text}.
 */
package dev.cancelkit.common.internal.answer;
