-- State that only the Lookout for Equipment compatible endpoint keeps, beside the features' own
-- tables: per resource its Lookout-only settings (RoleArn, KMS key ids, model diagnostics output,
-- activation history) as a JSON document, its tags, and the ClientTokens of creating requests with
-- the answer they got. A resource is its kind (dataset, model, inference-scheduler, label-group,
-- ingestion-job) and the id the feature gave it, so a resource deleted and created again under the
-- same name starts without the old one's state. Times are epoch milliseconds (UTC). Runs unchanged
-- on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE lookout_resources (
  resource_type VARCHAR(40) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  settings TEXT NOT NULL,
  PRIMARY KEY (resource_type, resource_id)
);

CREATE TABLE lookout_tags (
  resource_type VARCHAR(40) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  tag_key VARCHAR(128) NOT NULL,
  tag_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (resource_type, resource_id, tag_key)
);

-- One row per ClientToken and operation: the hash of the request it came with and, once the
-- request succeeded, the answer, which a retry with the same token and request gets again.
CREATE TABLE lookout_client_tokens (
  operation VARCHAR(64) NOT NULL,
  client_token VARCHAR(256) NOT NULL,
  request_hash VARCHAR(64) NOT NULL,
  response TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (operation, client_token)
);
CREATE INDEX lookout_client_tokens_created ON lookout_client_tokens (created_at);
