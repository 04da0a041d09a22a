/**
 * Scale-out: what exists only in the {@code cluster} profile, where several instances
 * share RabbitMQ and PostgreSQL. Each instance holds one AMQP connection
 * ({@link dev.switchboard.cluster.ClusterBus}), publishes each broadcast once
 * ({@link dev.switchboard.cluster.ClusterPublisher}), receives on its own queue only the
 * destinations its clients subscribe to
 * ({@link dev.switchboard.cluster.ClusterSubscriptions}) and hands them to its in-memory
 * broker ({@link dev.switchboard.cluster.ClusterInbound}); features keep their own
 * shared-database parts (presence, the dashboards' publisher election, the room order)
 * beside their in-memory ones.
 */
package dev.switchboard.cluster;
