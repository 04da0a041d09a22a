package dev.switchboard.dashboard.ops;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BusiestRooms}.
 */
class BusiestRoomsTests {

	private final BusiestRooms rooms = new BusiestRooms(2, 3);

	@Test
	void picksTheBusiestRoomsByRateSinceTheLastCall() {
		this.rooms.rates(Map.of("a", 100L, "b", 100L, "c", 100L), 1);
		Map<String, Double> rates = this.rooms.rates(Map.of("a", 110L, "b", 130L, "c", 101L), 2);
		assertThat(rates).containsOnly(Map.entry("b", 15.0), Map.entry("a", 5.0));
	}

	@Test
	void aQuietRoomStaysShownAtZeroForAWhile() {
		this.rooms.rates(Map.of("a", 0L), 1);
		assertThat(this.rooms.rates(Map.of("a", 4L), 1)).containsEntry("a", 4.0);
		assertThat(this.rooms.rates(Map.of("a", 4L), 1)).containsEntry("a", 0.0);
		assertThat(this.rooms.rates(Map.of("a", 4L), 1)).containsEntry("a", 0.0);
		assertThat(this.rooms.rates(Map.of("a", 4L), 1)).isEmpty();
	}

	@Test
	void showsAtMostTwiceAsManyRoomsAsItPicks() {
		for (int i = 0; i < 10; i++) {
			this.rooms.rates(Map.of("room-" + i, 1L), 1);
		}
		assertThat(this.rooms.rates(Map.of(), 1)).hasSizeLessThanOrEqualTo(4);
	}

}
