package dev.switchboard.websocket;

import dev.switchboard.support.CapturingChannel;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link StompReceipts}, with hand-built frames.
 */
class StompReceiptsTests {

	private final CapturingChannel outbound = new CapturingChannel();

	private final StompReceipts receipts = new StompReceipts(this.outbound);

	private final MessageHandler broker = mock(SimpleBrokerMessageHandler.class);

	private final MessageHandler users = mock(UserDestinationMessageHandler.class);

	private final MessageHandler controllers = mock(SimpAnnotationMethodMessageHandler.class);

	@Test
	void aTopicSubscriptionIsConfirmedOnceTheBrokerHasHandledIt() {
		Message<?> subscribe = frame(StompCommand.SUBSCRIBE, "/topic/rooms.general", "r-1");
		this.receipts.afterMessageHandled(subscribe, null, this.controllers, null);
		this.receipts.afterMessageHandled(subscribe, null, this.users, null);
		assertThat(this.outbound.messages()).as("not before the broker").isEmpty();
		this.receipts.afterMessageHandled(subscribe, null, this.broker, null);
		assertThat(this.outbound.messages()).singleElement().satisfies((receipt) -> {
			StompHeaderAccessor accessor = StompHeaderAccessor.wrap(receipt);
			assertThat(accessor.getCommand()).isEqualTo(StompCommand.RECEIPT);
			assertThat(accessor.getReceiptId()).isEqualTo("r-1");
			assertThat(accessor.getSessionId()).isEqualTo("s-1");
		});
	}

	@Test
	void aUserDestinationSubscriptionIsConfirmedByTheUserDestinationHandler() {
		Message<?> subscribe = frame(StompCommand.SUBSCRIBE, "/user/queue/acks", "r-2");
		this.receipts.afterMessageHandled(subscribe, null, this.broker, null);
		assertThat(this.outbound.messages()).isEmpty();
		this.receipts.afterMessageHandled(subscribe, null, this.users, null);
		assertThat(this.outbound.messages()).hasSize(1);
	}

	@Test
	void aSendToTheApplicationIsConfirmedOnceItsControllerHandledIt() {
		Message<?> send = frame(StompCommand.SEND, "/app/rooms/general/messages", "r-3");
		this.receipts.afterMessageHandled(send, null, this.broker, null);
		assertThat(this.outbound.messages()).isEmpty();
		this.receipts.afterMessageHandled(send, null, this.controllers, null);
		assertThat(this.outbound.messages()).hasSize(1);
	}

	@Test
	void noReceiptWithoutARequestOrAfterAFailure() {
		this.receipts.afterMessageHandled(frame(StompCommand.SUBSCRIBE, "/topic/rooms.general", null), null,
				this.broker, null);
		this.receipts.afterMessageHandled(frame(StompCommand.SUBSCRIBE, "/topic/rooms.general", "r-4"), null,
				this.broker, new IllegalStateException("failed"));
		this.receipts.afterMessageHandled(frame(StompCommand.DISCONNECT, null, "r-5"), null, this.broker, null);
		assertThat(this.outbound.messages()).as("DISCONNECT's receipt is Spring's own").isEmpty();
	}

	private static Message<?> frame(StompCommand command, String destination, String receipt) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		accessor.setSessionId("s-1");
		accessor.setSubscriptionId("sub-1");
		if (destination != null) {
			accessor.setDestination(destination);
		}
		if (receipt != null) {
			accessor.setReceipt(receipt);
		}
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

}
