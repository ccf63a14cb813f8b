package dev.vigil.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What Vigil logs while a test runs: every event of every logger, with its stack trace, from its
 * creation to {@link #close()}. Thread-safe (logback's list appender is).
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root;
  private final Level level;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  /**
   * Captures from now on, at INFO at least: an embedded Spring Boot of another test (S3Mock) may
   * have reconfigured logging in this JVM.
   */
  public LogCapture() {
    this.root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    this.level = root.getLevel();
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.INFO);
  }

  /** Every line logged so far: level, logger, message and stack trace. */
  public List<String> lines() {
    // AppenderBase.doAppend holds the appender's lock while it adds to the list.
    synchronized (appender) {
      return appender.list.stream()
          .map(
              event ->
                  event.getLevel()
                      + " "
                      + event.getLoggerName()
                      + " - "
                      + event.getFormattedMessage()
                      + (event.getThrowableProxy() == null
                          ? ""
                          : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
          .toList();
    }
  }

  /** Everything logged so far, one line after the other. */
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    root.setLevel(level);
    root.detachAppender(appender);
    appender.stop();
  }
}
