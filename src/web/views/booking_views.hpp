#pragma once
// View builders for reserving: each turns one service result into the JSON
// object that both its page (as template data) and its API endpoint (as the
// body) use, so the two renderings cannot drift apart.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/public/booking.hpp"
#include "services/public/search.hpp"

namespace yoyaku::web {

// {id, title, kind, description, terms, contact{name, phone, fax, email},
//  reception_start, reception_end (null: 随時), reception_text}
nlohmann::json procedure_view(const services::Procedure& procedure);
// procedure_view plus office{code, name, prefecture}, booking_window{from, to}
// and facilities[{id, name, address, phone, opening_hours, map_url}].
nlohmann::json procedure_details_view(const services::ProcedureDetails& details);
// A 手続き一覧 row: {id, office_code, title, kind, reception_start, reception_end, url, …_text}.
nlohmann::json procedure_hit_view(const services::ProcedureHit& hit);
// {id, facility, frame, date, start, end, capacity, available, status, date_text, time_text}
nlohmann::json slot_view(const services::SlotView& slot);
// The API's list of a day's slots as JSON text: exactly the dump() of an array
// of slot_view, written directly (building a json object per slot was a third
// of a slot list's time).
std::string slot_list_json(const std::vector<services::SlotView>& slots);
// The API's booking calendar as JSON text, written directly like the slot list:
// {procedure_id, from, days, facilities[{id, name, frames[{id, name,
// days[{date, status}]}]}]}, a facility once with its frames in the rows' order.
std::string calendar_json(std::int64_t procedure_id, domain::Date from, int days,
                          const std::vector<services::CalendarRow>& rows);
// {hold_id, procedure_id, expires_at, expires_text, slot, form_url, terms_url, extend_url, cancel_url}
nlohmann::json hold_view(const services::HoldView& hold);

// A text in parts [{text, url: null} | {url}], its http(s):// addresses as links
// (domain::link_parts; the templates escape both): a procedure's 説明, お知らせ.
nlohmann::json text_with_links(const std::string& text);

}  // namespace yoyaku::web
