#include "services/staff/offices.hpp"

#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "store/audit.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

std::vector<Office> offices_served(db::Connection& c, const Principal& principal) {
  if (!principal.is_staff()) return {};
  return db::in_transaction(c, false, [&](db::Connection& t) { return store::offices_in_scope(t, scope_of(principal)); });
}

Office served_office(db::Connection& c, const Principal& principal, const std::string& office_code,
                     const Client& client, std::int64_t now) {
  if (!principal.is_staff()) throw NotFoundError("指定された安定所はありません。");
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = store::find_office_in_scope(t, office_code, scope_of(principal));
    if (!office) throw NotFoundError("指定された安定所はありません。");
    store::append_audit(t, {now, "staff", principal.id, "staff.office_opened", "office", office->code, office->id,
                            client.ip, ""});
    return *office;
  });
}

}  // namespace yoyaku::services
