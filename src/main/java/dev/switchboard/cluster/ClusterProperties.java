package dev.switchboard.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running several instances as one, under {@code switchboard.cluster}: the
 * {@code cluster} profile turns it on. Each instance then holds one connection to
 * RabbitMQ ({@code spring.rabbitmq.*}, its AMQP port), receives on a queue of its own
 * what the others publish for the destinations its clients subscribe to, and delivers it
 * with its own in-memory broker.
 *
 * @param enabled whether this instance is one of a cluster (default {@code false}: a
 * single instance)
 * @param exchange the topic exchange the instances publish on (default
 * {@code switchboard.cluster}); instances that share it are one cluster
 * @param unbindLinger how long this instance keeps receiving a destination after its last
 * local subscriber left (default 5 s), so that a client that reconnects causes no unbind
 * and bind again
 * @param gapWait how long a room message that arrives before an earlier one is held back,
 * waiting for it, before the missing ones are read from the database (default 200 ms)
 * @param recoveryInterval how often this instance tries to reconnect to RabbitMQ while it
 * is away (default 1 s)
 */
@ConfigurationProperties("switchboard.cluster")
public record ClusterProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("switchboard.cluster") String exchange, @DefaultValue("5s") Duration unbindLinger,
		@DefaultValue("200ms") Duration gapWait, @DefaultValue("1s") Duration recoveryInterval) {

}
