package dev.switchboard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access-token settings, under {@code switchboard.auth}.
 *
 * @param tokenSecret the HMAC-SHA256 key that signs tokens, at least 32 characters; when
 * empty (the default) a random key is generated on first start and kept in the database,
 * so tokens survive restarts and work on every instance sharing the database
 * @param tokenTtl how long an issued token is valid (default 1 hour); a WebSocket
 * connection authenticated by a token is closed when the token expires (close code 4402)
 * @param connectionCheckInterval how often open WebSocket connections are checked for an
 * expired token (default 1 s)
 * @param sessionCheckInterval how often the login sessions of open WebSocket connections
 * are looked up in the session store (default 5 s, one query per 500 sessions): the
 * connections of a session that expired, or logged out on another instance, are closed; a
 * logout closes the connections on its own instance at once
 */
@ConfigurationProperties("switchboard.auth")
public record TokenProperties(@DefaultValue("") String tokenSecret, @DefaultValue("1h") Duration tokenTtl,
		@DefaultValue("1s") Duration connectionCheckInterval, @DefaultValue("5s") Duration sessionCheckInterval) {

}
