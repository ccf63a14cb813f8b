-- Label groups and their labels: known periods of an asset's history, rated ANOMALY, NO_ANOMALY or
-- NEUTRAL, which models are evaluated on. Times are epoch milliseconds (UTC); a group's fault codes
-- are a JSON array kept as text. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE label_groups (
  id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  fault_codes TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT label_groups_name_unique UNIQUE (name)
);

-- Label ids are 32 hexadecimal digits, as Lookout for Equipment's.
CREATE TABLE labels (
  id VARCHAR(32) PRIMARY KEY,
  group_id VARCHAR(36) NOT NULL REFERENCES label_groups (id) ON DELETE CASCADE,
  start_time BIGINT NOT NULL,
  end_time BIGINT NOT NULL,
  rating VARCHAR(20) NOT NULL,
  fault_code VARCHAR(100),
  notes TEXT,
  equipment VARCHAR(200),
  created_at BIGINT NOT NULL
);
CREATE INDEX labels_by_group ON labels (group_id, start_time);
