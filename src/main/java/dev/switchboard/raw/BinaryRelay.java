package dev.switchboard.raw;

import java.util.HashMap;
import java.util.Map;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.rooms.RoomService;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.websocket.ExcludeSelfInterceptor;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Relays binary data to the {@code /raw} connections in a room, all but the sender's: not
 * stored, not replayed, best effort. It travels on the room's topic, so only connections
 * whose subscription to the room was authorized get it; {@link RawBinaryFilter} keeps it
 * from STOMP connections.
 */
@Service
class BinaryRelay {

	/** Header that marks a broadcast as binary data for raw connections. */
	static final String BINARY_HEADER = "raw-binary";

	private static final String PREFIX = "/app/rooms/";

	private static final String SUFFIX = "/binary";

	private final RoomService rooms;

	private final SimpMessageSendingOperations messaging;

	private final RawProperties properties;

	BinaryRelay(RoomService rooms, SimpMessageSendingOperations messaging, RawProperties properties) {
		this.rooms = rooms;
		this.messaging = messaging;
		this.properties = properties;
	}

	/**
	 * The destination a client sends a room's binary data to.
	 */
	static String destination(String room) {
		return PREFIX + room + SUFFIX;
	}

	/**
	 * Send data to the room's raw connections except the sender's.
	 * @param room the room
	 * @param sender the sending user, who must be allowed in the room
	 * @param sessionId the sending connection
	 * @param data the data, at most {@code switchboard.raw.max-binary-message-size}
	 */
	void relay(String room, String sender, String sessionId, byte[] data) {
		this.rooms.requireAccess(room, sender);
		long limit = this.properties.maxBinaryMessageSize().toBytes();
		if (data.length > limit) {
			throw new ClientErrorException("too-large",
					"Binary data of " + data.length + " bytes; the limit is " + limit);
		}
		Map<String, Object> headers = new HashMap<>(ExcludeSelfInterceptor.excluding(sessionId));
		headers.put(BINARY_HEADER, "true");
		this.messaging.convertAndSend(RoomNames.topic(room), BinaryFrames.relay(room, sender, data), headers);
	}

}
