-- Inference schedulers: which model version runs on which input, when, into which output, and the
-- scheduler's status. Times are epoch milliseconds (UTC); the data upload frequency is an ISO-8601
-- duration and the data delay offset a number of seconds. A scheduler is named by its model's name,
-- not a foreign key, so that its results outlive a model or a scheduler that is deleted. Executions
-- and results live in the engine's tables (V4). Runs unchanged on H2 (PostgreSQL mode) and
-- PostgreSQL.
CREATE TABLE inference_schedulers (
  id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(200) NOT NULL UNIQUE,
  model_name VARCHAR(200) NOT NULL,
  model_version INT NOT NULL,
  dataset_name VARCHAR(200) NOT NULL,
  status VARCHAR(20) NOT NULL,
  stop_reason VARCHAR(20),
  stop_detail TEXT,
  data_upload_frequency VARCHAR(40) NOT NULL,
  data_delay_offset_seconds BIGINT NOT NULL,
  start_time BIGINT NOT NULL,
  first_window_start BIGINT NOT NULL,
  input_bucket VARCHAR(63) NOT NULL,
  input_prefix VARCHAR(1024) NOT NULL,
  input_time_zone_offset VARCHAR(6) NOT NULL,
  input_timestamp_format VARCHAR(40) NOT NULL,
  input_delimiter VARCHAR(1) NOT NULL,
  output_bucket VARCHAR(63) NOT NULL,
  output_prefix VARCHAR(1024) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE INDEX inference_schedulers_status ON inference_schedulers (status);

CREATE INDEX inference_schedulers_model_name ON inference_schedulers (model_name);
