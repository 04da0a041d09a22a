package dev.switchboard.rooms;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.limits.LimitsProperties;
import dev.switchboard.system.ClientErrorException;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * How many rooms each user may create: a token bucket per user
 * ({@code switchboard.limits.rooms-per-minute} and {@code rooms-burst}), so that nobody
 * can fill the room list or squat names by the thousand.
 *
 * <p>
 * One bucket per user who created a room since the server started: bounded by the number
 * of accounts, whose sign-ups are rate-limited themselves.
 */
@Component
class RoomCreations {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final LimitsProperties limits;

	RoomCreations(LimitsProperties limits) {
		this.limits = limits;
	}

	/**
	 * Take one creation from the user's allowance.
	 * @throws ClientErrorException {@code rate-limited} if none is left
	 */
	void take(String username) {
		if (!bucket(username).tryConsume(1)) {
			throw new ClientErrorException("rate-limited",
					"More than " + this.limits.roomsPerMinute() + " new rooms a minute; try again later");
		}
	}

	/**
	 * Give back a creation that did not happen (another server created the room first).
	 */
	void giveBack(String username) {
		bucket(username).addTokens(1);
	}

	private Bucket bucket(String username) {
		return this.buckets.computeIfAbsent(username,
				(name) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(this.limits.roomsBurst())
						.refillGreedy(this.limits.roomsPerMinute(), Duration.ofMinutes(1)))
					.build());
	}

}
