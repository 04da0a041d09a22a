package dev.switchboard.security;

import java.time.Duration;
import java.util.Map;

import javax.crypto.SecretKey;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.system.StompErrorHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StompAuthenticationInterceptor} with hand-built CONNECT frames.
 */
class StompAuthenticationInterceptorTests {

	private final TokenConfig config = new TokenConfig();

	private final SecretKey key = TokenConfig.key("0123456789abcdef0123456789abcdef");

	private final TokenService tokens = new TokenService(this.config.jwtEncoder(this.key),
			new TokenProperties("", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(5)));

	private final CapturingChannel outbound = new CapturingChannel();

	private final StompAuthenticationInterceptor interceptor = new StompAuthenticationInterceptor(provider(),
			new StompErrorHandler(JsonMapper.builder().build(), this.outbound));

	@Test
	void bearerTokenAuthenticatesTheConnection() {
		Authentication user = connectWithToken("alice");

		assertThat(user.getName()).isEqualTo("alice");
		assertThat(user.getAuthorities()).extracting(Object::toString).contains("ROLE_USER");
		assertThat(user.isAuthenticated()).isTrue();
		assertThat(this.outbound.messages()).isEmpty();
	}

	@Test
	void connectionKeepsTheUserButNotTheDecodedToken() {
		Authentication user = connectWithToken("alice");

		assertThat(user).isNotInstanceOf(AbstractOAuth2TokenAuthenticationToken.class);
		assertThat(user.getPrincipal()).isEqualTo("alice");
		assertThat(user.getCredentials()).isNull();
	}

	@Test
	void invalidTokenIsRefusedWithAnErrorFrame() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT)
			.header("Authorization", "Bearer abc.def.ghi")
			.build();
		assertThat(this.interceptor.preSend(connect, null)).isNull();
		assertRefused("unauthenticated");
	}

	@Test
	void emptyBearerTokenIsRefused() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT)
			.header("Authorization", "Bearer   ")
			.build();
		assertThat(this.interceptor.preSend(connect, null)).isNull();
		assertRefused("unauthenticated");
	}

	@Test
	void otherAuthorizationSchemesAreRefused() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT)
			.header("Authorization", "Basic YWxpY2U6eA==")
			.build();
		assertThat(this.interceptor.preSend(connect, null)).isNull();
		assertRefused("unauthenticated");
	}

	@Test
	void connectWithoutAnyCredentialsIsRefused() {
		assertThat(this.interceptor.preSend(StompMessages.frame(StompCommand.CONNECT).build(), null)).isNull();
		assertRefused("unauthenticated");
	}

	@Test
	void sessionUserNeedsTheSessionsCsrfToken() {
		CsrfToken expected = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "expected-token");
		Message<byte[]> withoutToken = StompMessages.frame(StompCommand.CONNECT).user("alice").build();
		StompHeaderAccessor.getSessionAttributes(withoutToken.getHeaders())
			.putAll(Map.of(CsrfToken.class.getName(), expected));

		assertThat(this.interceptor.preSend(withoutToken, null)).isNull();
		assertRefused("invalid-csrf");
	}

	@Test
	void connectMarkedAsAuthenticatedByTheHandshakeNeedsNoCredentials() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT).user("alice").build();
		HandshakeAuthentication.mark(StompHeaderAccessor.getAccessor(connect, StompHeaderAccessor.class));

		assertThat(this.interceptor.preSend(connect, null)).isSameAs(connect);
		assertThat(this.outbound.messages()).isEmpty();
	}

	@Test
	void handshakeMarkWithoutAUserIsRefused() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT).build();
		HandshakeAuthentication.mark(StompHeaderAccessor.getAccessor(connect, StompHeaderAccessor.class));

		assertThat(this.interceptor.preSend(connect, null)).isNull();
		assertRefused("unauthenticated");
	}

	@Test
	void handshakeMarkCannotBeSentAsAStompHeader() {
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT)
			.user("alice")
			.header(HandshakeAuthentication.HEADER, "true")
			.build();
		StompHeaderAccessor.getSessionAttributes(connect.getHeaders())
			.put(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "expected-token"));

		assertThat(this.interceptor.preSend(connect, null)).isNull();
		assertRefused("invalid-csrf");
	}

	@Test
	void framesOtherThanConnectPassUntouched() {
		Message<byte[]> send = StompMessages.frame(StompCommand.SEND).destination("/app/rooms").build();
		assertThat(this.interceptor.preSend(send, null)).isSameAs(send);
	}

	private void assertRefused(String code) {
		Message<?> error = this.outbound.single();
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(error);
		assertThat(accessor.getCommand()).isEqualTo(StompCommand.ERROR);
		assertThat(accessor.getSessionId()).isEqualTo("session-1");
		assertThat(new String((byte[]) error.getPayload())).contains("\"code\":\"" + code + "\"");
	}

	private JwtAuthenticationProvider provider() {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(this.config.jwtDecoder(this.key));
		provider.setJwtAuthenticationConverter(this.config.jwtAuthenticationConverter());
		return provider;
	}

	/**
	 * Send a CONNECT with a token issued to a user and return the user it is connected
	 * as.
	 */
	private Authentication connectWithToken(String name) {
		String token = this.tokens
			.issue(UsernamePasswordAuthenticationToken.authenticated(name, null,
					AuthorityUtils.createAuthorityList("ROLE_USER")))
			.token();
		Message<byte[]> connect = StompMessages.frame(StompCommand.CONNECT)
			.header("Authorization", "Bearer " + token)
			.build();
		Message<?> result = this.interceptor.preSend(connect, null);
		return (Authentication) StompHeaderAccessor.getUser(result.getHeaders());
	}

}
