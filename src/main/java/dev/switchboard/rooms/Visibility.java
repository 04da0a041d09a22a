package dev.switchboard.rooms;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who may join a room: anyone, only its members, or the two people of a direct
 * conversation.
 */
public enum Visibility {

	PUBLIC, PRIVATE, DIRECT;

	@JsonValue
	String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	static Visibility fromJson(String value) {
		for (Visibility visibility : values()) {
			if (visibility.json().equals(value)) {
				return visibility;
			}
		}
		throw new IllegalArgumentException("visibility must be 'public' or 'private'");
	}

}
