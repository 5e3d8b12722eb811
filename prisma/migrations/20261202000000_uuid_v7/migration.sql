-- Time-ordered ids (UUID version 7: 48 bits of Unix milliseconds, then random bits), like the ids
-- Ponte makes itself, for rows a set-based statement creates (the status calls that follow a
-- contract event). PostgreSQL 15 has no uuidv7().
CREATE FUNCTION "ponte_uuid_v7"() RETURNS UUID
LANGUAGE sql VOLATILE PARALLEL SAFE
AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
