package dev.switchboard.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed STOMP 1.2 frame as a client sends it: header names and values escaped
 * (except in CONNECT, where STOMP does not escape), and a NUL at the end.
 *
 * @param command the command
 * @param headers the headers, in order; repeated names are allowed
 * @param body the body
 */
record Frame(String command, List<Header> headers, byte[] body) {

	static Frame of(String command, List<Header> headers, byte[] body) {
		return new Frame(command, List.copyOf(headers), body);
	}

	/**
	 * A CONNECT with the given {@code Authorization} header, or none if {@code null}.
	 */
	static Frame connect(String authorization) {
		List<Header> headers = new ArrayList<>(List.of(new Header("accept-version", "1.1,1.2"),
				new Header("host", "localhost"), new Header("heart-beat", "0,0")));
		if (authorization != null) {
			headers.add(new Header("Authorization", authorization));
		}
		return of("CONNECT", headers, new byte[0]);
	}

	/**
	 * A SUBSCRIBE whose reply proves the server handled every earlier frame of the
	 * connection: the member list of a room the subscriber may read.
	 */
	static Frame sync(String room, String id) {
		return of("SUBSCRIBE",
				List.of(new Header("id", id), new Header("destination", "/app/rooms/" + room + "/members")),
				new byte[0]);
	}

	/**
	 * The header lines as sent, escaped as STOMP 1.2 requires for this command; a NUL,
	 * which STOMP cannot carry in a header, is left out.
	 */
	List<String> headerLines() {
		boolean escape = !"CONNECT".equals(this.command) && !"STOMP".equals(this.command);
		List<String> lines = new ArrayList<>();
		for (Header header : this.headers) {
			String line = escape ? escape(header.name()) + ":" + escape(header.value())
					: header.name() + ":" + header.value();
			lines.add(line.replace("\0", ""));
		}
		return lines;
	}

	byte[] encode() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes((this.command + "\n").getBytes(StandardCharsets.UTF_8));
		for (String line : headerLines()) {
			out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
		}
		out.write('\n');
		out.writeBytes(this.body);
		out.write(0);
		return out.toByteArray();
	}

	static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
	}

	@Override
	public String toString() {
		return Bytes.show(encode());
	}

	/**
	 * One header of a frame.
	 *
	 * @param name the name
	 * @param value the value
	 */
	record Header(String name, String value) {
	}

}
