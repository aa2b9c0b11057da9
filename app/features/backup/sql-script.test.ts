import { describe, expect, it } from 'vitest'

import { batches, portableStatements, splitStatements } from './sql-script'

describe('splitStatements', () => {
  it('ends statements at semicolons outside quotes, quoted names, dollar quotes and comments', () => {
    const script = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
      'CREATE TABLE "odd;name" (x int);',
      'CREATE FUNCTION f() RETURNS int AS $_$ SELECT 1; $_$ LANGUAGE sql;',
      '-- a comment; with a semicolon',
      '/* block; comment */ SELECT 2;',
    ].join('\n')
    expect([...splitStatements(script)]).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
      'CREATE TABLE "odd;name" (x int);',
      'CREATE FUNCTION f() RETURNS int AS $_$ SELECT 1; $_$ LANGUAGE sql;',
      '-- a comment; with a semicolon\n/* block; comment */ SELECT 2;',
    ])
  })

  it('drops what PostgreSQL 15 rejects in a PostgreSQL 18 dump', () => {
    const script =
      'SET statement_timeout = 0;\nSET transaction_timeout = 0;\n\\restrict abc\nSELECT 1;\n\\unrestrict abc\n'
    expect([...portableStatements(script)]).toEqual(['SET statement_timeout = 0;', 'SELECT 1;'])
  })

  it('groups statements into batches', () => {
    expect([...batches(['a;', 'b;', 'c;'], 4)]).toEqual(['a;\nb;', 'c;'])
  })
})
