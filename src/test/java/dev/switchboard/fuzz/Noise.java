package dev.switchboard.fuzz;

import java.util.List;

/**
 * Random bytes and random text for {@code /ws}, as binary and text messages, some of it a
 * soup of STOMP's words and the server's destinations.
 */
final class Noise {

	private Noise() {
	}

	static Gen<Attack> attacks(Targets targets) {
		String room = targets.privateRoom();
		Gen<String> word = Gen.<String>frequency()
			.add(6, Gen.oneOf("SEND", "CONNECT", "STOMP", "SUBSCRIBE", "UNSUBSCRIBE", "DISCONNECT", "MESSAGE", "ACK",
					"\n", "\n", "\n", "\r\n", "\0", "\0", ":", "\\", "\\c", "\\n", "destination:", "content-length:",
					"content-type:application/json", "id:", "since-seq:", "ack-id:", "receipt:", "accept-version:1.2",
					"/app/rooms/" + room + "/messages", "/topic/rooms." + room, "/app/rooms",
					"/app/rooms/" + room + "/invite", "/user/" + targets.bystander() + "/queue/messages",
					"{\"text\":\"", "\"}", "-1", "999999999", "Authorization:Bearer "))
			.add(1, Gen.text(8))
			.add(1, (random) -> Integer.toString(random.nextInt(-10, 100)));
		Gen<byte[]> soup = Gen.utf8(Gen.listOf(word, 1, 40).map((words) -> String.join("", words)));
		Gen<WsMessage> message = Gen.<WsMessage>frequency()
			.add(4, Gen.bytes(300).map((bytes) -> new WsMessage(true, List.of(bytes))))
			.add(3, (random) -> WsMessage.of(Gen.utf8(Gen.text(300)).next(random), random))
			.add(3, (random) -> WsMessage.of(soup.next(random), random))
			.add(1, (random) -> {
				byte[] big = new byte[random.nextInt(20_000, 70_000)];
				random.nextBytes(big);
				return WsMessage.of(big, random);
			});
		return Attack.of(targets, Gen.listOf(message, 1, 4), false);
	}

}
