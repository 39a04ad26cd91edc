#pragma once
// The booking form (STEP5, 予約変更) as pages show and read it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/public/booking_form.hpp"
#include "services/public/search.hpp"
#include "web/context.hpp"

namespace yoyaku::web {

// ご相談内容 checkboxes: [{code, label, checked}].
nlohmann::json topic_options_view(const std::vector<std::string>& chosen);
// The chosen ones, in the manual's order: [{code, label}].
nlohmann::json selected_topics_view(const std::vector<std::string>& chosen);
// {family_name, given_name, job_seeker_number, phone, staff_note} for the form's inputs.
nlohmann::json form_values_view(const services::ReservationForm& form);
// 手続き検索's parameters (q, synonyms, pref, kind, sort, page, per_page); `ascending` is the
// sort value that asks for 受付開始 昇順 ("asc" on the page, "reception_start_asc" on the API).
services::ProcedureQuery procedure_query(const RequestContext& ctx, const std::string& ascending);
// ハローワーク職員用項目: 表示 when there is a note or an error about it, or when 表示 was chosen.
bool show_staff_note(const RequestContext& ctx, const services::ReservationForm& values,
                     const std::map<std::string, std::string>& errors);
// What a page posted.
services::ReservationForm posted_reservation_form(const RequestContext& ctx, const std::string& hold_id);

}  // namespace yoyaku::web
