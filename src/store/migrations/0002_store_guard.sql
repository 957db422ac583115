-- A table that stays empty. The D1 adapter has atomic batches but cannot read inside them, so a
-- batch that was planned on rows it read earlier starts with a guard: it inserts a row here only
-- when those rows changed meanwhile, the CHECK fails, the whole batch rolls back and is replanned.
CREATE TABLE store_guard (
  lost_race TEXT,
  CONSTRAINT store_guard_lost_race CHECK (lost_race IS NULL)
);
