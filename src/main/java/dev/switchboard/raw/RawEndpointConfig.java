package dev.switchboard.raw;

import dev.switchboard.security.LoginHandshakeInterceptor;
import dev.switchboard.websocket.ConnectionGate;
import dev.switchboard.websocket.WebSocketConnections;
import dev.switchboard.websocket.WebSocketProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeHandler;

/**
 * The native WebSocket endpoint {@code /raw}, open to pages of the allowed origins
 * ({@code switchboard.websocket.allowed-origins}, same origin by default); its
 * connections are tracked and written to without blocking like those of {@code /ws}, and
 * its handshakes refused while the server shuts down; each notes its login, so that it is
 * closed when the login ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RawEndpointConfig implements WebSocketConfigurer {

	static final String PATH = "/raw";

	private final RawWebSocketHandler handler;

	private final WebSocketConnections connections;

	private final WebSocketProperties properties;

	private final ConnectionGate gate;

	private final HandshakeHandler handshakeHandler;

	private final LoginHandshakeInterceptor logins;

	RawEndpointConfig(RawWebSocketHandler handler, WebSocketConnections connections, WebSocketProperties properties,
			ConnectionGate gate, HandshakeHandler handshakeHandler, LoginHandshakeInterceptor logins) {
		this.handler = handler;
		this.connections = connections;
		this.properties = properties;
		this.gate = gate;
		this.handshakeHandler = handshakeHandler;
		this.logins = logins;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.connections.decoratePlain(this.handler), PATH)
			.setHandshakeHandler(this.handshakeHandler)
			.setAllowedOriginPatterns(this.properties.allowedOrigins().toArray(String[]::new))
			.addInterceptors(this.gate, this.logins);
	}

}
