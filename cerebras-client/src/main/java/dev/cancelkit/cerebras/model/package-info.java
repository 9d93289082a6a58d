/**
 * Cerebras's models, generated at build time from {@code specs/cerebras/} (never edit them: edit
 * the spec and rebuild). Unknown fields are ignored and an unknown enum value reads as {@code
 * UNKNOWN_DEFAULT_OPEN_API}.
 */
package dev.cancelkit.cerebras.model;
