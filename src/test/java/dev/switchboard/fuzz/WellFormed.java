package dev.switchboard.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.switchboard.fuzz.Frame.Header;

/**
 * Well-formed STOMP frames for the fuzzing user: SENDs with random headers and bodies,
 * SUBSCRIBEs with random destinations, ids and {@code since-seq} values, and the other
 * client commands.
 */
final class WellFormed {

	private final Targets targets;

	private final Destinations destinations;

	private final Bodies bodies;

	WellFormed(Targets targets) {
		this.targets = targets;
		this.destinations = new Destinations(targets);
		this.bodies = new Bodies(targets);
	}

	/**
	 * Connections that mostly SEND.
	 */
	static Gen<Attack> sends(Targets targets) {
		WellFormed frames = new WellFormed(targets);
		return frames.attacks(
				Gen.<Frame>frequency().add(8, frames.send()).add(1, frames.subscribe()).add(1, frames.unsubscribe()));
	}

	/**
	 * Connections that mostly SUBSCRIBE.
	 */
	static Gen<Attack> subscriptions(Targets targets) {
		WellFormed frames = new WellFormed(targets);
		return frames.attacks(
				Gen.<Frame>frequency().add(6, frames.subscribe()).add(2, frames.send()).add(1, frames.unsubscribe()));
	}

	private Gen<Attack> attacks(Gen<Frame> frame) {
		Gen<List<Frame>> frames = Gen.listOf(frame, 1, 10);
		return Attack.of(this.targets, (random) -> messages(frames.next(random), random), true);
	}

	/**
	 * One text message per frame, or all frames in one stream cut anywhere.
	 */
	private static List<WsMessage> messages(List<Frame> frames, RandomGenerator random) {
		if (random.nextInt(4) != 0) {
			return frames.stream().map((frame) -> WsMessage.text(frame.encode())).toList();
		}
		return WsMessage.split(Bytes.concat(frames.stream().map(Frame::encode).toArray(byte[][]::new)), random);
	}

	/**
	 * Any client frame, the CONNECT with any of the credentials.
	 */
	Gen<Frame> any() {
		Gen<Frame> other = (random) -> Frame.of(
				Gen.oneOf("ACK", "NACK", "BEGIN", "COMMIT", "ABORT", "DISCONNECT").next(random),
				Gen.listOf(extraHeader(), 0, 3).next(random), new byte[0]);
		return Gen.<Frame>frequency()
			.add(5, send())
			.add(3, subscribe())
			.add(1, unsubscribe())
			.add(1, Gen.oneOf(this.targets.credentials())
				.map((credential) -> Frame.connect(credential.authorization())))
			.add(1, other);
	}

	Gen<Frame> send() {
		Gen<String> destination = this.destinations.send();
		Gen<String> contentType = Gen.<String>frequency()
			.add(6, "application/json")
			.add(1, Gen.oneOf("application/json;charset=UTF-8", "text/plain", "application/octet-stream",
					"application/json;charset=UTF-16", "", "x/y;;;", "application/*", "application/JSON"))
			.add(1, (String) null);
		Gen<List<Header>> extras = Gen.listOf(extraHeader(), 0, 4);
		Gen<byte[]> body = this.bodies.body();
		return (random) -> {
			List<Header> headers = new ArrayList<>();
			headers.add(new Header("destination", destination.next(random)));
			String type = contentType.next(random);
			if (type != null) {
				headers.add(new Header("content-type", type));
			}
			byte[] content = body.next(random);
			if (Bodies.containsNul(content) || random.nextBoolean()) {
				headers.add(new Header("content-length", Integer.toString(content.length)));
			}
			headers.addAll(extras.next(random));
			return Frame.of("SEND", headers, content);
		};
	}

	Gen<Frame> subscribe() {
		Gen<String> destination = this.destinations.subscribe();
		Gen<String> id = Gen.<String>frequency()
			.add(6, Gen.token())
			.add(1, Gen.oneOf("", "sub-0", "sync"))
			.add(1, Gen.text(10))
			.add(1, (String) null);
		Gen<String> sinceSeq = Gen.<String>frequency()
			.add(3, (String) null)
			.add(2, (random) -> Integer.toString(random.nextInt(0, 50)))
			.add(1, (random) -> Long.toString(random.nextLong()))
			.add(2, Gen.oneOf("0", "-1", "-100", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
					"abc", "", " 5", "5 ", "+5", "0x10", "1e3", "1.5", "\u0663", "00000000001"))
			.add(1, Gen.text(12));
		Gen<List<Header>> extras = Gen.listOf(extraHeader(), 0, 2);
		return (random) -> {
			List<Header> headers = new ArrayList<>();
			headers.add(new Header("destination", destination.next(random)));
			String value = id.next(random);
			if (value != null) {
				headers.add(new Header("id", value));
			}
			String since = sinceSeq.next(random);
			if (since != null) {
				headers.add(new Header("since-seq", since));
			}
			if (random.nextInt(4) == 0) {
				headers.add(new Header("ack", Gen.oneOf("auto", "client", "client-individual", "nope").next(random)));
			}
			headers.addAll(extras.next(random));
			return Frame.of("SUBSCRIBE", headers, new byte[0]);
		};
	}

	Gen<Frame> unsubscribe() {
		return Gen.<String>frequency()
			.add(3, Gen.token())
			.add(1, Gen.oneOf("", "sub-0", "sync"))
			.map((id) -> Frame.of("UNSUBSCRIBE", List.of(new Header("id", id)), new byte[0]));
	}

	/**
	 * Extra headers: acknowledgement ids, exclude-self, receipts, headers that name the
	 * server's internal message headers or someone else, and random ones.
	 */
	private Gen<Header> extraHeader() {
		List<String> forged = new ArrayList<>(List.of(this.targets.bystander(), this.targets.owner(),
				"/topic/rooms." + this.targets.privateRoom(), this.targets.privateRoom(), "MESSAGE", "1", "true"));
		this.targets.credentials()
			.stream()
			.skip(1)
			.map(Credential::authorization)
			.filter(Objects::nonNull)
			.forEach(forged::add);
		Gen<String> forgedValue = Gen.<String>frequency().add(3, Gen.oneOf(forged)).add(1, Gen.text(20));
		return Gen.<Header>frequency()
			.add(3, Gen.text(12).map((value) -> new Header("ack-id", value)))
			.add(2, Gen.oneOf("true", "false", "TRUE", "1", "").map((value) -> new Header("exclude-self", value)))
			.add(1, Gen.token().map((value) -> new Header("receipt", value)))
			.add(3, (random) -> new Header(
					Gen.oneOf("simpSessionId", "simpUser", "simpSessionAttributes", "simpDestination",
							"simpMessageType", "simpSubscriptionId", "nativeHeaders", "x-exclude-connection", "seq",
							"message-id", "subscription", "user-name", "user", "from", "Authorization", "login",
							"passcode", "destination", "content-type", "since-seq", "id", "heart-beat")
						.next(random),
					forgedValue.next(random)))
			.add(1, (random) -> new Header(Gen.text(12).next(random), Gen.text(30).next(random)));
	}

}
