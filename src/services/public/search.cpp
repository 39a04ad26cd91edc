#include "services/public/search.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>

#include "domain/search_text.hpp"
#include "util/embedded_files.hpp"

namespace yoyaku::services {
namespace {

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

const std::vector<std::vector<std::string>>& synonym_groups() {
  static const auto groups = domain::parse_synonym_groups(embedded_file("data/synonyms.txt").value_or(""));
  return groups;
}

// The words a term stands for: itself, and with 類義語検索 its synonyms.
std::vector<std::string> alternatives(const std::string& term, bool synonyms) {
  std::vector<std::string> words = {term};
  if (!synonyms) return words;
  for (const auto& group : synonym_groups()) {
    if (std::find(group.begin(), group.end(), term) != group.end()) {
      for (const auto& word : group) {
        if (word != term) words.push_back(word);
      }
    }
  }
  return words;
}

}  // namespace

struct ProcedureCatalog::Index {
  struct Entry {
    ProcedureHit hit;
    std::string haystack;  // folded text every term is looked for in
  };
  std::vector<Entry> entries;
  std::vector<Prefecture> prefectures;
};

ProcedureCatalog::ProcedureCatalog(db::Pool& pool) : pool_(pool) {}
ProcedureCatalog::~ProcedureCatalog() = default;

void ProcedureCatalog::refresh_if_changed() {
  auto lease = pool_.acquire();
  // A cheap fingerprint of what the index is built from.
  auto row = lease->query_one(
      "SELECT (SELECT COUNT(*) FROM procedures), (SELECT COALESCE(MAX(updated_at), 0) FROM procedures),"
      " (SELECT COUNT(*) FROM offices), (SELECT COALESCE(MAX(updated_at), 0) FROM offices)");
  std::string version = row->text(0) + "/" + row->text(1) + "/" + row->text(2) + "/" + row->text(3);
  {
    std::shared_lock lock(mutex_);
    if (index_ && version == loaded_version_) return;
  }
  auto index = std::make_shared<Index>();
  std::map<std::string, std::string> prefectures;
  for (const auto& r : lease->query(
           "SELECT p.id, o.code, p.title, o.pref_code, p.kind, p.reception_start_at, p.reception_end_at,"
           " o.name, o.short_name, o.reading, o.pref_name, o.municipalities"
           " FROM procedures p JOIN offices o ON o.id = p.office_id")) {
    Index::Entry entry;
    entry.hit = {r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5), r.optional_integer(6), r.text(9)};
    entry.haystack = domain::fold_for_search(r.text(2) + " " + r.text(7) + " " + r.text(8) + " " + r.text(9) + " " +
                                             r.text(10) + " " + r.text(11));
    prefectures[r.text(3)] = r.text(10);
    index->entries.push_back(std::move(entry));
  }
  for (const auto& [code, name] : prefectures) index->prefectures.push_back({code, name});
  std::unique_lock lock(mutex_);
  index_ = std::move(index);
  loaded_version_ = version;
}

std::shared_ptr<const ProcedureCatalog::Index> ProcedureCatalog::current() {
  const std::int64_t now = steady_ms();
  bool stale;
  {
    std::shared_lock lock(mutex_);
    stale = !index_ || now - checked_at_ms_ > 5000;
  }
  if (stale) {
    refresh_if_changed();
    std::unique_lock lock(mutex_);
    checked_at_ms_ = now;
  }
  std::shared_lock lock(mutex_);
  return index_;
}

std::vector<Prefecture> ProcedureCatalog::prefectures() { return current()->prefectures; }

ProcedurePage ProcedureCatalog::search(const ProcedureQuery& query) {
  auto index = current();
  std::vector<std::vector<std::string>> terms;
  for (const auto& term : domain::search_terms(query.text)) terms.push_back(alternatives(term, query.synonyms));
  std::vector<const ProcedureHit*> matches;
  for (const auto& entry : index->entries) {
    if (!query.pref_code.empty() && entry.hit.pref_code != query.pref_code) continue;
    if (!query.kind.empty() && entry.hit.kind != query.kind) continue;
    bool all = std::all_of(terms.begin(), terms.end(), [&](const auto& words) {
      return std::any_of(words.begin(), words.end(),
                         [&](const std::string& w) { return entry.haystack.find(w) != std::string::npos; });
    });
    if (all) matches.push_back(&entry.hit);
  }
  std::sort(matches.begin(), matches.end(), [&](const ProcedureHit* a, const ProcedureHit* b) {
    if (a->reception_start_at != b->reception_start_at) {
      return query.oldest_first ? a->reception_start_at < b->reception_start_at
                                : a->reception_start_at > b->reception_start_at;
    }
    return a->office_code != b->office_code ? a->office_code < b->office_code : a->id < b->id;
  });
  ProcedurePage page;
  page.per_page = (query.per_page == 20 || query.per_page == 50) ? query.per_page : 10;
  page.total = static_cast<std::int64_t>(matches.size());
  page.pages = std::max<int>(1, static_cast<int>((page.total + page.per_page - 1) / page.per_page));
  page.page = std::clamp(query.page, 1, page.pages);
  const std::size_t begin = static_cast<std::size_t>(page.page - 1) * page.per_page;
  for (std::size_t i = begin; i < matches.size() && i < begin + page.per_page; ++i) page.items.push_back(*matches[i]);
  return page;
}

}  // namespace yoyaku::services
