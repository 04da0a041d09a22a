package dev.switchboard.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A synchronous subscribable channel that also keeps every message sent to it.
 */
public class CapturingChannel extends ExecutorSubscribableChannel {

	private final List<Message<?>> messages = new CopyOnWriteArrayList<>();

	@Override
	public boolean sendInternal(Message<?> message, long timeout) {
		this.messages.add(message);
		return super.sendInternal(message, timeout);
	}

	public List<Message<?>> messages() {
		return this.messages;
	}

	/**
	 * The messages sent to a destination.
	 */
	public List<Message<?>> to(String destination) {
		return this.messages.stream()
			.filter((message) -> destination.equals(SimpMessageHeaderAccessor.getDestination(message.getHeaders())))
			.toList();
	}

	/**
	 * The only message sent so far.
	 */
	public Message<?> single() {
		assertThat(this.messages).hasSize(1);
		return this.messages.get(0);
	}

	public void clear() {
		this.messages.clear();
	}

}
