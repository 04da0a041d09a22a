package dev.switchboard.websocket;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Answers a SUBSCRIBE, UNSUBSCRIBE or SEND that asks for a receipt with a RECEIPT frame
 * once it has been handled: a subscription is then registered, so that a client may wait
 * for it before it expects messages.
 *
 * <p>
 * A workaround: Spring's in-memory broker (seen in Spring Framework 7.0.8) answers only a
 * DISCONNECT's receipt, although STOMP 1.2 asks a server to answer every one. The frame
 * is handled by the handler its destination names: {@code /app/**} by the
 * {@code @MessageMapping} methods, {@code /user/**} by the user destination handler
 * (which registers the subscription with the broker before it returns), anything else by
 * the broker. It can go when Spring's broker sends receipts itself
 * ({@code StompReceiptsTests} tells).
 */
@Component
public class StompReceipts implements ExecutorChannelInterceptor {

	private static final String RECEIPT_HEADER = "receipt";

	private final MessageChannel clientOutboundChannel;

	public StompReceipts(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		MessageHeaders headers = message.getHeaders();
		String receipt = NativeMessageHeaderAccessor.getFirstNativeHeader(RECEIPT_HEADER, headers);
		if (receipt == null || ex != null || !handles(handler, headers)) {
			return;
		}
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.RECEIPT);
		accessor.setReceiptId(receipt);
		accessor.setSessionId(SimpMessageHeaderAccessor.getSessionId(headers));
		this.clientOutboundChannel.send(MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders()));
	}

	private static boolean handles(MessageHandler handler, MessageHeaders headers) {
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
		if (type != SimpMessageType.SUBSCRIBE && type != SimpMessageType.UNSUBSCRIBE
				&& type != SimpMessageType.MESSAGE) {
			return false;
		}
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		if (destination != null && destination.startsWith("/app/")) {
			return handler instanceof SimpAnnotationMethodMessageHandler;
		}
		if (destination != null && destination.startsWith(UserSessionSplitter.USER_PREFIX)) {
			return handler instanceof UserDestinationMessageHandler;
		}
		return handler instanceof SimpleBrokerMessageHandler;
	}

}
