/**
 * Archetype AI's Retrofit interfaces, generated at build time from {@code specs/archetype/}. {@link
 * dev.cancelkit.archetype.ArchetypeClient} uses them to build requests; applications do not need
 * them.
 */
package dev.cancelkit.archetype.api;
