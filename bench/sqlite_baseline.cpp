// The raw rate of a booking's kind of write transaction on SQLite, with no
// server around it: the baseline scripts/bench.sh sets the HTTP booking rate
// against. Each transaction is what placing a hold does at its core:
// BEGIN IMMEDIATE, a conditional UPDATE of a slot's seat count, an INSERT,
// COMMIT — on a WAL database with the server's settings.
//
//   sqlite_baseline FILE SECONDS [normal|full]   prints "<transactions per second>"
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void run(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "%s: %s\n", sql, error ? error : "?");
    std::exit(1);
  }
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
    std::exit(1);
  }
  return statement;
}

void step(sqlite3_stmt* statement) {
  if (sqlite3_step(statement) != SQLITE_DONE) {
    std::fprintf(stderr, "step: %s\n", sqlite3_errmsg(sqlite3_db_handle(statement)));
    std::exit(1);
  }
  sqlite3_reset(statement);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: sqlite_baseline FILE SECONDS [normal|full]\n");
    return 2;
  }
  const double seconds = std::atof(argv[2]);
  const std::string synchronous = argc > 3 ? argv[3] : "normal";
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
  run(db, "PRAGMA journal_mode = WAL");
  run(db, ("PRAGMA synchronous = " + synchronous).c_str());
  run(db, "PRAGMA foreign_keys = ON");
  run(db, "CREATE TABLE IF NOT EXISTS slots (id INTEGER PRIMARY KEY, capacity INTEGER NOT NULL, taken INTEGER NOT NULL)");
  run(db, "CREATE TABLE IF NOT EXISTS holds (id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE,"
          " slot_id INTEGER NOT NULL REFERENCES slots(id), user_id INTEGER NOT NULL, created_at INTEGER NOT NULL,"
          " expires_at INTEGER NOT NULL, released_at INTEGER)");
  run(db, "CREATE INDEX IF NOT EXISTS holds_slot ON holds(slot_id, released_at)");
  run(db, "BEGIN; DELETE FROM holds; DELETE FROM slots;"
          " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
          " INSERT INTO slots SELECT i, 1000000, 0 FROM n; COMMIT");

  sqlite3_stmt* begin = prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* take = prepare(db, "UPDATE slots SET taken = taken + 1 WHERE id = ? AND taken < capacity");
  sqlite3_stmt* insert = prepare(db, "INSERT INTO holds (public_id, slot_id, user_id, created_at, expires_at)"
                                     " VALUES (?, ?, ?, ?, ?)");
  sqlite3_stmt* commit = prepare(db, "COMMIT");

  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  long transactions = 0;
  while (std::chrono::steady_clock::now() < until) {
    for (int i = 0; i < 100; ++i, ++transactions) {
      const sqlite3_int64 slot = 1 + transactions % 10000;
      step(begin);
      sqlite3_bind_int64(take, 1, slot);
      step(take);
      const std::string public_id = "h" + std::to_string(transactions);
      sqlite3_bind_text(insert, 1, public_id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 2, slot);
      sqlite3_bind_int64(insert, 3, transactions % 32);
      sqlite3_bind_int64(insert, 4, 1767225600 + transactions);
      sqlite3_bind_int64(insert, 5, 1767229200 + transactions);
      step(insert);
      step(commit);
    }
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.0f\n", transactions / elapsed);
  sqlite3_finalize(begin);
  sqlite3_finalize(take);
  sqlite3_finalize(insert);
  sqlite3_finalize(commit);
  sqlite3_close(db);
  return 0;
}
