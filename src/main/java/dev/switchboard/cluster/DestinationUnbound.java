package dev.switchboard.cluster;

/**
 * An application event: this instance no longer receives a destination from other
 * instances, since none of its clients has subscribed to it for a while.
 *
 * @param destination such as {@code /topic/rooms.general}
 */
public record DestinationUnbound(String destination) {

}
