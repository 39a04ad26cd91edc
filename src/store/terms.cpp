#include "store/terms.hpp"

#include "store/table.hpp"

namespace yoyaku::store {
namespace {

using T = TermsVersion;
const Table<T> terms_table{"terms_versions",
                           {{"id", &T::id}, {"procedure_id", &T::procedure_id}, {"version", &T::version},
                            {"text", &T::text}, {"court", &T::court}, {"terms_date", &T::terms_date},
                            {"issuer", &T::issuer}, {"published_at", &T::published_at},
                            {"published_by_staff_id", &T::published_by_staff_id}}};

const Table<TermsStamp> terms_stamp_table{
    "terms_versions", {{"id", &TermsStamp::id}, {"published_at", &TermsStamp::published_at}}};

}  // namespace

std::optional<TermsVersion> latest_terms_version(db::Connection& c, std::int64_t procedure_id) {
  return terms_table.find(c, "WHERE procedure_id = ? ORDER BY version DESC LIMIT 1", {procedure_id});
}

std::optional<TermsStamp> latest_terms_stamp(db::Connection& c, std::int64_t procedure_id) {
  return terms_stamp_table.find(c, "WHERE procedure_id = ? ORDER BY version DESC LIMIT 1", {procedure_id});
}

std::optional<TermsVersion> find_terms_version(db::Connection& c, std::int64_t id) {
  return terms_table.find(c, "WHERE id = ?", {id});
}

std::vector<TermsVersion> terms_versions_of(db::Connection& c, std::int64_t procedure_id) {
  return terms_table.find_all(c, "WHERE procedure_id = ? ORDER BY version DESC", {procedure_id});
}

TermsVersion insert_terms_version(db::Connection& c, const TermsVersion& t) {
  auto latest = latest_terms_version(c, t.procedure_id);
  const std::int64_t version = latest ? latest->version + 1 : 1;
  auto row = c.query_one(
      "INSERT INTO terms_versions (procedure_id, version, text, court, terms_date, issuer, published_at,"
      " published_by_staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {t.procedure_id, version, t.text, t.court, t.terms_date, t.issuer, t.published_at,
       optional_value(t.published_by_staff_id)});
  TermsVersion inserted = t;
  inserted.id = row->integer(0);
  inserted.version = static_cast<int>(version);
  return inserted;
}

void lock_procedure(db::Connection& c, std::int64_t procedure_id) {
  if (c.dialect() == db::Dialect::postgresql) c.query("SELECT id FROM procedures WHERE id = ? FOR UPDATE", {procedure_id});
}

}  // namespace yoyaku::store
