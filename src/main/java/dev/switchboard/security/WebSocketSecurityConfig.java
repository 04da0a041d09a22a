package dev.switchboard.security;

import dev.switchboard.system.Replies;
import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.websocket.Pipeline;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP security: who may CONNECT, and which destinations each user may SUBSCRIBE and
 * SEND to. Anything not listed here is denied.
 *
 * <p>
 * A new {@code @MessageMapping} destination needs a line in {@link #rules}. Who may join
 * a room or see a dashboard the features decide, in the beans {@code roomAccess} and
 * {@code dashboardAccess}.
 */
@Configuration(proxyBeanMethods = false)
@Order(Pipeline.SECURITY)
class WebSocketSecurityConfig implements WebSocketMessageBrokerConfigurer {

	private final JwtDecoder jwtDecoder;

	private final JwtAuthenticationConverter jwtAuthenticationConverter;

	private final AuthorizationManager<MessageAuthorizationContext<?>> roomAccess;

	private final AuthorizationManager<MessageAuthorizationContext<?>> dashboardAccess;

	private final Replies replies;

	private final StompErrorHandler errors;

	WebSocketSecurityConfig(JwtDecoder jwtDecoder, JwtAuthenticationConverter jwtAuthenticationConverter,
			@Lazy @Qualifier("roomAccess") AuthorizationManager<MessageAuthorizationContext<?>> roomAccess,
			@Lazy @Qualifier("dashboardAccess") AuthorizationManager<MessageAuthorizationContext<?>> dashboardAccess,
			Replies replies, StompErrorHandler errors) {
		this.errors = errors;
		this.jwtDecoder = jwtDecoder;
		this.jwtAuthenticationConverter = jwtAuthenticationConverter;
		this.roomAccess = roomAccess;
		this.dashboardAccess = dashboardAccess;
		this.replies = replies;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(this.jwtDecoder);
		tokens.setJwtAuthenticationConverter(this.jwtAuthenticationConverter);
		registration.interceptors(new StompAuthenticationInterceptor(tokens, this.errors),
				new SecurityContextChannelInterceptor(), new DestinationAuthorizationInterceptor(
						rules(this.roomAccess, this.dashboardAccess), this.replies, this.errors));
	}

	/**
	 * The destinations each user may use.
	 * @param roomAccess decides who may join a room and see its members
	 * @param dashboardAccess decides who may see a dashboard (each dashboard says)
	 */
	static AuthorizationManager<Message<?>> rules(AuthorizationManager<MessageAuthorizationContext<?>> roomAccess,
			AuthorizationManager<MessageAuthorizationContext<?>> dashboardAccess) {
		return MessageMatcherDelegatingAuthorizationManager.builder()
			.simpTypeMatchers(SimpMessageType.CONNECT)
			.authenticated()
			.simpTypeMatchers(SimpMessageType.UNSUBSCRIBE, SimpMessageType.HEARTBEAT, SimpMessageType.DISCONNECT)
			.permitAll()
			.simpSubscribeDestMatchers("/user/queue/errors", "/user/queue/acks", "/user/queue/messages",
					"/user/queue/invitations", "/user/queue/rooms", "/topic/presence.online", "/app/presence/online")
			.authenticated()
			.simpSubscribeDestMatchers("/topic/rooms.*", "/app/rooms/*/members")
			.access(roomAccess)
			.simpSubscribeDestMatchers("/topic/dashboard.*", "/app/dashboard/*")
			.access(dashboardAccess)
			.simpMessageDestMatchers("/app/rooms", "/app/rooms/*/messages", "/app/rooms/*/typing",
					"/app/rooms/*/invite", "/app/rooms/*/binary", "/app/users/*/messages", "/app/users/*/conversation",
					"/app/rooms/*/messages/*/edit", "/app/rooms/*/messages/*/delete", "/app/rooms/*/read",
					"/app/rooms/*/hide", "/app/rooms/*/leave")
			.authenticated()
			.anyMessage()
			.denyAll()
			.build();
	}

}
