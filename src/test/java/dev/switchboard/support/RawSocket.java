package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare WebSocket client on a plain socket, for what a well-behaved client cannot do:
 * read nothing (with a small receive buffer, so the server feels it), leave pings
 * unanswered, read messages only when asked, or vanish without a close frame. Used as is
 * for {@code /raw}, and under {@link RawStompClient} for {@code /ws}.
 */
public final class RawSocket implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private String handshakeResponse = "";

	private RawSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Open {@code /raw?access_token=<token>}.
	 * @param receiveBuffer the socket's receive buffer size in bytes
	 */
	public static RawSocket connect(int port, String token, int receiveBuffer) throws IOException {
		return open(port, "/raw?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), receiveBuffer, null);
	}

	/**
	 * Open a WebSocket to a path of the server.
	 * @param receiveBuffer the socket's receive buffer size in bytes
	 * @param protocol the subprotocol to ask for, or {@code null}
	 */
	public static RawSocket open(int port, String path, int receiveBuffer, String protocol) throws IOException {
		return open(port, path, receiveBuffer, protocol, "");
	}

	/**
	 * Open a WebSocket to a path of the server, with more handshake headers.
	 * @param receiveBuffer the socket's receive buffer size in bytes
	 * @param protocol the subprotocol to ask for, or {@code null}
	 * @param headers more request header lines, each ending with {@code \r\n}
	 */
	public static RawSocket open(int port, String path, int receiveBuffer, String protocol, String headers)
			throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(receiveBuffer);
		socket.setSoTimeout((int) Inbox.TIMEOUT.toMillis());
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		RawSocket client = new RawSocket(socket);
		client.handshake(port, path, protocol, headers);
		return client;
	}

	private void handshake(int port, String path, String protocol, String headers) throws IOException {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
				+ "\r\nSec-WebSocket-Version: 13\r\n"
				+ ((protocol != null) ? "Sec-WebSocket-Protocol: " + protocol + "\r\n" : "") + headers + "\r\n";
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
		this.handshakeResponse = response.toString();
	}

	/**
	 * The server's answer to the handshake: status line and headers.
	 */
	public String handshakeResponse() {
		return this.handshakeResponse;
	}

	/**
	 * Send a JSON command as one text message.
	 */
	public void send(Map<String, ?> command) throws IOException {
		write(0x1, JSON.writeValueAsBytes(command));
	}

	/**
	 * Send one message of the given opcode (1 text, 2 binary), masked as a client must.
	 */
	public void write(int opcode, byte[] payload) throws IOException {
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
	 * Read the next frame, whatever its kind; pings are not answered. The end of the
	 * connection without a close frame reads as a close with code 1006.
	 */
	public Frame read() throws IOException {
		try {
			int first = this.in.readUnsignedByte();
			long length = this.in.readUnsignedByte() & 0x7F;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] payload = new byte[(int) length];
			this.in.readFully(payload);
			return new Frame(first & 0x0F, payload);
		}
		catch (EOFException ex) {
			return new Frame(Frame.CLOSE, new byte[] { 0x03, (byte) 0xEE });
		}
	}

	/**
	 * Close the socket at once, without a close frame, as a crashed client or a cut
	 * network would.
	 */
	public void kill() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	/**
	 * Close the socket without a close frame.
	 */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * One WebSocket frame.
	 *
	 * @param opcode 1 text, 2 binary, 8 close, 9 ping
	 * @param payload its payload
	 */
	public record Frame(int opcode, byte[] payload) {

		public static final int TEXT = 0x1;

		public static final int CLOSE = 0x8;

		public static final int PING = 0x9;

		/**
		 * The JSON object of a text frame.
		 */
		public Map<String, Object> json() {
			return JSON.readValue(this.payload, new TypeReference<Map<String, Object>>() {
			});
		}

		/**
		 * The code of a close frame.
		 */
		public int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

	}

}
