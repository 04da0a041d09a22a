package dev.switchboard.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * The catch-up of one subscription made with {@code since-seq}: how far the replay got,
 * and the live frames held back until it ends.
 */
final class Catchup {

	/** What to do with a live frame for this subscription. */
	enum Decision {

		/** Hold it until the catch-up ends. */
		HOLD,
		/** Drop it: the replay sent it already, or the connection is being cut. */
		DROP,
		/** Let it through. */
		PASS,
		/** Let it through; nothing older can follow, so the catch-up can be forgotten. */
		LIVE,
		/**
		 * The room outran the catch-up by more than a send buffer: cut the connection.
		 */
		CUT

	}

	static final long NO_SEQ = -1;

	final String key;

	final String sessionId;

	final String subscriptionId;

	final String room;

	final long since;

	boolean recovered;

	long target;

	long sent;

	int replayed;

	long roomLastSeq;

	private final List<Message<?>> held = new ArrayList<>();

	private long heldBytes;

	private boolean done;

	private boolean releasing;

	private volatile boolean cut;

	/** Ended before it was sent: unsubscribed, or the connection closed. */
	private volatile boolean stopped;

	Catchup(String key, String sessionId, String subscriptionId, String room, long since) {
		this.key = key;
		this.sessionId = sessionId;
		this.subscriptionId = subscriptionId;
		this.room = room;
		this.since = since;
		this.sent = since;
	}

	/**
	 * Whether the replay should stop: the connection is being cut, or the subscription
	 * has ended.
	 */
	boolean isOver() {
		return this.cut || this.stopped;
	}

	/**
	 * End the catch-up before it is sent: its replay stops at the next message.
	 */
	void stop() {
		this.stopped = true;
	}

	/**
	 * Decide about a live frame for this subscription.
	 * @param bufferLimit how many bytes of frames may be held
	 */
	synchronized Decision onLive(Message<?> message, long bufferLimit) {
		if (!this.done) {
			if (this.cut) {
				return Decision.DROP;
			}
			long size = (message.getPayload() instanceof byte[] bytes) ? bytes.length : 0;
			if (this.heldBytes + size > bufferLimit) {
				this.cut = true;
				this.held.clear();
				return Decision.CUT;
			}
			this.held.add(message);
			this.heldBytes += size;
			return Decision.HOLD;
		}
		long seq = seqOf(message);
		if (seq == NO_SEQ || this.releasing) {
			// Held frames being released must not end the catch-up: a newer live frame
			// could then overtake those still to be released.
			return Decision.PASS;
		}
		// Stored before the catch-up read the room but broadcast after it ended: sent.
		// Broadcasts of a room leave in seq order, so after a newer one nothing older
		// comes.
		return (seq <= this.sent) ? Decision.DROP : Decision.LIVE;
	}

	/**
	 * End the catch-up: send the result marker, then the held frames the replay did not
	 * cover, while live frames wait, so they all leave in order.
	 * @return {@code false} if the connection is being cut or the subscription ended, and
	 * nothing was sent
	 */
	synchronized boolean finish(Message<?> marker, Consumer<Message<?>> sender) {
		if (this.cut || this.stopped) {
			return false;
		}
		sender.accept(marker);
		this.done = true;
		this.releasing = true;
		try {
			for (Message<?> message : this.held) {
				long seq = seqOf(message);
				if (seq == NO_SEQ || seq > this.sent) {
					sender.accept(message);
				}
			}
		}
		finally {
			this.releasing = false;
			this.held.clear();
		}
		return true;
	}

	static long seqOf(Message<?> message) {
		String seq = NativeMessageHeaderAccessor.getFirstNativeHeader(ChatService.SEQ_HEADER, message.getHeaders());
		return (seq != null) ? Long.parseLong(seq) : NO_SEQ;
	}

}
