-- Hand-written (staging is outside schema.prisma): erasing a withdrawn member nulls the personal
-- columns of every staged row of that member; without this index each withdrawal batch scanned
-- the whole staging.member table (millions of rows once a bench-scale base is loaded).
CREATE INDEX member_division_member_no_idx ON staging.member (division, member_no);
