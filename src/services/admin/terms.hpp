#pragma once
// 利用規約 versions of a procedure, run by the managers of its office and by
// administrators (anyone else: "not found", checked in the SQL). Publishing a
// version makes it the one in force for bookings made from then on, and posts
// a お知らせ for the office at once (leaflet 第13条: users are told of changes
// to the terms, of the new terms and of when they take effect). Audit-logged.
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "domain/notices.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/catalog.hpp"
#include "store/terms.hpp"

namespace yoyaku::services {

using TermsVersion = store::TermsVersion;

struct ProcedureTerms {
  store::Procedure procedure;
  store::Office office;
  std::vector<TermsVersion> versions;  // newest first
};

// Throws NotFoundError.
ProcedureTerms procedure_terms(db::Connection& c, const Principal& principal, std::int64_t procedure_id);

struct PublishedTerms {
  TermsVersion version;
  std::int64_t notice_id = 0;
};
// Throws ValidationError (fields: text, court, terms_date, issuer), NotFoundError.
PublishedTerms publish_terms(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                             const domain::TermsInput& input, const Client& client, std::int64_t now);

// The title of the お知らせ that publishing posts.
inline const std::string terms_notice_title = "利用規約の改定について";

}  // namespace yoyaku::services
