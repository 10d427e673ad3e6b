-- The dashboard's task search (app/web, store/web-pages.ts): code, title and objective folded once per
-- write (lower case, Vietnamese diacritics removed, spaces collapsed) into task.search_text, searched
-- with LIKE through a trigram index. pg_trgm ships with PostgreSQL (contrib) and is a trusted
-- extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The same letters as foldQuery in store/web-pages.ts (both cases here, so the fold does not depend on
-- the database's locale for lower()).
CREATE OR REPLACE FUNCTION dashboard_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    translate(lower(normalize(coalesce(input, ''), NFC)),
      'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
      'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'),
    '\s+', ' ', 'g'))
$$;

-- The folded text is a stored generated column: every insert and update of code, title or objective
-- refolds it, whoever writes the row.
ALTER TABLE "task" ADD COLUMN "search_text" TEXT
  GENERATED ALWAYS AS (dashboard_fold("code" || ' ' || "title" || ' ' || coalesce("objective", ''))) STORED;

-- CreateIndex
CREATE INDEX "task_search_text_idx" ON "task" USING GIN ("search_text" gin_trgm_ops);
