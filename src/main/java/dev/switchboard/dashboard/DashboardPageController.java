package dev.switchboard.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard pages: {@code /dashboards} lists those the user may see, and
 * {@code /dashboards/{name}} shows one, with the template
 * {@code templates/dashboards/{name}.html} if there is one, else a page of its charts.
 */
@Controller
class DashboardPageController {

	private static final String LIST_VIEW = "dashboard-list";

	private static final String DEFAULT_VIEW = "dashboard";

	private static final String PAGES = "dashboards/";

	private final Dashboards dashboards;

	private final ResourceLoader resources;

	private final Map<String, String> views = new ConcurrentHashMap<>();

	DashboardPageController(Dashboards dashboards, ResourceLoader resources) {
		this.dashboards = dashboards;
		this.resources = resources;
	}

	@GetMapping("/dashboards")
	String list(Authentication user, Model model) {
		model.addAttribute("dashboards", this.dashboards.visibleTo(user));
		return LIST_VIEW;
	}

	@GetMapping("/dashboards/{name}")
	String show(@PathVariable String name, Authentication user, Model model) {
		Dashboard dashboard = this.dashboards.find(name);
		if (dashboard == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no dashboard '" + name + "'");
		}
		if (!dashboard.canView(user)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "You may not see this dashboard");
		}
		model.addAttribute("dashboard", dashboard);
		return this.views.computeIfAbsent(name, this::view);
	}

	private String view(String name) {
		boolean ownPage = this.resources.getResource("classpath:/templates/" + PAGES + name + ".html").exists();
		return ownPage ? PAGES + name : DEFAULT_VIEW;
	}

}
