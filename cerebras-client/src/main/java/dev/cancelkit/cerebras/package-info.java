/** Cancels jobs on Cerebras: start with {@link dev.cancelkit.cerebras.CerebrasClient}. */
package dev.cancelkit.cerebras;
