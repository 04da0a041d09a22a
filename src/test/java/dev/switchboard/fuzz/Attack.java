package dev.switchboard.fuzz;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One fuzz input for {@code /ws}: a credential, when its CONNECT goes out, and the
 * WebSocket messages.
 *
 * @param credential what the CONNECT carries
 * @param connect when the CONNECT is sent
 * @param messages the WebSocket messages
 * @param wellFormed whether the messages hold nothing but complete, well-formed frames,
 * so that a frame sent after them is read as a frame of its own
 */
record Attack(Credential credential, Connect connect, List<WsMessage> messages, boolean wellFormed) {

	/**
	 * An attack with the given messages and a credential and CONNECT timing chosen at
	 * random.
	 */
	static Gen<Attack> of(Targets targets, Gen<List<WsMessage>> messages, boolean wellFormed) {
		return (random) -> {
			Credential credential = targets.credential().next(random);
			Gen<Connect> connect = credential.valid()
					? Gen.<Connect>frequency()
						.add(6, Connect.FIRST_AND_WAIT)
						.add(2, Connect.FIRST)
						.add(1, Connect.AFTER)
						.add(1, Connect.NEVER)
					: Gen.<Connect>frequency()
						.add(2, Connect.FIRST_AND_WAIT)
						.add(4, Connect.FIRST)
						.add(1, Connect.AFTER)
						.add(1, Connect.NEVER);
			return new Attack(credential, connect.next(random), messages.next(random), wellFormed);
		};
	}

	/**
	 * Send the CONNECT and the messages, stopping if the server closes the connection.
	 * @return whether the server answered CONNECTED, if the attack waits for the answer
	 */
	boolean sendTo(RawConnection connection) {
		boolean connected = false;
		if (this.connect == Connect.FIRST || this.connect == Connect.FIRST_AND_WAIT) {
			connection.send(Frame.connect(this.credential.authorization()));
			if (this.connect == Connect.FIRST_AND_WAIT) {
				connected = connection.awaitConnected();
			}
		}
		for (WsMessage message : this.messages) {
			if (!connection.send(message)) {
				return connected;
			}
		}
		if (this.connect == Connect.AFTER) {
			connection.send(Frame.connect(this.credential.authorization()));
		}
		return connected;
	}

	/**
	 * Whether the connection should be authenticated and usable after the attack, unless
	 * the server closed it.
	 */
	boolean leavesConnected() {
		return this.wellFormed && this.credential.valid()
				&& (this.connect == Connect.FIRST || this.connect == Connect.FIRST_AND_WAIT);
	}

	@Override
	public String toString() {
		return "credential: " + this.credential + ", CONNECT: " + this.connect + ", messages:\n  "
				+ this.messages.stream().map(WsMessage::toString).collect(Collectors.joining("\n  "));
	}

	/**
	 * When the CONNECT is sent.
	 */
	enum Connect {

		/** First, then wait for the answer. */
		FIRST_AND_WAIT,

		/** First, immediately followed by the messages. */
		FIRST,

		/** After the messages. */
		AFTER,

		/** Not at all. */
		NEVER

	}

}
