-- The inference execution engine: one row per window of a scheduler (its execution), the scored
-- rows of its successful windows, and the task table of db-scheduler, which runs each scheduler's
-- windows on time and hands a window over to another node when the one running it dies. Times of
-- Vigil's own tables are epoch milliseconds (UTC). Runs unchanged on H2 (PostgreSQL mode) and
-- PostgreSQL.

-- One execution per window: the primary key is what makes a window run exactly once. IN_PROGRESS
-- while it runs (a crash leaves it so, and the next run redoes it); SUCCESS or FAILED after. A
-- window that came due while Vigil was down, older than the catch-up horizon, is FAILED with
-- missed = TRUE and a reason; missed windows neither count as nor break a streak of failures.
CREATE TABLE inference_executions (
  scheduler_id VARCHAR(64) NOT NULL,
  window_end BIGINT NOT NULL,
  window_start BIGINT NOT NULL,
  scheduled_start BIGINT NOT NULL,
  data_start BIGINT,
  data_end BIGINT,
  status VARCHAR(20) NOT NULL,
  missed BOOLEAN NOT NULL,
  failed_reason TEXT,
  model_name VARCHAR(200) NOT NULL,
  model_version INT NOT NULL,
  result_bucket VARCHAR(255),
  result_key VARCHAR(1024),
  scored_rows INT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  PRIMARY KEY (scheduler_id, window_end)
);

-- The scored rows of each successful window, written in the same transaction as its SUCCESS: one
-- row per window holding its rows encoded (StoredRows: timestamp, prediction, reason, score, and
-- the diagnostics ranked as the results line ranks them, 6 bytes per sensor), from which the
-- Lookout results lines are written again byte for byte. A window is written and replaced whole,
-- with one insert, rather than one database row per timestamp. sensor_names are the model's
-- sensors, one per line, that the diagnostics' indexes point into. Timestamps of the rows of a
-- scheduler's windows never overlap (a replay removes the rows it replaces, and what is left of a
-- window of another frequency keeps its window_end), so the first timestamp is the key.
CREATE TABLE inference_results (
  scheduler_id VARCHAR(64) NOT NULL,
  window_end BIGINT NOT NULL,
  first_timestamp BIGINT NOT NULL,
  last_timestamp BIGINT NOT NULL,
  model_version INT NOT NULL,
  row_count INT NOT NULL,
  sensor_names TEXT NOT NULL,
  rows_data BYTEA NOT NULL,
  PRIMARY KEY (scheduler_id, first_timestamp)
);

CREATE INDEX inference_results_time ON inference_results (scheduler_id, last_timestamp);

-- db-scheduler's table (its PostgreSQL layout; H2 in PostgreSQL mode reads it as is).
CREATE TABLE scheduled_tasks (
  task_name TEXT NOT NULL,
  task_instance TEXT NOT NULL,
  task_data BYTEA,
  execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
  picked BOOLEAN NOT NULL,
  picked_by TEXT,
  last_success TIMESTAMP WITH TIME ZONE,
  last_failure TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat TIMESTAMP WITH TIME ZONE,
  version BIGINT NOT NULL,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
