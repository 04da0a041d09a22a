package dev.switchboard.websocket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The handshake handler of both WebSocket endpoints ({@code /ws} and {@code /raw}): it
 * upgrades without keeping the handshake's headers, and offers compression only when
 * {@code switchboard.websocket.compression} is on.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketHandshakes {

	@Bean
	DefaultHandshakeHandler webSocketHandshakeHandler(WebSocketProperties properties) {
		return new DefaultHandshakeHandler(new LeanUpgradeStrategy(properties.compression()));
	}

}
