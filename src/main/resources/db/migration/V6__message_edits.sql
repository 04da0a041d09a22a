-- A room's log holds edits and deletions beside its messages: each takes the room's next
-- seq, names the message it changes (target) and is replayed in order on catch-up. The
-- message's own row keeps its current text, marked edited, or deleted (body emptied).
alter table messages add column kind varchar(8) default 'message' not null;
alter table messages add column target varchar(36);
alter table messages add column edited boolean default false not null;
alter table messages add column deleted boolean default false not null;
