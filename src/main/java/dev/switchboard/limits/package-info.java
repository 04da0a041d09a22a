/**
 * Per-user and per-connection limits: connections, subscriptions and send rate.
 */
package dev.switchboard.limits;
