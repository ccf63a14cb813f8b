-- The first migration: a table that records the Vigil version that created the database, so that
-- a later Vigil can tell an empty database from one it has to migrate. Feature tables follow in
-- V1__ and later migrations, each written to run unchanged on H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE vigil_installation (
  id INT PRIMARY KEY,
  created_by_version VARCHAR(40) NOT NULL
);
INSERT INTO vigil_installation (id, created_by_version) VALUES (1, '0.1.0');
