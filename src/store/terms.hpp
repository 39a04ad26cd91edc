#pragma once
// 利用規約, versioned per procedure (terms_versions): the latest version is the
// one in force; a booking records the version it was made under.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace yoyaku::store {

struct TermsVersion {
  std::int64_t id = 0;
  std::int64_t procedure_id = 0;
  int version = 0;
  // The text, with {{office_name}}, {{court}}, {{terms_date}} and {{terms_issuer}}
  // standing for the office's parts (domain::fill_terms), and those parts.
  std::string text, court, terms_date, issuer;
  std::int64_t published_at = 0;
  std::optional<std::int64_t> published_by_staff_id;
};

// The version in force: the highest of the procedure (nullopt: none yet).
std::optional<TermsVersion> latest_terms_version(db::Connection& c, std::int64_t procedure_id);
// Which version is in force and since when, without its text: what a booking
// checks and records (read in the writer at every 申込み).
struct TermsStamp {
  std::int64_t id = 0;
  std::int64_t published_at = 0;
};
std::optional<TermsStamp> latest_terms_stamp(db::Connection& c, std::int64_t procedure_id);
std::optional<TermsVersion> find_terms_version(db::Connection& c, std::int64_t id);
// Newest first.
std::vector<TermsVersion> terms_versions_of(db::Connection& c, std::int64_t procedure_id);
// Adds the next version (highest + 1). Call lock_procedure first in the same
// transaction so two publishers queue; UNIQUE (procedure_id, version) backs it.
TermsVersion insert_terms_version(db::Connection& c, const TermsVersion& terms);
// Takes the procedure row's lock (PostgreSQL; SQLite's write transaction already serialises).
void lock_procedure(db::Connection& c, std::int64_t procedure_id);

}  // namespace yoyaku::store
