package dev.switchboard.chat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.switchboard.cluster.ClusterMessages;
import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.cluster.DestinationBound;
import dev.switchboard.cluster.DestinationUnbound;
import dev.switchboard.cluster.MessagesMissed;
import dev.switchboard.rooms.RoomNames;
import dev.switchboard.websocket.Pipeline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * In a cluster, hands each room's messages to this instance's subscribers in {@code seq}
 * order with no gap and no repeat, whichever instances their writers used: on the broker
 * channel, after the cluster has published them, as the in-memory broker is about to
 * handle them (before the fan-out). A held-back message is not handed to the broker yet;
 * its sender's {@code send} still succeeds.
 *
 * <p>
 * A room's order starts, when this instance begins to receive the room
 * ({@link DestinationBound}), after its newest stored message. A message with the next
 * {@code seq} goes on at once, and the ones held back behind it follow; one that arrives
 * early is held back until the missing ones arrive, from the broker or, after
 * {@code switchboard.cluster.gap-wait}, from the database; one already delivered is
 * dropped. When messages may have been missed ({@link MessagesMissed}: RabbitMQ was
 * away), every room this instance receives is caught up from the database. Room events
 * without {@code seq} (typing, presence, binary relays) pass as they are.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
@Order(Pipeline.ROOM_ORDER)
class RoomSequencer implements ExecutorChannelInterceptor, WebSocketMessageBrokerConfigurer, DisposableBean {

	private static final Log logger = LogFactory.getLog(RoomSequencer.class);

	/** Past this many held-back messages in one room, the gap is filled at once. */
	private static final int MAX_HELD = 1000;

	private static final int PAGE = 200;

	private final MessageRepository messages;

	private final JsonMapper jsonMapper;

	private final MessageChannel brokerChannel;

	private final long gapWaitMillis;

	private final Map<String, Sequence> rooms = new ConcurrentHashMap<>();

