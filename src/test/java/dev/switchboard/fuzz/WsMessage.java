package dev.switchboard.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One WebSocket message, sent whole or in fragments (continuation frames).
 *
 * @param binary whether it is a binary message; a text message is valid UTF-8
 * @param fragments the fragments, at least one
 */
record WsMessage(boolean binary, List<byte[]> fragments) {

	static WsMessage text(byte[] bytes) {
		return new WsMessage(false, List.of(bytes));
	}

	/**
	 * A message with the given content: text or binary (always binary if the content is
	 * not valid UTF-8), now and then in fragments.
	 */
	static WsMessage of(byte[] content, RandomGenerator random) {
		boolean binary = !Bytes.isUtf8(content) || random.nextInt(3) == 0;
		if (content.length < 2 || random.nextInt(5) != 0) {
			return new WsMessage(binary, List.of(content));
		}
		return binary ? new WsMessage(true, cut(content, random)) : new WsMessage(false, cutText(content, random));
	}

	/**
	 * A byte stream cut into WebSocket messages at random places, often not at all, which
	 * may split a frame, or a character, between two messages.
	 */
	static List<WsMessage> split(byte[] stream, RandomGenerator random) {
		List<byte[]> pieces = switch (random.nextInt(8)) {
			case 0, 1, 2, 3 -> List.of(stream);
			case 4 -> cutEvery(stream, 1 + random.nextInt(8));
			default -> cut(stream, random);
		};
		List<WsMessage> messages = new ArrayList<>();
		for (byte[] piece : pieces) {
			messages.add(of(piece, random));
		}
		return messages;
	}

	private static List<byte[]> cut(byte[] bytes, RandomGenerator random) {
		if (bytes.length < 2) {
			return List.of(bytes);
		}
		int[] cuts = random.ints(1 + random.nextInt(3), 1, bytes.length).sorted().distinct().toArray();
		List<byte[]> pieces = new ArrayList<>();
		int from = 0;
		for (int cut : cuts) {
			pieces.add(Arrays.copyOfRange(bytes, from, cut));
			from = cut;
		}
		pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
		return pieces;
	}

	private static List<byte[]> cutEvery(byte[] bytes, int size) {
		if (bytes.length > 64 * size) {
			return List.of(bytes);
		}
		List<byte[]> pieces = new ArrayList<>();
		for (int from = 0; from < bytes.length; from += size) {
			pieces.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
		}
		return pieces;
	}

	private static List<byte[]> cutText(byte[] utf8, RandomGenerator random) {
		String text = new String(utf8, StandardCharsets.UTF_8);
		int codePoints = text.codePointCount(0, text.length());
		if (codePoints < 2) {
			return List.of(utf8);
		}
		int cut = text.offsetByCodePoints(0, 1 + random.nextInt(codePoints - 1));
		return List.of(text.substring(0, cut).getBytes(StandardCharsets.UTF_8),
				text.substring(cut).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		StringBuilder shown = new StringBuilder(this.binary ? "binary" : "text");
		if (this.fragments.size() > 1) {
			shown.append(" in ").append(this.fragments.size()).append(" fragments");
		}
		return shown.append(" '")
			.append(Bytes.show(Bytes.concat(this.fragments.toArray(byte[][]::new))))
			.append("'")
			.toString();
	}

}
