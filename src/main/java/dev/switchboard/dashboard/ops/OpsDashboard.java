package dev.switchboard.dashboard.ops;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import dev.switchboard.chat.ChatMetrics;
import dev.switchboard.dashboard.Chart;
import dev.switchboard.dashboard.Dashboard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The operations dashboard ({@code ops}, admins only): this server's connections, STOMP
 * traffic, busiest rooms, delivery latency, slow consumers, heap, CPU and GC pauses, all
 * read from Micrometer. Rates are per second over the last tick. In a cluster they are
 * the numbers of the instance that publishes the dashboards, named by each tick's
 * {@code source}.
 */
@Component
class OpsDashboard implements Dashboard {

	static final int TOP_ROOMS = 5;

	static final int ROOM_LINGER_TICKS = 60;

	private static final double MB = 1024 * 1024;

	private final MeterRegistry registry;

	private final ChatMetrics chat;

	private final BusiestRooms busiestRooms = new BusiestRooms(TOP_ROOMS, ROOM_LINGER_TICKS);

	private Totals last;

	OpsDashboard(MeterRegistry registry, ChatMetrics chat) {
		this.registry = registry;
		this.chat = chat;
	}

	@Override
	public String name() {
		return "ops";
	}

	@Override
	public String title() {
		return "Operations";
	}

	@Override
	public List<Chart> charts() {
		return List.of(
				new Chart("connections", "Open connections", "",
						Map.of("websocket", "WebSocket", "sse", "Event streams")),
				new Chart("stomp", "STOMP messages per second", "msg/s", Map.of("in", "In", "out", "Out")),
				new Chart("rooms", "Busiest rooms", "msg/s"),
				new Chart("latency", "Delivery latency", "ms", Map.of("mean", "Mean", "max", "Max")),
				new Chart("slow", "Slow-consumer closes", "", Map.of("closes", "Closes")),
				new Chart("heap", "JVM heap", "MB", Map.of("used", "Used", "committed", "Committed")),
				new Chart("cpu", "CPU", "%", Map.of("process", "This process", "system", "Whole system")),
				new Chart("gc", "GC pauses", "ms/s", Map.of("pause", "Paused")));
	}

	@Override
	public boolean canView(Authentication user) {
		return Dashboard.hasRole(user, "ADMIN");
	}

	@Override
	public Map<String, Double> sample() {
		Totals now = totals();
		Map<String, Double> values = new LinkedHashMap<>();
		values.put("connections.websocket", gauge(ServerMeters.CONNECTIONS));
		values.put("connections.sse", gauge(ServerMeters.STREAMS));
		values.put("slow.closes", functionCounter(ServerMeters.SLOW_CONSUMER_CLOSES));
		values.put("heap.used", sum(this.registry.find("jvm.memory.used").tag("area", "heap").gauges()) / MB);
		values.put("heap.committed", sum(this.registry.find("jvm.memory.committed").tag("area", "heap").gauges()) / MB);
		values.put("cpu.process", gauge("process.cpu.usage") * 100);
		values.put("cpu.system", gauge("system.cpu.usage") * 100);
		if (this.last == null) {
			this.busiestRooms.rates(now.rooms, 1); // the counts to start from
		}
		else {
			double seconds = (now.nanos - this.last.nanos) / 1e9;
			values.put("stomp.in", (now.in - this.last.in) / seconds);
			values.put("stomp.out", (now.out - this.last.out) / seconds);
			values.put("gc.pause", (now.gcMillis - this.last.gcMillis) / seconds);
			long delivered = now.delivered - this.last.delivered;
			values.put("latency.mean",
					(delivered > 0) ? (now.deliveryMillis - this.last.deliveryMillis) / delivered : 0.0);
			values.put("latency.max", now.deliveryMax);
			this.busiestRooms.rates(now.rooms, seconds).forEach((room, rate) -> values.put("rooms." + room, rate));
		}
		this.last = now;
		return values;
	}

	private Totals totals() {
		Timer delivery = this.registry.find(ChatMetrics.DELIVERY).timer();
		double gcMillis = this.registry.find("jvm.gc.pause")
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.totalTime(TimeUnit.MILLISECONDS))
			.sum();
		return new Totals(System.nanoTime(), counter("in"), counter("out"), (delivery != null) ? delivery.count() : 0,
				(delivery != null) ? delivery.totalTime(TimeUnit.MILLISECONDS) : 0,
				(delivery != null) ? delivery.max(TimeUnit.MILLISECONDS) : 0, gcMillis, this.chat.messagesPerRoom());
	}

	private double counter(String direction) {
		return this.registry.find(StompTrafficMeters.METER)
			.tag("direction", direction)
			.meters()
			.stream()
			.flatMap((meter) -> StreamSupport.stream(meter.measure().spliterator(), false))
			.filter((measurement) -> measurement.getStatistic() == Statistic.COUNT)
			.mapToDouble(Measurement::getValue)
			.sum();
	}

	private double gauge(String name) {
		Gauge gauge = this.registry.find(name).gauge();
		return (gauge != null) ? gauge.value() : Double.NaN;
	}

	private double functionCounter(String name) {
		FunctionCounter counter = this.registry.find(name).functionCounter();
		return (counter != null) ? counter.count() : Double.NaN;
	}

	private static double sum(Collection<Gauge> gauges) {
		return gauges.isEmpty() ? Double.NaN : gauges.stream().mapToDouble(Gauge::value).sum();
	}

	/**
	 * Cumulative counts at one sample, to compute rates from.
	 */
	private record Totals(long nanos, double in, double out, long delivered, double deliveryMillis, double deliveryMax,
			double gcMillis, Map<String, Long> rooms) {
	}

}
