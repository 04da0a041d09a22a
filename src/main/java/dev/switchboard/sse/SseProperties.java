package dev.switchboard.sse;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-Sent Event stream settings, under {@code switchboard.sse}.
 *
 * @param maxStreams how many streams may be open at once on this server (default 1000);
 * one more is refused with 503
 * @param heartbeat how long a stream may stay silent before a comment line is sent
 * (default 15 s), which keeps proxies from closing it and finds clients that are gone
 * @param stallTimeout how long a stream may be unable to write (its client reads nothing)
 * before it is closed (default 30 s); a live client reconnects
 * @param maxDuration how long a stream stays open at most (default 30 min, 0 for no
 * limit); the client then reconnects with {@code Last-Event-ID}
 * @param retry the reconnection delay suggested to clients (default 3 s)
 * @param maxStreamsPerUser how many streams one user may have open at once on this server
 * (default 10); one more is refused with 429, and other users are not affected
 */
@ConfigurationProperties("switchboard.sse")
public record SseProperties(@DefaultValue("1000") int maxStreams, @DefaultValue("15s") Duration heartbeat,
		@DefaultValue("30s") Duration stallTimeout, @DefaultValue("30m") Duration maxDuration,
		@DefaultValue("3s") Duration retry, @DefaultValue("10") int maxStreamsPerUser) {

}
