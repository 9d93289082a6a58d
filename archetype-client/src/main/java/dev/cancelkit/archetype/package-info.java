/** Cancels jobs on Archetype AI: start with {@link dev.cancelkit.archetype.ArchetypeClient}. */
package dev.cancelkit.archetype;
