-- Matter numbers per county and year (matter codes 620602-2027-000001). The sequence of a year is
-- made the first time that year needs one. This function does it with its owner's rights, so the
-- server's own database role needs no CREATE on the schema (docs/DEPLOY.md: the application role can
-- neither create objects nor disarm the event log). Concurrent first intakes of a year: the loser of
-- the race to create finds it made (unique_violation or duplicate_table) and numbers from it.
create or replace function zz_reserve_matter_numbers(seq_name text, n integer) returns bigint
  language plpgsql
  security definer
  set search_path = public, pg_temp
as $$
declare
  last bigint;
begin
  if seq_name !~ '^matter_seq_[0-9]{6}_[0-9]{4}$' or n is null or n < 1 then
    raise exception 'invalid matter number request: %, %', seq_name, n using errcode = '22023';
  end if;
  if to_regclass(seq_name) is null then
    begin
      execute format('create sequence %I', seq_name);
    exception when unique_violation or duplicate_table then
      null;
    end;
  end if;
  last := nextval(seq_name::regclass);
  if n > 1 then
    last := setval(seq_name::regclass, last + n - 1);
  end if;
  return last;
end
$$;
