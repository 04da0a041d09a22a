package dev.switchboard.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Measures chat traffic: the meters {@code switchboard.chat.messages} (stored messages)
 * and {@code switchboard.chat.delivery} (from a message's storage until its frames were
 * handed to every subscriber's connection), and a count per room, kept here rather than
 * as a meter tag because rooms are unbounded.
 */
@Component
public class ChatMetrics {

	/** Name of the delivery timer. */
	public static final String DELIVERY = "switchboard.chat.delivery";

	private final Counter messages;

	private final Timer delivery;

	private final Map<String, LongAdder> perRoom = new ConcurrentHashMap<>();

	public ChatMetrics(MeterRegistry registry) {
		this.messages = Counter.builder("switchboard.chat.messages")
			.description("Chat messages stored and broadcast")
			.register(registry);
		this.delivery = Timer.builder(DELIVERY)
			.description("Time from a chat message's storage until its frames were handed to the connections")
			.register(registry);
	}

	/**
	 * Record a message that was stored and broadcast.
	 * @param room its room
	 * @param storedAt {@link System#nanoTime()} when it had been stored
	 */
	public void delivered(String room, long storedAt) {
		this.delivery.record(System.nanoTime() - storedAt, TimeUnit.NANOSECONDS);
		this.messages.increment();
		this.perRoom.computeIfAbsent(room, (key) -> new LongAdder()).increment();
	}

	/**
	 * How many messages each room got since the server started.
	 */
	public Map<String, Long> messagesPerRoom() {
		return this.perRoom.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().sum()));
	}

}
