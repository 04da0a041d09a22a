package dev.switchboard.sse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many streams each owner (user) has open, up to a limit per owner; an owner with
 * none open takes no memory.
 */
final class StreamOwners {

	private final int maxPerOwner;

	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	StreamOwners(int maxPerOwner) {
		this.maxPerOwner = maxPerOwner;
	}

	/**
	 * Count one more stream of an owner, unless it has as many as it may.
	 */
	boolean acquire(String owner) {
		boolean[] acquired = new boolean[1];
		this.open.compute(owner, (key, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.maxPerOwner) {
				return count;
			}
			acquired[0] = true;
			return current + 1;
		});
		return acquired[0];
	}

	/**
	 * Count one stream of an owner less.
	 */
	void release(String owner) {
		this.open.computeIfPresent(owner, (key, count) -> (count > 1) ? count - 1 : null);
	}

	int count(String owner) {
		return this.open.getOrDefault(owner, 0);
	}

}
