package dev.switchboard.security;

import java.util.function.Supplier;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.system.Replies;
import dev.switchboard.system.StompErrorHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the destination rules of {@link WebSocketSecurityConfig}, applied by
 * {@link DestinationAuthorizationInterceptor}.
 */
class MessageAuthorizationRulesTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final CapturingChannel outbound = new CapturingChannel();

	private final DestinationAuthorizationInterceptor interceptor = new DestinationAuthorizationInterceptor(
			WebSocketSecurityConfig.rules(MessageAuthorizationRulesTests::openOnly,
					MessageAuthorizationRulesTests::openOnly),
			replies(), new StompErrorHandler(JsonMapper.builder().build(), this.outbound));

	@Test
	void documentedSendDestinationsAreAllowedForUsers() {
		for (String destination : new String[] { "/app/rooms", "/app/rooms/lobby/messages", "/app/rooms/lobby/typing",
				"/app/rooms/lobby/invite", "/app/rooms/lobby/binary", "/app/users/bob/messages",
				"/app/users/bob/conversation", "/app/rooms/lobby/messages/m-1/edit",
				"/app/rooms/lobby/messages/m-1/delete", "/app/rooms/lobby/read" }) {
			Message<byte[]> send = send(destination, "alice");
			assertThat(this.interceptor.preSend(send, null)).as(destination).isSameAs(send);
		}
	}

	@Test
	void personalQueuesAreAllowed() {
		for (String queue : new String[] { "errors", "acks", "messages", "invitations" }) {
			Message<byte[]> subscribe = subscribe("/user/queue/" + queue);
			assertThat(this.interceptor.preSend(subscribe, null)).isSameAs(subscribe);
		}
	}

	@Test
	void roomSubscriptionsAreDecidedByRoomAccess() {
		Message<byte[]> open = subscribe("/topic/rooms.open-room");
		assertThat(this.interceptor.preSend(open, null)).isSameAs(open);
		Message<byte[]> members = subscribe("/app/rooms/open-room/members");
		assertThat(this.interceptor.preSend(members, null)).isSameAs(members);

		assertThat(this.interceptor.preSend(subscribe("/topic/rooms.secret"), null)).isNull();
		assertErrorFrame("/topic/rooms.secret");
	}

	@Test
	void theOnlineListIsForSignedInUsersToReadOnly() {
		for (String destination : new String[] { "/topic/presence.online", "/app/presence/online" }) {
			Message<byte[]> subscribe = subscribe(destination);
			assertThat(this.interceptor.preSend(subscribe, null)).as(destination).isSameAs(subscribe);
			Message<byte[]> anonymous = StompMessages.frame(StompCommand.SUBSCRIBE)
				.subscription("sub-1")
				.destination(destination)
				.build();
			assertThat(this.interceptor.preSend(anonymous, null)).as("anonymous " + destination).isNull();
			assertThat(this.interceptor.preSend(send(destination, "alice"), null)).as("SEND " + destination).isNull();
		}
		assertThat(this.interceptor.preSend(subscribe("/topic/presence.rooms"), null))
			.as("only the online topic of the presence ones")
			.isNull();
	}

	@Test
	void dashboardSubscriptionsAreDecidedByTheDashboard() {
		Message<byte[]> topic = subscribe("/topic/dashboard.open-board");
		assertThat(this.interceptor.preSend(topic, null)).isSameAs(topic);
		Message<byte[]> snapshot = subscribe("/app/dashboard/open-board");
		assertThat(this.interceptor.preSend(snapshot, null)).isSameAs(snapshot);

		assertThat(this.interceptor.preSend(subscribe("/topic/dashboard.ops"), null)).isNull();
		assertErrorFrame("/topic/dashboard.ops");
	}

	@Test
	void sendingToADashboardIsDenied() {
		assertThat(this.interceptor.preSend(send("/app/dashboard/open-board", "alice"), null)).isNull();
		assertThat(this.interceptor.preSend(send("/topic/dashboard.open-board", "alice"), null)).isNull();
	}

	@Test
	void sendingToTheBrokerDirectlyIsAnsweredWithAnErrorReplyAndDropped() {
		assertThat(this.interceptor.preSend(send("/topic/rooms.lobby", "alice"), null)).isNull();
		assertThat(this.outbound.messages()).isEmpty();
		Message<?> reply = this.broker.single();
		assertThat(SimpMessageHeaderAccessor.getDestination(reply.getHeaders())).isEqualTo("/user/alice/queue/errors");
		assertThat(new String((byte[]) reply.getPayload())).contains("\"code\":\"forbidden\"")
			.contains("\"destination\":\"/topic/rooms.lobby\"");
	}

	@Test
	void unknownDestinationsAreDenied() {
		assertThat(this.interceptor.preSend(send("/app/admin/shutdown", "alice"), null)).isNull();
		assertThat(this.interceptor.preSend(subscribe("/queue/anything"), null)).isNull();
		assertErrorFrame("/queue/anything");
	}

	@Test
	void anUndecodableDestinationIsABadRequestNotAServerError() {
		assertThat(this.interceptor.preSend(send("/app/rooms/lobby%/messages", "alice"), null)).isNull();
		assertErrorFrame("Not a valid destination: /app/rooms/lobby%/messages");
	}

	@Test
	void anonymousFramesAreDenied() {
		Message<byte[]> anonymous = StompMessages.frame(StompCommand.SEND).destination("/app/rooms").build();
		assertThat(this.interceptor.preSend(anonymous, null)).isNull();
	}

	private void assertErrorFrame(String destination) {
		Message<?> error = this.outbound.single();
		assertThat(StompHeaderAccessor.wrap(error).getCommand()).isEqualTo(StompCommand.ERROR);
		assertThat(StompHeaderAccessor.wrap(error).getMessage()).contains(destination);
	}

	private static AuthorizationDecision openOnly(Supplier<? extends Authentication> user,
			MessageAuthorizationContext<?> context) {
		return new AuthorizationDecision(
				SimpMessageHeaderAccessor.getDestination(context.getMessage().getHeaders()).contains("open"));
	}

	private static Message<byte[]> send(String destination, String user) {
		return StompMessages.frame(StompCommand.SEND).user(user).destination(destination).json("{}").build();
	}

	private static Message<byte[]> subscribe(String destination) {
		return StompMessages.frame(StompCommand.SUBSCRIBE)
			.user("alice")
			.subscription("sub-1")
			.destination(destination)
			.build();
	}

	private Replies replies() {
		SimpMessagingTemplate template = new SimpMessagingTemplate(this.broker);
		template.setMessageConverter(new JacksonJsonMessageConverter());
		return new Replies(template, JsonMapper.builder().build());
	}

}
