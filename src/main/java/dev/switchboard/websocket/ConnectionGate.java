package dev.switchboard.websocket;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Whether this server accepts new WebSocket connections and event streams: it does until
 * it starts shutting down (see {@link GracefulShutdown}); from then on a WebSocket
 * handshake is answered 503 (Service Unavailable), so that the client, or the load
 * balancer in front of it, tries another instance.
 *
 * <p>
 * As a handshake interceptor it runs first on {@code /ws} and {@code /raw}; the event
 * stream endpoints ask {@link #isOpen()} themselves.
 */
@Component
@Order(Pipeline.HANDSHAKE_GATE)
public class ConnectionGate implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(ConnectionGate.class);

	private volatile boolean open = true;

	/**
	 * Whether new connections are accepted.
	 */
	public boolean isOpen() {
		return this.open;
	}

	/**
	 * Accept new connections (again).
	 */
	public void open() {
		this.open = true;
	}

	/**
	 * Refuse new connections from now on.
	 */
	public void close() {
		this.open = false;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.open) {
			return true;
		}
		logger.debug("Refused a WebSocket handshake to " + request.getURI().getPath() + ": shutting down");
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Exception exception) {
	}

}
