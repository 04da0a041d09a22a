package dev.switchboard.cluster;

/**
 * An application event: this instance has connected to RabbitMQ (its queue and bindings
 * are declared), or lost its connection to it.
 *
 * @param connected whether it is connected now
 */
public record ClusterConnection(boolean connected) {

}
