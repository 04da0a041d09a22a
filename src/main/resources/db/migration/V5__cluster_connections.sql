-- Connections per user across a cluster (switchboard.cluster.enabled): which connection
-- on which instance was accepted for which user, so that
-- switchboard.limits.connections-per-user holds cluster-wide.

-- A row is inserted when a CONNECT is accepted and deleted when the connection ends.
-- Accepting first takes pg_advisory_xact_lock on the user's name, so that the accepts of
-- one user, from any instance, count and insert one at a time. The rows of an instance
-- no longer in presence_instances (dead, or shut down) are deleted by the presence
-- heartbeat's sweep. Session ids are only unique per instance.
create table cluster_connections (
    instance_id varchar(36) not null,
    session_id  varchar     not null,
    username    varchar(32) not null,
    primary key (instance_id, session_id)
);
create index cluster_connections_username on cluster_connections (username);
