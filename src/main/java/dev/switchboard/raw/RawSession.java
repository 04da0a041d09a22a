package dev.switchboard.raw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.MessageChannel;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open connection to {@code /raw} and the STOMP session it stands for in the
 * messaging pipeline, under the same id: the frames it sends in (in order), the rooms it
 * joined, the message being received in parts, and when it was last heard from.
 *
 * <p>
 * Incoming parts are appended by the container's thread for the connection, one at a
 * time.
 */
final class RawSession {

	private static final Log logger = LogFactory.getLog(RawSession.class);

	private final WebSocketSession webSocket;

	private final MessageChannel inbound;

	private final Set<String> rooms = ConcurrentHashMap.newKeySet();

	private StringBuilder text = new StringBuilder();

	private ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private long textBytes;

	private volatile long lastReceived = System.nanoTime();

	private volatile long pingSent;

	private volatile boolean awaitingPong;

	private final AtomicBoolean closing = new AtomicBoolean();

	/**
	 * @param webSocket the connection, writing without blocking
	 * @param inbound where its frames go: the client inbound channel, in receive order
	 */
	RawSession(WebSocketSession webSocket, MessageChannel inbound) {
		this.webSocket = webSocket;
		this.inbound = inbound;
	}

	String id() {
		return this.webSocket.getId();
	}

	Principal user() {
		return this.webSocket.getPrincipal();
	}

	Map<String, Object> attributes() {
		return this.webSocket.getAttributes();
	}

	WebSocketSession webSocket() {
		return this.webSocket;
	}

	MessageChannel inbound() {
		return this.inbound;
	}

	/**
	 * Write a message without blocking; a failure means the connection is closing.
	 */
	void write(WebSocketMessage<?> message) {
		try {
			this.webSocket.sendMessage(message);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failed to write to raw session " + id(), ex);
		}
	}

	/**
	 * The rooms this connection joined and has not left.
	 */
	Set<String> rooms() {
		return this.rooms;
	}

	/**
	 * Append part of a text message.
	 * @return {@code false} if the message grew beyond the limit (in UTF-8 bytes)
	 */
	boolean appendText(String part, long limit) {
		this.textBytes += part.getBytes(StandardCharsets.UTF_8).length;
		if (this.textBytes > limit) {
			return false;
		}
		this.text.append(part);
		return true;
	}

	/**
	 * The text message received so far, which is then forgotten (buffers too, so an idle
	 * connection holds no large one).
	 */
	String takeText() {
		String message = this.text.toString();
		this.text = new StringBuilder();
		this.textBytes = 0;
		return message;
	}

	/**
	 * Append part of a binary message.
	 * @return {@code false} if the message grew beyond the limit
	 */
	boolean appendBinary(ByteBuffer part, long limit) {
		if (this.binary.size() + part.remaining() > limit) {
			return false;
		}
		byte[] bytes = new byte[part.remaining()];
		part.get(bytes);
		this.binary.writeBytes(bytes);
		return true;
	}

	/**
	 * The binary message received so far, which is then forgotten.
	 */
	byte[] takeBinary() {
		byte[] message = this.binary.toByteArray();
		this.binary = new ByteArrayOutputStream();
		return message;
	}

	/**
	 * Note that the client sent something (a message, part of one, or a pong).
	 */
	void received() {
		this.lastReceived = System.nanoTime();
		this.awaitingPong = false;
	}

	/**
	 * When the client last sent something, as {@link System#nanoTime()}.
	 */
	long lastReceived() {
		return this.lastReceived;
	}

	/**
	 * Note that a ping is about to be sent; anything received afterwards answers it.
	 */
	void pinging(long now) {
		this.pingSent = now;
		this.awaitingPong = true;
	}

	/**
	 * Whether a ping was sent and nothing has been received since.
	 */
	boolean awaitingPong() {
		return this.awaitingPong;
	}

	/**
	 * When the last ping was sent, as {@link System#nanoTime()}.
	 */
	long pingSent() {
		return this.pingSent;
	}

	/**
	 * Mark the connection as being closed by the server; what it sends from now on is
	 * ignored.
	 * @return {@code false} if it already was
	 */
	boolean startClosing() {
		return this.closing.compareAndSet(false, true);
	}

	boolean isClosing() {
		return this.closing.get();
	}

}
