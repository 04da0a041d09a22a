package dev.switchboard.security;

import java.util.Map;

import dev.switchboard.websocket.Pipeline;

import org.springframework.core.annotation.Order;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.messaging.web.socket.server.CsrfTokenHandshakeInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Hands the CSRF token of a logged-in browser session to the WebSocket session, so that
 * the STOMP CONNECT can be checked against it; handshakes without a logged-in user (token
 * clients) are left alone and create no HTTP session.
 */
@Component
@Order(Pipeline.HANDSHAKE_CSRF)
class SessionCsrfHandshakeInterceptor implements HandshakeInterceptor {

	private final CsrfTokenHandshakeInterceptor delegate = new CsrfTokenHandshakeInterceptor();

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (request.getPrincipal() == null) {
			return true;
		}
		return this.delegate.beforeHandshake(request, response, wsHandler, attributes);
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Exception exception) {
	}

}
