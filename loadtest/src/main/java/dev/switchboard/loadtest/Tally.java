package dev.switchboard.loadtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The counters of one attack, safe to add to from many threads: plain counts, and
 * breakdowns by a code (an HTTP status, a close code, an ERROR frame's {@code code}).
 * Every counter is named up front, so a row has the same columns when nothing happened.
 */
final class Tally {

	private final String prefix;

	private final Map<String, LongAdder> counters = new LinkedHashMap<>();

	private final Map<String, Map<String, LongAdder>> breakdowns = new LinkedHashMap<>();

	/**
	 * @param prefix what the report's names start with, such as {@code slowBody}
	 * @param counters the counters' names
	 * @param breakdowns the breakdowns' names
	 */
	Tally(String prefix, List<String> counters, List<String> breakdowns) {
		this.prefix = prefix;
		counters.forEach((name) -> this.counters.put(name, new LongAdder()));
		breakdowns.forEach((name) -> this.breakdowns.put(name, new ConcurrentSkipListMap<>()));
	}

	void add(String counter) {
		this.counters.get(counter).increment();
	}

	void add(String breakdown, String code) {
		this.breakdowns.get(breakdown).computeIfAbsent(code, (key) -> new LongAdder()).increment();
	}

	long get(String counter) {
		return this.counters.get(counter).sum();
	}

	/**
	 * Put every counter as {@code <prefix><Name>}, and every breakdown as
	 * {@code code:count} pairs separated by spaces ({@code none} when empty).
	 */
	void put(Report report) {
		this.counters.forEach((name, count) -> report.put(name(name), count.sum()));
		this.breakdowns.forEach((name, codes) -> report.put(name(name),
				codes.isEmpty() ? "none"
						: codes.entrySet()
							.stream()
							.map((entry) -> entry.getKey() + ":" + entry.getValue().sum())
							.collect(Collectors.joining(" "))));
	}

	private String name(String name) {
		return this.prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

}
