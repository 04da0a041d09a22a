package dev.switchboard.cluster;

/**
 * An application event, published on the thread of the SUBSCRIBE that caused it: this
 * instance now receives what other instances publish to a destination, because one of its
 * clients subscribes to it.
 *
 * @param destination such as {@code /topic/rooms.general}
 */
public record DestinationBound(String destination) {

}
