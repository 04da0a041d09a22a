package dev.switchboard.accounts;

import java.util.UUID;

import dev.switchboard.support.SwitchboardTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The pages: who may see them, and the sign-up form.
 */
@SwitchboardTest(webEnvironment = WebEnvironment.MOCK)
@AutoConfigureMockMvc
class PagesTests {

	@Autowired
	MockMvc mvc;

	@Test
	void homeIsPublic() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Create an account")));
	}

	@Test
	void chatNeedsALoginInTheBrowser() throws Exception {
		this.mvc.perform(get("/chat").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	@WithMockUser("alice")
	void chatPageCarriesTheCsrfTokenAndTheUserName() throws Exception {
		this.mvc.perform(get("/chat"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-csrf-token=\"")))
			.andExpect(content().string(containsString("data-username=\"alice\"")));
	}

	@Test
	void signupFormCreatesTheAccountAndLogsIn() throws Exception {
		String name = "page_" + UUID.randomUUID().toString().substring(0, 8);
		Cookie session = this.mvc
			.perform(post("/signup").with(csrf()).param("username", name).param("password", "long-enough"))
			.andExpect(redirectedUrl("/chat"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(session).as("session cookie").isNotNull();
		this.mvc.perform(get("/chat").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-username=\"" + name + "\"")));
	}

	@Test
	void signupFormShowsWhatIsWrong() throws Exception {
		this.mvc.perform(post("/signup").with(csrf()).param("username", "x").param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(view().name("signup"))
			.andExpect(model().attributeHasFieldErrors("form", "username", "password"))
			.andExpect(content().string(containsString("must be 8 to 72 characters")))
			.andExpect(unauthenticated());
	}

	@Test
	void signupFormRefusesATakenName() throws Exception {
		String name = "taken_" + UUID.randomUUID().toString().substring(0, 8);
		this.mvc.perform(post("/signup").with(csrf()).param("username", name).param("password", "long-enough"));
		this.mvc.perform(
				post("/signup").with(csrf()).param("username", name.toUpperCase()).param("password", "x-long-enough"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is taken")));
	}

	@Test
	void signupFormNeedsTheCsrfToken() throws Exception {
		this.mvc.perform(post("/signup").param("username", "nocsrf").param("password", "long-enough"))
			.andExpect(status().isForbidden());
	}

}
