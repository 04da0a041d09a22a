package dev.switchboard.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Requests that never finish, with no login: plain TCP sockets that each send
 * {@code POST /api/auth/token} over HTTP/1.1 with {@code Content-Length: 1000}, then one
 * byte of the body every interval; a socket the server drops or answers is opened again.
 */
final class SlowBodies implements Attack {

	private static final int BODY = 1000;

	private final List<Integer> ports;

	private final int sockets;

	private final int intervalMillis;

	private final Workers workers = new Workers("slow-body");

	private final Tally tally = new Tally("slowBody",
			List.of("opened", "bytes", "dropped", "answered", "connectFailures"), List.of("answers"));

	/**
	 * @param ports the server's ports, one per worker in turn
	 * @param sockets how many are open at once
	 * @param intervalMillis the time between two bytes of a body
	 */
	SlowBodies(List<Integer> ports, int sockets, int intervalMillis) {
		this.ports = ports;
		this.sockets = sockets;
		this.intervalMillis = intervalMillis;
	}

	private volatile boolean started;

	@Override
	public void start(long deadlineNanos) {
		this.started = true;
		this.workers.start(this.sockets, deadlineNanos, this.intervalMillis, this::round);
	}

	private void round(int worker) throws InterruptedException {
		int port = this.ports.get(worker % this.ports.size());
		Socket socket = this.workers.track(new Socket());
		try (socket) {
			if (!connect(socket, port)) {
				return;
			}
			// Each read waits one interval at most: its timeout paces the body.
			socket.setSoTimeout(this.intervalMillis);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/auth/token HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + BODY + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[64];
			int sent = 0;
			while (this.workers.running()) {
				int read;
				try {
					read = in.read(answer);
				}
				catch (SocketTimeoutException ex) {
					if (sent < BODY) {
						out.write('x');
						sent++;
						this.tally.add("bytes");
					}
					continue;
				}
				if (read < 0) {
					this.tally.add("dropped");
				}
				else {
					this.tally.add("answered");
					this.tally.add("answers", status(answer, read));
				}
				return;
			}
		}
		catch (IOException ex) {
			// Reset or refused by the server, unless this tool closed it to stop.
			if (this.workers.running()) {
				this.tally.add("dropped");
			}
		}
		finally {
			this.workers.untrack(socket);
		}
	}

	private boolean connect(Socket socket, int port) throws InterruptedException {
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			this.tally.add("opened");
			return true;
		}
		catch (IOException ex) {
			if (this.workers.running()) {
				this.tally.add("connectFailures");
				this.workers.pause(1000);
			}
			return false;
		}
	}

	/** The status code of an HTTP response's first bytes, or {@code other}. */
	static String status(byte[] response, int length) {
		String start = new String(response, 0, length, StandardCharsets.US_ASCII);
		return start.matches("(?s)HTTP/1\\.[01] \\d{3}.*") ? start.substring(9, 12) : "other";
	}

	@Override
	public void stop() {
		this.workers.stop();
	}

	@Override
	public void put(Report report) {
		report.put("slowBodySockets", this.started ? this.sockets : 0);
		this.tally.put(report);
	}

}
