/**
 * Small programs, one per operation, reading keys from the environment as the providers own SDKs
 * do.
 */
package dev.cancelkit.examples;
