package dev.switchboard.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A test dashboard ({@code bulk}, any user) with large ticks, about 700 bytes each, to
 * fill a slow client's buffers quickly. Declared like any user's dashboard: one bean.
 *
 * <p>
 * The server's sockets get a fixed, small send buffer, so that a client that stops
 * reading is felt after a few dozen ticks rather than after the megabytes the operating
 * system's buffer tuning would otherwise let pile up.
 */
@TestConfiguration(proxyBeanMethods = false)
class BulkDashboard {

	static final String NAME = "bulk";

	@Bean
	TomcatConnectorCustomizer smallSendBuffers() {
		return (connector) -> connector.setProperty("socket.txBufSize", "16384");
	}

	@Bean
	Dashboard bulkDashboard() {
		return new Dashboard() {

			@Override
			public String name() {
				return NAME;
			}

			@Override
			public String title() {
				return "Bulk";
			}

			@Override
			public List<Chart> charts() {
				return List.of(new Chart("load", "Load", ""));
			}

			@Override
			public Map<String, Double> sample() {
				Map<String, Double> values = new LinkedHashMap<>();
				for (int i = 0; i < 20; i++) {
					values.put("load.series-" + i, ThreadLocalRandom.current().nextDouble());
				}
				return values;
			}

		};
	}

}
