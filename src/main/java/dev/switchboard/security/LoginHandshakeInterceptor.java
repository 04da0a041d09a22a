package dev.switchboard.security;

import java.util.Map;

import dev.switchboard.websocket.Pipeline;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.annotation.Order;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Notes on each WebSocket handshake (of {@code /ws} and {@code /raw}) which login it is
 * authenticated by, the logged-in HTTP session or an access token, as a
 * {@link ConnectionLogin}; a handshake without a user is left alone.
 */
@Component
@Order(Pipeline.HANDSHAKE_LOGIN)
public class LoginHandshakeInterceptor implements HandshakeInterceptor {

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (!(request.getPrincipal() instanceof Authentication user)) {
			return true;
		}
		ConnectionLogin.recordToken(attributes, user);
		if (!attributes.containsKey(ConnectionLogin.ATTRIBUTE) && request instanceof ServletServerHttpRequest servlet) {
			HttpSession session = servlet.getServletRequest().getSession(false);
			if (session != null) {
				ConnectionLogin.recordSession(attributes, session.getId());
			}
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Exception exception) {
	}

}
