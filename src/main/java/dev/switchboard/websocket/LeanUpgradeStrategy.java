package dev.switchboard.websocket;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import dev.switchboard.websocket.ConnectionPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades a validated handshake without keeping its HTTP headers or a decoded access
 * token for the life of the connection, and accepts the {@code permessage-deflate}
 * extension only when compression is switched on.
 *
 * <p>
 * Spring's session and Tomcat's handshake request would each keep a copy of every request
 * header (cookies and user agent included) for as long as the connection is open, and
 * nothing reads them after the handshake, whose checks (origin, version, key,
 * subprotocol) run before this step. Compression costs each connection a zlib compressor
 * of about 256 KB and compresses every frame once per connection.
 *
 * <p>
 * Seen in Spring Framework 7.0.8 ({@code StandardWebSocketSession} copies the handshake
 * headers) and Tomcat 11.0 (its {@code WsHandshakeRequest} copies them too, and it
 * negotiates {@code permessage-deflate} from the client's offer whatever Spring
 * supports). It can go when neither keeps the headers and Spring's supported extensions
 * decide ({@code LeanUpgradeStrategyTests}, {@code WebSocketCompressionIT} tell).
 */
class LeanUpgradeStrategy extends StandardWebSocketUpgradeStrategy {

	private final boolean compression;

	LeanUpgradeStrategy(boolean compression) {
		this.compression = compression;
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return this.compression ? super.getSupportedExtensions(request) : List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		Principal kept = ConnectionPrincipal.of(user);
		HttpServletRequest handshake = new Handshake(getHttpServletRequest(request), kept, this.compression);
		super.upgrade(new ServletServerHttpRequest(handshake), response, selectedProtocol, selectedExtensions, kept,
				wsHandler, attributes);
	}

	/**
	 * A handshake request whose headers can be read one by one (as the container's
	 * upgrade does) but not listed, so that neither Spring nor the container copies them
	 * all, whose user is the one the connection keeps, and whose extension offers are
	 * withheld from the container (which negotiates them itself) unless compression is
	 * on.
	 */
	static final class Handshake extends HttpServletRequestWrapper {

		private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

		private final @Nullable Principal user;

		private final boolean extensions;

		Handshake(HttpServletRequest request, @Nullable Principal user, boolean extensions) {
			super(request);
			this.user = user;
			this.extensions = extensions;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return (this.extensions || !EXTENSIONS.equalsIgnoreCase(name)) ? super.getHeader(name) : null;
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return (this.extensions || !EXTENSIONS.equalsIgnoreCase(name)) ? super.getHeaders(name)
					: Collections.emptyEnumeration();
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public @Nullable Principal getUserPrincipal() {
			return this.user;
		}

	}

}
