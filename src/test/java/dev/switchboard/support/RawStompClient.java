package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bare STOMP-over-WebSocket client on a plain socket, for what a well-behaved client
 * library cannot do: stop reading (with a small receive buffer, so the server feels it),
 * vanish without a close frame, or read frames only when asked.
 */
public final class RawStompClient implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private RawStompClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
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
		Socket socket = new Socket();
		socket.setReceiveBufferSize(receiveBuffer);
		socket.setSoTimeout((int) Inbox.TIMEOUT.toMillis());
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		RawStompClient client = new RawStompClient(socket);
		client.handshake(port);
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

	private void handshake(int port) throws IOException {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		String request = "GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
				+ "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		StringBuilder response = new StringBuilder();
		while (!response.toString().endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Handshake cut short: " + response);
			}
			response.append((char) b);
		}
		if (!response.toString().startsWith("HTTP/1.1 101")) {
			throw new IOException("Handshake refused: " + response);
		}
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
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift));
			}
		}
		byte[] mask = new byte[4];
		RANDOM.nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/**
	 * Read the next STOMP frame (skipping heart-beats), or a {@code CLOSE} pseudo-frame
	 * whose {@code code} header is the WebSocket close code (1006 when the connection
	 * ended without a close frame).
	 */
	public Frame readFrame() throws IOException {
		try {
			return readNextFrame();
		}
		catch (EOFException ex) {
			return new Frame("CLOSE", Map.of("code", "1006", "reason", ""), "");
		}
	}

	private Frame readNextFrame() throws IOException {
		while (true) {
			Frame buffered = takeBufferedFrame();
			if (buffered != null) {
				return buffered;
			}
			int first = this.in.readUnsignedByte();
			int opcode = first & 0x0F;
			long length = this.in.readUnsignedByte() & 0x7F;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] payload = new byte[(int) length];
			this.in.readFully(payload);
			if (opcode == 0x8) {
				int code = (payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
				String reason = (payload.length > 2)
						? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
				return new Frame("CLOSE", Map.of("code", Integer.toString(code), "reason", reason), "");
			}
			if (opcode == 0x1 || opcode == 0x2 || opcode == 0x0) {
				this.pending.write(payload);
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
		this.socket.setSoLinger(true, 0);
		this.socket.close();
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
