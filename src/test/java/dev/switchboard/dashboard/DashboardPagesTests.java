package dev.switchboard.dashboard;

import dev.switchboard.support.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The dashboard pages and the metrics endpoints: who may see what.
 */
@SwitchboardTest(webEnvironment = WebEnvironment.MOCK)
@AutoConfigureMockMvc
class DashboardPagesTests {

	@Autowired
	MockMvc mvc;

	@Test
	void dashboardsNeedALogin() throws Exception {
		this.mvc.perform(get("/dashboards/sensors").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	@WithMockUser("alice")
	void userSeesTheExampleDashboardButNotTheOperationsOne() throws Exception {
		this.mvc.perform(get("/dashboards"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/dashboards/sensors\"")))
			.andExpect(content().string(not(containsString("href=\"/dashboards/ops\""))));
		this.mvc.perform(get("/dashboards/sensors"))
			.andExpect(status().isOk())
			.andExpect(view().name("dashboards/sensors"))
			.andExpect(content().string(containsString("data-name=\"sensors\"")))
			.andExpect(content().string(containsString("data-csrf-token=\"")))
			.andExpect(content().string(containsString("data-series=\"temperature.greenhouse\"")));
		this.mvc.perform(get("/dashboards/ops")).andExpect(status().isForbidden());
		this.mvc.perform(get("/dashboards/nothing")).andExpect(status().isNotFound());
	}

	@Test
	@WithMockUser(username = "root", roles = "ADMIN")
	void adminSeesTheOperationsDashboardOnTheDefaultPageAndInTheMenu() throws Exception {
		this.mvc.perform(get("/dashboards/ops"))
			.andExpect(status().isOk())
			.andExpect(view().name("dashboard"))
			.andExpect(content().string(containsString("<h1>Operations</h1>")))
			.andExpect(content().string(containsString("href=\"/dashboards/ops\">Operations</a>")))
			.andExpect(content().string(containsString("\"uplot\":\"/webjars/uplot/")));
	}

	@Test
	void healthIsPublic() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("\"status\":\"UP\"")));
	}

	@Test
	void prometheusNeedsAnAdmin() throws Exception {
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
	}

	@Test
	@WithMockUser("alice")
	void prometheusIsForbiddenToUsers() throws Exception {
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockUser(username = "root", roles = "ADMIN")
	void prometheusShowsTheServersMetersToAdmins() throws Exception {
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("switchboard_stomp_messages_total{direction=\"in\"}")))
			.andExpect(content().string(containsString("switchboard_websocket_connections")))
			.andExpect(content().string(containsString("switchboard_sse_streams")))
			.andExpect(content().string(containsString("switchboard_chat_delivery_seconds_count")));
	}

	@Test
	@WithMockUser(username = "root", roles = "ADMIN")
	void webjarsServeUplotWithoutAVersion() throws Exception {
		this.mvc.perform(get("/webjars/uplot/dist/uPlot.esm.js")).andExpect(status().isOk());
		this.mvc.perform(get("/webjars/uplot/dist/uPlot.min.css")).andExpect(status().isOk());
	}

}
