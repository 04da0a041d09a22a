package dev.switchboard.loadtest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebSocket connections that never log in: plain TCP sockets that complete the upgrade to
 * {@code /ws} (subprotocol {@code v12.stomp}), send one text frame holding the start of a
 * STOMP frame without its NUL terminator, then stay silent (no CONNECT, no pong, no close
 * reply); a socket the server closes is opened again. Counts the close codes.
 */
final class SilentUpgrades implements Attack {

	private static final byte[] UNFINISHED = "SEND\ndestination:/app/x\ncontent-type:application/json\n\n{\"text\":\"never"
		.getBytes(StandardCharsets.UTF_8);

	private final List<Integer> ports;

	private final int sockets;

	private final Workers workers = new Workers("silent-upgrade");

	private final Tally tally = new Tally("silentUpgrade",
			List.of("opened", "upgraded", "refused", "closed", "connectFailures"), List.of("refusals", "closeCodes"));

	private volatile boolean started;

	SilentUpgrades(List<Integer> ports, int sockets) {
		this.ports = ports;
		this.sockets = sockets;
	}

	@Override
	public void start(long deadlineNanos) {
		this.started = true;
		this.workers.start(this.sockets, deadlineNanos, 1000, this::round);
	}

	private void round(int worker) throws InterruptedException {
		int port = this.ports.get(worker % this.ports.size());
		Socket socket = this.workers.track(new Socket());
		try (socket) {
			try {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
				this.tally.add("opened");
			}
			catch (IOException ex) {
				if (this.workers.running()) {
					this.tally.add("connectFailures");
					this.workers.pause(1000);
				}
				return;
			}
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			out.write(handshake(port));
			String status = status(in);
			if (!"101".equals(status)) {
				this.tally.add("refused");
				this.tally.add("refusals", status);
				return;
			}
			this.tally.add("upgraded");
			out.write(maskedText(UNFINISHED));
			out.flush();
			awaitClose(socket, in);
		}
		catch (IOException ex) {
			if (this.workers.running()) {
				this.tally.add("closed");
				this.tally.add("closeCodes", (ex instanceof SocketTimeoutException) ? "stalled" : "reset");
			}
		}
		finally {
			this.workers.untrack(socket);
		}
	}

	/** Read (and ignore) the server's frames until it closes, counting how. */
	private void awaitClose(Socket socket, DataInputStream in) throws IOException {
		while (this.workers.running()) {
			socket.setSoTimeout(1000);
			int first;
			try {
				first = in.read();
			}
			catch (SocketTimeoutException ex) {
				continue;
			}
			if (first < 0) {
				this.tally.add("closed");
				this.tally.add("closeCodes", "eof");
				return;
			}
			// The rest of a frame that has begun must come within 10 s.
			socket.setSoTimeout(10_000);
			int second = in.readUnsignedByte();
			long length = second & 0x7f;
			if (length == 126) {
				length = in.readUnsignedShort();
			}
			else if (length == 127) {
				length = in.readLong();
			}
			if (length > 1 << 20) {
				throw new IOException("A frame of " + length + " bytes");
			}
			byte[] payload = in.readNBytes((int) length);
			if ((first & 0x0f) == 0x8) {
				this.tally.add("closed");
				this.tally.add("closeCodes", (payload.length >= 2)
						? Integer.toString(((payload[0] & 0xff) << 8) | (payload[1] & 0xff)) : "1005");
				return;
			}
		}
	}

	private static byte[] handshake(int port) {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		return ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Protocol: v12.stomp\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Read an HTTP response's head (at most 16 KB) and return its status code,
	 * {@code timeout}, {@code eof}, or {@code other}.
	 */
	private static String status(DataInputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		try {
			while (head.length() < 16_384 && !head.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					return "eof";
				}
				head.append((char) b);
			}
		}
		catch (SocketTimeoutException ex) {
			return "timeout";
		}
		String start = head.toString();
		return start.matches("(?s)HTTP/1\\.1 \\d{3}.*") ? start.substring(9, 12) : "other";
	}

	/** A client's text frame: final, masked, its payload under 126 bytes. */
	private static byte[] maskedText(byte[] payload) {
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		return frame;
	}

	@Override
	public void stop() {
		this.workers.stop();
	}

	@Override
	public void put(Report report) {
		report.put("silentUpgradeSockets", this.started ? this.sockets : 0);
		this.tally.put(report);
	}

}
