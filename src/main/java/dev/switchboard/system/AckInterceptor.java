package dev.switchboard.system;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Gives every request that an {@code @MessageMapping} or {@code @SubscribeMapping} method
 * handles exactly one outcome: an acknowledgement when it carried an {@code ack-id} and
 * succeeded, an error reply (and negative acknowledgement) when it failed.
 *
 * <p>
 * The handler method's return value becomes the body of the acknowledgement (see
 * {@link AckReturnValueHandler}); a failure is recorded by {@link MessagingErrorAdvice}.
 * Both run on the thread that handles the message, between {@link #beforeHandle} and
 * {@link #afterMessageHandled}.
 */
@Component
public class AckInterceptor implements ExecutorChannelInterceptor {

	private final ThreadLocal<Outcome> current = new ThreadLocal<>();

	private final Replies replies;

	public AckInterceptor(Replies replies) {
		this.replies = replies;
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		if (handler instanceof SimpAnnotationMethodMessageHandler && isRequest(message)) {
			this.current.set(new Outcome());
		}
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		Outcome outcome = this.current.get();
		if (outcome == null || !(handler instanceof SimpAnnotationMethodMessageHandler)) {
			return;
		}
		this.current.remove();
		if (ex != null && outcome.code == null) {
			outcome.failed("internal", "The server could not handle the message");
		}
		if (outcome.code != null) {
			this.replies.fail(message, outcome.code, outcome.message);
		}
		else if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
			this.replies.ack(message, outcome.result);
		}
	}

	/**
	 * Record what the handler method returned for the message being handled.
	 */
	void recordResult(Object result) {
		Outcome outcome = this.current.get();
		if (outcome != null) {
			outcome.result = result;
		}
	}

	/**
	 * Record that handling the current message failed.
	 */
	void recordFailure(String code, String message) {
		Outcome outcome = this.current.get();
		if (outcome != null) {
			outcome.failed(code, message);
		}
	}

	private static boolean isRequest(Message<?> message) {
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
		return type == SimpMessageType.MESSAGE || type == SimpMessageType.SUBSCRIBE;
	}

	private static final class Outcome {

		private Object result;

		private String code;

		private String message;

		void failed(String code, String message) {
			this.code = code;
			this.message = message;
		}

	}

}
