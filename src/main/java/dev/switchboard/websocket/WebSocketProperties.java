package dev.switchboard.websocket;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * WebSocket and STOMP transport settings, under {@code switchboard.websocket}.
 *
 * @param allowedOrigins origins (patterns such as {@code https://*.example.com}) whose
 * pages may open a WebSocket; empty (the default) allows only pages served by this server
 * @param heartbeatIncoming how often clients must send a STOMP heart-beat (default 5 s, 0
 * disables); the broker closes a connection silent for three such intervals (checked
 * every heartbeat interval), so a dead client is closed within 15 to 20 s
 * @param heartbeatOutgoing how often the server sends a STOMP heart-beat (default 10 s, 0
 * disables)
 * @param maxMessageSize the largest STOMP frame a client may send, however it is split
 * into WebSocket messages (default 64 KB); a larger one closes the connection
 * @param sendBufferLimit how much may wait to be written to one connection (default 512
 * KB); a connection that stops reading is closed when it exceeds this
 * @param sendTimeLimit how long a frame may wait to be written to one connection (default
 * 10 s) before the connection is closed as too slow
 * @param latestOnlyDestinations destination prefixes (default {@code /topic/dashboard.})
 * for which a connection that falls behind gets only the newest frame per subscription
 * @param socketBufferSize the size of each connection's socket read buffer and of its
 * socket write buffer in Tomcat (default 512 bytes; Tomcat's own is 8 KB), which every
 * open connection holds, idle or not
 * @param compression whether clients that ask for it (browsers do) get the
 * {@code permessage-deflate} extension (default off): it costs each such connection a
 * zlib compressor of about 256 KB and compresses every frame once per connection
 * @param connectTimeout how long a new {@code /ws} connection may take to complete its
 * STOMP CONNECT, and a {@code /raw} connection to complete a message it has begun before
 * its first one (default 10 s); it is then closed with 1008
 * @param maxBytesBeforeConnect how much a connection may send before its CONNECT is
 * accepted ({@code /raw}: before its first complete message) (default 8 KB); more closes
 * it with 1009
 */
@ConfigurationProperties("switchboard.websocket")
public record WebSocketProperties(@DefaultValue List<String> allowedOrigins,
		@DefaultValue("5s") Duration heartbeatIncoming, @DefaultValue("10s") Duration heartbeatOutgoing,
		@DefaultValue("64KB") DataSize maxMessageSize, @DefaultValue("512KB") DataSize sendBufferLimit,
		@DefaultValue("10s") Duration sendTimeLimit,
		@DefaultValue("/topic/dashboard.") List<String> latestOnlyDestinations,
		@DefaultValue("512B") DataSize socketBufferSize, @DefaultValue("false") boolean compression,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("8KB") DataSize maxBytesBeforeConnect) {

}
