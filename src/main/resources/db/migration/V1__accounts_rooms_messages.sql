-- Accounts. username keeps the spelling chosen at sign-up; username_key (lower case)
-- makes names unique regardless of case, so "Alice" and "alice" are one account.
create table accounts (
    username      varchar(32)  not null primary key,
    username_key  varchar(32)  not null unique,
    password_hash varchar(100) not null,
    role          varchar(16)  not null default 'USER',
    created_at    timestamp with time zone not null default current_timestamp
);

-- Rooms. last_seq is the sequence number of the newest message; appending a
-- message increments it in the same transaction, so seq has no gaps.
create table rooms (
    name       varchar(64) not null primary key,
    visibility varchar(8)  not null,
    owner      varchar(32) references accounts (username),
    last_seq   bigint      not null default 0,
    created_at timestamp with time zone not null default current_timestamp
);

-- Members of private rooms (the owner and everyone invited).
create table room_members (
    room       varchar(64) not null references rooms (name),
    username   varchar(32) not null references accounts (username),
    invited_by varchar(32),
    joined_at  timestamp with time zone not null default current_timestamp,
    primary key (room, username)
);

create table messages (
    room       varchar(64) not null references rooms (name),
    seq        bigint      not null,
    id         varchar(36) not null unique,
    sender     varchar(32) not null,
    body       varchar     not null,
    created_at timestamp with time zone not null,
    primary key (room, seq)
);
