package dev.switchboard.limits;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import dev.switchboard.system.Replies;
import dev.switchboard.system.StompErrorHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the connection limit of {@link ConnectionLimits} with hand-built frames: it
 * counts through its {@link ConnectionLedger} and refuses as it always has.
 */
class ConnectionLimitsTests {

	private final CapturingChannel outbound = new CapturingChannel();

	private final InMemoryConnectionLedger ledger = new InMemoryConnectionLedger();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private final ConnectionLimits limits = new ConnectionLimits(
			new LimitsProperties(2, 100, 20, 40, 10, 200, 32, 256, DataSize.ofKilobytes(8), 5, 10),
			new Replies(new SimpMessagingTemplate(new CapturingChannel()), JsonMapper.builder().build()),
			new StompErrorHandler(JsonMapper.builder().build(), this.outbound), this.ledger, this.published::add);

	@Test
	void aConnectOverTheLimitIsRefusedWithAnErrorFrameAndNotCounted() {
		assertThat(this.limits.preSend(connect("s1"), null)).isNotNull();
		assertThat(this.limits.preSend(connect("s2"), null)).isNotNull();

		assertThat(this.limits.preSend(connect("s3"), null)).isNull();

		StompHeaderAccessor error = StompHeaderAccessor.wrap(this.outbound.single());
		assertThat(error.getCommand()).isEqualTo(StompCommand.ERROR);
		assertThat(error.getMessage()).isEqualTo("Already 2 connections open for alice; close one first");
		assertThat(new String((byte[]) this.outbound.single().getPayload())).contains("\"too-many-connections\"");
		assertThat(this.limits.connections("alice")).isEqualTo(2);
		assertThat(this.ledger.connections("alice")).isEqualTo(2);
	}

	@Test
	void aDisconnectReleasesItsConnection() {
		this.limits.preSend(connect("s1"), null);
		this.limits.preSend(connect("s2"), null);

		this.limits.disconnected(
				new SessionDisconnectEvent(this, connect("s1"), "s1", CloseStatus.NORMAL, StompMessages.user("alice")));

		assertThat(this.limits.connections("alice")).isOne();
		assertThat(this.limits.preSend(connect("s3"), null)).isNotNull();
		assertThat(this.outbound.messages()).isEmpty();
	}

	@Test
	void aUsersFirstConnectionAndTheEndOfTheirLastArePublishedOnce() {
		this.limits.preSend(connect("s1"), null);
		this.limits.preSend(connect("s2"), null);
		this.limits.preSend(connect("s3"), null);
		assertThat(this.published).as("the second is not a first, the third is refused")
			.containsExactly(new OnlineChange("alice", true));

		this.limits.disconnected(disconnect("s3"));
		this.limits.disconnected(disconnect("s1"));
		assertThat(this.published).as("a refused one and one of two are not the last").hasSize(1);

		this.limits.disconnected(disconnect("s2"));
		this.limits.disconnected(disconnect("s2"));
		assertThat(this.published).containsExactly(new OnlineChange("alice", true), new OnlineChange("alice", false));
		assertThat(this.limits.onlineCount()).isZero();
	}

	@Test
	void theOnlineUsersAreListedByNameUpToTheMaximum() {
		for (String user : List.of("carol", "alice", "bob")) {
			this.limits.preSend(StompMessages.frame(StompCommand.CONNECT).session(user).user(user).build(), null);
		}

		assertThat(this.limits.onlineUsers(2)).containsExactly("alice", "bob");
		assertThat(this.limits.onlineCount()).isEqualTo(3);
	}

	private static SessionDisconnectEvent disconnect(String session) {
		return new SessionDisconnectEvent(new Object(), connect(session), session, CloseStatus.NORMAL,
				StompMessages.user("alice"));
	}

	private static Message<byte[]> connect(String session) {
		return StompMessages.frame(StompCommand.CONNECT).session(session).user("alice").build();
	}

}
