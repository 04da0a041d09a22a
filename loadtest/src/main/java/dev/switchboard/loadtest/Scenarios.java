package dev.switchboard.loadtest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios: fan-out (one room, one publisher, many subscribers), hostile (the
 * fan-out while misbehaving clients attack the server), chat (many small rooms, everyone
 * writing), and connections (a storm of connects, then memory per idle connection);
 * fan-out and connections also against the Socket.IO comparison server.
 */
final class Scenarios {

	private static final StompConnection.FrameHandler NO_FRAMES = (connection, command, headers, body) -> {
	};

	private static final SocketIoConnection.EventHandler NO_EVENTS = (connection, event, args) -> {
	};

	private final Servers servers;

	private final Fleet fleet;

	private final Options options;

	private final int perUser;

	Scenarios(Servers servers, Fleet fleet, Options options) {
		this.servers = servers;
		this.fleet = fleet;
		this.options = options;
		this.perUser = options.integer("connections-per-user", 100);
	}

	Report fanout() throws IOException, InterruptedException {
		return fanout("fanout", false);
	}

	/**
	 * The fan-out, measured while the {@link Attacks} run against the same server from
	 * the warm-up's start to the measured window's end; with {@code --attacks=false} the
	 * same without them. Only the fan-out's subscribers count as deliveries.
	 */
	Report hostile() throws IOException, InterruptedException {
		if (this.servers.socketIo()) {
			throw new IllegalArgumentException("hostile measures the product only: run it without --server=socketio");
		}
		return fanout("hostile", true);
	}

	private Report fanout(String name, boolean hostile) throws IOException, InterruptedException {
		int subscribers = this.options.integer("subscribers", 200);
		int rate = this.options.integer("rate", 200);
		int size = this.options.integer("size", 64);
		String room = "load-" + this.fleet.run();
		Deliveries deliveries = new Deliveries();
		List<String> rooms = Collections.nCopies(subscribers, room);
		int joined;
		Publisher publisher;
		if (this.servers.socketIo()) {
			joined = this.fleet.joinSocketIo(rooms, 100, (connection, event, args) -> {
				if ("msg".equals(event)) {
					deliveries.record(args);
				}
			}).size();
			publisher = Publisher.socketIo(this.fleet.connectSocketIo(this.servers.ports().get(0), NO_EVENTS), room,
					size);
		}
		else {
			joined = this.fleet.join(rooms, this.perUser, 100, (connection, command, headers, body) -> {
				if ("MESSAGE".equals(command)) {
					deliveries.record(body);
				}
			}).size();
			publisher = stompPublisher((subscribers + this.perUser - 1) / this.perUser, room, size);
		}
		Attacks attacks = hostile ? Attacks.on(room, this.fleet, this.servers.ports(), this.options) : Attacks.none();
		try (Publisher sending = publisher) {
			Report report = measureAll(name, deliveries, List.of(sending), rate, joined, attacks)
				.put("subscribers", joined)
				.put("rate", rate);
			// Under attack a message may still wait for its answer when the drain ends;
			// it is neither lost nor refused, so it is counted here.
			return hostile ? attacks.put(report.put("unanswered", sending.unanswered())) : report;
		}
		finally {
			attacks.stop();
		}
	}

	/**
	 * A publisher on a connection of its own account that receives its acknowledgements.
	 */
	private Publisher stompPublisher(int account, String room, int size) throws InterruptedException {
		Publisher[] publisher = new Publisher[1];
		StompConnection connection = this.fleet.connect(account, this.servers.ports().get(0),
				(c, command, headers, body) -> Publisher.onAck(publisher[0], command, body));
		connection.subscribe("acks", "/user/queue/acks");
		publisher[0] = Publisher.stomp(connection, room, size);
		return publisher[0];
	}

