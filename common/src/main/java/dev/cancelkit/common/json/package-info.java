/**
 * Moshi support for the generated models: enums that never fail on an unknown value, sealed oneOf
 * interfaces, date-times and decimals. {@link dev.cancelkit.common.json.JsonSupport#moshi()} is the
 * one entry point.
 */
package dev.cancelkit.common.json;
