-- The rooms in each user's sidebar, with how far the user has read each (by seq): a
-- room's unread count is the others' messages after read_seq, the same on every device.
-- A hidden room stays out of the sidebar until it has unread messages or is opened.
create table user_rooms (
    username varchar(32) not null references accounts (username),
    room     varchar(64) not null references rooms (name),
    read_seq bigint      default 0 not null,
    hidden   boolean     default false not null,
    primary key (username, room)
);
create index user_rooms_room on user_rooms (room);

-- Members of private rooms have them in their sidebar from the start.
insert into user_rooms (username, room) select username, room from room_members;
