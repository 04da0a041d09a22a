package dev.switchboard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on request bodies sent without a login (the login and sign-up forms, the token
 * and sign-up API), under {@code switchboard.security.requests}: they are read whole
 * before anything else runs, so a client that sends one slowly holds a Tomcat worker for
 * a bounded time only, and only so many workers at once.
 *
 * @param maxPendingBodies how many such bodies may be on their way at once (default 50, a
 * quarter of Tomcat's 200 workers); one more request gets 503 {@code server-busy} at
 * once, so the other workers stay free for pages, logged-in users and WebSocket frames
 * @param bodyTimeout how long a whole body may take to arrive (default 5 s); a slower one
 * gets 408 and the connection is closed. With {@code maxBodySize} this is the floor rate
 * @param readTimeout how long any single read of a request body may wait for data
 * (default 2 s), for every request: Tomcat's {@code connectionUploadTimeout}
 * @param maxBodySize the largest such body (default 64 KB); a larger one gets 413
 */
@ConfigurationProperties("switchboard.security.requests")
public record RequestLimitsProperties(@DefaultValue("50") int maxPendingBodies,
		@DefaultValue("5s") Duration bodyTimeout, @DefaultValue("2s") Duration readTimeout,
		@DefaultValue("64KB") DataSize maxBodySize) {

}
