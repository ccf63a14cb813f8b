-- Models and their versions. A version's serialized model and its status SUCCESS are written in one
-- transaction, so a version is never seen half-written. Times are epoch milliseconds (UTC); request,
-- training summary and evaluation are JSON documents kept as text. Runs unchanged on H2 (PostgreSQL
-- mode) and PostgreSQL.
CREATE TABLE models (
  id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(200) NOT NULL UNIQUE,
  dataset_id VARCHAR(200) NOT NULL,
  dataset_name VARCHAR(200) NOT NULL,
  request TEXT NOT NULL,
  active_version INT,
  latest_version INT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE INDEX models_dataset_id ON models (dataset_id);

CREATE TABLE model_versions (
  model_id VARCHAR(36) NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  version INT NOT NULL,
  status VARCHAR(20) NOT NULL,
  progress DOUBLE PRECISION NOT NULL,
  failed_reason TEXT,
  request TEXT NOT NULL,
  training_summary TEXT,
  evaluation TEXT,
  model_bytes BYTEA,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (model_id, version)
);

CREATE INDEX model_versions_status ON model_versions (status);
