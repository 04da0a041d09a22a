package dev.switchboard.cluster;

import java.util.Set;

/**
 * An application event: messages to these destinations may not have reached this instance
 * through the broker (it was away from RabbitMQ, or another instance was), so whoever
 * stores them should deliver what its subscribers missed.
 *
 * @param destinations such as {@code /topic/rooms.general}
 */
public record MessagesMissed(Set<String> destinations) {

}
