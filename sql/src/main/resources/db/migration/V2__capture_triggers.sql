-- The capture contract: every change of posts and comments, by any client, becomes change_log rows.
--  * SET @sync_capture_off = 1 on a connection keeps that connection's writes out of the log
--    (the import, and the export when it stores a remote id); other connections are unaffected.
--  * An UPDATE that changes none of the synced columns logs nothing (remote_id and the timestamps
--    are bookkeeping, not remote state).
--  * Changing a primary key logs DELETE of the old id and CREATE of the new one.
--  * MySQL fires no triggers for foreign-key cascades, so deleting a post first deletes its comments
--    explicitly (BEFORE DELETE), which fires their own triggers and logs each comment's deletion.
-- Payloads use JSONPlaceholder's field names plus remoteId.

CREATE TRIGGER posts_after_insert AFTER INSERT ON posts FOR EACH ROW
BEGIN
    IF COALESCE(@sync_capture_off, 0) = 0 THEN
        INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
        VALUES ('POST', NEW.id, 'CREATE',
                JSON_OBJECT('id', NEW.id, 'userId', NEW.user_id, 'title', NEW.title, 'body', NEW.body,
                            'remoteId', NEW.remote_id),
                NOW(6));
    END IF;
END;

CREATE TRIGGER posts_after_update AFTER UPDATE ON posts FOR EACH ROW
BEGIN
    IF COALESCE(@sync_capture_off, 0) = 0 THEN
        IF NOT (OLD.id <=> NEW.id) THEN
            INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
            VALUES ('POST', OLD.id, 'DELETE',
                    JSON_OBJECT('id', OLD.id, 'userId', OLD.user_id, 'title', OLD.title, 'body', OLD.body,
                                'remoteId', OLD.remote_id),
                    NOW(6)),
                   ('POST', NEW.id, 'CREATE',
                    JSON_OBJECT('id', NEW.id, 'userId', NEW.user_id, 'title', NEW.title, 'body', NEW.body,
                                'remoteId', NULL),
                    NOW(6));
        ELSEIF NOT (OLD.user_id <=> NEW.user_id AND OLD.title <=> NEW.title AND OLD.body <=> NEW.body) THEN
            INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
            VALUES ('POST', NEW.id, 'UPDATE',
                    JSON_OBJECT('id', NEW.id, 'userId', NEW.user_id, 'title', NEW.title, 'body', NEW.body,
                                'remoteId', NEW.remote_id),
                    NOW(6));
        END IF;
    END IF;
END;

CREATE TRIGGER posts_before_delete BEFORE DELETE ON posts FOR EACH ROW
BEGIN
    -- not subject to @sync_capture_off: the comments' own triggers decide whether to log
    DELETE FROM comments WHERE post_id = OLD.id ORDER BY id;
END;

CREATE TRIGGER posts_after_delete AFTER DELETE ON posts FOR EACH ROW
BEGIN
    IF COALESCE(@sync_capture_off, 0) = 0 THEN
        INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
        VALUES ('POST', OLD.id, 'DELETE',
                JSON_OBJECT('id', OLD.id, 'userId', OLD.user_id, 'title', OLD.title, 'body', OLD.body,
                            'remoteId', OLD.remote_id),
                NOW(6));
    END IF;
END;

CREATE TRIGGER comments_after_insert AFTER INSERT ON comments FOR EACH ROW
BEGIN
    IF COALESCE(@sync_capture_off, 0) = 0 THEN
        INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
        VALUES ('COMMENT', NEW.id, 'CREATE',
                JSON_OBJECT('id', NEW.id, 'postId', NEW.post_id, 'name', NEW.name, 'email', NEW.email,
                            'body', NEW.body, 'remoteId', NEW.remote_id),
                NOW(6));
    END IF;
END;

CREATE TRIGGER comments_after_update AFTER UPDATE ON comments FOR EACH ROW
BEGIN
    IF COALESCE(@sync_capture_off, 0) = 0 THEN
        IF NOT (OLD.id <=> NEW.id) THEN
            INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
            VALUES ('COMMENT', OLD.id, 'DELETE',
                    JSON_OBJECT('id', OLD.id, 'postId', OLD.post_id, 'name', OLD.name, 'email', OLD.email,
                                'body', OLD.body, 'remoteId', OLD.remote_id),
                    NOW(6)),
                   ('COMMENT', NEW.id, 'CREATE',
                    JSON_OBJECT('id', NEW.id, 'postId', NEW.post_id, 'name', NEW.name, 'email', NEW.email,
                                'body', NEW.body, 'remoteId', NULL),
                    NOW(6));
        ELSEIF NOT (OLD.post_id <=> NEW.post_id AND OLD.name <=> NEW.name AND OLD.email <=> NEW.email
                    AND OLD.body <=> NEW.body) THEN
            INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
            VALUES ('COMMENT', NEW.id, 'UPDATE',
                    JSON_OBJECT('id', NEW.id, 'postId', NEW.post_id, 'name', NEW.name, 'email', NEW.email,
                                'body', NEW.body, 'remoteId', NEW.remote_id),
                    NOW(6));
        END IF;
    END IF;
END;

CREATE TRIGGER comments_after_delete AFTER DELETE ON comments FOR EACH ROW
BEGIN
    IF COALESCE(@sync_capture_off, 0) = 0 THEN
        INSERT INTO change_log (entity, entity_id, op, payload, changed_at)
        VALUES ('COMMENT', OLD.id, 'DELETE',
                JSON_OBJECT('id', OLD.id, 'postId', OLD.post_id, 'name', OLD.name, 'email', OLD.email,
                            'body', OLD.body, 'remoteId', OLD.remote_id),
                NOW(6));
    END IF;
END;
