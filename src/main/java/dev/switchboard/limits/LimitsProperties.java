package dev.switchboard.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits that keep one client from hurting others, under {@code switchboard.limits}.
 *
 * @param connectionsPerUser how many connections one user may have open at once (default
 * 20), in a cluster on all instances together; one more is refused with an ERROR frame
 * @param subscriptionsPerConnection how many subscriptions one connection may hold
 * (default 100); one more ends the connection with an ERROR frame
 * @param sendRate how many SEND frames per second one connection may make on average
 * (default 20); more are refused with {@code rate-limited}
 * @param sendBurst how many SEND frames one connection may make in a burst (default 40)
 * @param subscribeRate how many SUBSCRIBE and UNSUBSCRIBE frames per second one
 * connection may send on average (default 10); more end the connection with an ERROR
 * frame ({@code rate-limited})
 * @param subscribeBurst how many SUBSCRIBE and UNSUBSCRIBE frames one connection may send
 * in a burst (default 200: a browser rejoining many rooms at once)
 * @param maxHeaders how many headers a frame may have (default 32)
 * @param maxHeaderLength how long one header value may be, in bytes (default 256; a
 * CONNECT's values are bounded by {@code maxHeaderBytes} only)
 * @param maxHeaderBytes how many bytes a frame's headers may take together (default 8 KB)
 * @param roomsPerMinute how many rooms one user may create per minute on average, by
 * joining a new name or explicitly (default 5); more are refused with
 * {@code rate-limited}
 * @param roomsBurst how many rooms one user may create in a burst (default 10)
 */
@ConfigurationProperties("switchboard.limits")
public record LimitsProperties(@DefaultValue("20") int connectionsPerUser,
		@DefaultValue("100") int subscriptionsPerConnection, @DefaultValue("20") int sendRate,
		@DefaultValue("40") int sendBurst, @DefaultValue("10") int subscribeRate,
		@DefaultValue("200") int subscribeBurst, @DefaultValue("32") int maxHeaders,
		@DefaultValue("256") int maxHeaderLength, @DefaultValue("8KB") DataSize maxHeaderBytes,
		@DefaultValue("5") int roomsPerMinute, @DefaultValue("10") int roomsBurst) {

}
