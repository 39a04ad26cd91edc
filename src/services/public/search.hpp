#pragma once
// STEP1 手続き検索: an in-memory index of every procedure, folded for あいまい
//検索 (office name, reading, prefecture, served municipalities, title), so a
// search never scans a table per term. The index reloads itself when the
// procedures or offices change.
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::services {

struct ProcedureQuery {
  std::string text;         // space-separated terms, all must match
  bool synonyms = false;    // 類義語検索を行う
  std::string pref_code;    // "" for all
  std::string kind;         // "" for all, or job_consultation / unemployment_certification
  bool oldest_first = false;  // 受付開始 昇順
  int page = 1;
  int per_page = 10;        // 10, 20 or 50
};

struct ProcedureHit {
  std::int64_t id = 0;
  std::string office_code;
  std::string title;
  std::string pref_code;
  std::string kind;
  std::int64_t reception_start_at = 0;
  std::optional<std::int64_t> reception_end_at;
  std::string office_reading;  // hiragana, for the rōmaji of English pages
};

struct ProcedurePage {
  std::int64_t total = 0;
  int page = 1;
  int per_page = 10;
  int pages = 1;
  std::vector<ProcedureHit> items;
};

struct Prefecture {
  std::string code;
  std::string name;
};

class ProcedureCatalog {
 public:
  explicit ProcedureCatalog(db::Pool& pool);
  ~ProcedureCatalog();
  ProcedurePage search(const ProcedureQuery& query);
  std::vector<Prefecture> prefectures();
  // Loads the index again if the procedures or offices changed since.
  void refresh_if_changed();

 private:
  struct Index;
  std::shared_ptr<const Index> current();
  db::Pool& pool_;
  std::shared_mutex mutex_;
  std::shared_ptr<const Index> index_;
  std::string loaded_version_;
  std::int64_t checked_at_ms_ = 0;
};

}  // namespace yoyaku::services