	Report chat() throws IOException, InterruptedException {
		if (this.servers.socketIo()) {
			throw new IllegalArgumentException("chat measures the product only: run it without --server=socketio");
		}
		int rooms = this.options.integer("rooms", 100);
		int members = this.options.integer("members", 5);
		int rate = this.options.integer("rate", 1);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < rooms * members; i++) {
			names.add("load-" + this.fleet.run() + "-" + (i % rooms));
		}
		Deliveries deliveries = new Deliveries();
		AtomicLong errors = new AtomicLong();
		Map<StompConnection, Publisher> publisherOf = new ConcurrentHashMap<>();
		List<StompConnection> joined = this.fleet.join(names, this.perUser, 100,
				(connection, command, headers, body) -> {
					if ("MESSAGE".equals(command) && headers.contains("subscription:acks")) {
						Publisher.onAck(publisherOf.get(connection), command, body);
					}
					else if ("MESSAGE".equals(command)) {
						deliveries.record(body);
					}
					else if ("ERROR".equals(command)) {
						errors.incrementAndGet();
					}
				});
		List<Publisher> publishers = new ArrayList<>();
		for (int i = 0; i < joined.size(); i++) {
			Publisher publisher = Publisher.stomp(joined.get(i), names.get(i), this.options.integer("size", 64));
			publisherOf.put(joined.get(i), publisher);
			joined.get(i).subscribe("acks", "/user/queue/acks");
			publishers.add(publisher);
		}
		Report report = measureAll("chat", deliveries, publishers, rate, members, Attacks.none());
		publishers.forEach(Publisher::close);
		return report.put("rooms", rooms)
			.put("members", members)
			.put("ratePerMember", rate)
			.put("errors", errors.get());
	}

	/**
	 * Warm up, then count what is sent and delivered over the measured window and the
	 * server CPU it took (in a cluster, RabbitMQ's and PostgreSQL's too), waiting for
	 * deliveries to drain after the senders stop. The attacks run from the warm-up's
	 * start to the window's end.
	 */
	private Report measureAll(String name, Deliveries deliveries, List<Publisher> publishers, int rate, int fanout,
			Attacks attacks) throws IOException, InterruptedException {
		int warmup = this.options.integer("warmup", 10);
		int duration = this.options.integer("duration", 30);
		// They stop at the window's end; by themselves at the latest once the longest
		// warm-up, settling (120 s) and window are over.
		attacks.start(warmup + 120 + duration + 10);
		publishers.forEach((publisher) -> publisher.start(rate));
		Thread.sleep(warmup * 1000L);
		// Let the warm-up's backlog drain, so that the measured window starts level.
		publishers.forEach((publisher) -> publisher.pause(true));
		long settleDeadline = System.nanoTime() + 120_000_000_000L;
		while (System.nanoTime() < settleDeadline
				&& deliveries.all() < publishers.stream().mapToLong(Publisher::acked).sum() * fanout) {
			Thread.sleep(20);
		}
		publishers.forEach((publisher) -> publisher.pause(false));
		long cpuBefore = this.servers.cpuMillis();
		Optional<SharedServices.Cpu> sharedBefore = this.servers.shared().map(SharedServices::cpu);
		long started = System.nanoTime();
		long allBefore = deliveries.all();
		long sentBefore = publishers.stream().mapToLong(Publisher::sent).sum();
		publishers.forEach((publisher) -> publisher.count(true));
		Thread.sleep(duration * 1000L);
		publishers.forEach((publisher) -> publisher.count(false));
		long window = System.nanoTime() - started;
		attacks.stop();
		// Everything delivered in the window, of whichever message: shows what an
		// overloaded server still delivers while its backlog grows.
		long deliveredInWindow = deliveries.all() - allBefore;
		long sentInWindow = publishers.stream().mapToLong(Publisher::sent).sum() - sentBefore;
		long drainDeadline = System.nanoTime() + 10_000_000_000L;
		long expected = 0;
		while (System.nanoTime() < drainDeadline) {
			// Wait for every answer too: a message reaches subscribers before or after
			// its acknowledgement reaches the publisher.
			boolean answered = publishers.stream().allMatch(Publisher::answeredAll);
			expected = publishers.stream().mapToLong(Publisher::ackedWhileCounting).sum() * fanout;
			if (answered && expected > 0 && deliveries.count() >= expected) {
				break;
			}
			Thread.sleep(20);
		}
		publishers.forEach(Publisher::close);
		long cpu = this.servers.cpuMillis() - cpuBefore;
		long delivered = deliveries.count();
		double seconds = window / 1e9;
		Report report = new Report(name, this.servers.kind())
			.put("deliveriesPerSecond", Math.round(delivered / seconds))
			.put("anyDeliveriesPerSecond", Math.round(deliveredInWindow / seconds))
			.put("sentInWindow", sentInWindow)
			.put("ackedInWindow", publishers.stream().mapToLong(Publisher::ackedWhileCounting).sum())
			.put("delivered", delivered)
			.put("lost", Math.max(0, expected - delivered))
			.put("refused", publishers.stream().mapToLong(Publisher::refused).sum())
			.latencies(deliveries.histogram())
			.put("serverCpuMs", cpu)
			.put("cpuMsPer1000", Math.round(cpu * 1000.0 / Math.max(1, delivered) * 100) / 100.0);
		this.servers.shared().ifPresent((shared) -> shared.putCpu(report, sharedBefore.get(), cpu, delivered));
		return report;
	}

	/**
	 * Open connections as fast as the server takes them (each joins one of the rooms of
	 * {@code members} connections), then measure resident memory per idle connection.
	 */
	Report connections() throws IOException, InterruptedException {
		int count = this.options.integer("connections", 5000);
		int members = this.options.integer("members", 50);
		List<String> rooms = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rooms.add("idle-" + this.fleet.run() + "-" + (i / members));
		}
		boolean jvm = !this.servers.socketIo();
		if (jvm) {
			this.fleet.users((count + this.perUser - 1) / this.perUser);
		}
		int inFlight = this.options.integer("in-flight", 200);
		long before = this.servers.residentKilobytes();
		long heapBefore = jvm ? this.servers.liveHeapKilobytes() : 0;
		long started = System.nanoTime();
		int joined = (jvm ? this.fleet.join(rooms, this.perUser, inFlight, NO_FRAMES)
				: this.fleet.joinSocketIo(rooms, inFlight, NO_EVENTS))
			.size();
		double seconds = (System.nanoTime() - started) / 1e9;
		Thread.sleep(this.options.integer("settle", 10) * 1000L);
		long after = this.servers.residentKilobytes();
		// The live heap needs the JVM's class histogram; Node.js has none to ask.
		Object heapPerConnection = jvm
				? Math.round((this.servers.liveHeapKilobytes() - heapBefore) * 10.0 / Math.max(1, joined)) / 10.0
				: "n/a";
		return new Report("connections", this.servers.kind()).put("connections", joined)
			.put("secondsToConnectAll", Math.round(seconds * 10) / 10.0)
			.put("connectsPerSecond", Math.round(joined / seconds))
			.put("residentMbBefore", before / 1024)
			.put("residentMbAfter", after / 1024)
			.put("kbPerConnection", Math.round((after - before) * 10.0 / Math.max(1, joined)) / 10.0)
			.put("liveHeapKbPerConnection", heapPerConnection);
	}

}
