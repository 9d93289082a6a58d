/**
 * Together AI's Retrofit interfaces, generated at build time from {@code specs/together/}. {@link
 * dev.cancelkit.together.TogetherClient} uses them to build requests; applications do not need
 * them.
 */
package dev.cancelkit.together.api;
