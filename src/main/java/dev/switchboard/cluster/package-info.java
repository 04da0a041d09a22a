/**
 * Scale-out: what exists only in the {@code cluster} profile, where several instances
 * share RabbitMQ and PostgreSQL (its properties, the broker relay and its pieces, and the
 * relay's health); features keep their own shared-database parts (presence, the
 * dashboards' publisher election) beside their in-memory ones.
 */
package dev.switchboard.cluster;
