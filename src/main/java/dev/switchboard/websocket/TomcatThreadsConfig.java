package dev.switchboard.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Gives Tomcat's connector a worker pool (sized by {@code server.tomcat.threads.*}) that
 * reports the end of each asynchronous WebSocket write on the thread that finished it,
 * instead of handing every report to another worker.
 *
 * <p>
 * Tomcat hands each report over because a sender that writes its next frame from inside
 * the report could otherwise nest calls without bound; the only sender here,
 * {@code NonBlockingSession}, never does: it writes frames in a loop that a report only
 * signals. Without the hand-over a delivered frame costs one system call and no thread
 * wake-up.
 *
 * <p>
 * Seen in Tomcat 11.0 ({@code WsRemoteEndpointImplServer} dispatches each completion to
 * the connector's executor unless that executor says to run it inline). It can go when
 * Tomcat offers a setting for it ({@code WriteCompletionIT} counts the hand-overs).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnThreading(Threading.PLATFORM)
class TomcatThreadsConfig implements DisposableBean {

	private final List<ThreadPoolExecutor> executors = new CopyOnWriteArrayList<>();

	@Bean
	TomcatProtocolHandlerCustomizer<AbstractProtocol<?>> inlineSendCompletions(
			ObjectProvider<TomcatServerProperties> server) {
		return (protocol) -> {
			TomcatServerProperties.Threads threads = server.getIfAvailable(TomcatServerProperties::new).getThreads();
			ThreadPoolExecutor executor = InlineCompletionExecutor.create(ObjectName.unquote(protocol.getName()),
					threads.getMinSpare(), threads.getMax(), threads.getMaxQueueCapacity());
			this.executors.add(executor);
			protocol.setExecutor(executor);
		};
	}

	@Override
	public void destroy() {
		this.executors.forEach(ThreadPoolExecutor::shutdownNow);
	}

	/**
	 * Tomcat's own worker pool, but for the reports of finished WebSocket writes, which
	 * it runs at once on the calling thread.
	 */
	static final class InlineCompletionExecutor extends ThreadPoolExecutor {

		/** Tomcat's task that reports a finished asynchronous write; null if renamed. */
		static final Class<?> SEND_RESULT_TASK = resolve(
				"org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer$OnResultRunnable");

		private InlineCompletionExecutor(int minSpare, int max, TaskQueue queue, TaskThreadFactory threads) {
			super(minSpare, max, 60, TimeUnit.SECONDS, queue, threads);
		}

		static InlineCompletionExecutor create(String name, int minSpare, int max, int queueCapacity) {
			TaskQueue queue = new TaskQueue(queueCapacity);
			InlineCompletionExecutor executor = new InlineCompletionExecutor(minSpare, max, queue,
					new TaskThreadFactory(name + "-exec-", true, Thread.NORM_PRIORITY));
			queue.setParent(executor);
			return executor;
		}

		@Override
		public void execute(Runnable command) {
			if (command.getClass() == SEND_RESULT_TASK) {
				command.run();
			}
			else {
				super.execute(command);
			}
		}

		private static Class<?> resolve(String name) {
			return ClassUtils.isPresent(name, null) ? ClassUtils.resolveClassName(name, null) : null;
		}

	}

}
