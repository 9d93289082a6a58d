/**
 * The HTTP plumbing the provider modules are built from: OkHttp and Retrofit wiring, the one
 * response mapper, job-id rules and status tables. Public so that the provider modules can use it;
 * not an API for applications, and it may change in any release.
 */
package dev.cancelkit.common.internal;
