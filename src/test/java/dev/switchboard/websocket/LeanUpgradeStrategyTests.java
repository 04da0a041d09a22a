package dev.switchboard.websocket;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServerEndpointRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade hands the container a handshake whose headers can be read but not listed,
 * opens a session that keeps none of them, and offers compression only when it is on.
 */
class LeanUpgradeStrategyTests {

	private final AtomicReference<Object[]> upgrade = new AtomicReference<>();

	private final MockHttpServletRequest request = handshakeRequest();

	private Principal user = () -> "alice";

	private AbstractWebSocketHandler handler = new AbstractWebSocketHandler() {
	};

	@Test
	void containerReadsTheHandshakeHeadersButCannotCopyThemAll() {
		upgrade(new LeanUpgradeStrategy(false));

		HttpServletRequest handshake = (HttpServletRequest) this.upgrade.get()[0];
		assertThat(Collections.list(handshake.getHeaderNames())).isEmpty();
		assertThat(handshake.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(Collections.list(handshake.getHeaders("Sec-WebSocket-Protocol"))).containsExactly("v12.stomp");
	}

	@Test
	void containerSeesTheClientsCompressionOfferOnlyWhenCompressionIsOn() {
		this.request.addHeader("Sec-WebSocket-Extensions", "permessage-deflate");
		upgrade(new LeanUpgradeStrategy(false));
		HttpServletRequest withoutCompression = (HttpServletRequest) this.upgrade.get()[0];
		upgrade(new LeanUpgradeStrategy(true));
		HttpServletRequest withCompression = (HttpServletRequest) this.upgrade.get()[0];

		assertThat(withoutCompression.getHeader("sec-websocket-extensions")).isNull();
		assertThat(Collections.list(withoutCompression.getHeaders("Sec-WebSocket-Extensions"))).isEmpty();
		assertThat(withCompression.getHeader("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
	}

	@Test
	void sessionKeepsNoHandshakeHeadersButItsAttributesAndUser() throws Exception {
		WebSocketSession session = upgradeAndOpen();

		assertThat(session.getHandshakeHeaders().isEmpty()).isTrue();
		assertThat(session.getAttributes()).containsEntry("room", "lobby");
		assertThat(session.getPrincipal()).isSameAs(this.user);
	}

	@Test
	void userAuthenticatedByATokenIsKeptWithoutTheToken() throws Exception {
		Jwt jwt = Jwt.withTokenValue("header.claims.signature")
			.header("alg", "HS256")
			.subject("alice")
			.claim("roles", List.of("USER"))
			.build();
		this.user = new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("ROLE_USER"), "alice");
		WebSocketSession session = upgradeAndOpen();

		Authentication kept = (Authentication) session.getPrincipal();
		assertThat(kept).isNotInstanceOf(JwtAuthenticationToken.class);
		assertThat(kept.getName()).isEqualTo("alice");
		assertThat(kept.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER");
		assertThat(((HttpServletRequest) this.upgrade.get()[0]).getUserPrincipal()).isSameAs(kept);
	}

	@Test
	void compressionIsOfferedOnlyWhenOn() {
		ServletServerHttpRequest handshake = new ServletServerHttpRequest(withContainer(this.request));

		assertThat(new LeanUpgradeStrategy(false).getSupportedExtensions(handshake)).isEmpty();
		assertThat(new LeanUpgradeStrategy(true).getSupportedExtensions(handshake))
			.extracting((extension) -> extension.getName())
			.containsExactly("permessage-deflate");
	}

	/**
	 * Upgrade without compression, open the connection as the container would, and return
	 * the session the handler got.
	 */
	private WebSocketSession upgradeAndOpen() throws Exception {
		AtomicReference<WebSocketSession> opened = new AtomicReference<>();
		this.handler = new AbstractWebSocketHandler() {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) {
				opened.set(session);
			}
		};
		upgrade(new LeanUpgradeStrategy(false));
		ServerEndpointRegistration config = (ServerEndpointRegistration) this.upgrade.get()[2];
		config.getEndpoint().onOpen(stub(Session.class), config);
		return opened.get();
	}

	private void upgrade(LeanUpgradeStrategy strategy) {
		strategy.upgrade(new ServletServerHttpRequest(withContainer(this.request)),
				new ServletServerHttpResponse(new MockHttpServletResponse()), "v12.stomp", List.of(), this.user,
				this.handler, Map.of("room", "lobby"));
	}

	private static MockHttpServletRequest handshakeRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		request.addHeader("Sec-WebSocket-Protocol", "v12.stomp");
		request.addHeader("Cookie", "SESSION=abc");
		request.addHeader("User-Agent", "a browser");
		return request;
	}

	private MockHttpServletRequest withContainer(MockHttpServletRequest request) {
		Extension deflate = stub(Extension.class, "getName", "permessage-deflate");
		ServerContainer container = (ServerContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ServerContainer.class }, (proxy, method, args) -> switch (method.getName()) {
					case "upgradeHttpToWebSocket" -> {
						this.upgrade.set(args);
						yield null;
					}
					case "getInstalledExtensions" -> Set.of(deflate);
					default -> null;
				});
		request.getServletContext().setAttribute(ServerContainer.class.getName(), container);
		return request;
	}

	/**
	 * A stand-in that answers {@code answer} to {@code method} and an empty or zero value
	 * to everything else.
	 */
	@SuppressWarnings("unchecked")
	private static <T> T stub(Class<T> type, Object... answer) {
		return (T) Proxy.newProxyInstance(LeanUpgradeStrategyTests.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (answer.length == 2 && method.getName().equals(answer[0])) {
						return answer[1];
					}
					Class<?> returns = method.getReturnType();
					if (returns == List.class) {
						return List.of();
					}
					if (returns == Set.class) {
						return Set.of();
					}
					if (returns == Map.class) {
						return Map.of();
					}
					if (returns == boolean.class) {
						return false;
					}
					if (returns == int.class || returns == long.class) {
						return (returns == int.class) ? (Object) 0 : (Object) 0L;
					}
					return null;
				});
	}

}
