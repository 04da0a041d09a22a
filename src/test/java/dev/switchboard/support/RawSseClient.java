package dev.switchboard.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An event stream read over a plain socket with a small receive buffer, so that the
 * server feels it when the reader stops reading. Speaks HTTP/1.0, so the body is the bare
 * stream.
 */
public final class RawSseClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private RawSseClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 256);
	}

	/**
	 * Send the request and read the status line and headers.
	 * @return the client, positioned at the first event
	 */
	public static RawSseClient open(int port, String path, String token, int receiveBuffer) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(receiveBuffer);
		socket.setSoTimeout((int) Inbox.TIMEOUT.toMillis());
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		RawSseClient client = new RawSseClient(socket);
		String request = "GET " + path + " HTTP/1.0\r\nHost: localhost:" + port
				+ "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		String status = client.in.readLine();
		if (status == null || !status.contains(" 200")) {
			throw new IOException("Not a stream: " + status);
		}
		String header;
		do {
			header = client.in.readLine();
		}
		while (header != null && !header.isEmpty());
		return client;
	}

	/**
	 * The next event with an id, as {@code [id, name]}; comments and {@code retry} lines
	 * are skipped.
	 * @return {@code null} at the end of the stream
	 */
	public String[] nextEvent() throws IOException {
		String id = null;
		String name = null;
		String line;
		while ((line = this.in.readLine()) != null) {
			if (line.isEmpty() && id != null) {
				return new String[] { id, name };
			}
			if (line.startsWith("id: ")) {
				id = line.substring(4);
			}
			else if (line.startsWith("event: ")) {
				name = line.substring(7);
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
