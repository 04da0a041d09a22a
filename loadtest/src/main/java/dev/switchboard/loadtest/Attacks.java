package dev.switchboard.loadtest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code hostile} scenario's attacks, all on 127.0.0.1, each bounded in count:
 * <ul>
 * <li>{@code --slow-bodies} (200) sockets sending a login's body one byte every
 * {@code --slow-body-interval} seconds (5);</li>
 * <li>{@code --silent-upgrades} (200) WebSocket upgrades that never CONNECT;</li>
 * <li>{@code --long-headers} (3) connections of one account sending SUBSCRIBEs with an
 * {@code id} of {@code --long-header-bytes} (65536) every {@code --long-header-interval}
 * milliseconds (500);</li>
 * <li>{@code --floods} (2) connections of another account sending {@code --flood-rate}
 * (50) SUBSCRIBE/UNSUBSCRIBE pairs a second each, and SUBSCRIBEs to {@code --flood-rooms}
 * (500) new room names in all.</li>
 * </ul>
 * With {@code --attacks=false} nothing is started and every counter stays 0.
 */
final class Attacks {

	private final boolean enabled;

	private final List<Attack> attacks;

	private final ExecutorService executor;

	private Attacks(boolean enabled, List<Attack> attacks, ExecutorService executor) {
		this.enabled = enabled;
		this.attacks = attacks;
		this.executor = executor;
	}

	/** No attacks: what the other scenarios measure beside. */
	static Attacks none() {
		return new Attacks(false, List.of(), null);
	}

	/**
	 * The attacks on the fan-out's room, their accounts signed up now (before any attack
	 * runs) unless {@code --attacks=false}.
	 */
	static Attacks on(String room, Fleet fleet, List<Integer> ports, Options options) throws InterruptedException {
		boolean enabled = Boolean.parseBoolean(options.get("attacks", "true"));
		Attacks attacks = new Attacks(enabled, new ArrayList<>(), Executors.newFixedThreadPool(2));
		// The attackers' own HTTP client and threads: the well-behaved clients' stay
		// theirs.
		HttpClient http = HttpClient.newBuilder()
			.executor(attacks.executor)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String headers = enabled ? fleet.token("hostile_" + fleet.run() + "_h") : "";
		String floods = enabled ? fleet.token("hostile_" + fleet.run() + "_f") : "";
		attacks.attacks.add(new SlowBodies(ports, options.integer("slow-bodies", 200),
				options.integer("slow-body-interval", 5) * 1000));
		attacks.attacks.add(new SilentUpgrades(ports, options.integer("silent-upgrades", 200)));
		attacks.attacks.add(new LongHeaders(http, ports, headers, room, options.integer("long-headers", 3),
				options.integer("long-header-bytes", 65536), options.integer("long-header-interval", 500)));
		attacks.attacks.add(new SubscribeFloods(http, ports, floods, room, fleet.run(), options.integer("floods", 2),
				options.integer("flood-rate", 50), options.integer("flood-rooms", 500)));
		return attacks;
	}

	/**
	 * Start every attack, each stopping by itself after {@code seconds} at the latest.
	 */
	void start(long seconds) {
		if (this.enabled) {
			long deadline = System.nanoTime() + seconds * 1_000_000_000L;
			this.attacks.forEach((attack) -> attack.start(deadline));
		}
	}

	/** Stop every attack (each waits a bounded time for its threads). */
	void stop() {
		this.attacks.forEach(Attack::stop);
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	/** Add whether the attacks ran, and every attack's counters. */
	Report put(Report report) {
		report.put("attacks", this.enabled);
		this.attacks.forEach((attack) -> attack.put(report));
		return report;
	}

}
