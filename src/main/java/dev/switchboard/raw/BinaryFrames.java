package dev.switchboard.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.switchboard.system.ClientErrorException;

/**
 * The framing of binary messages on {@code /raw}: a client sends the room name, a line
 * feed and the data; members of the room receive the room name, a line feed, the sender's
 * user name, a line feed and the data. Neither names can contain a line feed.
 */
final class BinaryFrames {

	private static final byte LINE_FEED = '\n';

	private static final int MAX_ROOM_LENGTH = 64;

	private BinaryFrames() {
	}

	/**
	 * Split what a client sent into room and data.
	 * @throws ClientErrorException {@code bad-request} if it does not start with a room
	 * name and a line feed
	 */
	static Inbound parse(byte[] frame) {
		int end = Math.min(frame.length, MAX_ROOM_LENGTH + 1);
		for (int i = 0; i < end; i++) {
			if (frame[i] == LINE_FEED && i + 1 < frame.length) {
				return new Inbound(new String(frame, 0, i, StandardCharsets.US_ASCII),
						Arrays.copyOfRange(frame, i + 1, frame.length));
			}
		}
		throw ClientErrorException
			.badRequest("A binary message is the room name, a line feed, then at least one byte of data");
	}

	/**
	 * What the members of a room receive.
	 */
	static byte[] relay(String room, String from, byte[] data) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(room.length() + from.length() + 2 + data.length);
		frame.writeBytes(room.getBytes(StandardCharsets.UTF_8));
		frame.write(LINE_FEED);
		frame.writeBytes(from.getBytes(StandardCharsets.UTF_8));
		frame.write(LINE_FEED);
		frame.writeBytes(data);
		return frame.toByteArray();
	}

	/**
	 * A binary message from a client.
	 *
	 * @param room the room it is for
	 * @param data the data
	 */
	record Inbound(String room, byte[] data) {
	}

}
