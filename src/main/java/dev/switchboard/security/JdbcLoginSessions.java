package dev.switchboard.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The login sessions in Spring Session's JDBC table ({@code spring_session}, created by
 * the Flyway migrations), looked up in batches of {@value #BATCH} ids per query.
 */
@Component
class JdbcLoginSessions implements LoginSessions {

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	JdbcLoginSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> live(Collection<String> httpSessionIds, long now) {
		List<String> ids = new ArrayList<>(httpSessionIds);
		Set<String> live = new HashSet<>();
		for (int from = 0; from < ids.size(); from += BATCH) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
			live.addAll(this.jdbc
				.sql("select session_id from spring_session where expiry_time > :now and session_id in (:ids)")
				.param("now", now)
				.param("ids", batch)
				.query(String.class)
				.list()
				.stream()
				.map(String::trim)
				.toList());
		}
		return live;
	}

}
