package dev.switchboard.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies for SEND frames: JSON objects with the fields the server reads (and others), of
 * every type and size, other JSON, and what is not JSON at all.
 */
final class Bodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Targets targets;

	private final Destinations destinations;

	Bodies(Targets targets) {
		this.targets = targets;
		this.destinations = new Destinations(targets);
	}

	Gen<byte[]> body() {
		return Gen.<byte[]>frequency()
			.add(6, object().map(Bodies::json))
			.add(1, value(2).map(Bodies::json))
			.add(2, Gen.utf8(Gen.<String>frequency()
				.add(1, Gen.oneOf("", "{\"text\": ", "{'text':'single quotes'}", "{\"text\":\"a\",\"text\":\"b\"}",
						"\ufeff{\"text\":\"bom\"}", "{\"text\":\"x\"} trailing", "null", "NaN", "{\"text\":\"x\"/*c*/}",
						"{\"text\":\"\\ud800\"}", "{\"text\":\"\\u0000\"}", "[" + "[".repeat(2000)))
				.add(1, Gen.text(40))))
			.add(1, Gen.bytes(200));
	}

	/**
	 * A JSON object with some of the fields the server's requests have.
	 */
	private Gen<Map<String, Object>> object() {
		Gen<String> key = Gen.<String>frequency()
			.add(6, Gen.oneOf("text", "clientId", "name", "visibility", "user"))
			.add(2, Gen.oneOf("type", "from", "seq", "room", "id", "ts", "to", "ackId", "owner"))
			.add(1, Gen.text(8));
		return (random) -> {
			Map<String, Object> object = new LinkedHashMap<>();
			int size = random.nextInt(5);
			for (int i = 0; i < size; i++) {
				String name = key.next(random);
				object.put(name, field(name).next(random));
			}
			return object;
		};
	}

	private Gen<Object> field(String name) {
		return switch (name) {
			case "text" -> Gen.<Object>frequency()
				.add(5, Gen.text(40))
				.add(1, Gen.oneOf("", "   ", "\n\t", "<script>alert(1)</script>", "x".repeat(4000), "x".repeat(4001),
						"\ud83d\ude00".repeat(4000), "\ud83d\ude00".repeat(4001)))
				.add(1, value(1));
			case "clientId" -> Gen.<Object>frequency()
				.add(3, Gen.token())
				.add(1, Gen.oneOf("", "dup-1", "a".repeat(64), "a".repeat(65), "with space"))
				.add(1, value(1));
			case "name" -> Gen.<Object>frequency().add(4, this.destinations.room()).add(1, value(1));
			case "visibility" -> Gen.<Object>frequency()
				.add(4, Gen.oneOf("private", "public"))
				.add(1, Gen.oneOf("PRIVATE", "secret", "", "Private"))
				.add(1, value(1));
			case "user" -> Gen.<Object>frequency()
				.add(4, Gen.oneOf(this.targets.owner(), this.targets.fuzzer(), this.targets.bystander()))
				.add(1, Gen.text(12))
				.add(1, value(1));
			default -> value(2);
		};
	}

	/**
	 * Any JSON value, nested up to the given depth.
	 */
	private static Gen<Object> value(int depth) {
		Gen.Frequency<Object> value = Gen.<Object>frequency()
			.add(3, Gen.text(20))
			.add(1, (random) -> random.nextLong(-10, 1000))
			.add(1, Gen.oneOf(Long.MAX_VALUE, Long.MIN_VALUE, 1e300, -0.0, Double.NaN, 0.5))
			.add(1, Gen.oneOf(true, false))
			.add(1, (random) -> null);
		if (depth > 0) {
			value.add(1, Gen.listOf(value(depth - 1), 0, 3).map(ArrayList::new));
			value.add(1, (random) -> {
				Map<String, Object> object = new LinkedHashMap<>();
				object.put(Gen.text(6).next(random), value(depth - 1).next(random));
				return object;
			});
		}
		return value;
	}

	private static byte[] json(Object value) {
		return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
	}

	static boolean containsNul(byte[] body) {
		for (byte b : body) {
			if (b == 0) {
				return true;
			}
		}
		return false;
	}

}
