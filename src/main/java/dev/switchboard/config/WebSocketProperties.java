package dev.switchboard.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WebSocket and STOMP transport settings, under {@code switchboard.websocket}.
 *
 * @param allowedOrigins origins (patterns such as {@code https://*.example.com}) whose
 * pages may open a WebSocket; empty (the default) allows only pages served by this server
 * @param heartbeatIncoming how often clients must send a STOMP heart-beat (default 10 s,
 * 0 disables)
 * @param heartbeatOutgoing how often the server sends a STOMP heart-beat (default 10 s, 0
 * disables)
 */
@ConfigurationProperties("switchboard.websocket")
public record WebSocketProperties(@DefaultValue List<String> allowedOrigins,
		@DefaultValue("10s") Duration heartbeatIncoming, @DefaultValue("10s") Duration heartbeatOutgoing) {

}
