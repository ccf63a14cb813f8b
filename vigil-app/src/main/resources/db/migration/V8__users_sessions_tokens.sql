-- Sign-in: users with their role and password hash, the portal's sessions, the API tokens of the
-- native API and the CLI, and the failed sign-ins that lock a user or an address out for a while.
-- Secrets are never stored as they are: passwords as bcrypt hashes, session ids and tokens as the
-- SHA-256 of their 256 random bits (hex), so a copy of the database lets nobody in. Times are epoch
-- milliseconds (UTC). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- A user. name is lower-case; role is VIEWER, OPERATOR or ADMIN. A user from the configuration
-- (security.admin-user) has from_config = TRUE, and its hash is the configured one.
CREATE TABLE users (
  id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(100) NOT NULL UNIQUE,
  role VARCHAR(10) NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  from_config BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A portal session: the SHA-256 of the id in the browser's cookie, until it expires or its user
-- signs out. Deleting a user ends their sessions.
CREATE TABLE user_sessions (
  id_hash VARCHAR(64) PRIMARY KEY,
  user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE INDEX user_sessions_user ON user_sessions (user_id);

CREATE INDEX user_sessions_expires ON user_sessions (expires_at);

-- An API token: the SHA-256 of the token, shown once when created. A revoked token stays (with
-- revoked_at) so that lists and error messages can say it was revoked. last_used_at is written at
-- most once a minute. Deleting a user deletes their tokens.
CREATE TABLE api_tokens (
  id VARCHAR(36) PRIMARY KEY,
  user_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name VARCHAR(100) NOT NULL,
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  last_used_at BIGINT,
  revoked_at BIGINT
);

CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins in a row of one subject: 'user:<name>' or 'address:<client address>'. Past the
-- threshold, the subject is locked until locked_until.
CREATE TABLE sign_in_failures (
  subject VARCHAR(300) PRIMARY KEY,
  failures INT NOT NULL,
  last_failure BIGINT NOT NULL,
  locked_until BIGINT
);
