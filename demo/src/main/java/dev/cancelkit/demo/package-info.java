/** The program behind {@code ./run-demo}: every cancel operation against the sandbox, no key, no network. */
package dev.cancelkit.demo;
