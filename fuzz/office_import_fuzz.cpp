// The office CSV import (services::import_offices_csv, `yoyaku import-offices`)
// against an in-memory SQLite database that holds the real office list. Each
// input runs inside a savepoint that is rolled back, so runs do not affect
// each other.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "db/database.hpp"
#include "fuzz_check.hpp"
#include "services/admin/office_import.hpp"
#include "services/common/errors.hpp"
#include "store/migrations.hpp"

using namespace yoyaku;

namespace {

constexpr std::int64_t now = 1'790'000'000;

// A connection whose transactions are savepoints inside the harness's own transaction.
class SavepointConnection final : public db::Connection {
 public:
  explicit SavepointConnection(db::Connection& inner) : inner_(inner) {}
  db::Dialect dialect() const override { return inner_.dialect(); }
  db::Rows query(std::string_view sql, const std::vector<db::Value>& params) override {
    return inner_.query(sql, params);
  }
  void execute_script(std::string_view sql) override { inner_.execute_script(sql); }
  std::int64_t changes() const override { return inner_.changes(); }
  void begin(bool) override { inner_.execute_script("SAVEPOINT fuzz_import"); }
  void commit() override { inner_.execute_script("RELEASE fuzz_import"); }
  void rollback() override { inner_.execute_script("ROLLBACK TO fuzz_import; RELEASE fuzz_import"); }
  void ping() override { inner_.ping(); }

 private:
  db::Connection& inner_;
};

db::Connection& database() {
  static std::unique_ptr<db::Connection> connection = [] {
    auto c = db::connect("sqlite::memory:");
    store::migrate(*c, now);
    std::ifstream file(YOYAKU_SOURCE_DIR "/data/hellowork-offices.csv", std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    auto result = services::import_offices_csv(*c, text.str(), now);
    FUZZ_CHECK(result.inserted > 500);
    return c;
  }();
  return *connection;
}

services::OfficeImportResult import(db::Connection& c, std::string_view csv) {
  SavepointConnection savepoint(c);
  return services::import_offices_csv(savepoint, csv, now);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view csv = fuzz::as_text(data, size);
  db::Connection& c = database();
  c.begin(true);
  try {
    auto first = import(c, csv);
    FUZZ_CHECK(first.rows == first.inserted + first.updated + first.unchanged);
    // Importing the same file again changes nothing.
    auto second = import(c, csv);
    FUZZ_CHECK(second.rows == first.rows);
    FUZZ_CHECK(second.inserted == 0 && second.updated == 0 && second.contacts_updated == 0 &&
               second.procedures_renamed == 0);
  } catch (const services::ValidationError&) {
    // A bad file is refused with a message naming the line: expected.
  }
  // Anything else (a database error, std::out_of_range …) escapes and is reported as a crash.
  c.rollback();
  return 0;
}
