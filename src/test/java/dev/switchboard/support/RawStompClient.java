package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bare STOMP-over-WebSocket client on {@link RawSocket}, for what a well-behaved client
 * library cannot do: stop reading (with a small receive buffer, so the server feels it),
 * vanish without a close frame, or read frames only when asked.
 */
public final class RawStompClient implements AutoCloseable {

	private final RawSocket socket;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private RawStompClient(RawSocket socket) {
		this.socket = socket;
	}

	/**
	 * Open a WebSocket to {@code /ws} and CONNECT with a bearer token.
	 * @param receiveBuffer the socket's receive buffer size in bytes
	 */
	public static RawStompClient connect(int port, String token, int receiveBuffer) throws IOException {
		return connect(port, token, receiveBuffer, Map.of());
	}

	/**
	 * Open a WebSocket to {@code /ws} and CONNECT with a bearer token and extra headers.
	 * @param receiveBuffer the socket's receive buffer size in bytes
	 */
	public static RawStompClient connect(int port, String token, int receiveBuffer, Map<String, String> extra)
			throws IOException {
		RawStompClient client = new RawStompClient(RawSocket.open(port, "/ws", receiveBuffer, "v12.stomp"));
		Map<String, String> headers = new LinkedHashMap<>(Map.of("accept-version", "1.2", "host", "localhost",
				"heart-beat", "0,0", "Authorization", "Bearer " + token));
		headers.putAll(extra);
		client.send("CONNECT", headers, "");
		Frame connected = client.readFrame();
		if (!"CONNECTED".equals(connected.command())) {
			throw new IOException("Not connected: " + connected);
		}
		return client;
	}

	/**
	 * Send one STOMP frame as one text message.
	 */
	public void send(String command, Map<String, String> headers, String body) throws IOException {
		StringBuilder frame = new StringBuilder(command).append('\n');
		headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
		frame.append('\n').append(body).append('\0');
		writeFrame(0x1, frame.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send raw bytes as one WebSocket message of the given opcode (1 text, 2 binary).
	 */
	public void writeFrame(int opcode, byte[] payload) throws IOException {
		this.socket.write(opcode, payload);
	}

	/**
	 * Read the next STOMP frame (skipping heart-beats), or a {@code CLOSE} pseudo-frame
	 * whose {@code code} header is the WebSocket close code (1006 when the connection
	 * ended without a close frame).
	 */
	public Frame readFrame() throws IOException {
		while (true) {
			Frame buffered = takeBufferedFrame();
			if (buffered != null) {
				return buffered;
			}
			RawSocket.Frame frame = this.socket.read();
			if (frame.opcode() == RawSocket.Frame.CLOSE) {
				byte[] payload = frame.payload();
				String reason = (payload.length > 2)
						? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
				return new Frame("CLOSE", Map.of("code", Integer.toString(frame.closeCode()), "reason", reason), "");
			}
			if (frame.opcode() != RawSocket.Frame.PING) {
				this.pending.write(frame.payload());
			}
		}
	}

	private Frame takeBufferedFrame() {
		byte[] bytes = this.pending.toByteArray();
		int start = 0;
		while (start < bytes.length && (bytes[start] == '\n' || bytes[start] == '\r')) {
			start++;
		}
		int end = start;
		while (end < bytes.length && bytes[end] != 0) {
			end++;
		}
		if (end >= bytes.length) {
			this.pending.reset();
			this.pending.write(bytes, start, bytes.length - start);
			return null;
		}
		String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
		this.pending.reset();
		this.pending.write(bytes, end + 1, bytes.length - end - 1);
		int blank = text.indexOf("\n\n");
		String[] lines = text.substring(0, blank).split("\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
		}
		return new Frame(lines[0], headers, text.substring(blank + 2));
	}

	/**
	 * Close the socket at once, without a WebSocket close frame, as a crashed client or a
	 * cut network would.
	 */
	public void kill() throws IOException {
		this.socket.kill();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * One STOMP frame.
	 *
	 * @param command the command, or {@code CLOSE} for a WebSocket close
	 * @param headers the headers, first value wins
	 * @param body the body
	 */
	public record Frame(String command, Map<String, String> headers, String body) {
	}

}
