package dev.switchboard.fuzz;

import java.util.Locale;

/**
 * Destinations for fuzzing frames: the server's real ones, aimed mostly at the private
 * room, spelled right and spelled wrong, and made-up ones.
 */
final class Destinations {

	private final Targets targets;

	Destinations(Targets targets) {
		this.targets = targets;
	}

	/**
	 * A room name: mostly the private room, else a public one, a new one, or a near miss
	 * of the private room's name.
	 */
	Gen<String> room() {
		String room = this.targets.privateRoom();
		String publicRoom = this.targets.publicRooms().get(0);
		return Gen.<String>frequency()
			.add(6, room)
			.add(3, Gen.oneOf(this.targets.publicRooms()))
			.add(1, Gen.token().map((token) -> "fz-" + token))
			.add(2, Gen.oneOf(room.toUpperCase(Locale.ROOT), room + " ", " " + room, room + "/", room + "\t",
					room + "%00", "../" + room, room + "/..", room + "*", room + ".x", "*", "**", "", "-",
					"a".repeat(65), "..", publicRoom + "/../" + room, publicRoom + "," + room))
			.add(1, Gen.text(20));
	}

	/**
	 * A user name for direct messages: anyone but the bystander, whom the fuzzing user
	 * may legitimately write to.
	 */
	Gen<String> user() {
		String owner = this.targets.owner();
		return Gen.<String>frequency()
			.add(3, owner)
			.add(2, this.targets.fuzzer())
			.add(1, owner.toUpperCase(Locale.ROOT))
			.add(1, Gen.token().map((token) -> "nobody-" + token))
			.add(1, Gen.text(12));
	}

	/**
	 * An edit or deletion of a message: a made-up id, or the id of the owner's latest
	 * message in the private room (which nobody else may change).
	 */
	private Gen<String> change(Gen<String> room, String action) {
		Gen<String> id = Gen.<String>frequency().add(2, this.targets.ownerMessageId()).add(1, Gen.token());
		return (random) -> "/app/rooms/" + room.next(random) + "/messages/" + id.next(random) + "/" + action;
	}

	Gen<String> send() {
		Gen<String> room = room();
		return Gen.<String>frequency()
			.add(6, room.map((name) -> "/app/rooms/" + name + "/messages"))
			.add(2, room.map((name) -> "/app/rooms/" + name + "/typing"))
			.add(2, room.map((name) -> "/app/rooms/" + name + "/invite"))
			.add(2, "/app/rooms")
			.add(2, user().map((name) -> "/app/users/" + name + "/messages"))
			.add(1, user().map((name) -> "/app/users/" + name + "/conversation"))
			.add(2, change(room, "edit"))
			.add(1, change(room, "delete"))
			.add(1, room.map((name) -> "/app/rooms/" + name + "/read"))
			.add(1, room.map((name) -> "/app/rooms/" + name + "/hide"))
			.add(1, room.map((name) -> "/app/rooms/" + name + "/leave"))
			.add(1, room.map((name) -> "/app/rooms/" + name + "/members"))
			.add(2, room.map((name) -> "/topic/rooms." + name))
			.add(2, forged())
			.add(2, nearMisses())
			.add(1, made());
	}

	Gen<String> subscribe() {
		Gen<String> room = room();
		return Gen.<String>frequency()
			.add(6, room.map((name) -> "/topic/rooms." + name))
			.add(2, room.map((name) -> "/app/rooms/" + name + "/members"))
			.add(1, Gen.oneOf("/user/queue/messages", "/user/queue/errors", "/user/queue/acks",
					"/user/queue/invitations"))
			.add(3, forged())
			.add(2, nearMisses())
			.add(1, made());
	}

	/**
	 * Destinations that would reach someone else's queue or the private room's topic if
	 * the server let them through.
	 */
	private Gen<String> forged() {
		String bystander = this.targets.bystander();
		String room = this.targets.privateRoom();
		return Gen.oneOf("/user/" + bystander + "/queue/messages", "/user/" + bystander + "/queue/invitations",
				"/user/" + bystander + "/queue/errors", "/user/" + this.targets.owner() + "/queue/acks",
				"/queue/messages", "/queue/messages-user", "/queue/errors", "/topic/rooms.*", "/topic/rooms.**",
				"/topic/**", "/topic/*", "/topic/rooms." + room + ".*", "/topic/rooms." + room + "/**",
				"/user/" + bystander + "/topic/rooms." + room, "/app/../topic/rooms." + room);
	}

	private Gen<String> nearMisses() {
		String room = this.targets.privateRoom();
		String publicRoom = this.targets.publicRooms().get(0);
		return Gen.oneOf("/app//rooms/" + room + "/messages", "/app/rooms/" + room + "/messages/",
				"/APP/rooms/" + room + "/messages", "app/rooms/" + room + "/messages",
				"/app/rooms/" + room + "/messages?x=1", "/app/rooms/" + publicRoom + "/../" + room + "/messages",
				"/app/rooms/" + room + "%2Fmessages", "/app/./rooms/" + room + "/messages",
				"/app/rooms/" + room + "/messages ", " /app/rooms/" + room + "/messages",
				"/app/rooms/" + room.toUpperCase(Locale.ROOT) + "/messages", "/topic/rooms." + room + "/x",
				"/topic/rooms.." + room, "/topic//rooms." + room, "/topic/rooms." + publicRoom + "/../rooms." + room,
				"/topic/rooms/" + room, "/TOPIC/rooms." + room, "/topic/rooms." + room + " ");
	}

	private Gen<String> made() {
		Gen<String> segment = Gen.<String>frequency()
			.add(3, Gen.oneOf("rooms", "users", "messages", "typing", "invite", "members", "queue", "topic", "..", ".",
					"*", "**", "{room}", ""))
			.add(1, Gen.text(10));
		Gen<String> path = Gen.listOf(segment, 1, 4).map((segments) -> String.join("/", segments));
		return Gen.<String>frequency()
			.add(2, path.map((value) -> "/app/" + value))
			.add(1, path.map((value) -> "/topic/" + value))
			.add(1, path.map((value) -> "/queue/" + value))
			.add(1, Gen.text(30));
	}

}
