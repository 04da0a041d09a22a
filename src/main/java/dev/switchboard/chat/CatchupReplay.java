package dev.switchboard.chat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.websocket.WebSocketConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

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
	 * thread.
	 */
	void start(Catchup catchup) {
		long lastSeq = this.messages.lastSeq(catchup.room);
		long missed = lastSeq - catchup.since;
		catchup.roomLastSeq = lastSeq;
		if (missed > 0 && missed <= this.properties.recoveryMaxMessages()) {
			List<ChatMessage> first = this.messages.after(catchup.room, catchup.since, 1);
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
	 * Start a catch-up on the inbound channel's executor (off a broker's I/O thread).
	 */
	void startLater(Catchup catchup) {
		this.executor.execute(() -> start(catchup));
	}

	/**
	 * Send stored messages up to the target, pausing whenever the connection is busy and
	 * resuming once it has drained, so a long catch-up never overflows its send buffer.
	 */
	private void replay(Catchup catchup) {
		while (catchup.sent < catchup.target && !catchup.isCut()) {
			List<ChatMessage> batch = this.messages.after(catchup.room, catchup.sent,
					(int) Math.min(BATCH, catchup.target - catchup.sent));
			if (batch.isEmpty()) {
				break;
			}
			for (ChatMessage message : batch) {
				this.clientOutboundChannel
					.send(message(catchup, this.jsonMapper.writeValueAsBytes(message), message.seq()));
				catchup.sent = message.seq();
				catchup.replayed++;
				if (catchup.sent < catchup.target && this.connections.isBusy(catchup.sessionId)) {
					if (!this.connections.whenDrained(catchup.sessionId,
							() -> this.executor.execute(() -> replay(catchup)))) {
						this.catchups.remove(catchup.key);
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
		if (!catchup.finish(marker, this.clientOutboundChannel::send)) {
			this.catchups.remove(catchup.key);
			return;
		}
		logger.debug("Session " + catchup.sessionId + " caught up on '" + catchup.room + "' since " + catchup.since
				+ ": " + (catchup.recovered ? catchup.replayed + " replayed" : "not recoverable"));
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

}
