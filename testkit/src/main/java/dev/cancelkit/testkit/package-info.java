/**
 * A sandbox that plays the three providers over HTTP on loopback, for demos and tests: see {@link
 * dev.cancelkit.testkit.Sandbox}.
 */
package dev.cancelkit.testkit;
