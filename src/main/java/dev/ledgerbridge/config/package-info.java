/**
 * Configuration. In: conf/ledgerbridge.properties, LEDGERBRIDGE_* environment variables, command-line flags.
 * Out: one immutable, validated {@link dev.ledgerbridge.config.Config} that every other package reads.
 */
package dev.ledgerbridge.config;
