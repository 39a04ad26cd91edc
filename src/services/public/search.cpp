#include "services/public/search.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

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
  // The entries in each order a search can ask for, sorted once here.
  std::vector<std::uint32_t> oldest_first, newest_first;
  // Every 3-byte sequence of the haystacks → the entries holding it, ascending.
  // A word of three bytes or more can only be in the entries listed under each
  // of its trigrams, so a search reads the shortest such list instead of
  // scanning every haystack (find() over UTF-8 Japanese, where most characters
  // share a lead byte, was half of a search's time).
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> trigrams;

  static std::uint32_t trigram_at(std::string_view text, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[at])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(text[at + 1])) << 8 |
           static_cast<unsigned char>(text[at + 2]);
  }

  void build() {
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const std::string& text = entries[i].haystack;
      for (std::size_t at = 0; at + 3 <= text.size(); ++at) {
        auto& list = trigrams[trigram_at(text, at)];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
      oldest_first.push_back(i);
    }
    newest_first = oldest_first;
    // By 受付開始 (either way), then office number and id.
    auto by_reception = [&](bool oldest) {
      return [&, oldest](std::uint32_t a, std::uint32_t b) {
        const auto &x = entries[a].hit, &y = entries[b].hit;
        if (x.reception_start_at != y.reception_start_at) {
          return oldest == (x.reception_start_at < y.reception_start_at);
        }
        return x.office_code != y.office_code ? x.office_code < y.office_code : x.id < y.id;
      };
    };
    std::sort(oldest_first.begin(), oldest_first.end(), by_reception(true));
    std::sort(newest_first.begin(), newest_first.end(), by_reception(false));
  }

  // The entries that may hold `word` (a superset), or nullopt when the word is
  // too short to narrow anything down.
  std::optional<std::vector<std::uint32_t>> candidates_for(std::string_view word) const {
    if (word.size() < 3) return std::nullopt;
    static const std::vector<std::uint32_t> none;
    const std::vector<std::uint32_t>* shortest = nullptr;
    for (std::size_t at = 0; at + 3 <= word.size(); ++at) {
      auto found = trigrams.find(trigram_at(word, at));
      const auto* list = found == trigrams.end() ? &none : &found->second;
      if (!shortest || list->size() < shortest->size()) shortest = list;
      if (shortest->empty()) break;
    }
    return *shortest;
  }

  // The entries that may hold one of a term's words (a superset), or nullopt
  // when any of its words cannot narrow the search.
  std::optional<std::vector<std::uint32_t>> candidates_for(const std::vector<std::string>& words) const {
    std::vector<std::uint32_t> merged;
    for (const auto& word : words) {
      auto some = candidates_for(std::string_view(word));
      if (!some) return std::nullopt;
      std::vector<std::uint32_t> both;
      std::set_union(merged.begin(), merged.end(), some->begin(), some->end(), std::back_inserter(both));
      merged = std::move(both);
    }
    return merged;
  }
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
  index->build();
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
  // Only the entries that may hold the most selective term are looked at.
  std::optional<std::vector<std::uint32_t>> narrowest;
  for (const auto& words : terms) {
    auto candidates = index->candidates_for(words);
    if (candidates && (!narrowest || candidates->size() < narrowest->size())) narrowest = std::move(candidates);
  }
  std::vector<char> may_match;
  if (narrowest) {
    may_match.assign(index->entries.size(), 0);
    for (auto i : *narrowest) may_match[i] = 1;
  }
  std::vector<const ProcedureHit*> matches;
  for (auto i : query.oldest_first ? index->oldest_first : index->newest_first) {
    if (narrowest && !may_match[i]) continue;
    const auto& entry = index->entries[i];
    if (!query.pref_code.empty() && entry.hit.pref_code != query.pref_code) continue;
    if (!query.kind.empty() && entry.hit.kind != query.kind) continue;
    bool all = std::all_of(terms.begin(), terms.end(), [&](const auto& words) {
      return std::any_of(words.begin(), words.end(),
                         [&](const std::string& w) { return entry.haystack.find(w) != std::string::npos; });
    });
    if (all) matches.push_back(&entry.hit);
  }
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
