-- The id a client chose for a message: a retried send with the same id from the same
-- user is the same message, stored once.
alter table messages add column client_id varchar(64);
alter table messages add constraint messages_sender_client_id unique (sender, client_id);
