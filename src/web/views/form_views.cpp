#include "web/views/form_views.hpp"

#include <algorithm>

#include "domain/forms.hpp"

namespace yoyaku::web {

nlohmann::json topic_options_view(const std::vector<std::string>& chosen) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& option : domain::topic_options()) {
    bool checked = std::find(chosen.begin(), chosen.end(), option.code) != chosen.end();
    options.push_back({{"code", option.code}, {"label", option.label}, {"checked", checked}});
  }
  return options;
}

nlohmann::json selected_topics_view(const std::vector<std::string>& chosen) {
  nlohmann::json topics = nlohmann::json::array();
  for (const auto& option : domain::topic_options()) {
    if (std::find(chosen.begin(), chosen.end(), option.code) != chosen.end()) {
      topics.push_back({{"code", option.code}, {"label", option.label}});
    }
  }
  return topics;
}

nlohmann::json form_values_view(const services::ReservationForm& form) {
  return {{"family_name", form.family_name}, {"given_name", form.given_name},
          {"job_seeker_number", form.job_seeker_number}, {"phone", form.phone}, {"staff_note", form.staff_note}};
}

services::ProcedureQuery procedure_query(const RequestContext& ctx, const std::string& ascending) {
  auto positive_or = [](std::optional<int> value, int fallback) { return value && *value > 0 ? *value : fallback; };
  services::ProcedureQuery query;
  query.text = ctx.query_or("q", "");
  query.synonyms = ctx.query("synonyms") == std::optional<std::string>("1");
  query.pref_code = ctx.query_or("pref", "");
  query.kind = ctx.query_or("kind", "");
  query.oldest_first = ctx.query("sort") == std::optional<std::string>(ascending);
  query.page = positive_or(ctx.query_int("page"), 1);
  query.per_page = positive_or(ctx.query_int("per_page"), 10);
  return query;
}

bool show_staff_note(const RequestContext& ctx, const services::ReservationForm& values,
                     const std::map<std::string, std::string>& errors) {
  if (ctx.field("action") == "clear_staff_note") return false;
  return !values.staff_note.empty() || errors.count("staff_note") || ctx.field("staff_note_shown") == "1";
}

services::ReservationForm posted_reservation_form(const RequestContext& ctx, const std::string& hold_id) {
  services::ReservationForm form;
  form.hold_id = hold_id;
  form.family_name = ctx.field("family_name");
  form.given_name = ctx.field("given_name");
  form.job_seeker_number = ctx.field("job_seeker_number");
  form.phone = ctx.field("phone");
  form.topics = ctx.fields("topics");
  form.staff_note = ctx.field("staff_note");
  return form;
}

}  // namespace yoyaku::web
