package dev.switchboard.sse;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event, encoded once and written as is to every stream.
 *
 * @param id the event's id, increasing within a topic; a stream never writes an event
 * whose id is not above the last id it wrote
 * @param bytes the encoded event: {@code id}, {@code event} and {@code data} lines
 */
public record SseEvent(long id, byte[] bytes) {

	/**
	 * Encode an event.
	 * @param id the id, sent as the {@code id} field (what {@code Last-Event-ID} repeats)
	 * @param name the event name, for {@code addEventListener(name, …)}
	 * @param data the data, typically one line of JSON
	 */
	public static SseEvent of(long id, String name, String data) {
		StringBuilder event = new StringBuilder("id: ").append(id).append("\nevent: ").append(name).append('\n');
		for (String line : data.split("\r\n|\r|\n", -1)) {
			event.append("data: ").append(line).append('\n');
		}
		return new SseEvent(id, event.append('\n').toString().getBytes(StandardCharsets.UTF_8));
	}

}
