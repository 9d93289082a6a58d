package dev.cancelkit.common.internal.client;

/**
 * Where calls were sent: a base URL and a key's fingerprint, which cannot be turned back into the
 * key. A record such as the CLI's journal keeps it to refuse resuming against another account.
 */
public record Origin(String baseUrl, String keyFingerprint) {}
