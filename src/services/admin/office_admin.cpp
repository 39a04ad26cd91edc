#include "services/admin/office_admin.hpp"

#include "domain/dates.hpp"
#include "domain/text.hpp"
#include "services/common/errors.hpp"
#include "services/common/scope.hpp"
#include "store/audit.hpp"

namespace yoyaku::services {
namespace {

constexpr int longest_closure_days = 366;
constexpr std::size_t longest_reason = 100;
const std::string no_such_office = "指定された安定所はありません。";

void audit(db::Connection& c, const Principal& principal, const std::string& action, const store::Office& office,
           const Client& client, std::int64_t now, const std::string& detail) {
  store::append_audit(c, {now, "staff", principal.id, action, "office", office.code, office.id, client.ip, detail});
}

struct CheckedClosure {
  store::Closure closure;
  std::string scope_text;  // for the audit log: "office" / "facility 3" / "frame 7"
};

CheckedClosure checked_closure(db::Connection& c, const store::Office& office, const ClosureForm& form,
                               std::int64_t now) {
  std::map<std::string, std::string> errors;
  const domain::Date today = domain::jst_date_of(now);
  auto from = domain::parse_iso_date(domain::trim(form.from));
  auto to = domain::trim(form.to).empty() ? from : domain::parse_iso_date(domain::trim(form.to));
  if (!from) {
    errors["from"] = "開始日を YYYY-MM-DD の形式で入力してください。";
  } else if (domain::days_between(today, *from) < 0) {
    errors["from"] = "開始日は本日以降の日付を入力してください。";
  }
  if (!to) {
    errors["to"] = "終了日を YYYY-MM-DD の形式で入力してください。";
  } else if (from && domain::days_between(*from, *to) < 0) {
    errors["to"] = "終了日は開始日以降の日付を入力してください。";
  } else if (from && domain::days_between(*from, *to) >= longest_closure_days) {
    errors["to"] = "一度に設定できる休業期間は366日までです。";
  }
  std::string reason = domain::trim(form.reason);
  bool plain = domain::is_valid_utf8(reason);
  for (char ch : reason) plain = plain && static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F;
  if (reason.empty()) {
    errors["reason"] = "休業の理由を入力してください。";
  } else if (!plain || domain::count_code_points(reason) > longest_reason) {
    errors["reason"] = "休業の理由は改行を含めず100文字以内で入力してください。";
  }
  CheckedClosure checked;
  checked.scope_text = "office";
  if (form.frame_id) {
    auto frame = store::find_frame(c, *form.frame_id);
    auto procedure = frame ? store::find_procedure(c, frame->procedure_id) : std::nullopt;
    if (!procedure || procedure->office_id != office.id) {
      errors["frame_id"] = "この安定所の予約枠を選択してください。";
    } else {
      checked.closure.frame_id = frame->id;
      checked.scope_text = "frame " + std::to_string(frame->id);
    }
  } else if (form.facility_id) {
    bool found = false;
    for (const auto& facility : store::facilities_of_office(c, office.id)) found = found || facility.id == *form.facility_id;
    if (!found) {
      errors["facility_id"] = "この安定所の施設を選択してください。";
    } else {
      checked.closure.facility_id = form.facility_id;
      checked.scope_text = "facility " + std::to_string(*form.facility_id);
    }
  }
  if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
  checked.closure.office_id = office.id;
  checked.closure.from_date = domain::to_iso(*from);
  checked.closure.to_date = domain::to_iso(*to);
  checked.closure.reason = reason;
  return checked;
}

std::vector<store::ReservationRecord> stranded_by(db::Connection& c, const store::Closure& closure) {
  return stranded_bookings(c, closure.office_id, closure.from_date, closure.to_date,
                           [&](const store::ReservationRecord& r) {
                             if (closure.frame_id) return r.at.frame.id == *closure.frame_id;
                             if (closure.facility_id) return r.at.facility.id == *closure.facility_id;
                             return true;
                           });
}

}  // namespace

store::Office office_to_manage(db::Connection& c, const Principal& principal, const std::string& code) {
  if (!principal.is_staff()) throw NotFoundError(no_such_office);
  auto office = store::find_office_in_scope(c, code, scope_of(principal, StaffRole::manage));
  if (!office) throw NotFoundError(no_such_office);
  return *office;
}

ManagedOffice managed_office(db::Connection& c, const Principal& principal, const std::string& office_code,
                             std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    ManagedOffice managed;
    managed.office = office_to_manage(t, principal, office_code);
    managed.facilities = store::facilities_of_office(t, managed.office.id);
    managed.procedures = store::procedures_of_office(t, managed.office.id);
    for (const auto& procedure : managed.procedures) {
      for (const auto& at : store::frames_of_procedure(t, procedure.id)) {
        managed.frames.push_back({at.frame, procedure.title, at.facility.name});
      }
    }
    managed.closures = store::closures_of_office(t, managed.office.id, domain::to_iso(domain::jst_date_of(now)),
                                                 "9999-12-31");
    return managed;
  });
}

store::Office update_office_contact(db::Connection& c, const Principal& principal, const std::string& office_code,
                                    domain::OfficeContact contact, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);  // not found before invalid: no probing
    auto errors = domain::normalize_office_contact(contact);
    if (!errors.empty()) throw ValidationError("入力内容に誤りがあります。", errors);
    store::set_office_contact(t, office.id, contact, now);
    audit(t, principal, "office.contact_changed", office, client, now, "");
    return *store::find_office(t, office.id);
  });
}

AdministrativeChange add_closure(db::Connection& c, const Principal& principal, const std::string& office_code,
                                 const ClosureForm& form, const Links& links, const Client& client,
                                 std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);
    auto checked = checked_closure(t, office, form, now);
    const auto& closure = checked.closure;
    auto stranded = stranded_by(t, closure);
    AdministrativeChange outcome;
    if (!settle_stranded_bookings(t, principal, stranded, form.bookings, "closure " + closure.from_date, links,
                                  client, now, outcome)) {
      return outcome;  // nothing written: the caller shows the bookings and asks
    }
    store::Closure row = closure;
    row.created_by_staff_id = principal.id;
    row.created_at = now;
    auto id = store::insert_closure(t, row);
    audit(t, principal, "office.closure_added", office, client, now,
          "closure " + std::to_string(id) + " " + checked.scope_text + " " + closure.from_date + ".." +
              closure.to_date + " bookings " + std::to_string(stranded.size()) + " withdrawn " +
              std::to_string(outcome.withdrawn));
    outcome.applied = true;
    outcome.id = id;
    return outcome;
  });
}

std::vector<AffectedBooking> bookings_a_closure_strands(db::Connection& c, const Principal& principal,
                                                        const std::string& office_code, const ClosureForm& form,
                                                        std::int64_t now) {
  return db::in_transaction(c, false, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);
    try {
      return affected_list(stranded_by(t, checked_closure(t, office, form, now).closure));
    } catch (const ValidationError&) {
      return std::vector<AffectedBooking>{};
    }
  });
}

void remove_closure(db::Connection& c, const Principal& principal, const std::string& office_code,
                    std::int64_t closure_id, const Client& client, std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);
    if (!store::delete_closure(t, office.id, closure_id)) throw NotFoundError("指定された休業日はありません。");
    audit(t, principal, "office.closure_removed", office, client, now, "closure " + std::to_string(closure_id));
  });
}

}  // namespace yoyaku::services
