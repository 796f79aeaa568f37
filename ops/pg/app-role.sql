-- The role the console runs as on PostgreSQL (GSP 计算机系统, ALCOA+; README "PostgreSQL runbook"): it reads and
-- writes the business tables but can never rewrite history — no UPDATE, DELETE or TRUNCATE on audit_log, no
-- DELETE or TRUNCATE on attachments — and owns nothing, so it cannot drop the append-only triggers either
-- (drizzle-pg/0001_append_only.sql; those hold even for the owner). Run it as the role that owns the tables
-- (the one `npm run db:migrate` connects as) after every migrate; it is idempotent:
--   psql "$DATABASE_URL" -v app_role=gsp_app -f ops/pg/app-role.sql
-- With -v app_password='…' it also creates the role when missing (that needs CREATEROLE; the runbook creates
-- both roles as postgres instead).
\set ON_ERROR_STOP on
\if :{?app_password}
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app_role', :'app_password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec
\endif
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_role') \gexec
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :"app_role";
REVOKE DELETE, TRUNCATE ON attachments FROM :"app_role";
-- The ledger import writes explicit ids past each table's high-water mark, then moves the identity sequence
-- past them (pg_sequence_last_value, setval: server/services/bulk/pg-merge.ts).
GRANT SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
-- Tables a later migration adds get the same grants (audit_log and attachments exist already).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, UPDATE ON SEQUENCES TO :"app_role";
