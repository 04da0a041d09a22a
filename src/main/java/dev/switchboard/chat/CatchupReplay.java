package dev.switchboard.chat;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.websocket.WebSocketConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Sends a catch-up: every stored message of the room after the client's
 * {@code since-seq}, in order, then a {@link RecoveryResult}, then the live frames held
 * back meanwhile.
 *
 * <p>
 * A long catch-up is sent in steps, each once the connection has drained, so it never
 * overflows the send buffer.
 */
@Component
class CatchupReplay {

	/** A header of replayed frames, which the hold-back lets through. */
	static final String REPLAY_HEADER = "switchboardReplay";

	private static final Log logger = LogFactory.getLog(CatchupReplay.class);

	private static final int BATCH = 200;

	private final Catchups catchups;

	private final MessageRepository messages;

	private final ChatProperties properties;

	private final JsonMapper jsonMapper;

	private final MessageChannel clientOutboundChannel;

	private final WebSocketConnections connections;

	private final Executor executor;

	private final Clock clock = Clock.systemUTC();

	/** Session id → the catch-ups of that connection running and waiting. */
	private final Map<String, Turns> turns = new ConcurrentHashMap<>();

	CatchupReplay(Catchups catchups, MessageRepository messages, ChatProperties properties, JsonMapper jsonMapper,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			WebSocketConnections connections, @Lazy @Qualifier("clientInboundChannelExecutor") Executor executor) {
		this.catchups = catchups;
		this.messages = messages;
		this.properties = properties;
		this.jsonMapper = jsonMapper;
		this.clientOutboundChannel = clientOutboundChannel;
		this.connections = connections;
		this.executor = executor;
	}

	/**
	 * Start a catch-up once the broker has registered its subscription, on the calling
	 * thread, or queue it behind the connection's other catch-ups if it already has
	 * {@code recovery-concurrency} of them running.
	 */
	void start(Catchup catchup) {
		if (this.turns.computeIfAbsent(catchup.sessionId, (id) -> new Turns())
			.enter(catchup, this.properties.recoveryConcurrency())) {
			run(catchup);
		}
	}

	private void run(Catchup catchup) {
		long lastSeq = this.messages.lastSeq(catchup.room);
		long missed = lastSeq - catchup.since;
		catchup.roomLastSeq = lastSeq;
		if (missed > 0 && missed <= this.properties.recoveryMaxMessages()) {
			List<RoomEvent> first = this.messages.after(catchup.room, catchup.since, 1);
			catchup.recovered = !first.isEmpty() && first.get(0).seq() == catchup.since + 1
					&& first.get(0).ts() >= this.clock.millis() - this.properties.recoveryMaxAge().toMillis();
		}
		else {
			catchup.recovered = missed == 0;
		}
		catchup.target = catchup.recovered ? lastSeq : catchup.since;
		replay(catchup);
	}

	/**
	 * Send stored messages up to the target, pausing whenever the connection is busy and
	 * resuming once it has drained, so a long catch-up never overflows its send buffer.
	 */
	private void replay(Catchup catchup) {
		while (catchup.sent < catchup.target && !catchup.isOver()) {
			List<RoomEvent> batch = this.messages.after(catchup.room, catchup.sent,
					(int) Math.min(BATCH, catchup.target - catchup.sent));
			if (batch.isEmpty()) {
				break;
			}
			for (RoomEvent message : batch) {
				if (catchup.isOver()) {
					break;
				}
				this.clientOutboundChannel
					.send(message(catchup, this.jsonMapper.writeValueAsBytes(message), message.seq()));
				catchup.sent = message.seq();
				catchup.replayed++;
				if (catchup.sent < catchup.target && this.connections.isBusy(catchup.sessionId)) {
					if (!this.connections.whenDrained(catchup.sessionId,
							() -> this.executor.execute(() -> replay(catchup)))) {
						this.catchups.remove(catchup.key);
						done(catchup);
					}
					return;
				}
			}
		}
		finish(catchup);
	}

	private void finish(Catchup catchup) {
		Message<byte[]> marker = message(catchup,
				this.jsonMapper.writeValueAsBytes(
						new RecoveryResult(catchup.room, catchup.recovered, catchup.replayed, catchup.roomLastSeq)),
				Catchup.NO_SEQ);
		boolean sent = catchup.finish(marker, this.clientOutboundChannel::send);
		done(catchup);
		if (!sent) {
			this.catchups.remove(catchup.key);
			return;
		}
		logger.debug("Session " + catchup.sessionId + " caught up on '" + catchup.room + "' since " + catchup.since
				+ ": " + (catchup.recovered ? catchup.replayed + " replayed" : "not recoverable"));
	}

	/**
	 * A catch-up has ended: the next one waiting on its connection starts.
	 */
	private void done(Catchup catchup) {
		Turns turns = this.turns.get(catchup.sessionId);
		Catchup next = (turns != null) ? turns.leave() : null;
		if (next != null) {
			this.executor.execute(() -> run(next));
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		this.turns.remove(event.getSessionId());
	}

	private static Message<byte[]> message(Catchup catchup, byte[] payload, long seq) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		if (seq != Catchup.NO_SEQ) {
			accessor.setNativeHeader(ChatService.SEQ_HEADER, Long.toString(seq));
		}
		accessor.setSessionId(catchup.sessionId);
		accessor.setSubscriptionId(catchup.subscriptionId);
		accessor.setDestination(RoomNames.topic(catchup.room));
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		accessor.setHeader(REPLAY_HEADER, Boolean.TRUE);
		return MessageBuilder.createMessage(payload, accessor.getMessageHeaders());
	}

	/**
	 * The catch-ups of one connection: how many are being sent, and those waiting.
	 */
	private static final class Turns {

		private final Deque<Catchup> waiting = new ArrayDeque<>();

		private int running;

		/**
		 * Take a turn if one is free, or wait for one.
		 * @return whether the catch-up may start now
		 */
		synchronized boolean enter(Catchup catchup, int concurrency) {
			if (this.running < concurrency) {
				this.running++;
				return true;
			}
			this.waiting.add(catchup);
			return false;
		}

		/**
		 * Give a turn back, or hand it to the next catch-up still wanted.
		 * @return the catch-up that takes the turn over, or {@code null}
		 */
		synchronized Catchup leave() {
			Catchup next;
			while ((next = this.waiting.poll()) != null) {
				if (!next.isOver()) {
					return next;
				}
			}
			this.running = Math.max(0, this.running - 1);
			return null;
		}

	}

}
