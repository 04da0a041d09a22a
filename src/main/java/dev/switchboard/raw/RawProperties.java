package dev.switchboard.raw;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the native WebSocket endpoint {@code /raw}, under {@code switchboard.raw}.
 * Its text messages share the STOMP limit {@code switchboard.websocket.max-message-size}.
 *
 * @param maxBinaryMessageSize the largest binary message a client may send (default 64
 * KB); a larger one closes the connection with 1009
 * @param pingInterval how long a connection may stay silent before the server pings it
 * (default 25 s, 0 disables); one that has not answered a ping one interval later is
 * closed
 */
@ConfigurationProperties("switchboard.raw")
public record RawProperties(@DefaultValue("64KB") DataSize maxBinaryMessageSize,
		@DefaultValue("25s") Duration pingInterval) {

}
