-- Replays: re-runs of a scheduler over a past range with its current settings, overwriting the
-- results of the windows they cover. Times are epoch milliseconds (UTC). Runs unchanged on H2
-- (PostgreSQL mode) and PostgreSQL.

-- One row per replay. The requested range is what the user asked; the range is the whole windows
-- that cover it, which is what is scored and overwritten. windows_done counts the windows handled
-- so far, in order, so that a replay interrupted by a crash goes on from there.
CREATE TABLE inference_replays (
  id VARCHAR(36) PRIMARY KEY,
  scheduler_id VARCHAR(64) NOT NULL,
  requested_start BIGINT NOT NULL,
  requested_end BIGINT NOT NULL,
  range_start BIGINT NOT NULL,
  range_end BIGINT NOT NULL,
  model_name VARCHAR(200) NOT NULL,
  model_version INT NOT NULL,
  estimated_points INT NOT NULL,
  status VARCHAR(20) NOT NULL,
  windows_total INT NOT NULL,
  windows_done INT NOT NULL,
  windows_failed INT NOT NULL,
  scored_rows INT NOT NULL,
  outcome TEXT,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT
);

CREATE INDEX inference_replays_scheduler ON inference_replays (scheduler_id, created_at);

-- The windows of a replay that could not be scored, with the reason; they keep their earlier
-- results.
CREATE TABLE inference_replay_failures (
  replay_id VARCHAR(36) NOT NULL,
  window_end BIGINT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (replay_id, window_end)
);

-- At most one replay per scheduler at a time: the primary key refuses a second one while the row
-- of the first exists; the row goes when the replay ends, in the transaction that ends it.
CREATE TABLE inference_replay_locks (
  scheduler_id VARCHAR(64) PRIMARY KEY,
  replay_id VARCHAR(36) NOT NULL
);

-- The replay that last scored a window, null when the schedule did.
ALTER TABLE inference_executions ADD COLUMN replay_id VARCHAR(36);
