#pragma once
// Views of an office's administration (contact data, closures) and of the
// bookings a change would strand, shared by the staff pages and the API.
#include <nlohmann/json.hpp>

#include "services/admin/office_admin.hpp"

namespace yoyaku::web {

// {postal_code, address, phone, consultation_phone, fax, opening_hours, map_url} ("" when unset).
nlohmann::json office_contact_view(const domain::OfficeContact& contact);
// {code, name, prefecture, contact{…}, facilities[{id,name}], frames[{id,name,procedure,facility}],
//  closures[{id, from, to, period_text, reason, target, target_text}]}.
nlohmann::json managed_office_view(const services::ManagedOffice& office);
// [{number, url, date, date_text, start, end, time_text, family_name, given_name, procedure, facility, frame}]
nlohmann::json affected_bookings_view(const std::vector<services::AffectedBooking>& bookings);
// The closure targets of the form's select: "office", "facility:ID", "frame:ID".
nlohmann::json closure_target_choices(const services::ManagedOffice& office, const std::string& selected);

}  // namespace yoyaku::web
