package dev.switchboard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP security: public pages and assets, form login for browsers, bearer tokens for
 * programs, and the WebSocket handshakes: {@code /ws} is open (authentication happens on
 * the STOMP CONNECT), {@code /raw} needs a logged-in session or a token, which it may
 * take from the query ({@code ?access_token=}) since a browser's WebSocket cannot send
 * headers. Logging out closes the WebSocket connections of the HTTP session
 * ({@link LoginConnections}).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

	private static final RequestMatcher RAW_HANDSHAKE = PathPatternRequestMatcher.withDefaults().matcher("/raw");

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JwtAuthenticationConverter jwtAuthenticationConverter,
			LoginConnections loginConnections) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/login", "/signup", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
					"/favicon.ico")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/token")
			.permitAll()
			.requestMatchers("/ws", "/actuator/health")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/chat").permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/").addLogoutHandler(loginConnections))
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(bearerTokenResolver())
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter)))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/**"),
					new RequestHeaderRequestMatcher("Authorization")))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
					new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"), RAW_HANDSHAKE,
							PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))));
		return http.build();
	}

	/**
	 * Bearer tokens come in the {@code Authorization} header; only the {@code /raw}
	 * handshake may carry one as the query parameter {@code access_token}.
	 */
	static BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		DefaultBearerTokenResolver query = new DefaultBearerTokenResolver();
		query.setAllowUriQueryParameter(true);
		return (request) -> (RAW_HANDSHAKE.matches(request) ? query : header).resolve(request);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(UserDetailsService userDetailsService,
			PasswordEncoder passwordEncoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetailsService);
		provider.setPasswordEncoder(passwordEncoder);
		return new ProviderManager(provider);
	}

}
