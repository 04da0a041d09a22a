-- Presence across a cluster (switchboard.cluster.enabled): which connection on which
-- instance subscribes to which room, so that joined/left are counted cluster-wide.

-- The instances alive now; each updates last_seen periodically. An instance whose
-- last_seen is too old is deleted by another, and then its subscriptions.
create table presence_instances (
    id        varchar(36) not null primary key,
    last_seen timestamp with time zone not null
);

-- One row per room ever joined, never deleted: every change to a room's subscriptions
-- locks it (select ... for update), so changes to one room happen one at a time.
create table presence_rooms (
    room varchar(64) not null primary key
);

-- The subscriptions to /topic/rooms.{room}. Session ids are only unique per instance.
create table presence_subscriptions (
    instance_id     varchar(36) not null,
    session_id      varchar     not null,
    subscription_id varchar     not null,
    room            varchar(64) not null,
    username        varchar(32) not null,
    primary key (instance_id, session_id, subscription_id)
);
create index presence_subscriptions_room_user on presence_subscriptions (room, username);
