package dev.switchboard.websocket;

import org.springframework.web.socket.WebSocketMessage;

/**
 * A frame waiting to be written to a connection; a latest-only frame may be replaced by a
 * newer one until it is taken for writing.
 */
final class QueuedFrame {

	private final long queuedAt;

	private final String key;

	private WebSocketMessage<?> message;

	private long size;

	private boolean taken;

	/**
	 * @param key the subscription of a latest-only frame, else {@code null}
	 */
	QueuedFrame(WebSocketMessage<?> message, long size, long queuedAt, String key) {
		this.message = message;
		this.size = size;
		this.queuedAt = queuedAt;
		this.key = key;
	}

	long queuedAt() {
		return this.queuedAt;
	}

	String key() {
		return this.key;
	}

	/**
	 * The size of the message, final once it is taken.
	 */
	synchronized long size() {
		return this.size;
	}

	/**
	 * Replace the message unless it is being written.
	 * @return the size of the replaced message, or -1 if it was too late
	 */
	synchronized long replace(WebSocketMessage<?> newer, long newerSize) {
		if (this.taken) {
			return -1;
		}
		long replaced = this.size;
		this.message = newer;
		this.size = newerSize;
		return replaced;
	}

	/**
	 * Take the message for writing; it can no longer be replaced.
	 */
	synchronized WebSocketMessage<?> take() {
		this.taken = true;
		return this.message;
	}

}
