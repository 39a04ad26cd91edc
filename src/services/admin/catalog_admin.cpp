#include "services/admin/catalog_admin.hpp"

#include "services/admin/office_admin.hpp"
#include "services/common/errors.hpp"
#include "store/audit.hpp"

namespace yoyaku::services {
namespace {

const std::string invalid = "入力内容に誤りがあります。";

void audit(db::Connection& c, const Principal& principal, const std::string& action, const std::string& kind,
           std::int64_t id, const store::Office& office, const Client& client, std::int64_t now,
           const std::string& detail) {
  store::append_audit(c, {now, "staff", principal.id, action, kind, std::to_string(id), office.id, client.ip, detail});
}

// The office of `office_id` if the principal may manage it; NotFoundError(message) otherwise.
store::Office managed_office_of(db::Connection& c, const Principal& principal, std::optional<std::int64_t> office_id,
                                const std::string& message) {
  auto office = office_id ? store::find_office(c, *office_id) : std::nullopt;
  if (!office) throw NotFoundError(message);
  try {
    return office_to_manage(c, principal, office->code);
  } catch (const NotFoundError&) {
    throw NotFoundError(message);
  }
}

ManagedProcedure procedure_in_scope(db::Connection& c, const Principal& principal, std::int64_t id) {
  const std::string message = "指定された手続きはありません。";
  auto procedure = store::find_procedure(c, id);
  auto office = managed_office_of(c, principal, procedure ? std::optional(procedure->office_id) : std::nullopt, message);
  return {*procedure, office};
}

ManagedFacility facility_in_scope(db::Connection& c, const Principal& principal, std::int64_t id) {
  const std::string message = "指定された施設はありません。";
  auto facility = store::find_facility(c, id);
  auto office = managed_office_of(c, principal, facility ? std::optional(facility->office_id) : std::nullopt, message);
  return {*facility, office};
}

// The checked values into `p` (kind, title, …; not the terms).
void apply(const domain::ProcedureValues& v, store::Procedure& p) {
  p.kind = v.kind;
  p.title = v.title;
  p.description = v.description;
  p.contact_name = v.contact_name;
  p.contact_phone = v.contact_phone;
  p.contact_fax = v.contact_fax;
  p.contact_email = v.contact_email;
  p.reception_start_at = v.reception_start_at;
  p.reception_end_at = v.reception_end_at;
  p.booking_opens_days_before = v.booking_opens_days_before;
  p.booking_closes_days_before = v.booking_closes_days_before;
  p.change_deadline_days_before = v.change_deadline_days_before;
  p.meeting_link_minutes_before = v.meeting_link_minutes_before;
}

domain::ProcedureValues checked_procedure(db::Connection& c, const store::Office& office,
                                          const domain::ProcedureInput& input, std::int64_t procedure_id) {
  auto checked = domain::check_procedure(input);
  if (!checked.errors.count("kind") &&
      store::procedure_kind_taken(c, office.id, checked.values.kind, procedure_id)) {
    checked.errors["kind"] = "この安定所にはこの種類の手続きがすでにあります（種類ごとに1つまで）。既存の手続きを編集してください。";
  }
  if (!checked.errors.empty()) throw ValidationError(invalid, checked.errors);
  return checked.values;
}

store::Facility checked_facility(db::Connection& c, const store::Office& office, const domain::FacilityInput& input,
                                 std::int64_t facility_id) {
  auto checked = domain::check_facility(input);
  if (!checked.errors.count("name") && store::facility_name_taken(c, office.id, checked.values.name, facility_id)) {
    checked.errors["name"] = "この安定所には同じ名前の施設があります。別の名前を入力してください。";
  }
  if (!checked.errors.empty()) throw ValidationError(invalid, checked.errors);
  const auto& v = checked.values;
  return {facility_id, office.id, v.name, v.address, v.phone, v.opening_hours, v.map_url};
}

}  // namespace

ManagedProcedure managed_procedure(db::Connection& c, const Principal& principal, std::int64_t procedure_id) {
  return db::in_transaction(c, false, [&](db::Connection& t) { return procedure_in_scope(t, principal, procedure_id); });
}

ManagedFacility managed_facility(db::Connection& c, const Principal& principal, std::int64_t facility_id) {
  return db::in_transaction(c, false, [&](db::Connection& t) { return facility_in_scope(t, principal, facility_id); });
}

std::int64_t create_procedure(db::Connection& c, const Principal& principal, const std::string& office_code,
                              const domain::ProcedureInput& input, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);
    auto values = checked_procedure(t, office, input, 0);
    store::Procedure procedure;
    auto existing = store::procedures_of_office(t, office.id);
    if (!existing.empty()) procedure = existing.front();  // its terms and the office's parts of them
    procedure.id = 0;
    procedure.office_id = office.id;
    apply(values, procedure);
    const auto id = store::insert_procedure(t, procedure, now);
    audit(t, principal, "procedure.created", "procedure", id, office, client, now, procedure.kind);
    return id;
  });
}

void update_procedure(db::Connection& c, const Principal& principal, std::int64_t procedure_id,
                      const domain::ProcedureInput& input, const Client& client, std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto managed = procedure_in_scope(t, principal, procedure_id);
    auto values = checked_procedure(t, managed.office, input, procedure_id);
    auto procedure = managed.procedure;
    apply(values, procedure);
    store::update_procedure(t, procedure, now);
    const auto& old = managed.procedure;
    audit(t, principal, "procedure.changed", "procedure", procedure_id, managed.office, client, now,
          "window " + std::to_string(old.booking_opens_days_before) + "/" +
              std::to_string(old.booking_closes_days_before) + "/" + std::to_string(old.change_deadline_days_before) +
              " -> " + std::to_string(procedure.booking_opens_days_before) + "/" +
              std::to_string(procedure.booking_closes_days_before) + "/" +
              std::to_string(procedure.change_deadline_days_before));
  });
}

std::int64_t create_facility(db::Connection& c, const Principal& principal, const std::string& office_code,
                             const domain::FacilityInput& input, const Client& client, std::int64_t now) {
  return db::in_transaction(c, true, [&](db::Connection& t) {
    auto office = office_to_manage(t, principal, office_code);
    auto facility = checked_facility(t, office, input, 0);
    const auto id = store::insert_facility(t, facility);
    audit(t, principal, "facility.created", "facility", id, office, client, now, facility.name);
    return id;
  });
}

void update_facility(db::Connection& c, const Principal& principal, std::int64_t facility_id,
                     const domain::FacilityInput& input, const Client& client, std::int64_t now) {
  db::in_transaction(c, true, [&](db::Connection& t) {
    auto managed = facility_in_scope(t, principal, facility_id);
    store::update_facility(t, checked_facility(t, managed.office, input, facility_id));
    audit(t, principal, "facility.changed", "facility", facility_id, managed.office, client, now, "");
  });
}

}  // namespace yoyaku::services
