package dev.switchboard.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets by key (an account name, a client address), each holding {@code capacity}
 * tokens and refilling them evenly over {@code window}. At most {@code maxKeys} buckets
 * are kept: the least recently used is forgotten first, so a flood of distinct keys costs
 * bounded memory.
 */
final class BoundedBuckets {

	private final long capacity;

	private final Duration window;

	private final Map<String, Bucket> buckets;

	BoundedBuckets(long capacity, Duration window, int maxKeys) {
		this.capacity = capacity;
		this.window = window;
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxKeys;
			}

		};
	}

	/**
	 * Take one token from the key's bucket.
	 * @return {@link Duration#ZERO} if one was taken, else how long until one is there
	 */
	Duration take(String key) {
		ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/**
	 * Give a taken token back, as far as the bucket has room.
	 */
	void giveBack(String key) {
		bucket(key).addTokens(1);
	}

	int size() {
		synchronized (this.buckets) {
			return this.buckets.size();
		}
	}

	private Bucket bucket(String key) {
		String normalized = key.toLowerCase(Locale.ROOT);
		synchronized (this.buckets) {
			return this.buckets.computeIfAbsent(normalized,
					(unused) -> Bucket.builder()
						.addLimit((limit) -> limit.capacity(this.capacity).refillGreedy(this.capacity, this.window))
						.build());
		}
	}

}
