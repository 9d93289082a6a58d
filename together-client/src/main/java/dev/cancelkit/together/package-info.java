/** Cancels jobs on Together AI: start with {@link dev.cancelkit.together.TogetherClient}. */
package dev.cancelkit.together;
