package dev.switchboard.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Broken STOMP: well-formed frames with one to three defects (a bad command, no NUL, a
 * bad content-length, a header without colon, a bad escape, invalid UTF-8, odd line ends,
 * random damage), several in one stream, cut into WebSocket messages anywhere.
 */
final class Malformed {

	private static final byte[][] INVALID_UTF8 = { { (byte) 0xc3, 0x28 }, { (byte) 0xff }, { (byte) 0xc0, (byte) 0xaf },
			{ (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
			{ (byte) 0x80 }, { (byte) 0xe2, (byte) 0x82 } };

	private final Targets targets;

	private final WellFormed frames;

	private Malformed(Targets targets) {
		this.targets = targets;
		this.frames = new WellFormed(targets);
	}

	static Gen<Attack> attacks(Targets targets) {
		Malformed malformed = new Malformed(targets);
		Gen<byte[]> frame = Gen.<byte[]>frequency()
			.add(3, malformed.broken())
			.add(1, malformed.frames.any().map(Frame::encode));
		Gen<byte[]> separator = Gen.<byte[]>frequency()
			.add(4, new byte[0])
			.add(1, Gen.oneOf(utf8("\n"), utf8("\r\n\n")));
		Gen<byte[]> stream = (random) -> {
			List<byte[]> parts = new ArrayList<>();
			int count = random.nextInt(1, 4);
			for (int i = 0; i < count; i++) {
				parts.add(separator.next(random));
				parts.add(frame.next(random));
			}
			return Bytes.concat(parts.toArray(byte[][]::new));
		};
		return Attack.of(targets, (random) -> WsMessage.split(stream.next(random), random), false);
	}

	/**
	 * A frame with one to three defects in its parts, then, now and then, random damage
	 * to its bytes.
	 */
	private Gen<byte[]> broken() {
		Gen<Frame> frame = this.frames.any();
		return (random) -> {
			Draft draft = new Draft(frame.next(random));
			int defects = random.nextInt(1, 4);
			for (int i = 0; i < defects; i++) {
				defect(draft, random);
			}
			byte[] bytes = draft.encode();
			return (random.nextInt(4) == 0) ? damage(bytes, random) : bytes;
		};
	}

	private void defect(Draft draft, RandomGenerator random) {
		String room = this.targets.privateRoom();
		switch (random.nextInt(13)) {
			case 0 -> draft.command = Gen.<String>frequency()
				.add(3, Gen.oneOf("", "send", "SENDX", "SEND ", " SEND", "CONNECTED", "MESSAGE", "ERROR", "RECEIPT",
						"STOMP", "S\0END", "SEND\rX", "SUBSCRIBE\tX"))
				.add(1, Gen.text(10))
				.next(random);
			case 1 -> draft.end = Gen.oneOf(new byte[0], utf8("\n"), utf8("\\0")).next(random);
			case 2 -> draft.insert(random,
					"content-length:" + Gen
						.oneOf("2147483647", "2147483648", "99999999999999999999", "-1", "-100", "abc", "", " 3", "3 ",
								"0x10", "1e3", "+4", "0", Integer.toString(draft.body.length + random.nextInt(-3, 4)),
								Integer.toString(draft.body.length + 100))
						.next(random));
			case 3 -> draft.insert(random, Gen
				.oneOf("destination/app/rooms/" + room + "/messages", "garbage", "", "no colon at all", "destination")
				.next(random));
			case 4 -> draft.insert(random,
					Gen.oneOf("x-escape:\\x41", "x-escape:\\", "x-escape:abc\\", "x-escape:\\t", "x-escape:\\\\\\",
							"x-escape:\\u0041", "destination:/app/rooms/" + room + "\\q/messages",
							"destination\\c:/topic/rooms." + room)
						.next(random));
			case 5 -> invalidUtf8(draft, random);
			case 6 -> draft.eol = Gen.oneOf("\r\n", "\r", "\n\r", "\r\r\n").next(random);
			case 7 -> draft.insert(random, Gen.oneOf(":value", ":", " :", "::").next(random));
			case 8 -> draft.insert(random, "x-big:" + "a".repeat(Gen.oneOf(1000, 20000, 70000).next(random)));
			case 9 -> {
				int count = random.nextInt(100, 2000);
				for (int i = 0; i < count; i++) {
					draft.lines.add(utf8("h" + i + ":v"));
				}
			}
			case 10 -> draft.lines.add(random.nextBoolean() ? 0 : draft.lines.size(),
					utf8("destination:" + Gen
						.oneOf("/app/rooms/" + room + "/messages", "/topic/rooms." + room,
								"/user/" + this.targets.bystander() + "/queue/messages")
						.next(random)));
			case 11 -> draft.insert(
					random, Gen
						.oneOf("destination : /topic/rooms." + room, " destination:/topic/rooms." + room,
								"destination:/topic/rooms." + room + "\0", "\0")
						.next(random));
			default -> draft.body = damage(draft.body, random);
		}
	}

	private static void invalidUtf8(Draft draft, RandomGenerator random) {
		byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
		if (draft.lines.isEmpty() || random.nextBoolean()) {
			draft.body = insert(draft.body, random.nextInt(draft.body.length + 1), bad);
		}
		else {
			int line = random.nextInt(draft.lines.size());
			byte[] header = draft.lines.get(line);
			draft.lines.set(line, insert(header, random.nextInt(header.length + 1), bad));
		}
	}

	/**
	 * Flip, drop or add a few bytes, or cut the end off.
	 */
	private static byte[] damage(byte[] bytes, RandomGenerator random) {
		if (bytes.length == 0) {
			return Gen.bytes(8).next(random);
		}
		return switch (random.nextInt(3)) {
			case 0 -> {
				byte[] flipped = bytes.clone();
				for (int i = random.nextInt(1, 6); i > 0; i--) {
					flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
				}
				yield flipped;
			}
			case 1 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
			default -> insert(bytes, random.nextInt(bytes.length + 1), Gen.bytes(8).next(random));
		};
	}

	private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
		return Bytes.concat(Arrays.copyOfRange(bytes, 0, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A frame taken apart, to be broken.
	 */
	private static final class Draft {

		private String command;

		private final List<byte[]> lines = new ArrayList<>();

		private byte[] body;

		private byte[] end = { 0 };

		private String eol = "\n";

		Draft(Frame frame) {
			this.command = frame.command();
			frame.headerLines().forEach((line) -> this.lines.add(utf8(line)));
			this.body = frame.body();
		}

		void insert(RandomGenerator random, String line) {
			this.lines.add(random.nextInt(this.lines.size() + 1), utf8(line));
		}

		byte[] encode() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] eol = utf8(this.eol);
			out.writeBytes(utf8(this.command));
			out.writeBytes(eol);
			for (byte[] line : this.lines) {
				out.writeBytes(line);
				out.writeBytes(eol);
			}
			out.writeBytes(eol);
			out.writeBytes(this.body);
			out.writeBytes(this.end);
			return out.toByteArray();
		}

	}

}
