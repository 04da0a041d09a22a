package dev.switchboard.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Byte helpers for fuzz inputs: UTF-8 validity and a readable rendering for reports.
 */
final class Bytes {

	private static final int SHOWN = 600;

	private Bytes() {
	}

	static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] result = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, result, at, part.length);
			at += part.length;
		}
		return result;
	}

	/**
	 * Printable ASCII as is, everything else escaped; long inputs shortened.
	 */
	static String show(byte[] bytes) {
		StringBuilder shown = new StringBuilder();
		for (int i = 0; i < Math.min(bytes.length, SHOWN); i++) {
			int b = bytes[i] & 0xff;
			switch (b) {
				case '\n' -> shown.append("\\n");
				case '\r' -> shown.append("\\r");
				case 0 -> shown.append("\\0");
				case '\\' -> shown.append("\\\\");
				default ->
					shown.append((b >= 0x20 && b < 0x7f) ? String.valueOf((char) b) : String.format("\\x%02x", b));
			}
		}
		if (bytes.length > SHOWN) {
			shown.append("…(").append(bytes.length).append(" bytes)");
		}
		return shown.toString();
	}

}