	private final ScheduledExecutorService gaps = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "room-sequencer");
		thread.setDaemon(true);
		return thread;
	});

	/** Whether this thread is sending a room's held-back messages already. */
	private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> Boolean.FALSE);

	RoomSequencer(MessageRepository messages, JsonMapper jsonMapper,
			@Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel, ClusterProperties properties) {
		this.messages = messages;
		this.jsonMapper = jsonMapper;
		this.brokerChannel = brokerChannel;
		this.gapWaitMillis = properties.gapWait().toMillis();
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.configureBrokerChannel().interceptors(this);
	}

	@EventListener
	void bound(DestinationBound event) {
		String room = RoomNames.fromTopic(event.destination());
		if (room != null) {
			this.rooms.computeIfAbsent(room, (name) -> new Sequence(name, this.messages.lastSeq(name) + 1));
		}
	}

	@EventListener
	void unbound(DestinationUnbound event) {
		String room = RoomNames.fromTopic(event.destination());
		Sequence sequence = (room != null) ? this.rooms.remove(room) : null;
		if (sequence != null) {
			sequence.lock.lock();
			try {
				sequence.cancelGapFill();
			}
			finally {
				sequence.lock.unlock();
			}
		}
	}

	@EventListener
	void missed(MessagesMissed event) {
		for (String destination : event.destinations()) {
			String room = RoomNames.fromTopic(destination);
			Sequence sequence = (room != null) ? this.rooms.get(room) : null;
			if (sequence != null) {
				this.gaps.execute(() -> fill(sequence, Long.MAX_VALUE));
			}
		}
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		Sequence sequence = (handler instanceof SimpleBrokerMessageHandler) ? sequenceOf(message) : null;
		long seq = (sequence != null) ? seqOf(message) : -1;
		if (seq < 0) {
			return message;
		}
		sequence.lock.lock();
		if (seq == sequence.next) {
			sequence.next++;
			return message; // the lock is held until afterSendCompletion: nothing
							// overtakes it
		}
		try {
			if (seq > sequence.next) {
				sequence.held.put(seq, message);
				if (sequence.held.size() > MAX_HELD) {
					sequence.cancelGapFill();
					this.gaps.execute(() -> fill(sequence, Long.MAX_VALUE));
				}
				else if (sequence.gapFill == null) {
					sequence.gapFill = this.gaps.schedule(() -> fill(sequence, Long.MAX_VALUE), this.gapWaitMillis,
							TimeUnit.MILLISECONDS);
				}
			}
			return null; // held back, or delivered already
		}
		finally {
			sequence.lock.unlock();
		}
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		Sequence sequence = (handler instanceof SimpleBrokerMessageHandler) ? sequenceOf(message) : null;
		if (sequence == null || !sequence.lock.isHeldByCurrentThread()) {
			return;
		}
		try {
			sendHeld(sequence);
		}
		finally {
			sequence.lock.unlock();
		}
	}

	@Override
	public void destroy() {
		this.gaps.shutdownNow();
	}

	/**
	 * Send the held-back messages that are next, in order; the caller holds the lock.
	 */
	private void sendHeld(Sequence sequence) {
		if (this.draining.get()) {
			return; // a caller further up this thread's stack is sending them
		}
		this.draining.set(Boolean.TRUE);
		try {
			while (!sequence.held.isEmpty() && sequence.held.firstKey() <= sequence.next) {
				this.brokerChannel.send(sequence.held.pollFirstEntry().getValue());
			}
			if (sequence.held.isEmpty()) {
				sequence.cancelGapFill();
			}
		}
		finally {
			this.draining.set(Boolean.FALSE);
		}
	}

	/**
	 * Send the stored messages from the next {@code seq} on, up to the first held-back
	 * one, or all of them when none is held back, then the held-back ones.
	 */
	private void fill(Sequence sequence, long upTo) {
		sequence.lock.lock();
		try {
			sequence.gapFill = null;
			if (this.rooms.get(sequence.room) != sequence) {
				return;
			}
			while (true) {
				long end = sequence.held.isEmpty() ? upTo : Math.min(upTo, sequence.held.firstKey());
				if (sequence.next >= end) {
					break;
				}
				long from = sequence.next;
				List<RoomEvent> page = this.messages.after(sequence.room, from - 1, (int) Math.min(PAGE, end - from));
				for (RoomEvent stored : page) {
					if (stored.seq() >= end) {
						break;
					}
					sequence.next = Math.max(sequence.next, stored.seq()); // skip numbers
																			// not stored
					this.brokerChannel.send(broadcast(stored));
				}
				if (sequence.next == from) { // nothing stored before the held-back one
					if (end == Long.MAX_VALUE) {
						break;
					}
					sequence.next = end;
				}
			}
			sendHeld(sequence);
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to fill a gap in room '" + sequence.room + "' from the database; trying again", ex);
			if (sequence.gapFill == null) {
				sequence.gapFill = this.gaps.schedule(() -> fill(sequence, upTo), this.gapWaitMillis,
						TimeUnit.MILLISECONDS);
			}
		}
		finally {
			sequence.lock.unlock();
		}
	}

	private Message<byte[]> broadcast(RoomEvent stored) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		accessor.setDestination(RoomNames.topic(stored.room()));
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		accessor.setNativeHeader(ChatService.SEQ_HEADER, Long.toString(stored.seq()));
		accessor.setHeader(ClusterMessages.LOCAL_ONLY_HEADER, Boolean.TRUE);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(this.jsonMapper.writeValueAsBytes(stored), accessor.getMessageHeaders());
	}

	private Sequence sequenceOf(Message<?> message) {
		if (this.rooms.isEmpty()
				|| SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE
				|| NativeMessageHeaderAccessor.getFirstNativeHeader(ChatService.SEQ_HEADER,
						message.getHeaders()) == null) {
			return null;
		}
		String room = RoomNames.fromTopic(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
		return (room != null) ? this.rooms.get(room) : null;
	}

	private static long seqOf(Message<?> message) {
		String seq = NativeMessageHeaderAccessor.getFirstNativeHeader(ChatService.SEQ_HEADER, message.getHeaders());
		if (seq == null) {
			return -1;
		}
		try {
			return Long.parseLong(seq);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The order of one room on this instance.
	 */
	private static final class Sequence {

		private final String room;

		private final ReentrantLock lock = new ReentrantLock();

		/** The {@code seq} to deliver next. */
		private long next;

		private final TreeMap<Long, Message<?>> held = new TreeMap<>();

		private ScheduledFuture<?> gapFill;

		Sequence(String room, long next) {
			this.room = room;
			this.next = next;
		}

		void cancelGapFill() {
			if (this.gapFill != null) {
				this.gapFill.cancel(false);
				this.gapFill = null;
			}
		}

	}

}
