package dev.switchboard.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits that keep one client from hurting others, under {@code switchboard.limits}.
 *
 * @param connectionsPerUser how many connections one user may have open at once (default
 * 20); one more is refused with an ERROR frame
 * @param subscriptionsPerConnection how many subscriptions one connection may hold
 * (default 100); one more ends the connection with an ERROR frame
 * @param sendRate how many SEND frames per second one connection may make on average
 * (default 20); more are refused with {@code rate-limited}
 * @param sendBurst how many SEND frames one connection may make in a burst (default 40)
 */
@ConfigurationProperties("switchboard.limits")
public record LimitsProperties(@DefaultValue("20") int connectionsPerUser,
		@DefaultValue("100") int subscriptionsPerConnection, @DefaultValue("20") int sendRate,
		@DefaultValue("40") int sendBurst) {

}
